"""What the article agents do: read and deduplicate (ingest), then extract and route (extract).

Two stages, as in the house plan, each handling one record at a time so that its table writes
and sends belong to that record. Bad input never stops either: whatever cannot be read or
extracted goes to the dead-letter topic with its reason and original bytes, and is counted.
"""
from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone
from typing import Any, Protocol

import structlog
from faust.types import EventT, TopicT

from schemas import Article, Event, EventType, Rejection, RejectReason
from streams.ingest import Refusal, read_article
from streams.metrics import Metrics

log = structlog.get_logger("newsevents.pipeline")


class EventExtractor(Protocol):
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
        await (await self.accepted_topic.send(key=key, value=article))  # acked before it counts as seen
        self.seen[key] = article.published_at.isoformat()


class Extract:
    """One `Article` -> event records on the event topics, keyed by event id.

    One article at a time: faust's batching (`take_events`) was measured here to stall after
    a restart with its offsets uncommitted, and batching the NLP gained only 5 % on real
    articles; the NLP runs in a thread so the worker's event loop (heartbeats, web view)
    stays responsive.
    """

    def __init__(self, *, extractor: EventExtractor, event_topics: dict[EventType, TopicT],
                 dead_letters: DeadLetters, metrics: Metrics) -> None:
        self.extractor = extractor
        self.event_topics = event_topics
        self.dead_letters = dead_letters
        self.metrics = metrics

    async def handle(self, record: EventT) -> None:
        article: Article = record.value
        started = time.perf_counter()
        try:
            events = await asyncio.get_running_loop().run_in_executor(None, self.extractor.extract, article)
        except Exception as exc:  # the article goes to the dead-letter topic, the worker goes on
            refusal = Refusal(RejectReason.EXTRACTION_FAILED, f"{type(exc).__name__}: {exc}", article.id)
            await self.dead_letters.reject(record, refusal, article.model_dump_json().encode())
            return
        self.metrics.extraction_seconds.observe(time.perf_counter() - started)
        for event in events:
            await self.event_topics[EventType(event.type)].send(key=event.id.encode(), value=event)
            self.metrics.events_emitted.labels(event.type).inc()
            log.info("event_emitted", article_id=article.id, event_id=event.id, type=event.type,
                     background=event.background)
        self.metrics.articles_processed.inc()
        log.info("article_processed", article_id=article.id, events=len(events),
                 partition=record.message.partition, offset=record.message.offset)
