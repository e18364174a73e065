"""The accounting soak: a thousand inputs, duplicates and every kind of bad input mixed in,
the worker SIGKILLed once and the broker restarted once; at the end every input is accounted
for by its receipt, every bad one by its dead-letter record, and the tables are those of an
undisturbed run."""
from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path
from typing import Any

import pytest

from corpus import articles
from helpers import SESSION_TIMEOUT, TopicReader, Worker, produce_raw, topic_name, wait_for
from streams.extraction import Extractor
from streams.local_kafka import LocalKafka
from table_state import expected_tables, table_state

pytestmark = pytest.mark.kafka

MAX_BYTES = 50_000
GOOD = 902
DUPLICATES = 60


def _doc(article_id: str, body: str, **fields: Any) -> bytes:
    return json.dumps({"id": article_id, "published_at": "2024-03-04T08:00:00Z", "body": body, **fields}).encode()


def _bad_inputs() -> list["Input"]:
    """(key, value, the reason it must be refused with): every kind of input that cannot be
    extracted, twice each with different keys."""
    nested = b"[" * 20_000 + b"]" * 20_000
    kinds: list[tuple[str, bytes | None, str]] = [
        ("not-json", b"these bytes are not JSON {", "not_json"),
        ("utf8", b'{"id": "x", "body": "caf\xe9 \xff"}', "invalid_utf8"),
        ("array", b'[{"id": "in-a-list", "body": "Troops clashed."}]', "invalid_article"),
        ("string", b'"an article as a JSON string"', "invalid_article"),
        ("null", b"null", "invalid_article"),
        ("number", b"42", "invalid_article"),
        ("tombstone", None, "not_json"),  # keyed by bytes that are no article id (below)
        ("no-body", b'{"id": "soak-no-body", "published_at": "2024-03-04T08:00:00Z"}', "invalid_article"),
        ("empty-body", _doc("soak-empty-body", ""), "empty_body"),
        ("blank-body", _doc("soak-blank-body", " \n\t \n"), "empty_body"),
        ("markup-only", _doc("soak-markup-only", "<p><br/></p><div></div>"), "empty_body"),
        ("too-large", _doc("soak-too-large", "Troops clashed. " * (MAX_BYTES // 16)), "too_large"),
        ("nested", nested, "invalid_article"),
        ("nested-body", b'{"id": "soak-nested-body", "body": ' + b"[" * 5000 + b"]" * 5000 + b"}", "invalid_article"),
        ("future", _doc("soak-future", "Troops clashed.", published_at="2999-01-01T00:00:00Z"), "invalid_article"),
        ("naive-date", _doc("soak-naive-date", "Troops clashed.", published_at="2024-03-04T08:00:00"), "invalid_article"),
        ("french", _doc("soak-french", "Les soldats se sont affrontés.", language="fr"), "not_english"),
        ("bad-url", _doc("soak-bad-url", "Troops clashed.", url="javascript:alert(1)"), "invalid_article"),
    ]
    out: list[Input] = []
    for copy in (1, 2):
        for name, value, reason in kinds:
            if value is not None and copy == 2 and value.startswith(b"{"):  # another article id
                value = value.replace(b'"soak-', b'"soak2-')
            key = f"bad-{name}-{copy}".encode()
            # A tombstone keyed by an article id retracts it: only one keyed by no id is refused.
            out.append((b"\xff" + key if value is None else key, value, reason))
    return out


Input = tuple[bytes | None, bytes | None, str | None]
"""(key, value, the reason a bad input must be refused with; None for a good one)."""


def _inputs() -> tuple[list[Input], list[dict[str, Any]]]:
    """All inputs in publishing order (good articles, exact re-sends of some, the bad ones
    scattered among them) and the distinct good articles."""
    rng = random.Random(3)
    good = articles(GOOD, seed=9)
    just_under = {"id": "soak-just-under", "published_at": "2024-03-04T08:00:00Z",
                  "body": "Indian and Pakistani troops exchanged heavy fire near the border on Monday. "}
    just_under["body"] += "x" * (MAX_BYTES - len(json.dumps(just_under).encode()) - 1)
    good += [just_under, dict(good[0], id="soak-weird-key")]
    inputs: list[Input] = [(a["id"].encode(), json.dumps(a).encode(), None) for a in good]
    inputs[-1] = (b"\xff\xfe not utf-8", inputs[-1][1], None)  # a key that is not UTF-8, a good value
    inputs += [inputs[rng.randrange(GOOD)] for _ in range(DUPLICATES)]  # exact re-sends, later
    for bad in _bad_inputs():
        inputs.insert(rng.randrange(len(inputs)), bad)
    return inputs, good


def test_every_input_is_accounted_for(own_broker: LocalKafka, namespace: dict[str, str], tmp_path: Path,
                                      extractor: Extractor) -> None:
    env = {**namespace, "NEWSEVENTS_BROKER": f"kafka://{own_broker.bootstrap}",
           "NEWSEVENTS_MAX_ARTICLE_BYTES": str(MAX_BYTES), "NEWSEVENTS_SESSION_TIMEOUT": SESSION_TIMEOUT}
    inputs, good = _inputs()
    bad = [i for i, (_, _, reason) in enumerate(inputs) if reason]
    assert len(inputs) >= 1000 and len(bad) >= 2 * 15  # at least 15 kinds, twice each
    expected, _ = expected_tables(extractor, good)

    worker = Worker(env, tmp_path / "worker.log").start()
    try:
        positions = produce_raw(own_broker.bootstrap, topic_name(env, "articles"), [(k, v) for k, v, _ in inputs])
        wait_for(lambda: worker.get("/api/stats")[1].get("articles_processed", 0) >= 200, 240,
                 "the worker to be well into the stream")
        os.killpg(worker.proc.pid, signal.SIGKILL)
        worker.proc.wait()
        worker = Worker(env, tmp_path / "worker.log", NEWSEVENTS_WEB_PORT=str(worker.port)).start()
        wait_for(lambda: worker.get("/api/stats")[1].get("articles_processed", 0) >= 200, 240,
                 "the restarted worker to process again")
        own_broker.down()
        own_broker.up()
        wait_for(lambda: table_state(worker) == expected, 300, "every good article's events merged")
    finally:
        worker.stop()

    receipts_reader = TopicReader(own_broker.bootstrap, topic_name(env, "articles.receipts"))
    rejected_reader = TopicReader(own_broker.bootstrap, topic_name(env, "articles.rejected"))
    try:
        receipts = receipts_reader.wait(
            lambda vs: {(r["input_partition"], r["input_offset"]) for r in vs} >= set(positions), 60,
            "a receipt for every input")
        rejections = rejected_reader.wait(lambda vs: len({(r["partition"], r["offset"]) for r in vs}) >= len(bad),
                                          60, "a rejection for every bad input")
    finally:
        receipts_reader.close()
        rejected_reader.close()

    by_input: dict[tuple[int, int], set[str]] = {}
    for r in receipts:
        decided = json.dumps({k: r[k] for k in ("article_id", "outcome", "reason", "event_ids")}, sort_keys=True)
        by_input.setdefault((r["input_partition"], r["input_offset"]), set()).add(decided)
    assert set(by_input) == set(positions), "receipts only for inputs, and for every one"
    conflicting = {p: d for p, d in by_input.items() if len(d) > 1}
    assert not conflicting, f"an input read twice got two different receipts: {conflicting}"

    refused = {(r["partition"], r["offset"]): r["reason"] for r in rejections}
    assert refused == {positions[i]: inputs[i][2] for i in bad}, "each bad input refused once, with its reason"
    outcomes = [json.loads(next(iter(by_input[p])))["outcome"] for p in positions]
    assert outcomes.count("rejected") == len(bad)
    assert outcomes.count("duplicate") == DUPLICATES
    assert outcomes.count("processed") == len(good)
