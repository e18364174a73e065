"""Country, date, number and place normalizers, on invented sentences."""
from __future__ import annotations

import datetime as dt

import pytest

from schemas import DatePrecision, Qualifier
from streams.extraction.dates import find_dates, resolve_date
from streams.extraction.numbers import parse_number, qualifier_before

FRIDAY = dt.date(2024, 3, 15)


@pytest.mark.parametrize("text,iso3", [
    ("Peru", "PER"), ("the Republic of Chile", "CHL"), ("South Korea", "KOR"), ("U.S.", "USA"),
    ("Britain", "GBR"), ("Türkiye", "TUR"), ("Laos", "LAO"), ("Russia", "RUS"),
])
def test_country_names(gaz, text, iso3):
    assert gaz.countries.country(text) == iso3


@pytest.mark.parametrize("text,iso3", [
    ("Kenyan", "KEN"), ("Uzbek", "UZB"), ("Pakistani", "PAK"), ("Moroccan", "MAR"),
    ("Nigerian", "NGA"), ("Japanese", "JPN"), ("Canadian", "CAN"), ("Filipino", "PHL"),
    ("Ukrainian", "UKR"), ("Israeli", "ISR"), ("Chilean", "CHL"), ("Hungarian", "HUN"),
])
def test_demonyms(gaz, text, iso3):
    assert gaz.countries.demonym(text) == iso3


@pytest.mark.parametrize("text,iso3", [("Nairobi", "KEN"), ("Ankara", "TUR"),
                                       ("Tbilisi", "GEO"), ("Canberra", "AUS")])
def test_capitals_stand_for_countries(gaz, text, iso3):
    assert gaz.countries.capital(text) == iso3
    assert gaz.countries.resolve(text) == iso3


def test_lowercase_words_are_not_countries(gaz):
    assert gaz.countries.country("us") is None
    assert gaz.countries.demonym("german") is None


def test_city_gazetteer_has_coordinates(gaz):
    loc = gaz.places.locate("Mombasa")
    assert loc.country == "KEN" and loc.geonameid and -5 < loc.latitude < -3
    assert gaz.places.locate("Ghana").country == "GHA"


def test_city_prefers_article_countries(gaz):
    assert gaz.places.city("Mombasa", {"KEN"}).country == "KEN"


@pytest.mark.parametrize("text,start,end,precision", [
    ("the talks on Wednesday", "2024-03-13", "2024-03-13", "day"),
    ("fighting on Friday", "2024-03-15", "2024-03-15", "day"),
    ("last Friday", "2024-03-08", "2024-03-08", "day"),
    ("yesterday", "2024-03-14", "2024-03-14", "day"),
    ("early last week", "2024-03-04", "2024-03-10", "week"),
    ("raids on Feb. 3-5", "2024-02-03", "2024-02-05", "day"),
    ("on 2 March", "2024-03-02", "2024-03-02", "day"),
    ("signed in August 2019", "2019-08-01", "2019-08-31", "month"),
    ("three years ago", "2021-01-01", "2021-12-31", "year"),
    ("since 2015", "2015-01-01", "2015-12-31", "year"),
    ("last month", "2024-02-01", "2024-02-29", "month"),
    ("in December", "2023-12-01", "2023-12-31", "month"),
    ("on Oct. 4, 2010", "2010-10-04", "2010-10-04", "day"),
])
def test_dates(text, start, end, precision):
    span = resolve_date(text, FRIDAY)
    assert span is not None
    assert (span.start.isoformat(), span.end.isoformat(), span.precision) == (
        start, end, DatePrecision(precision))


def test_date_noise_is_ignored():
    assert resolve_date("they may 3 times", FRIDAY) is None
    assert resolve_date("2000 people fled", FRIDAY) is None
    assert find_dates("no date here at all", FRIDAY) == []


@pytest.mark.parametrize("text,value", [
    ("4", 4), ("1,250", 1250), ("85,000", 85000), ("eleven", 11), ("forty-two", 42),
    ("two hundred", 200), ("2 million", 2_000_000), ("dozens", None), ("hundreds", None),
    ("several", None),
])
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("prefix,qualifier", [
    ("killed at least ", Qualifier.AT_LEAST), ("more than ", Qualifier.AT_LEAST),
    ("up to ", Qualifier.AT_MOST), ("at most ", Qualifier.AT_MOST),
    ("about ", Qualifier.ABOUT), ("nearly ", Qualifier.ABOUT), ("the ", Qualifier.EXACT),
])
def test_qualifiers(prefix, qualifier):
    assert qualifier_before(prefix) == qualifier
