"""Reading an input record into an `Article`, or saying exactly why it cannot be read.

Pure: no Kafka here, so every rule is unit-tested on bytes. The order of the checks is the order
of the reasons' precedence: size first (never decode a huge payload), then encoding, JSON, the
schema, and finally what the extractor needs (a non-empty English body).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from schemas import Article, RejectReason


@dataclass(frozen=True)
class Refusal:
    """Why a record was refused, and the article id when it could be read."""

    reason: RejectReason
    detail: str
    article_id: str | None = None


def validation_summary(error: ValidationError) -> str:
    """A pydantic error as one line a person can act on: 'field: message; ...'."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in error.errors())


def read_article(raw: bytes | None, max_bytes: int) -> Article | Refusal:
    """Decode and validate one record value of the `articles` topic."""
    if raw is None:
        return Refusal(RejectReason.NOT_JSON, "the record has no value (tombstone)")
    if len(raw) > max_bytes:
        return Refusal(RejectReason.TOO_LARGE, f"{len(raw)} bytes is over the limit of {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Refusal(RejectReason.INVALID_UTF8, f"not UTF-8: {exc.reason} at byte {exc.start}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Refusal(RejectReason.NOT_JSON, f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    article_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    try:
        article = Article.model_validate(data)
    except ValidationError as exc:
        return Refusal(RejectReason.INVALID_ARTICLE, validation_summary(exc), article_id)
    if not article.body.strip():
        return Refusal(RejectReason.EMPTY_BODY, "the body is empty", article.id)
    if not article.language.lower().startswith("en"):
        return Refusal(RejectReason.NOT_ENGLISH,
                       f"language {article.language!r}: only English is extracted", article.id)
    return article
