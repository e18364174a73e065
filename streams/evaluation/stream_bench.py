"""End-to-end benchmark of the service: a real worker on the real broker.

Starts `newsevents worker` in a namespace of its own (topic prefix, consumer group, state dir),
publishes the articles, waits until the worker has processed all of them, and measures from
the records' own Kafka timestamps: articles/s from the first article in to the last event
out, and per article the latency from its publication to its first event record. Peak RSS is
the worker process's high-water mark (VmHWM).
"""
from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from schemas import Article
from streams.evaluation.bench import percentile
from streams.settings import Settings
from streams.topics import ARTICLES, EVENT_TOPICS, ensure_topics


@dataclass(frozen=True)
class StreamBenchResult:
    articles: int
    events: int
    articles_per_s: float
    p50_ms: float
    p99_ms: float
    worker_peak_rss_mb: float


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stats(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _wait(condition, timeout: float, what: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited with {worker.returncode} while waiting for {what}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def _publish(settings: Settings, articles: Sequence[Article], rate: float | None) -> None:
    """Send every article, all at once (a burst) or `rate` per second (a steady stream)."""
    await ensure_topics(settings)
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5)
    await producer.start()
    try:
        start = time.monotonic()
        sends = []
        for n, article in enumerate(articles):
            if rate:
                await asyncio.sleep(max(0.0, start + n / rate - time.monotonic()))
            sends.append(await producer.send(settings.topic(ARTICLES), key=article.id.encode(),
                                             value=article.model_dump_json().encode()))
        await asyncio.gather(*sends)
    finally:
        await producer.stop()


async def _timestamps(settings: Settings, topics: list[str], expected: int) -> list[tuple[str, bytes, int]]:
    """(topic, value, timestamp ms) of every record of `topics`, read until `expected` are in."""
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=settings.bootstrap_servers, group_id=None,
                                isolation_level="read_committed", auto_offset_reset="earliest")
    await consumer.start()
    records: list[tuple[str, bytes, int]] = []
    try:
        idle = 0
        while len(records) < expected or idle < 3:
            batch = await consumer.getmany(timeout_ms=500)
            got = [(m.topic, m.value, m.timestamp) for ms in batch.values() for m in ms]
            records += got
            idle = 0 if got else idle + 1
    finally:
        await consumer.stop()
    return records


def run_stream_benchmark(articles: Sequence[Article], base: Settings, rate: float | None = None,
                         timeout: float = 900.0) -> StreamBenchResult:
    run = f"bench-{uuid.uuid4().hex[:8]}"
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "NEWSEVENTS_BROKER": base.broker, "NEWSEVENTS_TOPIC_PREFIX": f"{run}.",
               "NEWSEVENTS_APP_ID": run, "NEWSEVENTS_WEB_PORT": str(port), "NEWSEVENTS_DATA_DIR": data_dir,
               "NEWSEVENTS_LOG_LEVEL": "warning"}
        settings = Settings(broker=base.broker, topic_prefix=f"{run}.", app_id=run)
        worker = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: _ready(port), 120, "the worker to be ready", worker)
            asyncio.run(_publish(settings, articles, rate))
            _wait(lambda: (s := _stats(port)) is not None
                  and s["articles_processed"] + sum(s["articles_rejected"].values()) >= len(articles),
                  timeout, "every article to be processed", worker)
            rss = _peak_rss_mb(worker.pid)
            events_out = int(sum(_stats(port)["events_emitted"].values()))
        finally:
            worker.terminate()
            worker.wait(60)
        event_topics = [settings.topic(t) for t in EVENT_TOPICS.values()]
        records = asyncio.run(_timestamps(settings, [settings.topic(ARTICLES), *event_topics],
                                          len(articles) + events_out))
    published = {json.loads(v)["id"]: ts for t, v, ts in records if t == settings.topic(ARTICLES)}
    first_event: dict[str, int] = {}
    for topic, value, ts in records:
        if topic != settings.topic(ARTICLES):
            article_id = json.loads(value)["article"]["id"]
            first_event[article_id] = min(ts, first_event.get(article_id, ts))
    latencies = [first_event[a] - published[a] for a in first_event if a in published]
    span_s = (max(first_event.values()) - min(published.values())) / 1000 if first_event else float("nan")
    return StreamBenchResult(articles=len(articles), events=events_out,
                             articles_per_s=round(len(articles) / span_s, 2),
                             p50_ms=round(percentile(latencies, 50), 1), p99_ms=round(percentile(latencies, 99), 1),
                             worker_peak_rss_mb=round(rss, 1))


def as_json(result: StreamBenchResult) -> str:
    return json.dumps(asdict(result))
