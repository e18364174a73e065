"""Dates stand for intervals at their precision; a gold event without a date agrees with anything."""
from datetime import date

import pytest

from streams.evaluation.dates import dates_agree, event_span, parse_date, widen

from eval_helpers import clash, meeting, side


@pytest.mark.parametrize(("day", "precision", "expected"), [
    (date(2022, 9, 19), "day", (date(2022, 9, 19), date(2022, 9, 19))),
    (date(2022, 9, 19), None, (date(2022, 9, 19), date(2022, 9, 19))),
    (date(2022, 9, 22), "week", (date(2022, 9, 19), date(2022, 9, 25))),  # Thursday -> Mon..Sun
    (date(2021, 1, 1), "week", (date(2020, 12, 28), date(2021, 1, 3))),  # week across a new year
    (date(2022, 2, 1), "month", (date(2022, 2, 1), date(2022, 2, 28))),
    (date(2024, 2, 1), "month", (date(2024, 2, 1), date(2024, 2, 29))),  # leap year
    (date(2022, 12, 1), "month", (date(2022, 12, 1), date(2022, 12, 31))),
    (date(2022, 6, 1), "year", (date(2022, 1, 1), date(2022, 12, 31))),
])
def test_widen_gives_the_period_a_date_stands_for(day, precision, expected):
    assert widen(day, precision) == expected


def test_parse_date_takes_the_day_of_datetimes_and_ignores_junk():
    assert parse_date("2022-09-19T10:00:00Z") == date(2022, 9, 19)
    assert parse_date(None) is None
    assert parse_date("") is None
    assert parse_date("last week") is None


def test_clash_span_runs_from_start_to_end_and_fills_a_missing_end():
    assert event_span(clash(start="2022-09-12", end="2022-09-14")) == (date(2022, 9, 12), date(2022, 9, 14))
    assert event_span(clash(start=None, end="2022-09-14")) == (date(2022, 9, 14), date(2022, 9, 14))
    assert event_span(clash(start="2022-09-01", end="2022-10-01", precision="month")) == (
        date(2022, 9, 1), date(2022, 10, 31))
    assert event_span(clash(start=None, end=None)) is None


@pytest.mark.parametrize(("gold", "pred", "agree"), [
    (meeting(date="2022-09-19"), meeting(date="2022-09-19"), True),
    (meeting(date="2022-09-19"), meeting(date="2022-09-20"), False),
    # a coarser date on either side agrees with any day in its period
    (meeting(date="2022-09-19"), meeting(date="2022-09-01", precision="month"), True),
    (meeting(date="2022-09-01", precision="month"), meeting(date="2022-09-30"), True),
    (meeting(date="2022-09-01", precision="month"), meeting(date="2022-10-01"), False),
    (meeting(date="2022-09-19", precision="week"), meeting(date="2022-09-25"), True),
    (meeting(date="2022-09-19", precision="week"), meeting(date="2022-09-26"), False),
    (meeting(date="2022-01-01", precision="year"), meeting(date="2022-12-31"), True),
    (meeting(date="2022-01-01", precision="year"), meeting(date="2021-12-31"), False),
    # a null gold date agrees with anything, a null predicted date with no dated gold
    (meeting(date=None), meeting(date="1999-01-01"), True),
    (meeting(date=None), meeting(date=None), True),
    (meeting(date="2022-09-19"), meeting(date=None), False),
    # clash ranges agree where they overlap
    (clash(side(country="ARM")), clash(side(country="ARM"), start="2022-09-14", end="2022-09-15"), True),
    (clash(side(country="ARM")), clash(side(country="ARM"), start="2022-09-15", end="2022-09-16"), False),
])
def test_dates_agree(gold, pred, agree):
    assert dates_agree(gold, pred) is agree
