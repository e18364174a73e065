"""Reading raw records of the `articles` topic: every bad input gets its own reason."""
from __future__ import annotations

import json

import pytest

from schemas import Article, RejectReason
from streams.ingest import Refusal, read_article

GOOD = {"id": "a1", "published_at": "2024-01-02T03:04:05+02:00", "body": "Ministers met.", "language": "en-GB"}


def _raw(**changes) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


def test_a_good_record_becomes_an_article() -> None:
    article = read_article(_raw(), 10_000)
    assert isinstance(article, Article)
    assert article.published_at.utcoffset().total_seconds() == 7200


@pytest.mark.parametrize("raw, reason", [
    (None, RejectReason.NOT_JSON),
    (b"", RejectReason.NOT_JSON),
    (b"{not json", RejectReason.NOT_JSON),
    (b"\xc3\x28", RejectReason.INVALID_UTF8),
    (b"[1, 2]", RejectReason.INVALID_ARTICLE),
    (b'"just a string"', RejectReason.INVALID_ARTICLE),
    (_raw(body=None), RejectReason.INVALID_ARTICLE),
    (_raw(published_at="yesterday"), RejectReason.INVALID_ARTICLE),
    (_raw(body=" \n\t "), RejectReason.EMPTY_BODY),
    (_raw(language="de"), RejectReason.NOT_ENGLISH),
    (_raw(body="x" * 20_000), RejectReason.TOO_LARGE),
])
def test_bad_records_are_refused_with_their_reason(raw: bytes | None, reason: RejectReason) -> None:
    refusal = read_article(raw, 10_000)
    assert isinstance(refusal, Refusal)
    assert refusal.reason is reason
    assert refusal.detail


def test_refusal_names_the_article_when_its_id_was_readable() -> None:
    refusal = read_article(_raw(body=""), 10_000)
    assert isinstance(refusal, Refusal) and refusal.article_id == "a1"
    missing = read_article(json.dumps({"id": "a2"}).encode(), 10_000)
    assert isinstance(missing, Refusal) and missing.article_id == "a2"
    assert "body" in missing.detail and "published_at" in missing.detail
