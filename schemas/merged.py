"""Records of the materialized tables: one merged event per real event, casualty tallies, and
the records of event resolution (where a report belongs, which ids redirect where).

Both tables keep what every source said (`reports`) as their only state; everything else is
derived from it, so merging is order-independent and writing the same report twice changes
nothing. That is what makes the tables right under redelivery, crashes and rebalances.
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from schemas.article import SCHEMA_VERSION, ArticleRef
from schemas.events import CasualtyUpdate, Event, Figure, Party


class SourceEvidence(BaseModel):
    article_id: str
    text: str
    start: int
    end: int


class MergedEvent(BaseModel):
    """One real event as reported by one or more articles (the `events` table, `events.merged`).

    `event` holds the best-supported value of each field across the reports: the most precise
    date, the most specific place, every participant or side any report names.
    """

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    id: str
    event: Event
    reports: list[Event] = Field(description="Each source article's own record, one per article.")
    aliases: list[str] = Field(default_factory=list, description=(
        "Other ids of this event: ids it had before resolution merged or renamed it, and the "
        "extraction ids of its reports. Each is a `Redirect` on `events.merged` and answers "
        "`/api/events/{alias}` with this event."))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type(self) -> str:
        return self.event.type

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sources(self) -> list[ArticleRef]:
        return sorted((r.article for r in self.reports), key=lambda a: (a.published_at, a.id))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mentions(self) -> int:
        return len(self.reports)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def first_seen(self) -> datetime:
        return min(r.article.published_at for r in self.reports)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def last_seen(self) -> datetime:
        return max(r.article.published_at for r in self.reports)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def evidence(self) -> list[SourceEvidence]:
        return [SourceEvidence(article_id=r.article.id, text=r.evidence.text, start=r.evidence.start,
                               end=r.evidence.end) for r in self.reports]


class Redirect(BaseModel):
    """`events.merged` and the `events` table under an id that is no event of its own any more:
    it was merged into, or renamed to, the event `alias_of`. A consumer follows it there."""

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    id: str
    alias_of: str


class Placement(BaseModel):
    """What the resolve agent tells the merge agent about one event id (the record key); exactly
    one of the fields after `event_id` is set (`internal.resolved`):

    - `join`: the report belongs to the event (a new report, or one moved here);
    - `leave`: the report belongs to the event no more (it moved to another event);
    - `alias_of`: the id is no event any more, but another name of that event;
    - `aliases`: the event's other names, all of them (replacing the previous list);
    - `withdraw`: the report with id `event_id` of this article is withdrawn, by a revision or
      retraction of the article (on the block topic, and for casualty updates on
      `internal.resolved`, where a report's id is its event's id);
    - `forget`: the id names nothing any more (a redirect whose reports were withdrawn).

    The block topic carries `join` and `withdraw`; the tally topic `join` and `leave`, keyed by
    tally.
    """

    event_id: str
    join: Event | None = None
    leave: Event | None = None
    alias_of: str | None = None
    aliases: list[str] | None = None
    withdraw: str | None = None
    forget: Literal[True] | None = None

    @model_validator(mode="after")
    def _one_instruction(self) -> "Placement":
        given = [f for f in ("join", "leave", "alias_of", "aliases", "withdraw", "forget")
                 if getattr(self, f) is not None]
        if len(given) != 1:
            raise ValueError(f"a placement says exactly one thing, not {given or 'nothing'}")
        return self


class ReporterFigures(BaseModel):
    """The latest figures one reporter gave for one party."""

    reported_by: str
    as_of: datetime
    article: ArticleRef
    event_id: str
    figures: list[Figure]


class Tally(BaseModel):
    """Casualty figures for one party in one conflict, per reporter (the `tallies` table).

    Reports of the same figures are never added up: a newer report by the same reporter
    replaces the older one, and different reporters stand side by side.
    """

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    key: str
    conflict: list[str] = Field(description="Countries of the conflict's parties, sorted.")
    party: Party | None = None
    reports: list[CasualtyUpdate] = Field(description="The latest three reports of each reporter about each "
                                          "conflict (older figures are superseded), one per article.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reporters(self) -> list[ReporterFigures]:
        latest: dict[str, CasualtyUpdate] = {}
        for report in sorted(self.reports, key=lambda r: (r.article.published_at, r.article.id)):
            latest[reporter_of(report).casefold()] = report
        return [ReporterFigures(reported_by=reporter_of(r), as_of=r.article.published_at,
                                article=r.article, event_id=r.id, figures=r.figures)
                for _, r in sorted(latest.items())]


def reporter_of(report: CasualtyUpdate) -> str:
    """Who stands behind the figures: the named reporter, else the outlet's own sources."""
    if report.reported_by:
        return " ".join(report.reported_by.split())
    return f"{report.article.source or report.article.id} (own sources)"
