"""Reading raw records of the `articles` topic: every bad input gets its own reason."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from schemas import Article, RejectReason
from streams.ingest import MAX_JSON_DEPTH, Refusal, json_depth_over, read_article

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
    (_raw(body="<p><br/></p>\n<div>&nbsp;</div>"), RejectReason.EMPTY_BODY),
    (_raw(body="<script>alert(1)</script><style>p {}</style>"), RejectReason.EMPTY_BODY),
    (_raw(language="de"), RejectReason.NOT_ENGLISH),
    (_raw(body="x" * 20_000), RejectReason.TOO_LARGE),
])
def test_bad_records_are_refused_with_their_reason(raw: bytes | None, reason: RejectReason) -> None:
    refusal = read_article(raw, 10_000)
    assert isinstance(refusal, Refusal)
    assert refusal.reason is reason
    assert refusal.detail


def test_text_with_markup_around_it_is_an_article() -> None:
    article = read_article(_raw(body="<p>Troops clashed near the border on Monday.</p>"), 10_000)
    assert isinstance(article, Article)
    assert read_article(_raw(body="Casualties < 10 were reported."), 10_000).body  # a "<" is no tag


def test_refusal_names_the_article_when_its_id_was_readable() -> None:
    refusal = read_article(_raw(body=""), 10_000)
    assert isinstance(refusal, Refusal) and refusal.article_id == "a1"
    missing = read_article(json.dumps({"id": "a2"}).encode(), 10_000)
    assert isinstance(missing, Refusal) and missing.article_id == "a2"
    assert "body" in missing.detail and "published_at" in missing.detail


NOW = datetime(2024, 1, 2, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("raw, depth_refused", [
    (b"[" * 20_000 + b"]" * 20_000, True),  # the record that crashed the ingest agent
    (b'{"a": ' * 40 + b"1" + b"}" * 40, True),
    (b"[" * 1_000_000, True),  # never closed: still measured without recursion
    (_raw(body="[" * 5_000 + "{" * 5_000), False),  # brackets inside a string are text
    (_raw(body='escaped \\" quote ' + "[" * 100), False),
])
def test_json_nesting_is_limited_on_the_bytes(raw: bytes, depth_refused: bool) -> None:
    result = read_article(raw, 2_000_000, now=NOW)
    if depth_refused:
        assert isinstance(result, Refusal) and result.reason is RejectReason.INVALID_ARTICLE
        assert f"deeper than {MAX_JSON_DEPTH} levels" in result.detail
    else:
        assert isinstance(result, Article)


def test_json_depth_scan_ignores_strings_and_escapes() -> None:
    assert not json_depth_over(b'{"a": "[[[[\\"[[[[", "b": [[1]]}', 3)
    assert json_depth_over(b'{"a": [[[1]]]}', 3)


def test_a_number_python_will_not_convert_is_refused_not_raised() -> None:
    result = read_article(b'{"id": "n", "x": ' + b"1" * 5_000 + b"}", 10_000, now=NOW)
    assert isinstance(result, Refusal) and result.reason is RejectReason.NOT_JSON
    assert "digits" in result.detail


@pytest.mark.parametrize("published_at, refused", [
    ("2024-01-03T11:59:00Z", False),  # within a day: clock skew, time zones
    ("2024-01-03T12:01:00Z", True),
    ("2099-01-01T00:00:00+14:00", True),
])
def test_published_at_more_than_a_day_ahead_is_invalid(published_at: str, refused: bool) -> None:
    result = read_article(_raw(published_at=published_at), 10_000, now=NOW)
    if refused:
        assert isinstance(result, Refusal) and result.reason is RejectReason.INVALID_ARTICLE
        assert "more than a day in the future" in result.detail and result.article_id == "a1"
    else:
        assert isinstance(result, Article)


@pytest.mark.parametrize("url, ok", [
    (None, True), ("https://example.org/a", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("/relative/path", False), ("ftp://example.org/f", False),
    ("https://", False), (" https://example.org", False), ("https://example.org/\nx", False),
])
def test_url_is_an_absolute_http_url_or_null(url: str | None, ok: bool) -> None:
    result = read_article(_raw(url=url), 10_000, now=NOW)
    if ok:
        assert isinstance(result, Article) and result.url == url
    else:
        assert isinstance(result, Refusal) and result.reason is RejectReason.INVALID_ARTICLE
        assert result.detail.startswith("url:")


def test_a_lone_surrogate_escape_is_refused_not_passed_on() -> None:
    result = read_article(b'{"id": "s", "published_at": "2024-01-01T00:00:00Z", "body": "a \\ud800 b"}', 10_000, now=NOW)
    assert isinstance(result, Refusal) and result.reason is RejectReason.INVALID_ARTICLE
    assert result.detail.startswith("body: a lone surrogate") and result.article_id == "s"
    paired = read_article(b'{"id": "s", "published_at": "2024-01-01T00:00:00Z", "body": "\\ud83d\\ude00"}', 10_000, now=NOW)
    assert isinstance(paired, Article) and paired.body == "\U0001F600"
