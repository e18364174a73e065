"""The service end to end on the real broker: `newsevents publish` -> worker -> event topics,
the dead-letter topic, and the events table through the worker's web view."""
from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import TopicReader, Worker, new_york_meeting, produce_raw, run_cli, topic_name, wait_for

pytestmark = pytest.mark.kafka

MAX_BYTES = 200_000


@pytest.fixture
def worker(namespace: dict[str, str], tmp_path: Path):
    started = Worker(namespace, tmp_path / "worker.log", NEWSEVENTS_MAX_ARTICLE_BYTES=str(MAX_BYTES)).start()
    yield started
    started.stop()


def _armenian_figures(values: list[dict[str, Any]]) -> set[tuple[str, str, int]]:
    return {(f["outcome"], f["category"], f["count"]) for v in values
            if v.get("type") == "casualty_update" and (v.get("party") or {}).get("country") == "ARM"
            for f in v["figures"]}


EXPECTED_ARMENIAN = {("killed_or_missing", "military", 207), ("wounded", "military", 293),
                     ("captured", "military", 20), ("killed", "civilian", 3)}


def test_seed_article_events_reach_topics_and_table(worker: Worker, namespace: dict[str, str],
                                                    kafka: str, sample_path: Path) -> None:
    published = run_cli(namespace, "publish", str(sample_path))
    assert published.returncode == 0, published.stderr
    assert "sent 1, rejected 0" in published.stdout

    reader = TopicReader(kafka, topic_name(namespace, "events.meeting"), topic_name(namespace, "events.casualty"))
    try:
        values = reader.wait(lambda vs: new_york_meeting(vs) and EXPECTED_ARMENIAN <= _armenian_figures(vs),
                             120, "the New York meeting and Armenia's figures on the event topics")
        keys = {k.decode() for _, k, _ in reader.records}
    finally:
        reader.close()

    meeting = new_york_meeting(values)
    assert meeting["location"]["country"] == "USA"
    assert "New York" in (meeting["location"]["name"] or "")
    assert len(meeting["participants"]) == 3
    body = json.loads(sample_path.read_text())["article"]["body"]
    for event in values:
        assert event["id"] in keys, "every record is keyed by its event id"
        assert event["article"]["id"] == "seed-armenia-azerbaijan-2022-09-19"
        assert event["schema_version"] == 1
        evidence = event["evidence"]
        assert body[evidence["start"]:evidence["end"]] == evidence["text"]

    status, stored = wait_for(lambda: (r := worker.get(f"/api/events/{meeting['id']}"))[0] == 200 and r,
                              30, "the meeting in the events table")
    assert stored["event"]["participants"] == meeting["participants"]
    assert stored["event"]["date"] == meeting["date"]
    assert stored["mentions"] == 1
    assert [s["id"] for s in stored["sources"]] == ["seed-armenia-azerbaijan-2022-09-19"]

    def armenian_figures_in_table() -> set[tuple[str, str, int]]:
        status, listing = worker.get("/api/events?type=casualty_update")
        return _armenian_figures([record["event"] for record in listing["events"]]) if status == 200 else set()
    wait_for(lambda: EXPECTED_ARMENIAN <= armenian_figures_in_table(), 30, "Armenia's figures in the table")


def _article(article_id: str, body: str) -> bytes:
    return json.dumps({"id": article_id, "published_at": "2024-03-04T00:00:00Z", "body": body}).encode()


