"""Per-article state shared by the event finders: parsed sentences, people, country salience.

Every finder needs the same things: sentences with their offsets in the body (for evidence),
their resolved dates, who is named in the article (so "Blinken" is "Antony Blinken") and which
countries the article is about (the fallback country of unnamed troops, of "the government",
of an armed group fighting in that country).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from schemas import Article, Evidence
from streams.extraction.countries import CountryGazetteer
from streams.extraction.dates import DateMention, find_dates
from streams.extraction.places import PlaceGazetteer

#: A courtesy title and a possessive ending are not part of a name ("Mrs Dubois's").
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+|['\u2019]s$")
_WORD_RE = re.compile(r"[A-Z][\w\u2019'.-]*(?:\s+[A-Z][\w\u2019'.-]*){0,2}")


@dataclass
class Sentence:
    """A parsed sentence and where it sits in `Article.body`."""

    span: Span
    offset: int
    index: int
    dates: list[DateMention] = field(default_factory=list)
    #: The sentence's country mentions, found once (every finder asks for them).
    countries: list | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    def evidence(self, body: str) -> Evidence:
        """The sentence as evidence, trimmed of surrounding white space, offsets into `body`."""
        start, end = self.start, self.end
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return Evidence(text=body[start:end], start=start, end=end)


@dataclass
class Person:
    """A named person and what the article says they are."""

    name: str
    role: str | None = None
    country: str | None = None
    international: bool = False  # an official of the UN, AU, EU...: of no country


@dataclass
class Gazetteers:
    """The lookup tables, built once per `Extractor`."""

    countries: CountryGazetteer
    places: PlaceGazetteer


@dataclass
class ArticleContext:
    """What the finders know about one article."""

    article: Article
    gaz: Gazetteers
    sentences: list[Sentence]
    people: dict[str, Person] = field(default_factory=dict)
    country_counts: Counter[str] = field(default_factory=Counter)

    @property
    def published(self) -> dt.date:
        return self.article.published_at.astimezone(dt.timezone.utc).date()

    def count_countries(self) -> None:
        """Counts country mentions over the whole body (also unparsed paragraphs): cheap
        gazetteer look-ups of capitalised word runs."""
        countries = self.gaz.countries
        for m in _WORD_RE.finditer(self.article.body):
            words = m.group(0).split()
            i = 0
            while i < len(words):
                for n in (3, 2, 1):
                    iso3 = countries.resolve(" ".join(words[i:i + n]))
                    if iso3 and i + n <= len(words):
                        self.country_counts[iso3] += 1
                        i += n
                        break
                else:
                    i += 1

    def dominant(self, exclude: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The most mentioned country of the article, other than `exclude`."""
        for iso3, _ in self.country_counts.most_common():
            if iso3 not in exclude:
                return iso3
        return None

    def salient(self) -> set[str]:
        """The countries the article is about: the three most mentioned."""
        return {iso3 for iso3, _ in self.country_counts.most_common(3)}

    def add_dates(self) -> None:
        for s in self.sentences:
            s.dates = find_dates(s.span.text, self.published)

    def person(self, name: str) -> Person | None:
        """The registered person a (possibly partial) name refers to."""
        if name in self.people:
            return self.people[name]
        words = bare_name(name).split()
        if len(words) != 1:
            return None
        word = _undouble(words[0])
        for full, p in self.people.items():  # "Blinken"; a family name written first
            parts = full.split()
            if word in (_undouble(parts[-1]), _undouble(parts[0])) and len(parts) > 1:
                return p
        return None


def bare_name(name: str) -> str:
    """A name without a courtesy title or possessive: "Mrs Dubois's" -> "Dubois"."""
    return _HONORIFIC.sub("", name)


def _undouble(name: str) -> str:
    """A name without doubled letters: transliterations vary in them ("Kiriakou",
    "Kiriakkou")."""
    return re.sub(r"(\w)\1", r"\1", name)
