"""The resolve and merge handlers without Kafka (dicts for tables, lists for topics): reports of
one event from several outlets become one event in any order, an event renamed by an earlier
report leaves a redirect under its old id, and an emptied event leaves the table."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

from helpers import ChangelogDict, RecordingTopic, run_async
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import ArticleRef, CasualtyUpdate, Clash, Event, Evidence, Figure, Location, Party, Side
from schemas.merged import Placement
from streams.pipeline import MergeEvents, ResolveReports, Router, TallyCasualties


def _clash(article_id: str, published: int, countries: tuple[str, ...] = ("AAA", "BBB"),
           day: date = date(2025, 3, 10), report_id: str | None = None) -> Clash:
    """A clash as one outlet reports it; its extraction id differs per article unless given, as
    when outlets give different detail."""
    return Clash(id=report_id or f"x-{article_id}", article=ArticleRef(id=article_id, published_at=datetime(
                     2025, 3, published, 9, tzinfo=timezone.utc)),
                 evidence=Evidence(text="fighting", start=0, end=8), date_start=day, date_end=day,
                 date_precision="day", location=Location(name="Town", country="AAA"),
                 sides=[Side(country=c) for c in countries])


class _Withdrawal:
    """What the extract stage routes when the article of `report` no longer reports it."""

    def __init__(self, report: Event) -> None:
        self.report = report



class _Stream:
    """The handlers from routing to the tallies wired by list topics, each record handled as
    soon as it is sent (so records of one key keep their order, as in one partition)."""

    def __init__(self) -> None:
        self.by_block, self.resolved, self.new = RecordingTopic(), RecordingTopic(), RecordingTopic()
        self.by_tally = RecordingTopic()
        self.candidates: dict[bytes, Any] = {}
        self.events = ChangelogDict()  # its changes: what `events.merged` carries
        self.tallies: dict[bytes, Any] = {}
        self.router = Router(by_block_topic=self.by_block, resolved_topic=self.resolved)
        self.resolve = ResolveReports(reports=self.candidates, resolved_topic=self.resolved,
                                      window=timedelta(days=60))
        self.merge = MergeEvents(events=self.events, new_events_topic=self.new, by_tally_topic=self.by_tally)
        self.tally = TallyCasualties(self.tallies)

    def deliver(self, *reports: Event | _Withdrawal) -> list[Placement]:
        """Route, resolve and merge reports (or withdrawals) in this order."""
        async def run() -> list[Placement]:
            start = len(self.resolved.sent)
            for report in reports:
                routed_before, resolved_before = len(self.by_block.sent), len(self.resolved.sent)
                if isinstance(report, _Withdrawal):
                    withdrawn = report.report
                    await self.router.send(withdrawn.type, Placement(event_id=withdrawn.id,
                                                                     withdraw=withdrawn.article.id))
                else:
                    await self.router.send(report.type, Placement(event_id=report.id, join=report))
                for key, routed in self.by_block.sent[routed_before:]:
                    await self.resolve.handle(SimpleNamespace(key=key, value=routed))
                for _, placement in self.resolved.sent[resolved_before:]:
                    tallied = len(self.by_tally.sent)
                    await self.merge.handle(SimpleNamespace(value=placement))
                    for _, change in self.by_tally.sent[tallied:]:
                        await self.tally.handle(SimpleNamespace(value=change))
            return [p for _, p in self.resolved.sent[start:]]
        return run_async(run())


A, B, C = _clash("a", 11), _clash("b", 12), _clash("c", 13, ("AAA", "BBB", "CCC"))
LATER = _clash("d", 16, day=date(2025, 3, 15))  # five days later: another clash


def test_an_earlier_report_renames_the_event_and_the_old_id_redirects() -> None:
    stream = _Stream()
    stream.deliver(B)
    assert list(stream.events) == [b"x-b"]
    placements = stream.deliver(A)
    assert [(p.event_id, "join" if p.join else "leave" if p.leave else "alias_of" if p.alias_of else "aliases")
            for p in placements] == [("x-a", "join"), ("x-a", "join"), ("x-b", "leave"), ("x-b", "alias_of"),
                                     ("x-a", "aliases")]
    survivor = stream.events[b"x-a"]
    assert [s["id"] for s in survivor["sources"]] == ["a", "b"] and survivor["aliases"] == ["x-b"]
    assert stream.events[b"x-b"] == {"schema_version": 1, "id": "x-b", "alias_of": "x-a"}
    assert [(k, v if v is None else "alias_of" in v) for k, v in stream.events.changes if k == b"x-b"] == [
        (b"x-b", False), (b"x-b", None), (b"x-b", True)]  # created, tombstone, redirect
    assert [v for _, v in stream.new.sent] == [{"id": "x-b"}, {"id": "x-a"}, {"id": "x-b", "gone": True}]


def test_the_tables_depend_on_the_set_of_reports_not_their_order_or_repeats() -> None:
    results = []
    for order in itertools.permutations([A, B, C, LATER]):
        stream = _Stream()
        stream.deliver(*order, order[1])  # one of them redelivered
        results.append((stream.events, {k: v["event_id"] for k, v in stream.candidates.items()}))
    assert all(r == results[0] for r in results)
    events, placed = results[0]
    assert sorted(events) == [b"x-a", b"x-b", b"x-c", b"x-d"]
    assert [s["id"] for s in events[b"x-a"]["sources"]] == ["a", "b", "c"]
    assert events[b"x-a"]["aliases"] == ["x-b", "x-c"] and events[b"x-c"]["alias_of"] == "x-a"
    assert [s["id"] for s in events[b"x-d"]["sources"]] == ["d"]
    assert placed == {b"clash/a/x-a": "x-a", b"clash/b/x-b": "x-a", b"clash/c/x-c": "x-a", b"clash/d/x-d": "x-d"}


def test_events_ended_long_before_the_newest_report_are_no_candidates_any_more() -> None:
    stream = _Stream()
    stream.deliver(A, _clash("e", 11, day=date(2025, 3, 10)).model_copy(
        update={"article": ArticleRef(id="e", published_at=datetime(2025, 6, 1, tzinfo=timezone.utc)),
                "date_start": date(2025, 5, 31), "date_end": date(2025, 5, 31)}))
    assert list(stream.candidates) == [b"clash/e/x-e"]  # the March clash ended 80 days before
    assert set(stream.events) == {b"x-a", b"x-e"}  # its event stays, only resolution forgets it


def test_a_casualty_update_is_not_resolved_and_keeps_its_id() -> None:
    published = datetime(2025, 3, 11, tzinfo=timezone.utc)
    update = CasualtyUpdate(id="c1", article=ArticleRef(id="t", published_at=published),
                            evidence=Evidence(text="x", start=0, end=1), conflict=["AAA", "BBB"],
                            figures=[Figure(outcome="killed", category="military", count=3)])
    stream = _Stream()
    stream.deliver(update)
    assert stream.by_block.sent == [] and stream.candidates == {}
    assert [s["id"] for s in stream.events[b"c1"]["sources"]] == ["t"]


def test_an_id_two_events_share_is_no_alias_while_one_of_them_holds_it() -> None:
    """Two clashes of one week get one extraction id; when an earlier report takes over the
    second, the id still names the first and redirects nowhere."""
    stream = _Stream()
    first = _clash("f", 10, day=date(2025, 3, 3), report_id="x-week")
    second = _clash("s", 14, day=date(2025, 3, 7), report_id="x-week")
    stream.deliver(first, second)
    assert [s["id"] for s in stream.events[b"x-week"]["sources"]] == ["f", "s"]  # one id, two clusters
    stream.deliver(_clash("e", 13, day=date(2025, 3, 7)))
    assert [s["id"] for s in stream.events[b"x-week"]["sources"]] == ["f"]
    assert [s["id"] for s in stream.events[b"x-e"]["sources"]] == ["e", "s"]
    assert stream.events[b"x-e"]["aliases"] == []


def _tables(stream: _Stream) -> tuple[dict[bytes, Any], dict[bytes, str], dict[bytes, Any]]:
    return stream.events, {k: v["event_id"] for k, v in stream.candidates.items()}, stream.tallies


def _fresh(*reports: Event) -> _Stream:
    stream = _Stream()
    stream.deliver(*reports)
    return stream


def test_a_withdrawn_report_leaves_the_tables_as_if_it_had_never_come() -> None:
    """Whichever report is withdrawn - the one that founded the event, one that bridged two,
    one alone - the tables end as those of the others alone; a withdrawal read twice, or of a
    report never placed, changes nothing more."""
    reports = [A, B, C, LATER]
    for gone in reports:
        rest = [r for r in reports if r is not gone]
        stream = _fresh(*reports)
        stream.deliver(_Withdrawal(gone), _Withdrawal(gone), _Withdrawal(_clash("never", 12)))
        assert _tables(stream) == _tables(_fresh(*rest)), gone.article.id


def test_withdrawing_the_founding_report_renames_the_event_and_drops_its_redirects() -> None:
    stream = _fresh(B, A)  # A renamed B's event; x-b redirects to x-a
    stream.deliver(_Withdrawal(A))
    assert sorted(stream.events) == [b"x-b"]
    assert [s["id"] for s in stream.events[b"x-b"]["sources"]] == ["b"] and stream.events[b"x-b"]["aliases"] == []
    assert stream.events.changes[-1] == (b"x-a", None)  # the old id's tombstone: it names nothing now
    stream.deliver(_Withdrawal(B))
    assert stream.events == {} and stream.candidates == {}
    assert [v for _, v in stream.new.sent][-2:] == [{"id": "x-a", "gone": True}, {"id": "x-b", "gone": True}]


def _casualties(article_id: str, killed: int, reporter: str) -> CasualtyUpdate:
    return CasualtyUpdate(id=f"c-{reporter}", article=ArticleRef(id=article_id, published_at=datetime(
                              2025, 3, 11, tzinfo=timezone.utc)),
                          evidence=Evidence(text="x", start=0, end=1), conflict=["AAA", "BBB"],
                          party=Party(country="AAA"), reported_by=reporter,
                          figures=[Figure(outcome="killed", category="military", count=killed)])


def test_a_withdrawn_casualty_report_leaves_its_event_and_its_tally() -> None:
    army, monitor = _casualties("t1", 3, "the army"), _casualties("t2", 9, "a monitor")
    stream = _fresh(army, monitor)
    [tally] = stream.tallies.values()
    assert sorted(r["reported_by"] for r in tally["reporters"]) == ["a monitor", "the army"]
    stream.deliver(_Withdrawal(army))
    assert sorted(stream.events) == [b"c-a monitor"]
    [tally] = stream.tallies.values()
    assert [r["reported_by"] for r in tally["reporters"]] == ["a monitor"]
    stream.deliver(_Withdrawal(monitor))
    assert stream.events == {} and stream.tallies == {}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_tables_depend_on_the_reports_left_whatever_the_order_of_reports_and_withdrawals(
        data: st.DataObject) -> None:
    """Reports arrive in any order and some are withdrawn later (a withdrawal follows its report,
    as in one partition); the tables are those of the reports left, delivered afresh."""
    pool = [A, B, C, LATER, _clash("e", 12, ("BBB",)), _clash("f", 14, day=date(2025, 3, 12)),
            _casualties("g", 4, "the army"), _casualties("h", 5, "a monitor").model_copy(update={"conflict": []})]
    order: list[Event | _Withdrawal] = list(data.draw(st.permutations(pool)))
    withdrawn = data.draw(st.lists(st.sampled_from(pool), unique_by=id))
    for report in withdrawn:
        after = next(i for i, r in enumerate(order) if r is report)
        order.insert(data.draw(st.integers(after + 1, len(order))), _Withdrawal(report))
    stream = _Stream()
    stream.deliver(*order)
    assert _tables(stream) == _tables(_fresh(*(r for r in pool if not any(r is w for w in withdrawn))))
