"""The receipt record of the `articles.receipts` topic: what became of each input."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, Field

from schemas.article import SCHEMA_VERSION
from schemas.vocab import RejectReason


class ReceiptOutcome(str, Enum):
    PROCESSED = "processed"  # extracted; `event_ids` are the events it reported
    DUPLICATE = "duplicate"  # an article id seen before, from another input record
    REJECTED = "rejected"  # on the dead-letter topic with `reason`
    REVISED = "revised"  # a changed version of an article read before: its events replace the earlier version's
    RETRACTED = "retracted"  # a tombstone for the article id: every event it reported is withdrawn


class Receipt(BaseModel):
    """One input's outcome, keyed on the topic by article id.

    An input whose article id could not be read is keyed `input/PARTITION/OFFSET`.
    `input_partition` and `input_offset` name the `articles` record the receipt is for, so
    every input can be accounted for; a record read twice (after a crash) gets the same
    receipt twice, never two different ones.
    """

    schema_version: int = SCHEMA_VERSION
    article_id: str | None = Field(default=None, description="The article id when it could be read.")
    outcome: ReceiptOutcome
    input_partition: int = Field(description="Partition of the input on the `articles` topic.")
    input_offset: int = Field(description="Offset of the input on the `articles` topic.")
    event_ids: list[str] = Field(default_factory=list, description="Events of a processed or revised article.")
    withdrawn_ids: list[str] = Field(default_factory=list, description=(
        "Events an earlier version of the article reported that a revision or retraction withdrew."))
    extractor_version: str | None = Field(default=None, description="Extractor of a processed article.")
    reason: RejectReason | None = Field(default=None, description="Why a rejected input was refused.")
    detail: str | None = None
    at: datetime = Field(description="When the worker decided the outcome (UTC).")

    @property
    def key(self) -> str:
        """The record key on `articles.receipts`."""
        return self.article_id or f"input/{self.input_partition}/{self.input_offset}"
