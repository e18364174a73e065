"""Deterministic event ids: the same real event gets the same id in every article.

The id hashes what any report of the event shares however it is worded: the type, the key
actors' countries (or lower-cased names where an actor has no country), the date bucket (ISO
week for day or week precision, else month, else year; "undated" without a date) and the
place's country. Wording, evidence, figures and confidence do not enter it.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from schemas import CasualtyUpdate, Clash, DatePrecision, Event, Meeting


def date_bucket(date: dt.date | None, precision: DatePrecision | None) -> str:
    """The coarse time slot two reports of one event agree on."""
    if date is None:
        return "undated"
    if precision in (None, DatePrecision.DAY, DatePrecision.WEEK):
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year}-{date.month:02d}"
    return str(date.year)


def actor_keys(actors: list[tuple[str | None, str | None]]) -> list[str]:
    """Sorted unique keys of (name, country) actors: the country, else the lower-cased name."""
    keys = {c if c else (n or "").strip().lower() for n, c in actors}
    return sorted(k for k in keys if k)


def event_id(event_type: str, actors: list[tuple[str | None, str | None]],
             date: dt.date | None, precision: DatePrecision | None,
             place_country: str | None) -> str:
    """A 32-hex-digit id from the event's identity fields."""
    key = "|".join([event_type, ",".join(actor_keys(actors)), date_bucket(date, precision),
                    place_country or "-"])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _day(event: Event) -> dt.date | None:
    return event.date_start if isinstance(event, Clash) else event.date


def _people(event: Meeting) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in event.participants:
        if p.name and p.country:
            out.setdefault(p.country, set()).add(p.name)
    return out


def _place(event: Event) -> str:
    """A clash's place name: one clash per place and day."""
    return event.location.name or "" if isinstance(event, Clash) else ""


def _differ(a: Event, b: Event) -> bool:
    """Whether two events of one article that share an id are two events: another day, for
    clashes another place, for meetings another mode or other people of one country (a call
    and a meeting of the same two countries on one day; a visitor meeting two host officials
    in turn)."""
    if _day(a) != _day(b) or _place(a) != _place(b):
        return True
    if isinstance(a, Meeting) and isinstance(b, Meeting):
        pa, pb = _people(a), _people(b)
        return a.mode != b.mode or any(pa[c] != pb[c] for c in pa.keys() & pb.keys())
    return False


def _distinct(event: Event) -> str:
    """The fields hashed into the id of the later of two events that share one."""
    if isinstance(event, Meeting):
        names = sorted(p.name for p in event.participants if p.name)
        return f"{_day(event)}|{event.mode.value}|{','.join(names)}"
    place = _place(event)
    return f"{_day(event)}{'|' + place if place else ''}"


def one_per_id(events: list[Event]) -> list[Event]:
    """One event per id within an article: downstream, an article's report of an event id
    replaces its earlier one, so two events of one article with one id would hide each other.

    Casualty reports that share an id pool their figures. Two other events that share an id
    but not their day (two meetings of the same parties in one week), two clashes not their
    place, or two meetings that differ in mode or in the people named, are two events: the
    later one's id also hashes what tells it apart. Otherwise the first mention stands.
    """
    kept: dict[str, Event] = {}
    for event in events:
        first = kept.setdefault(event.id, event)
        if first is event:
            continue
        if isinstance(first, CasualtyUpdate) and isinstance(event, CasualtyUpdate):
            seen = {(f.outcome, f.category, f.count) for f in first.figures}
            first.figures += [f for f in event.figures if (f.outcome, f.category, f.count) not in seen]
        elif _differ(first, event):
            event.id = hashlib.sha256(f"{event.id}|{_distinct(event)}".encode()).hexdigest()[:32]
            kept.setdefault(event.id, event)
    return list(kept.values())
