"""What the article agents do: read and deduplicate (ingest), then extract and route (extract).

Two stages, as in the house plan: `ingest` handles one record at a time, so its table writes
and dead-letter sends belong to that record; `extract` takes batches so the NLP runs on many
texts at once. Bad input never stops either: whatever cannot be read or extracted goes to the
dead-letter topic with its reason and original bytes, and is counted.
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, Protocol

import structlog
from faust.types import EventT, TopicT

from schemas import Article, Event, EventType, Rejection, RejectReason
from streams.ingest import Refusal, read_article
from streams.metrics import Metrics

log = structlog.get_logger("newsevents.pipeline")


class BatchExtractor(Protocol):
    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]: ...
    def extract(self, article: Article) -> list[Event]: ...


class DeadLetters:
    """Sends refused records to `articles.rejected` with their reason, and counts them."""

    def __init__(self, topic: TopicT, metrics: Metrics) -> None:
        self.topic = topic
        self.metrics = metrics

    async def reject(self, record: EventT, refusal: Refusal, original: bytes) -> None:
        message = record.message
        key = message.key.decode("utf-8", "replace") if isinstance(message.key, bytes) else message.key
        rejection = Rejection(
            reason=refusal.reason, detail=refusal.detail, article_id=refusal.article_id, key=key,
            topic=message.topic, partition=message.partition, offset=message.offset,
            rejected_at=datetime.now(timezone.utc), original=original)
        await self.topic.send(key=message.key, value=rejection)
        self.metrics.articles_rejected.labels(refusal.reason.value).inc()
        log.warning("article_rejected", article_id=refusal.article_id, reason=refusal.reason.value,
                    detail=refusal.detail[:500], topic=message.topic, partition=message.partition,
                    offset=message.offset)


class Ingest:
    """Raw `articles` record -> validated, first-seen `Article` on the extraction topic."""

    def __init__(self, *, accepted_topic: TopicT, dead_letters: DeadLetters, seen: Any,
                 metrics: Metrics, max_article_bytes: int) -> None:
        self.accepted_topic = accepted_topic
        self.dead_letters = dead_letters
        self.seen = seen  # faust Table: article id (bytes) -> published_at
        self.metrics = metrics
        self.max_article_bytes = max_article_bytes

    async def handle(self, record: EventT) -> None:
        raw = record.message.value
        article = read_article(raw, self.max_article_bytes)
        if isinstance(article, Refusal):
            await self.dead_letters.reject(record, article, raw or b"")
            return
        key = article.id.encode()
        if self.seen.get(key) is not None:
            self.metrics.articles_duplicate.inc()
            log.info("article_duplicate", article_id=article.id)
            return
        self.seen[key] = article.published_at.isoformat()
        await self.accepted_topic.send(key=key, value=article)


class Extract:
    """Batches of `Article`s -> event records on the event topics, keyed by event id."""

    def __init__(self, *, extractor: BatchExtractor, event_topics: dict[EventType, TopicT],
                 dead_letters: DeadLetters, metrics: Metrics) -> None:
        self.extractor = extractor
        self.event_topics = event_topics
        self.dead_letters = dead_letters
        self.metrics = metrics

    async def handle(self, batch: Sequence[EventT]) -> None:
        articles: list[Article] = [record.value for record in batch]
        started = time.perf_counter()
        results = await asyncio.get_running_loop().run_in_executor(None, self._extract_each, articles)
        per_article = (time.perf_counter() - started) / max(len(articles), 1)
        for record, article, events in zip(batch, articles, results):
            self.metrics.extraction_seconds.observe(per_article)
            if isinstance(events, Exception):
                refusal = Refusal(RejectReason.EXTRACTION_FAILED, f"{type(events).__name__}: {events}", article.id)
                await self.dead_letters.reject(record, refusal, article.model_dump_json().encode())
                continue
            for event in events:
                await self.event_topics[EventType(event.type)].send(key=event.id.encode(), value=event)
                self.metrics.events_emitted.labels(event.type).inc()
                log.info("event_emitted", article_id=article.id, event_id=event.id, type=event.type,
                         background=event.background)
            self.metrics.articles_processed.inc()
            log.info("article_processed", article_id=article.id, events=len(events),
                     partition=record.message.partition, offset=record.message.offset)

    def _extract_each(self, articles: list[Article]) -> list[list[Event] | Exception]:
        """One batched NLP run; if it fails, each article again alone, so one bad text
        costs only itself."""
        try:
            return list(self.extractor.extract_batch(articles))
        except Exception:
            outcomes: list[list[Event] | Exception] = []
            for article in articles:
                try:
                    outcomes.append(self.extractor.extract(article))
                except Exception as exc:  # recorded on the dead-letter topic by the caller
                    outcomes.append(exc)
            return outcomes
