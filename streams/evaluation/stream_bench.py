"""End-to-end benchmark of the service: real workers on the real broker.

Starts `newsevents worker` processes in a namespace of their own (topic prefix, consumer group,
state dirs), publishes the articles, waits until the workers have processed all of them, and
measures from the records' own Kafka timestamps: articles/s from the first article in to the
last event out, and per article the latency from its publication to its first event record.
Peak RSS is a worker's high-water mark (VmHWM), its NLP processes' added. Beside it, on the same broker and
texts: a raw aiokafka pass-through (what the broker allows).
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
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from schemas import Article
from streams.evaluation.bench import percentile
from streams.settings import Settings
from streams.topics import ACCEPTED, ARTICLES, EVENT_TOPICS, ensure_topics


@dataclass(frozen=True)
class StreamBenchResult:
    """One run of the service: `workers` worker processes in one group."""

    articles: int
    events: int
    workers: int
    nlp_processes: int  # of each worker
    rate: float | None  # articles/s published; None for a burst
    articles_per_s: float
    p50_ms: float
    p99_ms: float
    ingest_p50_ms: float  # of the latency: publication -> accepted article (the ingest agent)
    extract_p50_ms: float  # accepted article -> first event (batching, NLP, sends)
    ingest_p99_ms: float
    extract_p99_ms: float
    settle_s: float  # the steady figures leave out the articles published in the first settle_s seconds
    steady_p50_ms: float
    steady_p99_ms: float
    worker_peak_rss_mb: float  # the largest of the workers' high-water marks, each with its children's
    worker_cpu_ms: float  # CPU time per article of the workers' own processes (event loop, consumer)
    nlp_cpu_ms: float  # CPU time per article of their children (the NLP processes)


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


def _descendants(pid: int) -> list[int]:
    """`pid` and every process it started, and they in turn (Linux /proc)."""
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                frontier += [int(child) for child in (task / "children").read_text().split()]
            except OSError:  # the thread or process ended meanwhile
                continue
    return found


def _cpu_s(pid: int) -> float:
    """User and system CPU seconds a process used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_of(workers: list[tuple[subprocess.Popen, int]]) -> tuple[float, float]:
    """CPU seconds so far of the workers' own processes, and of their children."""
    own = sum(_cpu_s(worker.pid) for worker, _ in workers)
    return own, sum(_cpu_s(p) for worker, _ in workers for p in _descendants(worker.pid)[1:])


def _peak_rss_mb(pid: int) -> float:
    """A worker's memory high-water mark (VmHWM) with its children's (the NLP process, the
    multiprocessing resource tracker) added: an upper bound of what it held at once."""
    total = 0
    for process in _descendants(pid):
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:  # it ended meanwhile
            continue
        total += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return total / 1024


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


def _start_workers(base: Settings, run: str, count: int, nlp_processes: int,
                   data_dir: str) -> list[tuple[subprocess.Popen, int]]:
    workers = []
    for n in range(count):
        port = free_port()
        env = {**os.environ, "NEWSEVENTS_BROKER": base.broker, "NEWSEVENTS_TOPIC_PREFIX": f"{run}.",
               "NEWSEVENTS_APP_ID": run, "NEWSEVENTS_WEB_PORT": str(port),
               "NEWSEVENTS_NLP_PROCESSES": str(nlp_processes),
               "NEWSEVENTS_DATA_DIR": os.path.join(data_dir, f"w{n}"), "NEWSEVENTS_LOG_LEVEL": "warning"}
        workers.append((subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], env=env,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port))
    for worker, port in workers:
        _wait(lambda: _ready(port), 180, "the workers to be ready", worker)
    if count > 1:  # the group has settled: every worker holds partitions of the input
        for worker, port in workers:
            _wait(lambda: _ready(port) and _assigned_inputs(port), 120, "every worker to hold partitions", worker)
    return workers


def _assigned_inputs(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5) as response:
            return any(tp.split(":")[0].endswith(ARTICLES) for tp in json.loads(response.read())["assigned"])
    except OSError:
        return False


def _done(ports: list[int]) -> int:
    stats = [_stats(port) for port in ports]
    return -1 if None in stats else sum(s["articles_processed"] + sum(s["articles_rejected"].values()) for s in stats)


