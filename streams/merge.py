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
from schemas.merged import MergedEvent, Tally, reporter_of

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


def tally_block(report: CasualtyUpdate) -> str:
    """Whose casualties a report counts (the party's country, else its name): the reports one
    tally agent compares when it resolves their conflicts."""
    party = report.party.country or (report.party.name or "").casefold() if report.party else ""
    return party or "unknown"


def _widest(conflicts: set[frozenset[str]]) -> list[frozenset[str]]:
    return [c for c in conflicts if not any(c < other for other in conflicts)]


#: Reports a tally keeps per reporter and conflict: the latest, and two to fall back on should
#: newer ones be withdrawn. Older figures of the same reporter are superseded (a tally shows each
#: reporter's latest), and keeping every report made a party's tally grow with each report for
#: as long as the party was in the news: its table entry rewritten whole each time (135 KB after
#: 133 reports of one party), towards the broker's 1 MiB record limit.
TALLY_REPORTS_KEPT = 3


def latest_reports(reports: Iterable[CasualtyUpdate], keep: int = TALLY_REPORTS_KEPT) -> list[CasualtyUpdate]:
    """The `keep` newest reports of each reporter about each conflict, oldest first. A function
    of the set of reports, so the order they arrive in never matters."""
    kept: dict[tuple[str, frozenset[str]], list[CasualtyUpdate]] = {}
    for report in reversed(_oldest_first(reports)):
        same = kept.setdefault((reporter_of(report).casefold(), frozenset(report.conflict)), [])
        if len(same) < keep:
            same.append(report)
    return _oldest_first(r for same in kept.values() for r in same)


def tallies_of(reports: Iterable[CasualtyUpdate]) -> dict[str, Tally]:
    """The tallies of one block's reports (one party's), keyed "CONFLICT|PARTY".

    A report's conflict is resolved against the others' like an event against other reports:
    outlets name the fighting with more or fewer countries ("clashes with Indian forces" and
    "the India-Pakistan-China standoff"), or none at all. A report joins the widest conflict
    of the block that contains its own countries when there is exactly one; when the party
    fights in several, a report that fits more than one keeps its own. Only the latest reports
    of each reporter are kept (`latest_reports`). A function of the set of reports, so their
    order never matters.
    """
    reports = latest_reports(reports)
    widest = _widest({frozenset(r.conflict) for r in reports})
    groups: dict[frozenset[str], list[CasualtyUpdate]] = {}
    for report in reports:
        own = frozenset(report.conflict)
        holders = [c for c in widest if own <= c]
        groups.setdefault(holders[0] if len(holders) == 1 else own, []).append(report)
    out = {}
    for conflict, members in groups.items():
        members = _oldest_first(members)
        key = f"{'-'.join(sorted(conflict)) or 'unknown'}|{tally_block(members[0])}"
        party = next((r.party for r in reversed(members) if r.party), None)
        out[key] = Tally(key=key, conflict=sorted(conflict), party=party, reports=members)
    return out
