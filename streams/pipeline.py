"""What the agents do, as handler classes testable without Kafka: read and deduplicate
(ingest), extract, route and withdraw what revisions and retractions take back (extract),
resolve which reports tell one event, then merge events, tally casualties,
count new events and keep receipts, each the single owner of its table's keys.

Each handler's table writes and sends belong to the record (or batch) it handles. Bad input
never stops one: whatever cannot be read or extracted goes to the dead-letter topic with its
reason and original bytes, and is counted. Every input ends with one receipt on
`articles.receipts`: processed (with its event ids), duplicate, revised, retracted, or rejected
(with the reason). The input's position on `articles` travels with the accepted article as a
header, so the receipt of the extraction stage names it too.
"""
from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

import faust.streams as faust_streams
import structlog
from faust.types import EventT, TopicT

from schemas import (EVENT_ADAPTER, Article, CasualtyUpdate, Event, EventType, Receipt, ReceiptOutcome, Rejection,
                     RejectReason)
from schemas.article import MAX_ARTICLE_ID
from schemas.merged import MergedEvent, Placement, Redirect, Tally
from streams.ingest import Refusal, read_article
from streams.merge import merge_event, tallies_of, tally_block, with_report, without_report
from streams.metrics import Metrics
from streams.receipts import receipt_view
from streams.resolution import RESOLVED_TYPES, Report, aliases, block_key, cluster, component, report_of
from streams.table_copy import TableCopy

log = structlog.get_logger("newsevents.pipeline")


#: Header of an accepted article: "PARTITION/OFFSET" of its input on the `articles` topic.
INPUT_HEADER = "newsevents-input"


class Handler(Protocol):
    """What an agent hands each record to."""

    async def handle(self, record: EventT) -> None: ...


class EventExtractor(Protocol):
    version: str

    def extract(self, article: Article) -> list[Event]: ...

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]: ...


#: Room left in a dead-letter record for everything but the original bytes: its other fields
#: (bounded by `Rejection.of`, even if every character is JSON-escaped), key and batch headers.
REJECTION_OVERHEAD = 64 * 1024
#: Longest input key the dead-letter record is keyed by; a longer one is left off the key.
MAX_KEY_BYTES = 1024


def original_limit(max_request_size: int) -> int:
    """The longest original a rejection carries so that it fits in one producer request:
    the original travels as base64, 4 bytes for every 3."""
    return (max_request_size - REJECTION_OVERHEAD) * 3 // 4


def header(record: EventT, name: str) -> bytes | None:
    """The value of one header of a record, or None."""
    headers = record.message.headers or ()
    for key, value in headers.items() if isinstance(headers, dict) else headers:
        if key == name and value:
            return bytes(value)
    return None


def input_position(record: EventT) -> tuple[int, int]:
    """(partition, offset) of the `articles` record this record stems from: its own for an
    input, the one its header names for an accepted article."""
    if (value := header(record, INPUT_HEADER)) is not None:
        partition, offset = value.decode().split("/")
        return int(partition), int(offset)
    return record.message.partition, record.message.offset


def input_label(record: EventT) -> str:
    """"PARTITION/OFFSET" of the `articles` record this record stems from, as tables keep it."""
    return "{}/{}".format(*input_position(record))


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Receipts:
    """Sends each input's receipt to `articles.receipts`, keyed by article id."""

    def __init__(self, topic: TopicT, input_topic: str) -> None:
        self.topic = topic
        self.input_topic = input_topic

    def covers(self, record: EventT) -> bool:
        """Whether the record is an input or an accepted article: the records a receipt is
        for. A failure further on (merging an event) is a dead letter but no receipt."""
        return record.message.topic == self.input_topic or header(record, INPUT_HEADER) is not None

    async def issue(self, record: EventT, outcome: ReceiptOutcome, article_id: str | None,
                    **fields: Any) -> None:
        """Send the receipt and wait until the broker has it."""
        await (await self.send(record, outcome, article_id, **fields))

    async def send(self, record: EventT, outcome: ReceiptOutcome, article_id: str | None,
                   **fields: Any) -> "asyncio.Future[Any]":
        """Send the receipt; the acknowledgement to await (done at once for a record that
        gets no receipt)."""
        if not self.covers(record):
            done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            done.set_result(None)
            return done
        partition, offset = input_position(record)
        receipt = Receipt(article_id=article_id, outcome=outcome, input_partition=partition,
                          input_offset=offset, at=_now(), **fields)
        return await self.topic.send(key=receipt.key.encode(), value=receipt)


