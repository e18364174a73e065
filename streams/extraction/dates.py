"""Date expressions -> (start, end, precision), resolved against the publication time.

News rarely writes full dates: "on Monday" is the most recent Monday on or before publication,
"early last week" the Monday of the previous week (week precision), "Sept. 12-14" a day range,
"in January 2021" a month, "two years ago" a year, "1998-2000" a range of years. Month names
come from the `calendar` module; the patterns are English, like the rest of the engine.
Anything not understood yields None rather than a guess.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from schemas import DatePrecision
from streams.extraction.numbers import parse_number

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*(?:-|\u2013|to|and)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_NUM = r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY2}\b(?:,?\s+{_YEAR})?", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}{_DAY2}\s+{_MONTH}\b(?:,?\s+{_YEAR})?", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("year_range", re.compile(rf"\b{_YEAR}\s*(?:-|\u2013|to|and)\s*(?P<year2>(?:1[89]|20)\d{{2}})\b",
                              re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("past_days", re.compile(rf"\b(?:past|last)\s+{_NUM}\s+days\b", re.I)),
    ("rel_week", re.compile(r"\b(?P<part>early|late|mid)?[\s-]*(?P<which>last|this|next) week\b",
                            re.I)),
    ("rel_month", re.compile(r"\b(?P<which>last|this) month\b", re.I)),
    ("rel_year", re.compile(r"\b(?P<which>last|this) year\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|overnight|last night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b",
                         re.I)),
    ("weekday", re.compile(r"\b(?P<last>last\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
    ("month", re.compile(rf"\b(?:in|since|during|last|early|late|mid|until|by)[\s-]+{_MONTH}\b",
                         re.I)),
    ("year", re.compile(rf"\b(?:in|since|of|from|until|by|during|to|early|late|mid|and|between|"
                        rf"before|after|year)\s+(?:the\s+)?(?:early\s+|late\s+)?{_YEAR}\b", re.I)),
    ("month", re.compile(rf"\b(?:end|beginning|start|middle)\s+of\s+{_MONTH}\b", re.I)),
    ("decade", re.compile(r"\b(?P<year>(?:1[89]|20)\d0)s\b")),  # "a war in the 1880s"
]


@dataclass(frozen=True)
class DateSpan:
    """A resolved date: the first and last day it covers, and how precisely it is known."""

    start: dt.date
    end: dt.date
    precision: DatePrecision

    @property
    def date(self) -> dt.date:
        """The representative date: the start, as the guideline's `date` field wants."""
        return self.start


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, with its character offsets in that text."""

    span: DateSpan
    start: int
    end: int


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _past_year(month: int, day: int, ref: dt.date) -> int:
    """The year in which month/day falls on or before `ref` (allowing a short look-ahead)."""
    try:
        candidate = dt.date(ref.year, month, day)
    except ValueError:
        return ref.year
    return ref.year - 1 if candidate > ref + dt.timedelta(days=7) else ref.year


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _shift_months(d: dt.date, months: int) -> dt.date:
    idx = d.year * 12 + d.month - 1 + months
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _resolve(kind: str, m: re.Match[str], ref: dt.date) -> DateSpan | None:
    g = m.groupdict()
    if g.get("month") and g["month"].islower():  # "may", "march": verbs, not months
        return None
    day_p, week_p = DatePrecision.DAY, DatePrecision.WEEK
    if kind in ("month_day", "day_month"):
        month = _MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _past_year(month, day, ref)
        start = _safe_date(year, month, day)
        end = _safe_date(year, month, int(g["day2"])) if g.get("day2") else start
        if start is None or end is None or end < start:
            return None
        return DateSpan(start, end, day_p)
    if kind == "month_year":
        start = dt.date(int(g["year"]), _MONTHS[g["month"].lower().rstrip(".")], 1)
        return DateSpan(start, _shift_months(start, 1) - dt.timedelta(days=1), DatePrecision.MONTH)
    if kind == "month":
        month = _MONTHS[g["month"].lower().rstrip(".")]
        year = ref.year if month <= ref.month else ref.year - 1
        start = dt.date(year, month, 1)
        return DateSpan(start, _shift_months(start, 1) - dt.timedelta(days=1), DatePrecision.MONTH)
    if kind == "year_range":  # "the 1998-2000 war", "between 1998 and 2000"
        first, last = int(g["year"]), int(g["year2"])
        if not first < last <= ref.year:
            return None
        return DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31), DatePrecision.YEAR)
    if kind == "year":
        year = int(g["year"])
        if year > ref.year:
            return None
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR)
    if kind == "ago":
        n = parse_number(g["n"]) if g["n"].lower() not in ("some", "several", "few") else None
        unit = g["unit"].lower()
        if n is None:
            return None
        if unit == "day":
            d = ref - dt.timedelta(days=n)
            return DateSpan(d, d, day_p)
        if unit == "week":
            d = _monday(ref - dt.timedelta(weeks=n))
            return DateSpan(d, d + dt.timedelta(days=6), week_p)
        if unit == "month":
            start = _shift_months(ref.replace(day=1), -n)
            return DateSpan(start, _shift_months(start, 1) - dt.timedelta(days=1),
                            DatePrecision.MONTH)
        return DateSpan(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31),
                        DatePrecision.YEAR)
    if kind == "past_days":
        n = parse_number(g["n"])
        if n is None or n > 31:
            return None
        return DateSpan(_monday(ref - dt.timedelta(days=n - 1)), ref, week_p)
    if kind == "rel_week":
        offset = {"last": -1, "this": 0, "next": 1}[g["which"].lower()]
        monday = _monday(ref) + dt.timedelta(weeks=offset)
        return DateSpan(monday, monday + dt.timedelta(days=6), week_p)
    if kind == "rel_month":
        start = _shift_months(ref.replace(day=1), -1 if g["which"].lower() == "last" else 0)
        return DateSpan(start, _shift_months(start, 1) - dt.timedelta(days=1), DatePrecision.MONTH)
    if kind == "rel_year":
        year = ref.year - (g["which"].lower() == "last")
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR)
    if kind == "yesterday":
        d = ref - dt.timedelta(days=1)
        return DateSpan(d, d, day_p)
    if kind == "today":
        return DateSpan(ref, ref, day_p)
    if kind == "weekday":
        back = (ref.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if g.get("last") and back == 0:
            back = 7
        d = ref - dt.timedelta(days=back)
        return DateSpan(d, d, day_p)
    if kind == "decade" and int(g["year"]) + 9 < ref.year:
        return DateSpan(dt.date(int(g["year"]), 1, 1), dt.date(int(g["year"]) + 9, 12, 31),
                        DatePrecision.YEAR)
    return None


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in `text`, resolved; overlapping matches keep the earliest pattern."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _resolve(kind, m, published)
            if span is not None:
                found.append(DateMention(span, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def resolve_date(text: str, published: dt.date) -> DateSpan | None:
    """The first date expression in `text`, resolved against `published`, else None."""
    found = find_dates(text, published)
    return found[0].span if found else None


def is_background(dates: DateSpan | None, published: dt.date) -> bool:
    """History recounted: the event ended more than two weeks before publication."""
    return dates is not None and dates.end < published - dt.timedelta(days=14)