def test_bad_input_goes_to_dead_letter_topic_and_worker_keeps_going(
        worker: Worker, namespace: dict[str, str], kafka: str, sample_path: Path) -> None:
    bad = {
        b"bad-not-json": (b"this is not json {", "not_json"),
        b"bad-no-body": (b'{"id": "bad-no-body", "published_at": "2024-03-04T00:00:00Z"}', "invalid_article"),
        b"bad-empty": (_article("bad-empty", "   \n "), "empty_body"),
        b"bad-huge": (_article("bad-huge", "word " * (MAX_BYTES // 4)), "too_large"),
        b"bad-utf8": (b'{"id": "bad-utf8", "body": "caf\xe9 \xff"}', "invalid_utf8"),
        b"bad-naive-date": (b'{"id": "bad-naive-date", "published_at": "2024-03-04T00:00:00", "body": "x"}',
                            "invalid_article"),
        b"bad-french": (json.dumps({"id": "bad-french", "published_at": "2024-03-04T00:00:00Z",
                                    "language": "fr", "body": "Les ministres se sont rencontrés."}).encode(),
                        "not_english"),
    }
    articles_topic = topic_name(namespace, "articles")
    produce_raw(kafka, articles_topic, [(key, value) for key, (value, _) in bad.items()])
    published = run_cli(namespace, "publish", str(sample_path))
    assert published.returncode == 0, published.stderr

    rejected = TopicReader(kafka, topic_name(namespace, "articles.rejected"))
    try:
        records = rejected.wait(lambda vs: len(vs) >= len(bad), 120, "a rejection for each bad input")
    finally:
        rejected.close()
    by_key = {r["key"]: r for r in records}
    assert set(by_key) == {key.decode() for key in bad}
    for key, (value, reason) in bad.items():
        record = by_key[key.decode()]
        assert record["reason"] == reason, record
        assert record["detail"]
        assert base64.urlsafe_b64decode(record["original"]) == value, "the original bytes are kept whole (base64url)"
        assert record["topic"] == articles_topic

    events = TopicReader(kafka, topic_name(namespace, "events.meeting"))
    try:
        events.wait(lambda vs: new_york_meeting(vs) is not None, 120, "the good article's meeting after the bad ones")
    finally:
        events.close()
    assert worker.alive()
    # The counters follow the records they count (an event is on its topic before its article is
    # counted as processed): wait for them.
    stats = wait_for(lambda: (r := worker.get("/api/stats"))[0] == 200 and r[1]["articles_processed"] == 1 and r[1],
                     30, "the good article counted")
    assert sum(stats["articles_rejected"].values()) == len(bad)
    assert stats["articles_rejected"]["invalid_article"] == 2

    receipts = TopicReader(kafka, topic_name(namespace, "articles.receipts"))
    try:
        issued = receipts.wait(lambda vs: len({(r["input_partition"], r["input_offset"]) for r in vs}) >= len(bad) + 1,
                               60, "a receipt for every input")
    finally:
        receipts.close()
    at = {(r["input_partition"], r["input_offset"]): r for r in issued}
    for record in records:  # each rejection's input has a receipt saying so, with the reason
        receipt = at[(record["partition"], record["offset"])]
        assert (receipt["outcome"], receipt["reason"]) == ("rejected", record["reason"]), receipt
        assert receipt["article_id"] == record["article_id"]
    outcomes = {r["article_id"]: r for r in issued}
    processed = outcomes["seed-armenia-azerbaijan-2022-09-19"]
    assert processed["outcome"] == "processed" and processed["event_ids"] and processed["extractor_version"]


def test_every_article_gets_a_receipt_a_duplicate_too(worker: Worker, namespace: dict[str, str],
                                                      kafka: str, sample_path: Path) -> None:
    article_id = "seed-armenia-azerbaijan-2022-09-19"
    for _ in range(2):  # the same article published twice: two inputs, the second a duplicate
        published = run_cli(namespace, "publish", str(sample_path))
        assert published.returncode == 0, published.stderr

    def summary() -> dict[str, Any] | None:
        status, body = worker.get(f"/api/receipts/{article_id}")
        return body if status == 200 and body["outcome"] and body["duplicates"] else None

    view = wait_for(summary, 120, "the receipt with its duplicate")
    assert view["outcome"]["outcome"] == "processed"
    assert view["outcome"]["input_offset"] != int(view["duplicates"][0]["input"].split("/")[1])
    status, events = worker.get(f"/api/events/{view['outcome']['event_ids'][0]}")
    assert status == 200, "the receipt names events that are in the table"

    shown = run_cli(namespace, "receipt", article_id, "--url", worker.url)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == view
    missing = run_cli(namespace, "receipt", "no-such-article", "--url", worker.url)
    assert missing.returncode != 0 and "404" in missing.stderr
