"""Event resolution: reports of one event with different detail join, other events stay
apart, and the result depends only on the set of reports."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import Article
from streams.evaluation.merging import score_merges
from streams.resolution import THRESHOLD, Report, cluster, score

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "resolution"
DAY = dt.date(2025, 3, 11)


def _report(article: str, countries: set[str], day: dt.date | None = DAY, place: str | None = "Town",
            place_id: int | None = None, published: int = 12, people: dict[str, set[str]] | None = None,
            kind: str = "clash", mode: str | None = None, report_id: str | None = None) -> Report:
    return Report(report_id=report_id or f"r-{article}", article_id=article, type=kind,
                  published=dt.datetime(2025, 3, published, 9, tzinfo=dt.timezone.utc),
                  countries=frozenset(countries), start=day, end=day, place_country="AAA",
                  place_name=place, place_id=place_id,
                  people=tuple(sorted((c, frozenset(n)) for c, n in (people or {}).items())), mode=mode)


def test_reports_with_different_detail_may_be_one_event() -> None:
    full = _report("a", {"AAA", "BBB"})
    assert score(full, _report("b", {"AAA", "BBB"}, day=None)) >= THRESHOLD  # no day
    assert score(full, _report("c", {"AAA", "BBB", "CCC"})) >= THRESHOLD  # an extra country
    assert score(full, _report("d", {"AAA", "BBB"}, place=None)) >= THRESHOLD  # only the country
    assert score(full, _report("e", {"AAA", "BBB"}, day=DAY + dt.timedelta(days=1))) >= THRESHOLD  # the night


def test_contradictions_keep_reports_apart() -> None:
    full = _report("a", {"AAA", "BBB"}, place_id=1)
    assert score(full, _report("b", {"AAA", "BBB"}, day=DAY + dt.timedelta(days=7))) is None
    assert score(full, _report("c", {"AAA", "BBB"}, place="Other", place_id=2)) is None
    assert score(full, _report("d", {"CCC", "DDD"})) is None
    assert score(full, _report("e", {"AAA", "BBB"}, day=None, published=30)) is None  # undated, told weeks later
    meeting = _report("m", {"AAA", "BBB"}, kind="meeting", mode="in_person", people={"AAA": {"smith"}})
    assert score(meeting, _report("n", {"AAA", "BBB"}, kind="meeting", mode="call")) is None
    assert score(meeting, _report("o", {"AAA", "BBB"}, kind="meeting", mode="in_person",
                                  people={"AAA": {"jones"}})) is None


REPORTS = [
    _report("a1", {"AAA", "BBB"}, published=12), _report("a2", {"AAA", "BBB"}, day=None, published=12),
    _report("a3", {"AAA", "BBB", "CCC"}, place=None, published=13),
    _report("d1", {"AAA", "BBB"}, day=DAY + dt.timedelta(days=5), place="Elsewhere", published=17),
    _report("d2", {"AAA", "BBB"}, day=DAY + dt.timedelta(days=5), published=17),
    _report("m1", {"AAA", "DDD"}, kind="meeting", mode="in_person", published=12),
    _report("m2", {"AAA", "DDD"}, kind="meeting", mode="in_person", day=None, published=12),
    _report("m3", {"AAA", "DDD"}, kind="meeting", mode="call", published=12),
]


@settings(max_examples=200, deadline=None)
@given(order=st.permutations(REPORTS), repeats=st.lists(st.sampled_from(REPORTS), max_size=4))
def test_the_events_depend_on_the_set_of_reports_not_their_order(order: list[Report], repeats: list[Report]) -> None:
    assert cluster(order + repeats) == cluster(REPORTS)


def test_the_canonical_clustering() -> None:
    ids = cluster(REPORTS)
    assert ids[("a1", "r-a1")] == ids[("a2", "r-a2")] == ids[("a3", "r-a3")] == "r-a1"  # the first report's id
    assert ids[("d1", "r-d1")] == ids[("d2", "r-d2")] != "r-a1"  # five days later: another event
    assert ids[("m1", "r-m1")] == ids[("m2", "r-m2")] != ids[("m3", "r-m3")]  # a call is another meeting


@pytest.fixture(scope="module")
def fixture_events(extractor) -> list:
    articles = [Article.model_validate(json.loads(f.read_text())["article"])
                for f in sorted((FIXTURES / "articles").glob("*.json"))]
    return [e for found in extractor.extract_batch(articles) for e in found]


def test_every_fixture_story_becomes_one_event_and_its_distractors_stay_apart(fixture_events: list) -> None:
    spec = json.loads((FIXTURES / "clusters.json").read_text())
    result = score_merges(spec, fixture_events)
    assert [c.name for c in result.clusters if not c.merged] == []
    assert [c.name for c in result.clusters if not c.apart] == []
    assert result.precision == result.recall == 1.0