class DeadLetters:
    """Sends refused records to `articles.rejected` with their reason, counts them and gives
    the inputs among them their receipt."""

    def __init__(self, topic: TopicT, metrics: Metrics, receipts: Receipts, *, max_request_size: int) -> None:
        self.topic = topic
        self.metrics = metrics
        self.receipts = receipts
        self.keep_original_up_to = original_limit(max_request_size)

    async def reject(self, record: EventT, refusal: Refusal, original: bytes | None) -> None:
        message = record.message
        key = message.key.decode("utf-8", "replace") if isinstance(message.key, bytes) else message.key
        rejection = Rejection.of(
            original, keep_original_up_to=self.keep_original_up_to, reason=refusal.reason,
            detail=refusal.detail, article_id=refusal.article_id, key=key, topic=message.topic,
            partition=message.partition, offset=message.offset, rejected_at=datetime.now(timezone.utc))
        record_key = message.key if isinstance(message.key, bytes) and len(message.key) <= MAX_KEY_BYTES else None
        await (await self.topic.send(key=record_key, value=rejection))  # acked before it counts
        self.metrics.articles_rejected.labels(refusal.reason.value).inc()
        log.warning("article_rejected", article_id=rejection.article_id, reason=refusal.reason.value,
                    detail=rejection.detail[:500], topic=message.topic, partition=message.partition,
                    offset=message.offset, original_kept=rejection.original is not None)
        await self.receipts.issue(record, ReceiptOutcome.REJECTED, rejection.article_id,
                                  reason=refusal.reason, detail=rejection.detail)

    async def guard_batch(self, records: Sequence[EventT],
                          handle: Callable[[Sequence[EventT]], Awaitable[None]]) -> None:
        """`handle(records)`, and if it raises (outside of what it guards per record), each
        record of the batch to the dead-letter topic as `internal_error`."""
        try:
            await handle(records)
        except Exception as exc:
            log.error("batch_handler_failed", records=len(records), exc_info=exc)
            for record in records:
                refusal = Refusal(RejectReason.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
                await self.reject(record, refusal, record.message.value)

    async def guard(self, record: EventT, handle: Callable[[EventT], Awaitable[None]]) -> None:
        """`handle(record)`, and if it raises, the record to the dead-letter topic as
        `internal_error`: a bug or a broken input must cost that input, never the agent (a
        crashed agent stops its partitions until the worker restarts, and then fails again)."""
        try:
            await handle(record)
        except Exception as exc:
            log.error("handler_failed", topic=record.message.topic, partition=record.message.partition,
                      offset=record.message.offset, exc_info=exc)
            refusal = Refusal(RejectReason.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
            await self.reject(record, refusal, record.message.value)


def content_digest(article: Article) -> str:
    """What tells a revision from a re-send: a digest of the title, body and publication time."""
    text = "\x00".join((article.title or "", article.body, article.published_at.isoformat()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _seen_entry(stored: Any) -> tuple[str | None, str | None]:
    """(input position, content digest) of a `seen` entry; an entry of a version that kept only
    the position has no digest, and any content under its id is taken for a re-send."""
    if isinstance(stored, dict):
        return stored.get("input"), stored.get("digest")
    return stored, None


class Ingest:
    """Raw `articles` record -> validated `Article` on the extraction topic: a first version, or a
    revision (other title, body or publication time under a known id), or, for a tombstone (a
    record keyed by an article id with no value), the retraction of that article. An exact
    re-send from another input is a duplicate and goes no further."""

    def __init__(self, *, accepted_topic: TopicT, dead_letters: DeadLetters, receipts: Receipts,
                 seen: Any, metrics: Metrics, max_article_bytes: int) -> None:
        self.accepted_topic = accepted_topic
        self.dead_letters = dead_letters
        self.receipts = receipts
        self.seen = seen  # faust Table: article id (bytes) -> {"input": "PARTITION/OFFSET", "digest": ...}
        self.metrics = metrics
        self.max_article_bytes = max_article_bytes

    async def handle(self, record: EventT) -> None:
        raw = record.message.value
        position = input_label(record)
        if raw is None and (retracted := _article_key(record)) is not None:
            await self._retract(record, retracted, position)
            return
        article = read_article(raw, self.max_article_bytes)
        if isinstance(article, Refusal):
            await self.dead_letters.reject(record, article, raw)
            return
        key = article.id.encode()
        first, digest = _seen_entry(self.seen.get(key))
        new_digest = content_digest(article)
        if first is not None and first != position and digest in (None, new_digest):
            # the same input again is a redelivery; the same content from another is a re-send
            self.metrics.articles_duplicate.inc()
            log.info("article_duplicate", article_id=article.id, first_input=first)
            await self.receipts.issue(record, ReceiptOutcome.DUPLICATE, article.id,
                                      detail=f"first read at articles {first}")
            return
        if first is not None and first != position:
            log.info("article_revised", article_id=article.id, previous_input=first)
        # Not awaited to its acknowledgement: faust flushes the producer before it commits the
        # input's offset, and a crash before that redelivers the input, whose own position in
        # `seen` marks it as the same input again, not a duplicate.
        await self.accepted_topic.send(key=key, value=article, headers={INPUT_HEADER: position.encode()})
        self.seen[key] = {"input": position, "digest": new_digest}

    async def _retract(self, record: EventT, article_id: str, position: str) -> None:
        """Pass the tombstone on to the extraction stage, which knows the article's events, and
        forget the article: the same id published again is a first version. A tombstone for an
        id never seen is passed on too (a redelivered one may find `seen` already emptied), and
        withdraws nothing."""
        key = article_id.encode()
        log.info("article_retracted", article_id=article_id, input=position)
        await self.accepted_topic.send(key=key, value=None, headers={INPUT_HEADER: position.encode()})
        if self.seen.get(key) is not None:
            del self.seen[key]


def _article_key(record: EventT) -> str | None:
    """The article id a record is keyed by, when its key can be one (UTF-8, as long as an id
    may be, not blank); a tombstone keyed otherwise is refused like any unreadable input."""
    key = record.message.key
    if not isinstance(key, bytes):
        return None
    try:
        article_id = key.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return article_id if article_id.strip() and len(article_id) <= MAX_ARTICLE_ID else None


class Extract:
    """Batches of accepted articles -> event records on the event topics, keyed by event id.

    The agent hands over what arrived within `batch_ms` (at most `batch_size` articles) and
    the NLP runs once over the batch (one `nlp.pipe`), in a thread so the worker's event loop
    (heartbeats, web view) stays responsive. If the batch raises, each article is extracted
    alone, so only the article that fails goes to the dead-letter topic. The batch's records
    are sent together, and faust's flush before the commit makes them durable (see
    `publish`). `extract` and `publish` are the two stages the agent overlaps across batches
    (`streams.in_flight`); `handle_batch` runs both for one batch.

    Each event goes to its event topic (for subscribers) and, through the `router`, to be
    placed in its event (for the tables); a hop through the event topics would cost every
    event one more read, decode and send.

    The `reports` table (keyed by article id, like the accepted articles) keeps the events the
    article's current version reported. A revision sends its events and withdraws those of the
    earlier version it no longer reports; a retraction (a tombstone) withdraws them all. A
    withdrawal is a tombstone on the event topic, keyed by the event id, with the article id
    in the `newsevents-article` header. The table also keeps which input the entry is for and
    what it withdrew, so an input read again (after a crash) sends and receipts the same.
    """

    def __init__(self, *, extractor: EventExtractor, event_topics: dict[EventType, TopicT], router: Router,
                 reports: Any, dead_letters: DeadLetters, receipts: Receipts, metrics: Metrics) -> None:
        self.extractor = extractor
        self.event_topics = event_topics
        self.router = router
        self.reports = reports  # faust Table: article id (bytes) -> ArticleReports entry (JSON)
        self.dead_letters = dead_letters
        self.receipts = receipts
        self.metrics = metrics

    async def handle_batch(self, records: Sequence[EventT]) -> None:
        """Extract the batch and send what it found (both stages at once, see `in_flight`)."""
        await self.publish(records, await self.extract(records))

    async def extract(self, records: Sequence[EventT]) -> tuple[list[list[Event] | Exception], float]:
        """The events (or the error) of each article of the batch, and the seconds per article."""
        loop = asyncio.get_running_loop()
        articles: list[Article] = [r.value for r in records if r.value is not None]
        started = time.perf_counter()
        try:
            extracted: list[list[Event] | Exception] = list(
                await loop.run_in_executor(None, self.extractor.extract_batch, articles))
        except Exception:
            extracted = [await loop.run_in_executor(None, _extract_or_error, self.extractor, a) for a in articles]
        return extracted, (time.perf_counter() - started) / max(1, len(articles))

    async def publish(self, records: Sequence[EventT],
                      extraction: tuple[list[list[Event] | Exception], float]) -> None:
        """Send the batch's events, withdrawals, dead letters and receipts; write its `reports`."""
        extracted, per_article = extraction
        found = iter(extracted)
        # Sends are not awaited to their acknowledgement: faust flushes the producer before it
        # commits the batch's offsets, and a batch read again after a crash finds its entries
        # in `reports` (or computes them anew) and sends the same again. Awaiting each batch's
        # acknowledgements would leave the NLP idle for a round trip through a busy event loop.
        entries: dict[bytes, dict[str, Any]] = {}  # this batch's entries, for two versions in one batch
        done: list[tuple[EventT, list[Event], dict[str, Any]]] = []
        for record in records:
            events = [] if record.value is None else next(found)
            if record.value is not None:
                self.metrics.extraction_seconds.observe(per_article)
            if isinstance(events, Exception):  # the article goes to the dead-letter topic
                await self.dead_letters.guard(record, lambda r, e=events: self._refuse(r, e))
                continue
            key = record.key
            entry = _reports_entry(entries[key] if key in entries else self.reports.get(key), record, events)
            await self.dead_letters.guard(record, lambda r, e=events, n=entry: self._send(r, e, n))
            entries[key] = entry
            done.append((record, events, entry))
        for record, events, entry in done:
            await self.receipts.send(record, _outcome(record, entry), record.key.decode(),
                                     event_ids=[e.id for e in events],
                                     withdrawn_ids=sorted({n.split("/", 1)[1] for n in entry["withdrawn"]}),
                                     extractor_version=self.extractor.version)
        last = {record.key: record for record, _, _ in done}
        for key, entry in entries.items():
            with current_event(last[key]):
                self.reports[key] = entry
        for record, events, entry in done:
            outcome = _outcome(record, entry)
            if outcome == ReceiptOutcome.RETRACTED:
                self.metrics.articles_retracted.inc()
            else:
                self.metrics.articles_processed.inc()
                if outcome == ReceiptOutcome.REVISED:
                    self.metrics.articles_revised.inc()
            log.info("article_processed", article_id=record.key.decode(), events=len(events),
                     outcome=outcome.value, withdrawn=len(entry["withdrawn"]),
                     partition=record.message.partition, offset=record.message.offset)

    async def _refuse(self, record: EventT, error: Exception) -> None:
        article: Article = record.value
        refusal = Refusal(RejectReason.EXTRACTION_FAILED, f"{type(error).__name__}: {error}", article.id)
        await self.dead_letters.reject(record, refusal, article.model_dump_json().encode())

    async def _send(self, record: EventT, events: list[Event], entry: dict[str, Any]) -> None:
        article_id = record.key.decode()
        for name in entry["withdrawn"]:
            kind, event_id = name.split("/", 1)
            await self.event_topics[EventType(kind)].send(key=event_id.encode(), value=None,
                                                          headers={ARTICLE_HEADER: record.key})
            await self.router.send(kind, Placement(event_id=event_id, withdraw=article_id))
            log.info("event_withdrawn", article_id=article_id, event_id=event_id, type=kind)
        for event in events:
            await self.event_topics[EventType(event.type)].send(key=event.id.encode(), value=event)
            await self.router.send(event.type, Placement(event_id=event.id, join=event))
            self.metrics.events_emitted.labels(event.type).inc()
            log.info("event_emitted", article_id=article_id, event_id=event.id, type=event.type,
                     background=event.background)


@contextmanager
def current_event(record: EventT) -> Iterator[None]:
    """Make `record` faust's current event while a table is written in a batch.

    faust finds a table key's partition (and the RocksDB store its database) from the event
    being processed, which `take_events` does not set for the body of its loop
    (faust-streaming issue #497: "Cannot modify table key from outside of stream iteration").
    The record the entry stems from is that event: its partition is the key's. faust keeps the
    current event in a private context variable, and there is no public way to set it.
    """
    token = faust_streams._current_event.set(lambda: record)  # faust calls it, as it would a weakref
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


#: Header of a withdrawal (a tombstone on an event topic): the id of the article that withdrew it.
ARTICLE_HEADER = "newsevents-article"


def _reports_entry(stored: dict[str, Any] | None, record: EventT, events: list[Event]) -> dict[str, Any]:
    """The `reports` entry of an article after its input `record`: the input, the input of the
    version it revises (or None for a first version), the reports ("TYPE/EVENT ID") of this
    version and those of the earlier version it withdrew. The same input again gives the same
    entry."""
    position = input_label(record)
    if stored is not None and stored["input"] == position:
        return stored
    current = sorted({f"{e.type}/{e.id}" for e in events})
    earlier = stored["reports"] if stored else []
    revises = stored["input"] if stored and not stored.get("retracted") else None
    entry = {"input": position, "revises": revises, "reports": current,
             "withdrawn": [n for n in earlier if n not in current]}
    return (entry | {"retracted": True}) if record.value is None else entry


def _outcome(record: EventT, entry: dict[str, Any]) -> ReceiptOutcome:
    if record.value is None:
        return ReceiptOutcome.RETRACTED
    return ReceiptOutcome.REVISED if entry["revises"] else ReceiptOutcome.PROCESSED


def _extract_or_error(extractor: EventExtractor, article: Article) -> list[Event] | Exception:
    try:
        return extractor.extract(article)
    except Exception as exc:
        return exc


class Router:
    """Where a report, or its withdrawal, goes to be placed in an event: meetings and clashes
    to the resolve agent of their block, casualty updates (which resolution leaves alone)
    straight to the merge agent under their own ids. A withdrawal takes the way of the report
    it withdraws, so it follows that report through every partition."""

    def __init__(self, *, by_block_topic: TopicT, resolved_topic: TopicT) -> None:
        self.by_block_topic = by_block_topic
        self.resolved_topic = resolved_topic

    async def send(self, kind: str, placement: Placement) -> None:
        if kind in RESOLVED_TYPES:
            await self.by_block_topic.send(key=block_key(kind).encode(), value=placement)
        else:
            await self.resolved_topic.send(key=placement.event_id.encode(), value=placement)


class ResolveReports:
    """A meeting or clash report, routed by block -> its resolved event, told to the merge agent.

    The `resolution` table keeps the block's candidate reports and where each was placed. A new
    report is clustered with its component (`streams.resolution.component`: the reports it can
    be linked to); every report whose event the clustering changed leaves its old event and
    joins the new one, and the ids that became aliases (or changed target) are announced. A
    withdrawn report leaves its event and the table, and its component is clustered again
    without it. Sends come before the table changes and every placement is idempotent, so a
    redelivered report resends what it sent and changes nothing.

    The block is bounded: an event whose newest report was published more than `window` before
    the block's newest report is dropped from the candidates (whole, so no live event loses a
    member and its id); a report of it arriving later starts an event of its own.
    """

    def __init__(self, *, reports: Any, resolved_topic: TopicT, window: timedelta) -> None:
        # faust Table: b"TYPE/ARTICLE ID/REPORT ID" -> {"report": Event, "event_id": str},
        # read through its decoded copy: (report, its view, event id)
        self.reports: TableCopy[tuple[Event, Report, str]] = TableCopy(reports, _decode_placed, _encode_placed)
        self.resolved_topic = resolved_topic
        self.window = window

    def _candidates(self, kind: str) -> dict[Report, tuple[bytes, Event, str | None]]:
        """The block's reports: view -> (table key, report, event id placed in)."""
        prefix = f"{kind}/".encode()
        return {view: (key, event, event_id) for key, (event, view, event_id) in self.reports.entries().items()
                if key.startswith(prefix)}

    def _evict(self, candidates: dict[Report, tuple[bytes, Event, str | None]], newest: datetime) -> None:
        """Drop the events that ended more than `window` before the block's newest report."""
        ended: dict[str, datetime] = {}
        for report, (_, _, event_id) in candidates.items():
            if event_id is not None:
                ended[event_id] = max(ended.get(event_id, report.published), report.published)
        for report, (key, _, event_id) in list(candidates.items()):
            if event_id is not None and ended[event_id] < newest - self.window:
                del candidates[report]
                self.reports.delete(key)

    async def handle(self, record: EventT) -> None:
        placement: Placement = record.value
        if placement.join is not None:
            await self._join(placement.join)
        elif placement.withdraw is not None:
            await self._withdraw(record.key.decode(), placement.withdraw, placement.event_id)

    async def _join(self, event: Event) -> None:
        key = f"{event.type}/{event.article.id}/{event.id}".encode()
        new = report_of(event)
        candidates = {r: c for r, c in self._candidates(event.type).items() if r.key != new.key}
        self._evict(candidates, newest=max([new.published, *(r.published for r in candidates)]))
        stored = self.reports.get(key)
        candidates[new] = (key, event, stored[2] if stored else None)
        near = component(new, candidates)
        now = await self._settle(candidates, near, cluster(near), new=new)
        log.info("report_resolved", article_id=event.article.id, report_id=event.id, event_id=now[new],
                 candidates=len(candidates), compared=len(near))

    async def _withdraw(self, kind: str, article_id: str, report_id: str) -> None:
        candidates = self._candidates(kind)
        gone = next((r for r in candidates if r.key == (article_id, report_id)), None)
        if gone is None:  # never placed, evicted since, or withdrawn already (a redelivery)
            log.info("withdrawn_report_unknown", article_id=article_id, report_id=report_id)
            return
        near = component(gone, candidates)
        await self._settle(candidates, near, cluster(near - {gone}), gone=gone)
        log.info("report_withdrawn", article_id=article_id, report_id=report_id,
                 event_id=candidates[gone][2], compared=len(near))

    async def _settle(self, candidates: dict[Report, tuple[bytes, Event, str | None]], near: set[Report],
                      ids: dict[tuple[str, str], str], *, new: Report | None = None,
                      gone: Report | None = None) -> dict[Report, str]:
        """Tell the merge agent how the placement of the reports `near` changes to `ids` (with
        `new` joining, or `gone` leaving), then record it in the table. Returns the placement."""
        before: dict[Report, str] = {r: c[2] for r in near if (c := candidates[r])[2] is not None}
        now = {r: ids[r.key] for r in near if r != gone}
        moved = sorted((r for r in now if before.get(r) != now[r] or r == new), key=lambda r: r.order)
        elsewhere = {c[2] for r, c in candidates.items() if r not in near and c[2] is not None}
        alias_before = aliases(before, elsewhere | set(before.values()))
        alias_now = aliases(now, elsewhere | set(now.values()))
        sends = [Placement(event_id=now[r], join=candidates[r][1]) for r in moved]
        sends += [Placement(event_id=before[r], leave=candidates[r][1]) for r in moved
                  if before.get(r) not in (None, now[r])]
        if gone is not None and gone in before:
            sends.append(Placement(event_id=before[gone], leave=candidates[gone][1]))
        sends += [Placement(event_id=a, alias_of=target) for a, target in sorted(alias_now.items())
                  if alias_before.get(a) != target]
        sends += [Placement(event_id=a, forget=True) for a in sorted(alias_before)
                  if a not in alias_now and a not in now.values()]
        names_before, names_now = _names(alias_before), _names(alias_now)
        sends += [Placement(event_id=e, aliases=names_now.get(e, [])) for e in sorted(set(now.values()))
                  if names_now.get(e, []) != names_before.get(e, [])]
        # Joins before leaves before aliases: an event that gains and loses reports never
        # looks empty, and an id is emptied before it becomes an alias.
        sent = [await self.resolved_topic.send(key=p.event_id.encode(), value=p) for p in sends]
        await asyncio.gather(*sent)
        for r in moved:
            report_key, report, _ = candidates[r]
            self.reports.set(report_key, (report, r, now[r]))
        if gone is not None:
            self.reports.delete(candidates[gone][0])
        return now


def _decode_placed(stored: dict[str, Any]) -> tuple[Event, Report, str]:
    event = EVENT_ADAPTER.validate_python(stored["report"])
    return event, report_of(event), stored["event_id"]


def _encode_placed(placed: tuple[Event, Report, str]) -> dict[str, Any]:
    return {"report": placed[0].model_dump(mode="json"), "event_id": placed[2]}


def _names(alias_map: dict[str, str]) -> dict[str, list[str]]:
    """event id -> its aliases, sorted."""
    out: dict[str, list[str]] = {}
    for alias, event_id in sorted(alias_map.items()):
        out.setdefault(event_id, []).append(alias)
    return out


class MergeEvents:
    """A placement of the resolve agent -> the merged event of its id in the `events` table,
    announced on `events.merged`: a report joins or leaves it, the id becomes an alias (a
    `Redirect` kept under it), or the event's aliases change. An event left with no report is
    removed (a tombstone on `events.merged`). A new id goes to the counts, and a removed one
    leaves them; a casualty report goes to its tally.

    `events.merged` is the table's changelog (see `create_app`): each change of the table is
    its record there, so the merged event is encoded and sent once, not once for subscribers
    and again for the changelog. The other downstream records are acknowledged before the
    table changes: after a crash the placement is redelivered and, if the table did not keep
    it, sent again, which the idempotent consumers absorb; never is the table ahead of them."""

    def __init__(self, *, events: Any, new_events_topic: TopicT, by_tally_topic: TopicT) -> None:
        # faust Table: event id (bytes) -> MergedEvent or Redirect (as JSON), changelog `events.merged`
        self.events = events
        self.new_events_topic = new_events_topic
        self.by_tally_topic = by_tally_topic

    async def handle(self, record: EventT) -> None:
        placement: Placement = record.value
        key = placement.event_id.encode()
        stored = self.events.get(key)
        before = MergedEvent.model_validate(stored) if stored and "alias_of" not in stored else None
        if placement.join is not None:
            await self._join(key, before, placement.join)
        elif placement.leave is not None:
            await self._leave(key, before, placement.leave)
        elif placement.alias_of is not None:
            await self._alias(key, before, placement.alias_of)
        elif before is not None and placement.aliases is not None:
            await self._update(key, merge_event(before.reports, event_id=before.id, aliases=placement.aliases))
        elif placement.withdraw is not None and before is not None:
            withdrawn = [r for r in before.reports if (r.article.id, r.id) == (placement.withdraw, placement.event_id)]
            for report in withdrawn:
                await self._leave(key, before, report)
        elif placement.forget and stored is not None and before is None:
            del self.events[key]  # the redirect's tombstone

    async def _update(self, key: bytes, merged: MergedEvent, *also: Awaitable[Any]) -> None:
        await asyncio.gather(*also)
        self.events[key] = merged.model_dump(mode="json")

    async def _join(self, key: bytes, before: MergedEvent | None, event: Event) -> None:
        merged = merge_event(with_report(before.reports if before else [], event), event_id=key.decode(),
                             aliases=before.aliases if before else ())
        also = []
        if before is None:
            also.append(await self.new_events_topic.send(key=event.type.encode(), value={"id": merged.id}))
        if isinstance(event, CasualtyUpdate):
            also.append(await self._to_tally(Placement(event_id=tally_block(event), join=event)))
        await self._update(key, merged, *also)
        log.info("event_merged", event_id=merged.id, article_id=event.article.id, type=event.type,
                 mentions=merged.mentions, new=before is None)

    async def _to_tally(self, placement: Placement) -> "asyncio.Future[Any]":
        return await self.by_tally_topic.send(key=placement.event_id.encode(), value=placement)

    async def _leave(self, key: bytes, before: MergedEvent | None, event: Event) -> None:
        if before is None:
            return
        also = []
        if isinstance(event, CasualtyUpdate):  # a withdrawn casualty report leaves its tally too
            also.append(await self._to_tally(Placement(event_id=tally_block(event), leave=event)))
        reports = without_report(before.reports, event)
        if reports:
            await self._update(key, merge_event(reports, event_id=before.id, aliases=before.aliases), *also)
            return
        await asyncio.gather(await self.new_events_topic.send(key=event.type.encode(),
                                                              value={"id": before.id, "gone": True}), *also)
        del self.events[key]  # a tombstone
        log.info("event_removed", event_id=before.id, article_id=event.article.id, type=event.type)

    async def _alias(self, key: bytes, before: MergedEvent | None, target: str) -> None:
        if before is not None:  # the resolve agent empties an event before it names it an alias
            log.warning("alias_of_a_live_event_ignored", event_id=before.id, alias_of=target)
            return
        self.events[key] = Redirect(id=key.decode(), alias_of=target).model_dump(mode="json")


class TallyCasualties:
    """A casualty report joining or leaving its party's block -> the block's tallies (each
    reporter's latest figures per resolved conflict, `streams.merge.tallies_of`) in the
    `tallies` table. A report that widens a conflict gathers the reports of the narrower one
    into its tally; a tally left with no report is removed."""

    def __init__(self, tallies: Any) -> None:
        # faust Table: tally key (bytes) -> Tally (JSON), read through its decoded copy
        self.tallies: TableCopy[Tally] = TableCopy(tallies, Tally.model_validate,
                                                   lambda tally: tally.model_dump(mode="json"))

    async def handle(self, record: EventT) -> None:
        placement: Placement = record.value
        block = placement.event_id
        before = {key: tally for key, tally in self.tallies.entries().items()
                  if key.decode().split("|", 1)[1] == block}
        reports = [report for tally in before.values() for report in tally.reports]
        if placement.join is not None:
            reports = with_report(reports, placement.join)
        elif placement.leave is not None:
            reports = without_report(reports, placement.leave)
        after = {key.encode(): tally for key, tally in tallies_of(reports).items()}
        for key in before.keys() - after.keys():
            self.tallies.delete(key)
        for key, tally in after.items():
            if before.get(key) != tally:
                self.tallies.set(key, tally)


class CountEvents:
    """A newly seen event id -> the ids of its type in the current hour of the `counts` table;
    an id that is gone (its reports moved to another event) leaves the current hour again.

    Only the current hour: an event renamed an hour or more after it was first seen stays
    counted in the hour it appeared."""

    def __init__(self, counts: Any) -> None:
        self.counts = counts  # windowed faust Table: event type (str) -> ids first seen in that hour

    async def handle(self, record: EventT) -> None:
        kind, event_id = record.key.decode(), record.value["id"]
        ids = self.counts[kind].value()
        if record.value.get("gone"):
            if event_id in ids:
                self.counts[kind] = [i for i in ids if i != event_id]
        elif event_id not in ids:  # a redelivered id is counted once
            self.counts[kind] = [*ids, event_id]


class KeepReceipts:
    """A receipt -> the article's receipt summary in the `receipts` table."""

    def __init__(self, receipts: Any) -> None:
        self.receipts = receipts  # faust Table: receipt key (bytes) -> summary (JSON)

    async def handle(self, record: EventT) -> None:
        receipt: Receipt = record.value
        self.receipts[record.key] = receipt_view(self.receipts.get(record.key), receipt)
