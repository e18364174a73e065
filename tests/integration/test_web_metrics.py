"""The worker's operational views on the real broker: `/metrics` counts what was published,
`/api/stats` adds throughput and consumer lag, `/ready` is 503 until partitions are assigned."""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from helpers import CLI, Worker, http_get, run_cli, wait_for

pytestmark = pytest.mark.kafka

PUBLISHED = "2024-03-04T09:00:00Z"
GOOD = [
    {"id": "m-paris", "published_at": PUBLISHED,
     "body": "The foreign ministers of France and Germany met in Paris on Tuesday to discuss support "
             "for Ukraine, the French foreign ministry said."},
    {"id": "m-adre", "published_at": PUBLISHED,
     "body": "Sudanese and Chadian troops clashed on Friday near the border town of Adre, Sudan's army "
             "said, and 20 Sudanese soldiers were killed."},
]
BAD = [  # valid for `newsevents publish`, refused by the worker
    {"id": "m-french", "published_at": PUBLISHED, "language": "fr", "body": "Les ministres se sont rencontrés."},
    {"id": "m-blank", "published_at": PUBLISHED, "body": "  \n "},
]


@pytest.fixture
def worker(namespace: dict[str, str], tmp_path: Path):
    started = Worker(namespace, tmp_path / "worker.log").start()
    yield started
    started.stop()


def _metrics(worker: Worker) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    """`/metrics` parsed by Prometheus' own parser: sample name -> {sorted labels: value}."""
    status, text = worker.get("/metrics")
    assert status == 200
    samples: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def _stats_settled(worker: Worker, processed: int, rejected: int, duplicate: int) -> dict[str, Any] | None:
    status, stats = worker.get("/api/stats")
    if status != 200:
        return None
    done = (stats["articles_processed"] == processed and sum(stats["articles_rejected"].values()) == rejected
            and stats["articles_duplicate"] == duplicate)
    return stats if done else None


def test_metrics_and_stats_count_what_was_published(worker: Worker, namespace: dict[str, str],
                                                   sample_path: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in GOOD + BAD))
    for path in (sample_path, articles, sample_path):  # the second sample is a duplicate
        published = run_cli(namespace, "publish", str(path))
        assert published.returncode == 0, published.stderr
    good, sent = 1 + len(GOOD), 2 + len(GOOD) + len(BAD)

    stats = wait_for(lambda: _stats_settled(worker, good, len(BAD), 1), 120, "the worker to count every input")
    samples = _metrics(worker)
    assert samples["newsevents_articles_processed_total"][()] == good
    assert samples["newsevents_articles_duplicate_total"][()] == 1
    rejected = {dict(labels)["reason"]: value for labels, value in samples["newsevents_articles_rejected_total"].items()}
    assert rejected == {"not_english": 1, "empty_body": 1}
    emitted = {dict(labels)["type"]: value for labels, value in samples["newsevents_events_emitted_total"].items()}
    assert emitted == stats["events_emitted"] and sum(emitted.values()) > 0
    assert samples["newsevents_extraction_seconds_count"][()] == good
    assert samples["newsevents_uptime_seconds"][()] > 0

    # Throughput: the per-minute counts add up to the counters.
    assert len(stats["throughput"]) == 15
    assert sum(m["articles"] for m in stats["throughput"]) == good
    assert sum(m["events"] for m in stats["throughput"]) == sum(emitted.values())
    assert sum(m["rejected"] for m in stats["throughput"]) == len(BAD)
    assert stats["uptime_s"] > 0
    assert stats["extraction"]["count"] == good

    # Lag: every partition of `articles` is assigned to this only worker; together they hold
    # every record sent, and once the offsets are committed nothing is left to process.
    articles_topic = namespace["NEWSEVENTS_TOPIC_PREFIX"] + "articles"

    def caught_up() -> list[dict[str, Any]] | None:
        rows = [r for r in worker.get("/api/stats")[1]["lag"] if r["topic"] == articles_topic]
        return rows if sum(r["highwater"] or 0 for r in rows) == sent and all(r["lag"] == 0 for r in rows) else None
    rows = wait_for(caught_up, 60, "the articles partitions to be committed up to their highwater")
    assert sorted(r["partition"] for r in rows) == list(range(8))
    assert all(r["committed"] == r["highwater"] for r in rows if r["highwater"]), rows
    lag = {dict(labels)["partition"]: value for labels, value in _metrics(worker)["newsevents_consumer_lag"].items()
           if dict(labels)["topic"] == articles_topic}
    assert set(lag) == {str(p) for p in range(8)} and sum(lag.values()) == 0


def test_ready_is_503_until_partitions_are_assigned(namespace: dict[str, str], tmp_path: Path) -> None:
    """Polled from the moment the worker's web server answers: not ready (503, nothing
    assigned or tables not recovered) first, then ready (200) with partitions and the broker."""
    worker = Worker(namespace, tmp_path / "worker.log")
    log = open(worker.log_path, "ab")
    worker.proc = subprocess.Popen([*CLI, "worker"], env=worker.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    answers: list[tuple[int, Any]] = []
    try:
        deadline = time.monotonic() + 120
        while not answers or answers[-1][0] != 200:
            assert worker.alive(), f"worker exited:\n{worker.log()[-3000:]}"
            assert time.monotonic() < deadline, f"not ready in time; answers: {answers[-3:]}"
            status, body = http_get(f"{worker.url}/ready")
            if status:  # 0: the web server does not answer yet
                answers.append((status, body))
            time.sleep(0.05)
        status, body = worker.get("/health")
        assert status == 200 and body["status"] == "ok"
    finally:
        worker.stop()
        log.close()

    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[0] == 503, "the web server answers before the partitions are assigned"
    first_ready = statuses.index(200)
    for status, body in answers[:first_ready]:
        assert body["ready"] is False
        assert not body["assigned"] or not body["recovered"] or body["rebalancing"] or not body["broker_reachable"]
    body = answers[first_ready][1]
    assert body["ready"] is True and body["recovered"] is True and body["broker_reachable"] is True
    articles = namespace["NEWSEVENTS_TOPIC_PREFIX"] + "articles"
    assert {f"{articles}:{p}" for p in range(8)} <= set(body["assigned"])
