"""Processes and topic readers for integration tests: the real CLI against the real broker."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.evaluation.stream_bench import free_port

T = TypeVar("T")
CLI = [sys.executable, "-m", "streams.cli"]
#: Seconds before the group gives a killed worker's partitions away (tests that SIGKILL workers).
SESSION_TIMEOUT = "8"


def namespace_env(bootstrap: str, data_dir: Path) -> dict[str, str]:
    """Environment for one test's processes: own topics, consumer group and state dir."""
    run = f"t{uuid.uuid4().hex[:10]}"
    return {
        "NEWSEVENTS_BROKER": f"kafka://{bootstrap}",
        "NEWSEVENTS_TOPIC_PREFIX": f"{run}.",
        "NEWSEVENTS_APP_ID": run,
        "NEWSEVENTS_DATA_DIR": str(data_dir),
        # The tests' expectations resolve every report offline, with no window; the synthetic
        # corpus spans 90 days, published in random order.
        "NEWSEVENTS_RESOLUTION_WINDOW_DAYS": "365",
    }


def wait_for(condition: Callable[[], T], timeout: float = 60.0, what: str = "condition",
              interval: float = 0.2) -> T:
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a loop of its own thread: the browser tests' Playwright
    keeps a loop running in the main thread, where `asyncio.run` would refuse."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def http_get(url: str) -> tuple[int, Any]:
    """(status, parsed JSON or text) of a GET; (0, error) when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read().decode(), exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return 0, str(exc)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


def run_cli(env: dict[str, str], *args: str, stdin: bytes | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `newsevents ARGS` as a user would, in the test's namespace."""
    return subprocess.run([*CLI, *args], env={**os.environ, **env}, input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=timeout)


class Worker:
    """A `newsevents worker` process with its web port, stopped (and its log kept) at the end."""

    def __init__(self, env: dict[str, str], log_path: Path, *, stderr_path: Path | None = None,
                 **settings: str) -> None:
        self.port = int(settings.get("NEWSEVENTS_WEB_PORT") or free_port())
        self.env = {**os.environ, **env, **settings, "NEWSEVENTS_WEB_PORT": str(self.port)}
        self.log_path = log_path
        self.stderr_path = stderr_path  # None: stderr goes to the log with stdout
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> "Worker":
        log = open(self.log_path, "ab")
        errors = open(self.stderr_path, "ab") if self.stderr_path else subprocess.STDOUT
        self.proc = subprocess.Popen([*CLI, "worker"], env=self.env, stdout=log, stderr=errors,
                                     start_new_session=True)
        wait_for(lambda: self._alive() and http_get(f"{self.url}/ready")[0] == 200, timeout,
                 f"worker on port {self.port} to be ready (log: {self.log_path})")
        return self

    def _alive(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
        return True

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def get(self, path: str) -> tuple[int, Any]:
        return http_get(f"{self.url}{path}")


class TopicReader:
    """Reads topics from the beginning as a subscriber would; accumulates decoded records."""

    def __init__(self, bootstrap: str, *topics: str) -> None:
        self.bootstrap = bootstrap
        self.topics = topics
        self.records: list[tuple[str, bytes | None, bytes | None]] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._consumer = self._run(self._start())

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    async def _start(self) -> AIOKafkaConsumer:
        consumer = AIOKafkaConsumer(*self.topics, bootstrap_servers=self.bootstrap, group_id=None,
                                    isolation_level="read_committed", auto_offset_reset="earliest",
                                    metadata_max_age_ms=1000)
        await consumer.start()
        return consumer

    def poll(self) -> list[tuple[str, bytes | None, bytes | None]]:
        batch = self._run(self._consumer.getmany(timeout_ms=300))
        for messages in batch.values():
            self.records.extend((m.topic, m.key, m.value) for m in messages)
        return self.records

    def json_values(self, topic: str | None = None) -> list[dict[str, Any]]:
        return [json.loads(v) for t, _, v in self.records if v is not None and (topic is None or t == topic)]

    def wait(self, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float,
             what: str) -> list[dict[str, Any]]:
        """Read until the JSON values read so far satisfy `predicate`; return them."""
        def satisfied() -> list[dict[str, Any]] | None:
            self.poll()
            values = self.json_values()
            return values if predicate(values) else None
        return wait_for(satisfied, timeout, what, interval=0)

    def close(self) -> None:
        self._run(self._consumer.stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


def topic_name(namespace: dict[str, str], name: str) -> str:
    """The topic `name` of a test's namespace (its prefix)."""
    return namespace["NEWSEVENTS_TOPIC_PREFIX"] + name


def produce_raw(bootstrap: str, topic: str, payloads: list[tuple[bytes | None, bytes | None]]) -> list[tuple[int, int]]:
    """Send exact bytes, as any Kafka client could (the publisher would refuse bad inputs);
    the (partition, offset) of each record, in order."""
    async def send() -> list[tuple[int, int]]:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, max_request_size=4_000_000, linger_ms=5)
        await producer.start()
        try:
            sent = [await producer.send(topic, key=key, value=value) for key, value in payloads]
            return [((meta := await future).partition, meta.offset) for future in sent]
        finally:
            await producer.stop()
    return run_async(send())


def new_york_meeting(values: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sample article's meeting in New York (USA, ARM, AZE), among event records."""
    return next((v for v in values if v.get("type") == "meeting" and v.get("date") == "2022-09-19"
                 and {p["country"] for p in v["participants"]} == {"USA", "ARM", "AZE"}), None)


def publish_articles(env: dict[str, str], tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    """Publish articles (dicts) with `newsevents publish`, asserting every one was sent."""
    path = tmp_path / f"articles-{articles[0]['id']}.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    done = run_cli(env, "publish", "--no-progress", str(path))
    assert done.returncode == 0 and f"sent {len(articles)}, rejected 0" in done.stdout, done.stdout + done.stderr


class NoEvents:
    """An extractor that finds nothing: for tests of the app that need no NLP."""

    version = "none"

    def extract(self, article: object) -> list:
        return []

    def extract_batch(self, articles: list) -> list:
        return [[] for _ in articles]


class RecordingTopic:
    """A stand-in for a faust topic in handler tests: records what is sent; `send` returns
    the acknowledgement future, as faust's does."""

    def __init__(self) -> None:
        self.sent: list[tuple[Any, Any]] = []
        self.headers: list[dict[str, bytes] | None] = []  # of each record sent

    async def send(self, *, key: Any, value: Any, headers: dict[str, bytes] | None = None,
                   **_: Any) -> "asyncio.Future[None]":
        self.sent.append((key, value))
        self.headers.append(headers)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


class ChangelogDict(dict):
    """A stand-in for a faust table in handler tests: a dict that records each change as the
    table's changelog would carry it, (key, value) or (key, None) for a deletion."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[tuple[Any, Any]] = []

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.changes.append((key, value))

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        self.changes.append((key, None))
