"""The data contract: records validate, round-trip through JSON and the faust codec, and the
generated JSON Schema files match the models."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from pydantic import ValidationError

from schemas import (EVENT_ADAPTER, Article, ArticleRef, CasualtyUpdate, Clash, Evidence, Figure,
                     Meeting, Participant, Rejection, RejectReason)
from schemas.jsonschema import OUT_DIR, rendered
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


def test_rejection_keeps_any_bytes_through_json() -> None:
    original = b"\xff\x00 not text"
    rejection = Rejection(reason=RejectReason.INVALID_UTF8, detail="d", topic="articles", partition=0,
                          offset=7, rejected_at=datetime.now(timezone.utc), original=original)
    assert REJECTION_CODEC.loads(REJECTION_CODEC.dumps(rejection)).original == original


def test_json_schema_files_are_up_to_date() -> None:
    for name, text in rendered().items():
        path = OUT_DIR / name
        assert path.exists() and path.read_text() == text, \
            f"{path} is stale: run `python -m schemas.jsonschema`"


def test_event_union_schema_names_all_three_types() -> None:
    schema = EVENT_ADAPTER.json_schema()
    assert set(schema["discriminator"]["mapping"]) == {"meeting", "clash", "casualty_update"}
