"""Event resolution: which reports, from any outlets, tell the same real event.

Outlets differ in detail: one gives no day, another names an extra country, a third only the
country for a place. An exact key cannot absorb that, so reports are compared pairwise:

- **Block**: only reports of one type that share a key actor country are ever compared (a
  clash whose sides have no country, such as unnamed gunmen, counts the country it is in).
- **Contradictions** keep two reports apart whatever else they share: dates that cannot be the
  same at their precision (a day may be off by `SLACK_DAYS`: "Monday night" is Tuesday's news,
  and a report without a day of its own is dated by its publication; an undated report may be
  from up to `UNDATED_DAYS` days before its publication), places in different countries or two different cities, or
  for meetings, other named people for the same country or another mode (a call is no visit).
- **Score** of a pair without contradiction (the weights, each in [0, 1]):
  `ACTORS` x the share of countries in common (Jaccard), `DATES` x 1 when both are dated and
  agree (0.5 when one is undated or the days are `SLACK_DAYS` apart), `PLACE` x 1 when both name the same place (0.5 when one
  names none, or a place that may hold the other). A pair scoring `THRESHOLD` or more may be one event.

Clustering is a function of the *set* of reports, never of their arrival: reports are taken in
a canonical order (publication time, article id, report id) and each joins the cluster it
scores best with among those it contradicts no member of (complete linkage, so a vague
report cannot chain two different events together), else starts a cluster. A cluster's event
id is the report id of its first member in that order: a later report that joins never renames
it, and the same reports in any order, or twice, give the same events.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemas import Clash, DatePrecision, Event, Meeting

UNDATED_DAYS = 7
SLACK_DAYS = 1
ACTORS, DATES, PLACE = 0.5, 0.3, 0.2
THRESHOLD = 0.45
RESOLVED_TYPES = ("meeting", "clash")
"""Casualty updates keep their own ids: one per reporting act and reporter."""


def block_key(kind: str) -> str:
    """The stream's routing key of a report of type `kind` to resolve: the type. Every report it could ever be
    compared with has that key, so one worker owns all of them; a finer key from countries would
    not be sound, since a report naming two countries belongs to the blocks of both."""
    return kind


@dataclass(frozen=True)
class Report:
    """What resolution compares of one report (one event of one article)."""

    report_id: str
    article_id: str
    type: str
    published: dt.datetime
    countries: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    place_country: str | None
    place_name: str | None
    place_id: int | None  # GeoNames id: the gazetteer gives them to cities only
    people: tuple[tuple[str, frozenset[str]], ...] = ()  # meeting: country -> surnames named
    mode: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.article_id, self.report_id

    @property
    def order(self) -> tuple[dt.datetime, str, str]:
        return self.published, self.article_id, self.report_id


def _span(date: dt.date | None, end: dt.date | None, precision: DatePrecision | None) -> tuple[dt.date | None, dt.date | None]:
    """The days a date may mean at its precision."""
    if date is None:
        return None, None
    if precision == DatePrecision.WEEK:
        return date, date + dt.timedelta(days=6)
    if precision == DatePrecision.MONTH:
        following = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return date, max(end or date, following - dt.timedelta(days=1))
    if precision == DatePrecision.YEAR:
        return date, max(end or date, date.replace(month=12, day=31))
    return date, end or date


#: Words after a name that are no family name ("Abdullah II", "Martin Luther King Jr.").
_SUFFIXES = {"i", "ii", "iii", "iv", "v", "jr", "jr.", "sr", "sr."}


def _surname(name: str) -> str:
    words = [w for w in name.casefold().split() if w not in _SUFFIXES]
    return words[-1] if words else name.casefold()


def report_of(event: Event) -> Report:
    """The resolution view of one extracted event."""
    if isinstance(event, Clash):
        countries = frozenset(s.country for s in event.sides if s.country)
        start, end = _span(event.date_start, event.date_end, event.date_precision)
        people: tuple[tuple[str, frozenset[str]], ...] = ()
        mode = None
    else:
        countries = frozenset(p.country for p in getattr(event, "participants", []) if p.country)
        start, end = _span(event.date, None, event.date_precision)
        named: dict[str, set[str]] = {}
        for p in getattr(event, "participants", []):
            if p.country and p.name:
                named.setdefault(p.country, set()).add(_surname(p.name))
        people = tuple(sorted((c, frozenset(n)) for c, n in named.items()))
        mode = event.mode.value if isinstance(event, Meeting) else None
    location = getattr(event, "location", None)
    if not countries and location is not None and location.country:
        countries = frozenset({location.country})
    return Report(report_id=event.id, article_id=event.article.id, type=event.type,
                  published=event.article.published_at, countries=countries, start=start, end=end,
                  place_country=location.country if location else None,
                  place_name=(location.name or None) if location else None,
                  place_id=location.geonameid if location else None, people=people, mode=mode)


def _dates_agree(a: Report, b: Report) -> float | None:
    """1 when both are dated and may be the same day, 0.5 when one is undated and the other's
    date lies in the days before its publication, None when they cannot be one event."""
    if a.start is None and b.start is None:
        return 0.5 if abs((a.published - b.published).days) <= UNDATED_DAYS else None
    if a.start is None or b.start is None:
        dated, undated = (a, b) if a.start is not None else (b, a)
        told = undated.published.date()
        assert dated.start is not None and dated.end is not None
        fits = dated.start <= told and dated.end >= told - dt.timedelta(days=UNDATED_DAYS)
        return 0.5 if fits else None
    assert a.end is not None and b.end is not None
    if a.start <= b.end and b.start <= a.end:
        return 1.0
    slack = dt.timedelta(days=SLACK_DAYS)
    return 0.5 if a.start - slack <= b.end and b.start - slack <= a.end else None


def _places_agree(a: Report, b: Report) -> float | None:
    """1 for the same place, 0.5 where one may hold the other or one is unknown (a town and
    its region or country), None for two cities of the gazetteer or places of two countries."""
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return None
    if a.place_name and b.place_name:
        x, y = a.place_name.casefold(), b.place_name.casefold()
        if x == y or x in y or y in x:
            return 1.0
    if a.place_id and b.place_id and a.place_id != b.place_id:
        return None
    return 0.5


def _people_agree(a: Report, b: Report) -> bool:
    pa, pb = dict(a.people), dict(b.people)
    return all(pa[c] & pb[c] for c in pa.keys() & pb.keys())


def score(a: Report, b: Report) -> float | None:
    """How alike two reports are, or None where they contradict each other (see the module)."""
    if a.type != b.type or not a.countries & b.countries:
        return None
    if a.mode != b.mode or not _people_agree(a, b):
        return None
    dates, places = _dates_agree(a, b), _places_agree(a, b)
    if dates is None or places is None:
        return None
    actors = len(a.countries & b.countries) / len(a.countries | b.countries)
    return ACTORS * actors + DATES * dates + PLACE * places


def cluster(reports: Iterable[Report]) -> dict[tuple[str, str], str]:
    """(article id, report id) -> event id for every report, a function of the set alone."""
    clusters: list[list[Report]] = []
    for report in sorted(set(reports), key=lambda r: r.order):
        best, best_score = None, THRESHOLD
        for members in clusters:
            scores = [score(report, m) for m in members]
            if None in scores:
                continue
            mean = sum(scores) / len(scores)  # type: ignore[arg-type]
            if mean >= best_score:
                best, best_score = members, mean
        if best is None:
            clusters.append([report])
        else:
            best.append(report)
    return {r.key: members[0].report_id for members in clusters for r in members}


def resolve(events: Sequence[Event]) -> dict[tuple[str, str], str]:
    """(article id, report id) -> event id, for extracted events of any articles: meetings and
    clashes resolved by similarity within their blocks, casualty updates keeping their ids."""
    reports = [report_of(e) for e in events if e.type in RESOLVED_TYPES]
    ids = cluster(reports)
    return {(e.article.id, e.id): ids.get((e.article.id, e.id), e.id) for e in events}


def component(new: Report, candidates: Iterable[Report]) -> set[Report]:
    """`new` and every candidate linked to it by a chain of comparable pairs (`score` not None).

    `cluster` of a set is the union of `cluster` of these components: a report joins only a
    cluster it is comparable with in every member, so no cluster ever spans two components.
    Re-clustering the component of a new report therefore gives what clustering everything
    would, at the cost of the reports near it (same countries, near dates) rather than all."""
    by_country: dict[str, set[Report]] = {}
    for report in candidates:
        for country in report.countries:
            by_country.setdefault(country, set()).add(report)
    found, frontier = {new}, [new]
    while frontier:
        report = frontier.pop()
        # only reports sharing a country can be comparable (`score` requires one)
        near = set().union(*(by_country.get(c, ()) for c in report.countries)) - found
        linked = {other for other in near if score(report, other) is not None}
        found |= linked
        frontier.extend(linked)
    return found


def aliases(placed: dict[Report, str], events: set[str]) -> dict[str, str]:
    """alias -> event id, given where each report was placed and the ids of every event of the
    block: every report id that names no event is another name of the event of the first report
    (canonical order) bearing it. A function of the placement alone, so it is the same in any
    arrival order, and it covers every id an event ever had (each was its first report's id)
    and the extraction ids that receipts and the event topics carry. An id that is also the id
    of an event elsewhere in the block (two clusters whose first reports share an extraction
    id) stays that event's."""
    out: dict[str, str] = {}
    for report in sorted(placed, key=lambda r: r.order):
        if report.report_id not in events:
            out.setdefault(report.report_id, placed[report])
    return out
