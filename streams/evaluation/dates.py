"""Event dates as intervals: a date stands for every day its precision leaves open.

A month-precision "2022-09-01" means "some day in September 2022", so it agrees with any
date in September; a gold event without a date agrees with any prediction at all.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

Interval = tuple[date, date]


def parse_date(value: Any) -> date | None:
    """The calendar day of an ISO date or datetime string; None where it is absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def widen(day: date, precision: str | None) -> Interval:
    """First and last day of the period `day` stands for at `precision` (a day where unknown)."""
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        first_of_next = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), first_of_next - timedelta(days=1)
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def event_span(event: Mapping[str, Any]) -> Interval | None:
    """The days an event may have taken place on; None where it has no date.

    A clash runs from `date_start` to `date_end` (either may stand in for a missing other);
    every other event has one `date`. Both ends are widened at the event's precision.
    """
    if event.get("type") == "clash":
        start, end = parse_date(event.get("date_start")), parse_date(event.get("date_end"))
    else:
        start = end = parse_date(event.get("date"))
    start = start or end
    end = end or start
    if start is None or end is None:
        return None
    precision = event.get("date_precision")
    return widen(start, precision)[0], widen(end, precision)[1]


def dates_agree(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Whether the prediction's dates can be the gold event's: the spans overlap.

    A gold event without a date agrees with anything; a prediction without a date never
    agrees with a dated gold event.
    """
    gold_span = event_span(gold)
    if gold_span is None:
        return True
    pred_span = event_span(pred)
    if pred_span is None:
        return False
    return pred_span[0] <= gold_span[1] and gold_span[0] <= pred_span[1]
