"""The receipt summary of an article is a function of the set of its receipts."""
from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

from schemas import Receipt, ReceiptOutcome, RejectReason
from streams.pipeline import INPUT_HEADER, input_position
from streams.receipts import receipt_view

AT = datetime(2024, 3, 4, tzinfo=timezone.utc)


def _receipt(outcome: ReceiptOutcome, offset: int, **fields) -> Receipt:
    return Receipt(article_id="a1", outcome=outcome, input_partition=2, input_offset=offset, at=AT, **fields)


def test_processed_and_duplicates_in_any_order_and_twice_give_one_view() -> None:
    receipts = [_receipt(ReceiptOutcome.PROCESSED, 5, event_ids=["e1"], extractor_version="v"),
                _receipt(ReceiptOutcome.DUPLICATE, 9), _receipt(ReceiptOutcome.DUPLICATE, 7)]
    views = []
    for order in (receipts, receipts[::-1], receipts + receipts):
        view = None
        for r in order:
            view = receipt_view(view, r)
        views.append(view)
    assert views[0] == views[1] == views[2]
    assert views[0]["outcome"]["event_ids"] == ["e1"]
    assert [d["input"] for d in views[0]["duplicates"]] == ["2/7", "2/9"]


def test_an_input_without_an_article_id_is_keyed_by_its_position() -> None:
    receipt = Receipt(outcome=ReceiptOutcome.REJECTED, input_partition=1, input_offset=42, at=AT,
                      reason=RejectReason.NOT_JSON, detail="not JSON")
    assert receipt.key == "input/1/42"


def test_the_input_position_travels_in_a_header() -> None:
    def record(headers):
        return SimpleNamespace(message=SimpleNamespace(partition=0, offset=3, headers=headers))
    assert input_position(record([(INPUT_HEADER, b"6/120")])) == (6, 120)
    assert input_position(record({INPUT_HEADER: b"6/120"})) == (6, 120)
    assert input_position(record(None)) == (0, 3)
