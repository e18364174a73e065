"""The faust app: topics, tables, agents and web views, assembled from `Settings`.

`create_app()` is a factory rather than a module-level app so that tests and several workers
on one machine each build their own from their own settings.

The flow: `ingest` validates raw articles (refusals to the dead-letter topic) and passes
first-seen ones on; `extract` runs the NLP in batches and sends each event to its event topic,
keyed by event id, and on to be placed: meetings and clashes keyed by resolution block to
`resolve-reports`, which owns a block's candidates (the `resolution` table) and places each
report in its resolved event, and casualty updates straight on under their own ids (for a
revised or retracted article it withdraws the events of its earlier version the same ways);
`merge-events` owns each resolved id (`internal.resolved` is partitioned by it) and keeps the
`events` table, whose changelog is `events.merged`; it forwards casualty reports keyed by party
to `tally-casualties` and new and gone ids keyed by type to `count-events`, each the single
owner of its table's keys.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import faust
import structlog
from faust.types import EventT

from schemas import Article

from streams import topics, web
from streams.codecs import ARTICLE_CODEC, EVENT_CODEC, PLACEMENT_CODEC, RECEIPT_CODEC, REJECTION_CODEC
from streams.flow_control import App
from streams.in_flight import in_flight
from streams.metrics import Metrics
from streams.pipeline import (
    CountEvents,
    DeadLetters,
    EventExtractor,
    Extract,
    Handler,
    Ingest,
    KeepReceipts,
    MergeEvents,
    Receipts,
    ResolveReports,
    Router,
    TallyCasualties,
)
from streams.service import Service
from streams.settings import Settings
from streams.table_recovery import TableManager

log = structlog.get_logger("newsevents.app")
# Tables keyed by bytes serialize keys raw (faust picks the serializer from key_type), so a key
# hashes like the topic keys: it lives in the partition - and on the worker - of the records
# that write it, and `app.router` finds its owner for queries.
RAW_KEYS = {"key_type": bytes, "default": None}
#: Each table partition is a RocksDB database of its own (7 tables x 8 partitions by default),
#: and faust's defaults give each 3 write buffers of 64 MB and a 2 GB block cache: memory that
#: grows with what is written and read, to gigabytes in a long run. These bound a database to 2 x 4 MB of
#: write buffers and 4 MB of cache. Measured: 120 MB written to 8 databases held 118 MB with
#: the defaults, 49 MB with these (61 MB once read back).
ROCKSDB_OPTIONS = {"write_buffer_size": 4 * 1024**2, "max_write_buffer_number": 2,
                   "block_cache_size": 4 * 1024**2}
PRODUCER_MAX_REQUEST_SIZE = 1_048_576


def _guarded_agent(app: faust.App, topic: faust.TopicT, name: str, handler: Handler,
                   dead_letters: DeadLetters) -> None:
    """An agent that hands each record of `topic` to `handler` through `dead_letters.guard`:
    whatever fails on one record sends that record to the dead-letter topic and the agent
    goes on with the next."""
    async def agent(stream: faust.StreamT) -> None:
        async for record in stream.events():
            await dead_letters.guard(record, handler.handle)

    agent.__name__ = agent.__qualname__ = name.replace("-", "_")
    app.agent(topic, name=name)(agent)


def _load_extractor(settings: Settings) -> EventExtractor:
    if settings.nlp_processes:
        from streams.extractor_process import ExtractorProcess

        return ExtractorProcess(settings.spacy_model, settings.log_level, settings.nlp_processes)
    from streams.extraction import Extractor

    return Extractor(model=settings.spacy_model)


def create_app(settings: Settings | None = None, extractor: EventExtractor | None = None) -> faust.App:
    settings = settings or Settings()
    app = App(
        settings.app_id,
        broker=settings.broker,
        store=settings.store,
        datadir=str(settings.state_dir),
        TableManager=TableManager,
        fetch_wait_ms=settings.fetch_wait_ms,
        processing_guarantee=settings.processing_guarantee,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 4),
        topic_partitions=settings.partitions,
        # An accepted article is re-serialized with its defaults (a few dozen bytes more than the
        # input): 1 MiB, Kafka's default message.max.bytes, leaves room for any input under
        # max_article_bytes (1,000,000), where faust's default (1,000,000) refused some.
        producer_max_request_size=PRODUCER_MAX_REQUEST_SIZE,
        topic_replication_factor=settings.replication_factor,
        producer_acks=-1,  # every in-sync replica (streams.producer also makes sends idempotent)
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        canonical_url=settings.canonical_url,
        web_in_thread=False,
        autodiscover=False,
    )
    name = settings.topic

    def table(table_name: str, **kwargs: Any) -> faust.Table:
        # A copy each: faust's RocksDB store pops its own keys from the options it is given.
        return app.Table(table_name, partitions=settings.partitions, options=dict(ROCKSDB_OPTIONS), **kwargs)

    def keyed(topic_name: str, codec: Any) -> faust.TopicT:
        return app.topic(name(topic_name), partitions=settings.partitions, key_serializer="raw",
                         value_serializer=codec)

    accepted_topic = keyed(topics.ACCEPTED, ARTICLE_CODEC)
    event_topics = {kind: keyed(t, EVENT_CODEC) for kind, t in topics.EVENT_TOPICS.items()}
    # The events table's changelog: a change of the table is its record for subscribers too
    # (a merged event as JSON, a redirect, or a tombstone), encoded and sent once.
    merged_topic = app.topic(name(topics.MERGED), partitions=settings.partitions, key_serializer="raw",
                             value_serializer="json", compacting=True)
    by_tally_topic = keyed(topics.CASUALTY_BY_PARTY, PLACEMENT_CODEC)
    new_events_topic = keyed(topics.NEW_EVENTS, "json")
    by_block_topic = keyed(topics.REPORTS_BY_BLOCK, PLACEMENT_CODEC)
    resolved_topic = keyed(topics.RESOLVED, PLACEMENT_CODEC)
    service = Service(
        settings=settings,
        metrics=Metrics(),
        events=table("events", changelog_topic=merged_topic, **RAW_KEYS),
        tallies=table("tallies", **RAW_KEYS),
        # Windowed by the time the id was first seen (its record's timestamp), so a redelivered
        # record lands in the same hour. Keys are str: windowed keys are tuples, which only
        # the JSON key serializer round-trips.
        counts=table("counts", default=list)
        .tumbling(timedelta(hours=1), expires=timedelta(hours=settings.counts_window_hours))
        .relative_to_stream(),
        seen=table("articles-seen", **RAW_KEYS),
        receipts=table("receipts", **RAW_KEYS),
    )
    app.service = service  # type: ignore[attr-defined]
    receipts_topic = keyed(topics.RECEIPTS, RECEIPT_CODEC)
    receipts = Receipts(receipts_topic, name(topics.ARTICLES))
    dead_letters = DeadLetters(keyed(topics.REJECTED, REJECTION_CODEC), service.metrics, receipts,
                               max_request_size=app.conf.producer_max_request_size)
    ingest = Ingest(accepted_topic=accepted_topic, dead_letters=dead_letters, receipts=receipts,
                    seen=service.seen, metrics=service.metrics,
                    max_article_bytes=settings.max_article_bytes)
    extractor = extractor or _load_extractor(settings)
    service.metrics.watch_step_failures(getattr(extractor, "step_failures", {}))
    extract = Extract(extractor=extractor, event_topics=event_topics,
                      router=Router(by_block_topic=by_block_topic, resolved_topic=resolved_topic),
                      reports=table("article-reports", **RAW_KEYS),
                      dead_letters=dead_letters, receipts=receipts, metrics=service.metrics)

    # Keyed like the block topic's records (by block), so a block's candidates live in the
    # partition, and on the worker, of its reports.
    resolve = ResolveReports(reports=table("resolution", **RAW_KEYS),
                             resolved_topic=resolved_topic,
                             window=timedelta(days=settings.resolution_window_days))
    tally = TallyCasualties(service.tallies)
    for signal in (app.on_partitions_revoked, app.on_partitions_assigned):
        signal.connect(resolve.reports.forget)
        signal.connect(tally.tallies.forget)
    merge = MergeEvents(events=service.events, new_events_topic=new_events_topic, by_tally_topic=by_tally_topic)
    handlers: list[tuple[faust.TopicT, str, Handler]] = [
        (keyed(topics.ARTICLES, "raw"), "ingest", ingest),
        (by_block_topic, "resolve-reports", resolve),
        (resolved_topic, "merge-events", merge),
        (by_tally_topic, "tally-casualties", tally),
        (new_events_topic, "count-events", CountEvents(service.counts)),
        (receipts_topic, "receipts", KeepReceipts(service.receipts)),
    ]
    for topic, agent_name, handler in handlers:
        _guarded_agent(app, topic, agent_name, handler, dead_letters)

    # Batches started and not yet sent: one per NLP process and one being sent; the in-thread
    # extractor (one spaCy pipeline, not safe for two threads at once) takes one at a time.
    depth = settings.nlp_processes + 1 if settings.nlp_processes else 1

    @app.agent(accepted_topic, name="extract")
    async def extract_events(stream: faust.StreamT[Article]) -> None:
        # A batch is acknowledged once its events are sent (see streams.in_flight).
        async def publish(records: Sequence[EventT], extraction: Any) -> None:
            await dead_letters.guard_batch(records, lambda batch: extract.publish(batch, extraction))

        batches = stream.take_events(settings.batch_size, within=settings.batch_ms / 1000)
        await in_flight(stream, batches, extract.extract, publish, depth)

    web.register(app, service)
    return app
