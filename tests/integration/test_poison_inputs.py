"""Poison inputs on the real broker: each lands in `articles.rejected` with its reason, the
worker stays up and processes the next good article, and everything it logs is JSON."""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import TopicReader, Worker, namespace_env, new_york_meeting, produce_raw, topic_name, wait_for

pytestmark = pytest.mark.kafka

MAX_BYTES = 1_000_000  # the default limit, whose just-over rejection did not fit in a request
GOOD_AT = "2024-03-04T00:00:00Z"


def _article(article_id: str, **fields: object) -> bytes:
    return json.dumps({"id": article_id, "published_at": GOOD_AT, "body": "Ministers met.", **fields}).encode()


POISON: dict[bytes, tuple[bytes, str, str]] = {  # key: (value, reason, words of the detail)
    b"deep": (b"[" * 20_000 + b"]" * 20_000, "invalid_article", "nested deeper than"),
    b"just-over": (_article("just-over", body="x" * MAX_BYTES), "too_large", "over the limit"),
    b"digits": (b'{"id": "digits", "n": ' + b"9" * 5_000 + b"}", "not_json", "digits"),
    b"future": (_article("future", published_at="2999-01-01T00:00:00Z"), "invalid_article", "future"),
    b"script-url": (_article("script-url", url="javascript:alert(1)"), "invalid_article", "url"),
    b"surrogate": (b'{"id": "surrogate", "published_at": "2024-03-04T00:00:00Z", "body": "a \\ud800 b"}',
                   "invalid_article", "lone surrogate"),  # parsed by Python, but cannot be encoded to send on
}


@pytest.fixture(scope="module")
def namespace(kafka: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return namespace_env(kafka, tmp_path_factory.mktemp("robust") / "worker")


@pytest.fixture(scope="module")
def worker(namespace: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    logs = tmp_path_factory.mktemp("robust-logs")
    started = Worker(namespace, logs / "stdout.log", stderr_path=logs / "stderr.log").start()
    yield started
    started.stop()


def test_poison_records_are_rejected_and_the_worker_goes_on(
        worker: Worker, namespace: dict[str, str], kafka: str, sample_path: Path) -> None:
    articles = topic_name(namespace, "articles")
    good = json.loads(sample_path.read_text())["article"]
    produce_raw(kafka, articles, [(key, value) for key, (value, _, _) in POISON.items()]
                 + [(good["id"].encode(), json.dumps(good).encode())])

    rejected = TopicReader(kafka, topic_name(namespace, "articles.rejected"))
    try:
        records = rejected.wait(lambda vs: len(vs) >= len(POISON), 120, "a rejection for each poison record")
    finally:
        rejected.close()
    by_key = {r["key"]: r for r in records}
    assert set(by_key) == {key.decode() for key in POISON}
    for key, (value, reason, words) in POISON.items():
        record = by_key[key.decode()]
        assert (record["reason"], record["topic"]) == (reason, articles), record
        assert words in record["detail"], record["detail"]
        assert record["original_size"] == len(value)
        assert record["original_sha256"] == hashlib.sha256(value).hexdigest()
        if key == b"just-over":
            assert record["original"] is None, "over what a request carries: size and digest only"
        else:
            assert base64.urlsafe_b64decode(record["original"]) == value

    events = TopicReader(kafka, topic_name(namespace, "events.meeting"))
    try:
        events.wait(lambda vs: new_york_meeting(vs) is not None, 120, "the good article's meeting after the poison")
    finally:
        events.close()
    assert worker.alive()
    stats = wait_for(lambda: (r := worker.get("/api/stats"))[0] == 200 and r[1]["articles_processed"] == 1 and r[1],
                     30, "the good article counted as processed")
    assert stats["articles_rejected"] == {"invalid_article": 4, "too_large": 1, "not_json": 1}


def test_every_line_the_worker_prints_is_json(worker: Worker) -> None:
    worker.stop()  # so that its shutdown is read too
    lines = worker.log().splitlines()
    loggers = set()
    for line in lines:
        record = json.loads(line)  # fails on the first line that is not one JSON object
        assert {"event", "level", "timestamp"} <= record.keys(), line
        loggers.add(record.get("logger", "").split(".")[0])
    assert {"newsevents", "faust", "mode"} <= loggers, "the libraries' logs go through the same formatter"
