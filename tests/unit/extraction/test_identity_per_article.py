"""Within one article: one event per id, and casualty reports tied to their conflict."""
from __future__ import annotations

from datetime import date, datetime, timezone

from schemas import ArticleRef, CasualtyUpdate, Clash, Evidence, Figure, Party, Side
from streams.extraction.conflict import add_conflicts
from streams.extraction.identity import one_per_id

REF = ArticleRef(id="a", published_at=datetime(2024, 3, 5, tzinfo=timezone.utc))
EVIDENCE = Evidence(text="x", start=0, end=1)


def _casualty(event_id: str, *figures: tuple[str, int], country: str = "IND") -> CasualtyUpdate:
    return CasualtyUpdate(id=event_id, article=REF, evidence=EVIDENCE, party=Party(country=country),
                          figures=[Figure(outcome=o, category="military", count=n) for o, n in figures])


def test_casualty_reports_with_one_id_pool_their_figures_once() -> None:
    events = one_per_id([_casualty("k", ("killed", 4), ("wounded", 9)), _casualty("k", ("killed", 4), ("missing", 2)),
                         _casualty("other", ("killed", 1))])
    assert [e.id for e in events] == ["k", "other"]
    assert [(f.outcome.value, f.count) for f in events[0].figures] == [("killed", 4), ("wounded", 9), ("missing", 2)]


def test_conflict_is_the_current_fighting_the_party_takes_part_in() -> None:
    fight = Clash(id="c", article=REF, evidence=EVIDENCE, date_start=date(2024, 3, 4),
                  sides=[Side(country="IND"), Side(country="PAK")])
    old_war = Clash(id="w", article=REF, evidence=EVIDENCE, background=True,
                    sides=[Side(country="IND"), Side(country="CHN")])
    ours, elsewhere = _casualty("k1", ("killed", 3)), _casualty("k2", ("killed", 3), country="SDN")
    add_conflicts([fight, old_war, ours, elsewhere])
    assert ours.conflict == ["IND", "PAK"]
    assert elsewhere.conflict == []


def test_two_meetings_of_one_week_stay_two_events() -> None:
    from schemas import Meeting, Participant

    def meeting(day: int) -> Meeting:
        return Meeting(id="m", article=REF, evidence=EVIDENCE, date=date(2024, 3, day), date_precision="day",
                       participants=[Participant(country="FRA"), Participant(country="DEU")])
    events = one_per_id([meeting(4), meeting(6), meeting(4)])
    assert len(events) == 2 and events[0].id == "m" and events[1].id != "m"
    assert [e.date.day for e in events] == [4, 6]


def test_a_one_sided_clash_involves_the_party_on_the_other_side() -> None:
    fight = Clash(id="c", article=REF, evidence=EVIDENCE, sides=[Side(name="Indian forces", country="IND")])
    losses = _casualty("k", ("killed", 15), country="PAK")
    add_conflicts([fight, losses])
    assert losses.conflict == ["IND", "PAK"]
