"""The dead-letter path: a rejection always fits in one producer request, and a handler that
raises costs its record (sent as `internal_error`), never the agent."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from schemas import Rejection, RejectReason
from streams.codecs import REJECTION_CODEC
from helpers import RecordingTopic, run_async
from streams.metrics import Metrics
from streams.pipeline import DeadLetters, Receipts, original_limit

MAX_REQUEST = 1_000_000  # faust's producer_max_request_size


def _worst_case(original: bytes) -> bytes:
    """A rejection whose every bounded text field is as long and as escaped as can be."""
    escaped = "\x01" * 100_000  # JSON-escaped as \u0001: six bytes a character
    return REJECTION_CODEC.dumps(Rejection.of(
        original, keep_original_up_to=original_limit(MAX_REQUEST), reason=RejectReason.TOO_LARGE,
        detail=escaped, key=escaped, article_id=escaped, topic="t" * 249, partition=2**31 - 1,
        offset=2**63 - 1, rejected_at=datetime.now(timezone.utc)))


def test_a_rejection_fits_in_a_producer_request_whatever_the_input() -> None:
    limit = original_limit(MAX_REQUEST)
    kept = _worst_case(b"\xff" * limit)
    assert len(kept) < MAX_REQUEST - 1024 and json.loads(kept)["original"] is not None
    just_over = _worst_case(b"x" * (MAX_REQUEST + 1))  # an article just over the size limit
    assert len(just_over) < 30_000
    record = json.loads(just_over)
    assert record["original"] is None and record["original_size"] == MAX_REQUEST + 1
    assert record["original_sha256"] == hashlib.sha256(b"x" * (MAX_REQUEST + 1)).hexdigest()




def test_a_handler_that_raises_sends_its_record_as_internal_error() -> None:
    topic, receipts, metrics = RecordingTopic(), RecordingTopic(), Metrics()
    dead_letters = DeadLetters(topic, metrics, Receipts(receipts, "articles"),  # type: ignore[arg-type]
                               max_request_size=MAX_REQUEST)
    record = SimpleNamespace(message=SimpleNamespace(key=b"k1", value=b"[[[", topic="articles", partition=3,
                                                     offset=9, headers=None))

    async def crash(_: Any) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    run_async(dead_letters.guard(record, crash))  # type: ignore[arg-type]
    [(key, rejection)] = topic.sent
    assert key == b"k1" and rejection.reason is RejectReason.INTERNAL_ERROR
    assert rejection.detail == "RecursionError: maximum recursion depth exceeded"
    assert (rejection.topic, rejection.partition, rejection.offset, rejection.original) == ("articles", 3, 9, b"[[[")
    assert metrics.snapshot()["articles_rejected"] == {"internal_error": 1}
    [(receipt_key, receipt)] = receipts.sent  # an input: it has its receipt
    assert receipt_key == b"input/3/9" and (receipt.outcome.value, receipt.reason) == ("rejected", RejectReason.INTERNAL_ERROR)


def test_a_failure_past_the_inputs_is_a_dead_letter_but_no_receipt() -> None:
    topic, receipts = RecordingTopic(), RecordingTopic()
    dead_letters = DeadLetters(topic, Metrics(), Receipts(receipts, "articles"),  # type: ignore[arg-type]
                               max_request_size=MAX_REQUEST)
    record = SimpleNamespace(message=SimpleNamespace(key=b"e1", value=b"{}", topic="events.clash", partition=0,
                                                     offset=4, headers=[]))

    async def crash(_: Any) -> None:
        raise ValueError("no merge")

    run_async(dead_letters.guard(record, crash))  # type: ignore[arg-type]
    assert len(topic.sent) == 1 and receipts.sent == []
