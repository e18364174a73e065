"""Merging the reports of one real event, and of one party's casualties, into table records.

Pure functions over schema records: the stream agents call them, the tests call them directly.
Every merge is a function of the *set* of reports (one per source article and event id, the
newest version replacing its older one), so the order in which reports arrive and how often one
is redelivered never change the result.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from schemas import CasualtyUpdate, Clash, DatePrecision, Event, Meeting
from schemas.merged import MergedEvent, Tally

T = TypeVar("T")
R = TypeVar("R", bound=Event)

PRECISION_RANK = {DatePrecision.DAY: 4, DatePrecision.WEEK: 3, DatePrecision.MONTH: 2,
                  DatePrecision.YEAR: 1, None: 0}


def _oldest_first(reports: Iterable[R]) -> list[R]:
    return sorted(reports, key=lambda r: (r.article.published_at, r.article.id))


def with_report(reports: Sequence[R], report: R) -> list[R]:
    """The reports with `report` in place of any earlier version of it (same article, same
    event id): a redelivered or re-extracted report replaces itself, never adds up."""
    same = (report.article.id, report.id)
    return _oldest_first([r for r in reports if (r.article.id, r.id) != same] + [report])


def without_report(reports: Sequence[R], report: R) -> list[R]:
    """The reports without `report` (same article, same event id), as when resolution moves it
    to another event; removing a report that is not there changes nothing."""
    gone = (report.article.id, report.id)
    return [r for r in reports if (r.article.id, r.id) != gone]


def _most_supported(reports: Sequence[R], score: Callable[[R], Any], value: Callable[[R], T]) -> T:
    """The value of the best-scoring reports; among those, the value most reports give
    (ties to the oldest report, so the result does not depend on arrival order)."""
    best = max(score(r) for r in reports)
    candidates = [r for r in reports if score(r) == best]
    counts = Counter(repr(value(r)) for r in candidates)
    top = max(counts.values())
    return next(value(r) for r in candidates if counts[repr(value(r))] == top)


def _union(groups: Iterable[list[Any]], key: Callable[[Any], Any], richness: Callable[[Any], int]) -> list[Any]:
    """Every actor any report names, once, keeping the most complete description of each."""
    chosen: dict[Any, Any] = {}
    for item in (i for group in groups for i in group):
        k = key(item)
        if k not in chosen or richness(item) > richness(chosen[k]):
            chosen[k] = item
    return list(chosen.values())


def _actor_key(actor: Any) -> str:
    return actor.country or (actor.name or "").casefold()


def _date_score(r: Event) -> tuple[int]:
    return (PRECISION_RANK[r.date_precision],)


def _place_score(r: Event) -> tuple[bool, bool, bool]:
    loc = r.location
    return (loc.geonameid is not None, loc.name is not None, loc.country is not None)


def merge_event(reports: Sequence[Event], *, event_id: str | None = None,
                aliases: Sequence[str] = ()) -> MergedEvent:
    """The merged record of one event from all its reports (at least one): under `event_id`,
    the id resolution gave it (by default the first report's), with its `aliases`."""
    reports = _oldest_first(reports)
    first, latest = reports[0], reports[-1]
    event_id = event_id or first.id
    best = first.model_copy(deep=True)
    best.id = event_id
    if not isinstance(best, CasualtyUpdate):
        best.location = _most_supported(reports, _place_score, lambda r: r.location)
    if isinstance(best, Clash):
        best.date_start, best.date_end, best.date_precision = _most_supported(
            reports, _date_score, lambda r: (r.date_start, r.date_end, r.date_precision))
        best.sides = _union((r.sides for r in reports), _actor_key,
                            lambda s: bool(s.name) + bool(s.country) + len(s.aliases))
        best.fatalities = next((r.fatalities for r in reversed(reports) if r.fatalities), None)
    else:
        best.date, best.date_precision = _most_supported(
            reports, _date_score, lambda r: (r.date, r.date_precision))
    if isinstance(best, Meeting):
        best.participants = _union((r.participants for r in reports), _actor_key,
                                   lambda p: bool(p.name) + bool(p.role) + bool(p.country))
        best.mode = _most_supported(reports, lambda r: 0, lambda r: r.mode)
        best.multilateral = len(best.participants) > 2
    if isinstance(best, CasualtyUpdate):
        best.figures, best.party, best.reported_by = latest.figures, latest.party, latest.reported_by
    best.background = all(r.background for r in reports)
    best.evidence = _most_supported(reports, lambda r: r.confidence, lambda r: r.evidence)
    unsure = 1.0
    for r in reports:
        unsure *= 1.0 - r.confidence
    best.confidence = round(1.0 - unsure, 4)
    return MergedEvent(id=event_id, event=best, reports=reports, aliases=sorted(aliases))


def tally_key(report: CasualtyUpdate) -> str:
    """Which tally a casualty report belongs to: the conflict's countries and whose casualties."""
    party = report.party.country or (report.party.name or "").casefold() if report.party else ""
    return f"{'-'.join(sorted(report.conflict)) or 'unknown'}|{party or 'unknown'}"


def _tally(key: str, conflict: list[str], reports: list[CasualtyUpdate]) -> Tally:
    party = next((r.party for r in reversed(reports) if r.party), None)
    return Tally(key=key, conflict=conflict, party=party, reports=reports)


def tally_with(tally: Tally | None, report: CasualtyUpdate) -> Tally:
    """The tally after one more casualty report (replacing an earlier one of the same article)."""
    return _tally(tally_key(report), sorted(report.conflict), with_report(tally.reports if tally else [], report))


def tally_without(tally: Tally, report: CasualtyUpdate) -> Tally | None:
    """The tally after a report of it was withdrawn, or None when no report is left."""
    reports = without_report(tally.reports, report)
    return _tally(tally.key, tally.conflict, reports) if reports else None
