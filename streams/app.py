"""The faust app: topics, tables, agents and web views, assembled from `Settings`.

`create_app()` is a factory rather than a module-level app so that tests and several workers
in one machine each build their own from their own settings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust
import structlog

from schemas import Event, EventType
from streams import topics, web
from streams.codecs import EVENT_CODEC, REJECTION_CODEC
from streams.metrics import Metrics
from streams.pipeline import ArticlePipeline, BatchExtractor
from streams.settings import Settings

log = structlog.get_logger("newsevents.app")


@dataclass
class Service:
    """Everything the agents and views share, reachable from the app as `app.service`."""

    settings: Settings
    metrics: Metrics
    events: Any  # faust Table: event id -> event record (JSON dict)
    seen: Any  # faust Table: article id (bytes) -> published_at


def _load_extractor(settings: Settings) -> BatchExtractor:
    from streams.extraction import Extractor

    return Extractor(model=settings.spacy_model)


def create_app(settings: Settings | None = None, extractor: BatchExtractor | None = None) -> faust.App:
    settings = settings or Settings()
    app = faust.App(
        settings.app_id,
        broker=settings.broker,
        store=settings.store,
        datadir=str(settings.data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=1,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_in_thread=False,
        autodiscover=False,
    )
    name = settings.topic
    raw = {"key_serializer": "raw", "value_serializer": "raw"}
    articles_topic = app.topic(name(topics.ARTICLES), partitions=settings.partitions, **raw)
    rejected_topic = app.topic(name(topics.REJECTED), partitions=settings.partitions,
                               key_serializer="raw", value_serializer=REJECTION_CODEC)
    event_topics = {kind: app.topic(name(topic_name), partitions=settings.partitions,
                                    key_serializer="raw", value_serializer=EVENT_CODEC)
                    for kind, topic_name in topics.EVENT_TOPICS.items()}
    service = Service(
        settings=settings,
        metrics=Metrics(),
        # Keys and values travel as JSON (faust's table default): str ids, dict records.
        events=app.Table("events", default=None, partitions=settings.partitions),
        # Written once per batch, outside faust's per-event context: the producer's partitioner
        # places each key, and raw keys hash like the `articles` keys, so an article id's
        # entry lives in the partition of that article.
        seen=app.Table("articles-seen", default=None, partitions=settings.partitions,
                       use_partitioner=True,
                       schema=faust.Schema(key_serializer="raw", value_serializer="json")),
    )
    app.service = service  # type: ignore[attr-defined]
    pipeline = ArticlePipeline(
        extractor=extractor or _load_extractor(settings), event_topics=event_topics,
        rejected_topic=rejected_topic, seen=service.seen, metrics=service.metrics,
        max_article_bytes=settings.max_article_bytes)

    @app.agent(articles_topic, name="process-articles")
    async def process_articles(stream: faust.StreamT) -> None:
        async for batch in stream.take_events(settings.batch_size, within=settings.batch_timeout):
            await pipeline.handle(batch)

    @app.agent(app.topic(*(name(t) for t in topics.EVENT_TOPICS.values()),
                         key_serializer="raw", value_serializer=EVENT_CODEC), name="store-events")
    async def store_events(stream: faust.StreamT[Event]) -> None:
        async for event in stream:
            service.events[event.id] = event.model_dump(mode="json")
            log.debug("event_stored", event_id=event.id, article_id=event.article.id)

    web.register(app, service)
    return app
