"""The seed article shipped with the service: the worked example of the guideline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import Article, CasualtyUpdate, Meeting
from streams.extraction.annotation import to_annotation

SEED = Path(__file__).resolve().parents[3] / "streams" / "samples" / "seed-armenia-azerbaijan-2022-09-19.json"


@pytest.fixture(scope="module")
def seed():
    data = json.loads(SEED.read_text())
    return Article.model_validate(data.get("article", data))


@pytest.fixture(scope="module")
def events(extractor, seed):
    return extractor.extract(seed)


def test_new_york_meeting(events):
    meetings = [e for e in events if isinstance(e, Meeting) and e.location.name == "New York"]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.date.isoformat() == "2022-09-19"
    assert m.location.country == "USA"
    assert {p.country for p in m.participants} == {"USA", "ARM", "AZE"}
    assert len(m.participants) == 3
    assert not m.background


def test_armenian_casualty_figures(events):
    figs = {(f.outcome.value, f.category.value, f.count)
            for e in events if isinstance(e, CasualtyUpdate)
            and e.party and e.party.country == "ARM" for f in e.figures}
    assert {("killed_or_missing", "military", 207), ("wounded", "military", 293),
            ("captured", "military", 20), ("killed", "civilian", 3)} <= figs


def test_evidence_offsets_and_common_fields(events, seed):
    assert events
    for e in events:
        assert seed.body[e.evidence.start:e.evidence.end] == e.evidence.text
        assert e.id and e.cameo and e.plover and e.extractor_version
        assert e.article.id == seed.id


def test_annotation_format(events, seed):
    ann = to_annotation(seed, events)
    assert ann["article"]["id"] == seed.id
    for ev in ann["events"]:
        assert "id" not in ev and isinstance(ev["evidence"], str)
        if "location" in ev:
            assert set(ev["location"]) == {"name", "country"}
