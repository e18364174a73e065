"""The dead-letter record of the `articles.rejected` topic."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from schemas.article import SCHEMA_VERSION
from schemas.vocab import RejectReason


class Rejection(BaseModel):
    """An input the worker could not process, kept whole so it can be fixed and replayed.

    `original` is the exact bytes read from the topic (base64 in JSON), so nothing is lost even
    when the input was not text at all.
    """

    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")

    schema_version: int = SCHEMA_VERSION
    reason: RejectReason
    detail: str = Field(description="Human-readable explanation, e.g. the validation error.")
    article_id: str | None = Field(default=None, description="The article id when it could be read.")
    key: str | None = Field(default=None, description="The record key on the input topic.")
    topic: str
    partition: int
    offset: int
    rejected_at: datetime
    original: bytes