def run_stream_benchmark(articles: Sequence[Article], base: Settings, rate: float | None = None,
                         workers: int = 1, nlp_processes: int | None = None,
                         timeout: float = 900.0, settle_s: float = 0.0) -> StreamBenchResult:
    """Publish `articles` (a burst, or `rate` per second) to fresh workers and time them; each
    worker runs `nlp_processes` NLP processes (default: the setting's). CPU is counted from the
    first publication on (the model loads are left out).

    The steady latency leaves out the articles published in the first `settle_s` seconds: the
    first seconds after a worker and its topics start are slower (the broker's CPU, measured,
    runs at two to four times its later rate while it first writes the new partitions), and a
    queue that builds then drains slowly at a rate close to capacity."""
    run = f"bench-{uuid.uuid4().hex[:8]}"
    settings = Settings(broker=base.broker, topic_prefix=f"{run}.", app_id=run)
    nlp = base.nlp_processes if nlp_processes is None else nlp_processes
    with tempfile.TemporaryDirectory() as data_dir:
        started = _start_workers(base, run, workers, nlp, data_dir)
        ports = [port for _, port in started]
        try:
            own_before, child_before = _cpu_of(started)
            asyncio.run(_publish(settings, articles, rate))
            _wait(lambda: _done(ports) >= len(articles), timeout, "every article to be processed", started[0][0])
            rss = max(_peak_rss_mb(worker.pid) for worker, _ in started)
            own_after, child_after = _cpu_of(started)
            own_cpu, child_cpu = own_after - own_before, child_after - child_before
            events_out = int(sum(sum(_stats(port)["events_emitted"].values()) for port in ports))
        finally:
            for worker, _ in started:
                worker.terminate()
            for worker, _ in started:
                worker.wait(60)
        event_topics = [settings.topic(t) for t in EVENT_TOPICS.values()]
        inputs = [settings.topic(ARTICLES), settings.topic(ACCEPTED)]
        records = asyncio.run(_timestamps(settings, [*inputs, *event_topics], 2 * len(articles) + events_out))
    published = {json.loads(v)["id"]: ts for t, v, ts in records if t == inputs[0]}
    accepted = {json.loads(v)["id"]: ts for t, v, ts in records if t == inputs[1]}
    first_event: dict[str, int] = {}
    for topic, value, ts in records:
        if topic not in inputs:
            article_id = json.loads(value)["article"]["id"]
            first_event[article_id] = min(ts, first_event.get(article_id, ts))
    latency = {a: first_event[a] - published[a] for a in first_event if a in published}
    latencies = list(latency.values())
    settled = min(published.values(), default=0) + settle_s * 1000
    steady = [ms for a, ms in latency.items() if published[a] >= settled]
    ingest = [accepted[a] - published[a] for a in first_event if a in published and a in accepted]
    extract = [first_event[a] - accepted[a] for a in first_event if a in accepted]
    span_s = (max(first_event.values()) - min(published.values())) / 1000 if first_event else float("nan")
    return StreamBenchResult(articles=len(articles), events=events_out, workers=workers, nlp_processes=nlp, rate=rate,
                             articles_per_s=round(len(articles) / span_s, 2),
                             p50_ms=round(percentile(latencies, 50), 1), p99_ms=round(percentile(latencies, 99), 1),
                             ingest_p50_ms=round(percentile(ingest, 50), 1),
                             extract_p50_ms=round(percentile(extract, 50), 1),
                             ingest_p99_ms=round(percentile(ingest, 99), 1),
                             extract_p99_ms=round(percentile(extract, 99), 1), settle_s=settle_s,
                             steady_p50_ms=round(percentile(steady, 50), 1),
                             steady_p99_ms=round(percentile(steady, 99), 1),
                             worker_peak_rss_mb=round(rss, 1),
                             worker_cpu_ms=round(1000 * own_cpu / len(articles), 1),
                             nlp_cpu_ms=round(1000 * child_cpu / len(articles), 1))


def run_raw_passthrough(articles: Sequence[Article], base: Settings) -> float:
    """Articles/s of a bare aiokafka consume -> produce of the same JSON on the same broker:
    what the broker and a client allow, with no work in between."""
    run = f"bench-raw-{uuid.uuid4().hex[:8]}"
    settings = Settings(broker=base.broker, topic_prefix=f"{run}.", app_id=run)
    asyncio.run(_publish(settings, articles, None))

    async def relay() -> float:
        consumer = AIOKafkaConsumer(settings.topic(ARTICLES), bootstrap_servers=settings.bootstrap_servers,
                                    group_id=run, auto_offset_reset="earliest", enable_auto_commit=False)
        producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5)
        await consumer.start()
        await producer.start()
        try:
            sends, started = [], None
            while len(sends) < len(articles):
                for messages in (await consumer.getmany(timeout_ms=500)).values():
                    started = started or time.perf_counter()
                    for m in messages:
                        sends.append(await producer.send(settings.topic("raw-out"), key=m.key, value=m.value))
            await asyncio.gather(*sends)
            await consumer.commit()
            return len(articles) / (time.perf_counter() - started)
        finally:
            await producer.stop()
            await consumer.stop()
    return round(asyncio.run(relay()), 1)

