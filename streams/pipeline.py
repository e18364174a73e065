"""What the `articles` agent does with each batch: read, deduplicate, extract, route, refuse.

Kept apart from the faust wiring in `app.py` so the steps read top to bottom. Bad input never
stops the agent: whatever cannot be read or extracted goes to the dead-letter topic with its
reason and original bytes, and is counted.
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


class ArticlePipeline:
    """Turns batches of raw `articles` records into event records on the event topics."""

    def __init__(self, *, extractor: BatchExtractor, event_topics: dict[EventType, TopicT],
                 rejected_topic: TopicT, seen: Any, metrics: Metrics, max_article_bytes: int) -> None:
        self.extractor = extractor
        self.event_topics = event_topics
        self.rejected_topic = rejected_topic
        self.seen = seen  # faust Table: article id (bytes) -> published_at, to drop exact re-sends
        self.metrics = metrics
        self.max_article_bytes = max_article_bytes

    async def handle(self, batch: Sequence[EventT]) -> None:
        accepted: list[tuple[EventT, Article]] = []
        batch_ids: set[str] = set()
        for record in batch:
            article = read_article(record.value, self.max_article_bytes)
            if isinstance(article, Refusal):
                await self.reject(record, article)
            elif article.id in batch_ids or self.seen.get(article.id.encode()) is not None:
                self.metrics.articles_duplicate.inc()
                log.info("article_duplicate", article_id=article.id)
            else:
                batch_ids.add(article.id)
                accepted.append((record, article))
        if not accepted:
            return
        started = time.perf_counter()
        results = await asyncio.get_running_loop().run_in_executor(
            None, self._extract_each, [article for _, article in accepted])
        per_article = (time.perf_counter() - started) / len(accepted)
        for (record, article), events in zip(accepted, results):
            self.metrics.extraction_seconds.observe(per_article)
            if isinstance(events, Exception):
                await self.reject(record, Refusal(RejectReason.EXTRACTION_FAILED,
                                                  f"{type(events).__name__}: {events}", article.id))
                continue
            for event in events:
                await self.event_topics[EventType(event.type)].send(key=event.id.encode(), value=event)
                self.metrics.events_emitted.labels(event.type).inc()
                log.info("event_emitted", article_id=article.id, event_id=event.id, type=event.type,
                         background=event.background)
            self.seen[article.id.encode()] = article.published_at.isoformat()
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

    async def reject(self, record: EventT, refusal: Refusal) -> None:
        message = record.message
        key = message.key.decode("utf-8", "replace") if isinstance(message.key, bytes) else message.key
        original = message.value if isinstance(message.value, bytes) else b""
        rejection = Rejection(
            reason=refusal.reason, detail=refusal.detail, article_id=refusal.article_id, key=key,
            topic=message.topic, partition=message.partition, offset=message.offset,
            rejected_at=datetime.now(timezone.utc), original=original)
        await self.rejected_topic.send(key=message.key, value=rejection)
        self.metrics.articles_rejected.labels(refusal.reason.value).inc()
        log.warning("article_rejected", article_id=refusal.article_id, reason=refusal.reason.value,
                    detail=refusal.detail[:500], partition=message.partition, offset=message.offset)
