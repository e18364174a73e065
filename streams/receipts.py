"""What a publisher sees of an article: its receipt summary, built from the receipts topic.

`articles.receipts` holds one record per input decision. The `receipts` table keeps, per article
id, the outcome of its first input (processed with its event ids, or rejected with the reason)
and the inputs that were duplicates of it. The view is a function of the set of receipts, so a
receipt read twice after a crash changes nothing.
"""
from __future__ import annotations

from typing import Any

from schemas import Receipt, ReceiptOutcome


def receipt_view(stored: dict[str, Any] | None, receipt: Receipt) -> dict[str, Any]:
    """The table value after one more receipt for its key."""
    view = dict(stored) if stored else {"key": receipt.key, "article_id": receipt.article_id,
                                        "outcome": None, "duplicates": []}
    if receipt.outcome == ReceiptOutcome.DUPLICATE:
        position = f"{receipt.input_partition}/{receipt.input_offset}"
        duplicates = {d["input"]: d for d in view["duplicates"]}
        duplicates.setdefault(position, {"input": position, "at": receipt.at.isoformat()})
        view["duplicates"] = [duplicates[k] for k in sorted(duplicates)]
    else:
        view["outcome"] = receipt.model_dump(mode="json")
    return view
