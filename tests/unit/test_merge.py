"""Merging reports of one event and casualty tallies: order-independent and idempotent."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timezone

from schemas import (ArticleRef, CasualtyUpdate, Clash, Count, Evidence, Figure, Location, Meeting,
                     Participant, Party, Side)
from schemas.merged import Tally
from streams.merge import merge_event, tallies_of, with_report


def _ref(article_id: str, day: int, source: str = "Outlet") -> ArticleRef:
    return ArticleRef(id=article_id, source=source, url=f"https://example.org/{article_id}",
                      published_at=datetime(2024, 3, day, 8, tzinfo=timezone.utc))


def _evidence(text: str) -> Evidence:
    return Evidence(text=text, start=0, end=len(text))


def _meeting(article_id: str, day: int, **fields) -> Meeting:
    base = dict(id="m1", article=_ref(article_id, day), evidence=_evidence(f"said {article_id}"),
                confidence=0.5, date=date(2024, 3, 4), date_precision="week",
                participants=[Participant(country="FRA"), Participant(country="DEU")])
    return Meeting(**{**base, **fields})


def test_merged_event_takes_the_best_supported_values_in_any_order() -> None:
    reports = [
        _meeting("a", 5),
        _meeting("b", 6, date=date(2024, 3, 5), date_precision="day",
                 participants=[Participant(name="Jean Dupont", role="Foreign Minister", country="FRA")]),
        _meeting("c", 7, location=Location(name="Berlin", country="DEU", latitude=52.5, longitude=13.4,
                                           geonameid=2950159)),
    ]
    results = {merge_event(list(order)).model_dump_json() for order in itertools.permutations(reports)}
    assert len(results) == 1, "the merged record does not depend on arrival order"
    merged = merge_event(reports)
    assert merged.mentions == 3
    assert [s.id for s in merged.sources] == ["a", "b", "c"]
    assert merged.first_seen.day == 5 and merged.last_seen.day == 7
    assert (merged.event.date, merged.event.date_precision.value) == (date(2024, 3, 5), "day")
    assert merged.event.location.name == "Berlin"
    assert {(p.name, p.country) for p in merged.event.participants} == {("Jean Dupont", "FRA"), (None, "DEU")}
    assert merged.event.confidence == 0.875  # 1 - 0.5**3: more sources, more confidence
    assert [e.article_id for e in merged.evidence] == ["a", "b", "c"]


def test_a_report_sent_again_replaces_its_earlier_self() -> None:
    first = _meeting("a", 5)
    reports = with_report(with_report([], first), _meeting("b", 6))
    again = with_report(reports, first.model_copy(update={"confidence": 0.9}))
    assert [r.article.id for r in again] == ["a", "b"]
    assert merge_event(again).mentions == 2


def test_clash_sides_are_united_and_latest_fatalities_kept() -> None:
    def clash(article_id: str, day: int, sides: list[Side], killed: int) -> Clash:
        return Clash(id="c1", article=_ref(article_id, day), evidence=_evidence("fighting"),
                     date_start=date(2024, 3, 4), date_end=date(2024, 3, 4), date_precision="day",
                     sides=sides, fatalities=Count(count=killed, qualifier="at_least"))
    merged = merge_event([clash("a", 5, [Side(name="Indian troops", country="IND")], 4),
                          clash("b", 6, [Side(name="India", aliases=["New Delhi"], country="IND"),
                                         Side(name="Pakistani forces", country="PAK")], 6)])
    assert {s.country for s in merged.event.sides} == {"IND", "PAK"}
    assert merged.event.fatalities.count == 6


def _report(article_id: str, day: int, reporter: str | None, killed: int, source: str = "Outlet") -> CasualtyUpdate:
    return CasualtyUpdate(id=f"k-{article_id}", article=_ref(article_id, day, source),
                          evidence=_evidence("killed"), party=Party(name="Pakistan", country="PAK"),
                          reported_by=reporter, conflict=["IND", "PAK"],
                          figures=[Figure(outcome="killed", category="military", count=killed)])


def test_tally_keeps_latest_figures_per_reporter_and_never_sums() -> None:
    reports = [_report("r1", 5, "Pakistan's army", 12), _report("r2", 6, "the Pakistani army", 9),
               _report("r3", 7, "PAKISTAN'S ARMY", 15), _report("r4", 6, None, 20, source="Daily Post")]
    tallies = []
    for order in itertools.permutations(reports):
        [tally] = tallies_of(order).values()
        tallies.append(tally.model_dump_json())
    assert len(set(tallies)) == 1
    tally = Tally.model_validate_json(tallies[0])
    assert tally.key == "IND-PAK|PAK"
    latest = {r.reported_by: [f.count for f in r.figures] for r in tally.reporters}
    assert latest == {"PAKISTAN'S ARMY": [15], "the Pakistani army": [9], "Daily Post (own sources)": [20]}


def test_two_reporting_acts_of_one_article_both_count_in_the_tally() -> None:
    ministry = _report("same-article", 5, "the defence ministry", 7)
    monitor = _report("same-article", 5, "a monitoring group", 11).model_copy(update={"id": "k-other"})
    [tally] = tallies_of([ministry, monitor]).values()
    assert {r.reported_by: r.figures[0].count for r in tally.reporters} == {
        "the defence ministry": 7, "a monitoring group": 11}


def _conflict(report: CasualtyUpdate, *countries: str) -> CasualtyUpdate:
    return report.model_copy(update={"conflict": sorted(countries)})


def test_a_report_joins_the_one_wider_conflict_of_its_party_and_keeps_its_own_when_it_fits_two() -> None:
    """Outlets name one fighting with more or fewer countries, or none; the tally is the
    resolved conflict's, whatever the order of the reports."""
    wide = _conflict(_report("w", 5, "the army", 12), "CHN", "IND", "PAK")
    dyad = _conflict(_report("d", 6, "a hospital", 14), "IND", "PAK")
    bare = _conflict(_report("b", 7, "a monitor", 15))
    for order in itertools.permutations([wide, dyad, bare]):
        assert {k: sorted(r.article.id for r in t.reports) for k, t in tallies_of(order).items()} == {
            "CHN-IND-PAK|PAK": ["b", "d", "w"]}
    other = _conflict(_report("o", 8, "the army", 3), "AFG", "PAK")  # the party fights elsewhere too
    assert {k: sorted(r.article.id for r in t.reports) for k, t in tallies_of([wide, dyad, bare, other]).items()} == {
        "CHN-IND-PAK|PAK": ["d", "w"], "AFG-PAK|PAK": ["o"], "unknown|PAK": ["b"]}


def test_a_tally_keeps_each_reporters_latest_reports_only_in_any_order() -> None:
    """A party in the news for months must not carry every report it ever had: the tally keeps
    each reporter's three latest per conflict, and the figures shown are the same."""
    army = [_report(f"a{day}", day, "the army", day) for day in range(1, 8)]
    outlet = [_report(f"o{day}", day, None, 100 + day, source="Daily Post") for day in (2, 4)]
    results = set()
    for n in range(5):
        order = army[n:] + outlet + army[:n]  # the same set, arriving in other orders
        [tally] = tallies_of(order).values()
        results.add(tally.model_dump_json())
    assert len(results) == 1
    assert sorted(r.article.id for r in tally.reports) == ["a5", "a6", "a7", "o2", "o4"]
    assert {r.reported_by: r.figures[0].count for r in tally.reporters} == {
        "the army": 7, "Daily Post (own sources)": 104}
    [fallback] = tallies_of([r for r in tally.reports if r.article.id != "a7"]).values()
    assert {r.reported_by: r.figures[0].count for r in fallback.reporters}["the army"] == 6
