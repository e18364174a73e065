"""Event records of the `events.*` topics: meeting, clash and casualty_update.

The fields and vocabularies are those of the annotation guideline (../shared/eval/README.md),
so a record can be written in the annotation format by dropping what the guideline lacks
(ids, coordinates, codes, confidence, offsets). `Event` is the discriminated union of the three.

Event identity
--------------
`id` is deterministic: a hash of the event type, the sorted countries (or, for parties without a
country, the lower-cased names) of the key actors, the start date truncated to a bucket (the
ISO week of the date at day or week precision, else the month, else the year), and the place's
country. The same real event reported by ten articles therefore gets one id, and a record can be
written any number of times without creating duplicates. See `streams.extraction.identity`.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from schemas.article import SCHEMA_VERSION, ArticleRef
from schemas.vocab import Category, DatePrecision, MeetingMode, Outcome, Qualifier

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Evidence(_Record):
    """The sentence (or shortest span) of the article that states the event, with its offsets
    in `Article.body`, so a reader can highlight it in the source."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Location(_Record):
    name: str | None = None
    country: CountryCode | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geonameid: int | None = Field(default=None, description="GeoNames id of the gazetteer entry.")


class Participant(_Record):
    name: str | None = None
    role: str | None = None
    country: CountryCode | None = None


class Side(_Record):
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    country: CountryCode | None = None


class Count(_Record):
    count: int = Field(ge=0)
    qualifier: Qualifier = Qualifier.EXACT


class Party(_Record):
    name: str | None = None
    country: CountryCode | None = None


class Figure(_Record):
    outcome: Outcome
    category: Category = Category.UNKNOWN
    count: int = Field(ge=0)
    qualifier: Qualifier = Qualifier.EXACT


class _EventBase(_Record):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(description="Deterministic event id (see the module docstring).")
    article: ArticleRef
    background: bool = Field(default=False, description="History recounted, not news.")
    evidence: Evidence
    confidence: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Probability that the event is right under strict scoring (its key "
                    "arguments and dates), calibrated on the gold development set.")
    support: int = Field(default=1, ge=1,
                         description="Sentences of the article that state this event.")
    cameo: str | None = Field(default=None, description="CAMEO event code.")
    plover: str | None = Field(default=None, description="PLOVER event type.")
    extractor_version: str = ""


class Meeting(_EventBase):
    type: Literal["meeting"] = "meeting"
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    location: Location = Field(default_factory=Location)
    participants: list[Participant] = Field(default_factory=list)
    mode: MeetingMode = MeetingMode.IN_PERSON
    multilateral: bool = Field(default=False, description="Three or more parties.")


class Clash(_EventBase):
    type: Literal["clash"] = "clash"
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    location: Location = Field(default_factory=Location)
    sides: list[Side] = Field(default_factory=list)
    fatalities: Count | None = None


class CasualtyUpdate(_EventBase):
    type: Literal["casualty_update"] = "casualty_update"
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    party: Party | None = None
    reported_by: str | None = None
    figures: list[Figure] = Field(default_factory=list)
    conflict: list[CountryCode] = Field(
        default_factory=list,
        description="Countries of the sides in the fighting the figures come from, sorted; "
                    "with `party` it keys the casualty tallies.")


Event = Annotated[Union[Meeting, Clash, CasualtyUpdate], Field(discriminator="type")]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
