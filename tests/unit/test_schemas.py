"""The data contract: records validate, round-trip through JSON and the faust codec, and the
generated JSON Schema files match the models."""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone

import pytest
from pydantic import ValidationError

from schemas import (EVENT_ADAPTER, Article, ArticleRef, CasualtyUpdate, Clash, Evidence, Figure,
                     Meeting, Participant, Rejection, RejectReason)
from schemas.jsonschema import OUT_DIR, rendered
from schemas.rejection import MAX_DETAIL_CHARS, MAX_KEY_CHARS
from streams.codecs import EVENT_CODEC, REJECTION_CODEC

ARTICLE = Article(id="a1", published_at=datetime(2024, 5, 6, tzinfo=timezone.utc), body="Text.")
REF = ArticleRef.of(ARTICLE)
EVIDENCE = Evidence(text="Text.", start=0, end=5)


def test_article_requires_a_zoned_time_and_an_id() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Article(id="a", published_at=datetime(2024, 5, 6), body="x")
    with pytest.raises(ValidationError, match="blank"):
        Article(id="  ", published_at=datetime(2024, 5, 6, tzinfo=timezone.utc), body="x")
    with pytest.raises(ValidationError, match="body"):
        Article.model_validate({"id": "a", "published_at": "2024-05-06T00:00:00Z"})


@pytest.mark.parametrize("event", [
    Meeting(id="m", article=REF, evidence=EVIDENCE, date=date(2024, 5, 6), date_precision="day",
            participants=[Participant(name="A B", role="Foreign Minister", country="FRA")]),
    Clash(id="c", article=REF, evidence=EVIDENCE, date_start=date(2024, 5, 1), date_end=date(2024, 5, 2)),
    CasualtyUpdate(id="k", article=REF, evidence=EVIDENCE,
                   figures=[Figure(outcome="killed", category="civilian", count=4, qualifier="at_least")]),
])
def test_events_round_trip_through_the_codec_as_the_same_type(event) -> None:
    payload = EVENT_CODEC.dumps(event)
    assert json.loads(payload)["type"] == event.type
    decoded = EVENT_CODEC.loads(payload)
    assert type(decoded) is type(event)
    assert decoded == event


@pytest.mark.parametrize("payload, message", [
    (b'{"type": "riot", "id": "x"}', "does not match any of the expected tags"),
    (b'{"type": "meeting", "id": "x"}', "Field required"),
    (b"not json", "Invalid JSON"),
])
def test_codec_refuses_bad_payloads_with_clear_errors(payload: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        EVENT_CODEC.loads(payload)


def test_vocabularies_are_closed() -> None:
    with pytest.raises(ValidationError, match="killed_or_missing"):
        Figure(outcome="dead", count=1)
    with pytest.raises(ValidationError, match="pattern"):
        Participant(country="US")  # alpha-2 is not the contract


def _rejection(original: bytes | None, **fields) -> Rejection:
    return Rejection.of(original, keep_original_up_to=fields.pop("keep", 1000), reason=RejectReason.INVALID_UTF8,
                        detail=fields.pop("detail", "d"), topic="articles", partition=0, offset=7,
                        rejected_at=datetime.now(timezone.utc), **fields)


def test_rejection_keeps_any_bytes_through_json() -> None:
    original = b"\xff\x00 not text"
    rejection = REJECTION_CODEC.loads(REJECTION_CODEC.dumps(_rejection(original)))
    assert rejection.original == original
    assert rejection.original_size == len(original)
    assert rejection.original_sha256 == hashlib.sha256(original).hexdigest()


def test_rejection_over_the_limit_keeps_size_and_digest_not_the_bytes() -> None:
    original = b"x" * 1001
    rejection = _rejection(original, detail="e" * 100_000, key="k" * 100_000, article_id="a" * 100_000)
    assert rejection.original is None
    assert (rejection.original_size, rejection.original_sha256) == (1001, hashlib.sha256(original).hexdigest())
    assert len(rejection.detail) <= MAX_DETAIL_CHARS and rejection.detail.endswith("(100000 characters)")
    assert len(rejection.key) <= MAX_KEY_CHARS and len(rejection.article_id) <= MAX_KEY_CHARS
    assert _rejection(b"x" * 1000).original == b"x" * 1000


def test_article_url_is_http_or_null() -> None:
    base = {"id": "a", "published_at": "2024-05-06T00:00:00Z", "body": "x"}
    for good in (None, "https://example.org/a?b=1#c", "HTTP://example.org"):
        assert Article.model_validate({**base, "url": good}).url == good
    for bad in ("javascript:alert(1)", "/news/a", "example.org/a", "ftp://example.org/a", "https://",
                "data:text/html,<b>x</b>", "https://exa mple.org", "\thttps://example.org", "http://[::1"):
        with pytest.raises(ValidationError, match="url"):
            Article.model_validate({**base, "url": bad})


def test_json_schema_files_are_up_to_date() -> None:
    for name, text in rendered().items():
        path = OUT_DIR / name
        assert path.exists() and path.read_text() == text, \
            f"{path} is stale: run `python -m schemas.jsonschema`"


def test_event_union_schema_names_all_three_types() -> None:
    schema = EVENT_ADAPTER.json_schema()
    assert set(schema["discriminator"]["mapping"]) == {"meeting", "clash", "casualty_update"}
