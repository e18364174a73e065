"""The dead-letter record of the `articles.rejected` topic."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.article import SCHEMA_VERSION
from schemas.vocab import RejectReason

#: Longest `detail` and `key` kept: enough to act on, and a rejection stays small whatever
#: the input (a validation error can list thousands of fields).
MAX_DETAIL_CHARS = 2000
MAX_KEY_CHARS = 1000


class Rejection(BaseModel):
    """An input the worker could not process, kept so it can be fixed and replayed.

    `original` is the exact bytes read from the topic (base64 in JSON), so nothing is lost even
    when the input was not text at all. A rejection must itself fit in one Kafka request, so an
    original above the limit its producer can carry is left out (null); its size and SHA-256
    are always kept, to find it on the input topic (`topic`, `partition`, `offset`) and check it.
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
    original: bytes | None = Field(description="The input's exact bytes; null when over the size "
                                   "a rejection can carry (or for a tombstone).")
    original_size: int = Field(ge=0, description="Length of the input's value in bytes.")
    original_sha256: str = Field(pattern="^[0-9a-f]{64}$", description="SHA-256 of the input's value, hex.")

    @classmethod
    def of(cls, original: bytes | None, *, keep_original_up_to: int, detail: str,
           key: str | None = None, article_id: str | None = None, **fields: Any) -> "Rejection":
        """A rejection of `original` bounded in size: the original is kept up to
        `keep_original_up_to` bytes; `detail`, `key` and `article_id` (read from an input that
        may be anything) are cut to their maximum length."""
        value = original or b""
        return cls(
            original=original if original is not None and len(original) <= keep_original_up_to else None,
            original_size=len(value), original_sha256=hashlib.sha256(value).hexdigest(),
            detail=_cut(detail, MAX_DETAIL_CHARS), key=_cut(key, MAX_KEY_CHARS),
            article_id=_cut(article_id, MAX_KEY_CHARS), **fields)


def _cut(text: str | None, limit: int) -> str | None:
    return text if text is None or len(text) <= limit else f"{text[:limit - 25]}... ({len(text)} characters)"
