"""What the tables hold, read through a worker's web view, and what an undisturbed run must
leave in them (the extractor and event resolution run offline): the comparison of the crash
and soak tests."""
from __future__ import annotations

from typing import Any

from helpers import Worker
from schemas import Article
from streams.extraction import Extractor
from streams.resolution import resolve


def expected_tables(extractor: Extractor, batch: list[dict[str, Any]]) -> tuple[dict[str, list[str]], dict[str, int]]:
    """What an undisturbed run must leave in the tables: the extractor run offline, its events
    resolved offline (resolved event id -> its articles; events per type)."""
    events = [e for found in extractor.extract_batch([Article.model_validate(a) for a in batch]) for e in found]
    resolved = resolve(events)
    sources: dict[str, set[str]] = {}
    types: dict[str, str] = {}
    for event in events:
        event_id = resolved[(event.article.id, event.id)]
        sources.setdefault(event_id, set()).add(event.article.id)
        types[event_id] = event.type
    counts = {kind: sum(1 for t in types.values() if t == kind) for kind in ("meeting", "clash", "casualty_update")}
    return {event_id: sorted(ids) for event_id, ids in sources.items()}, counts


def all_events(worker: Worker) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while True:
        status, body = worker.get(f"/api/events?limit=500&offset={len(events)}")
        assert status == 200, body
        events.extend(body["events"])
        if len(events) >= body["total"] or not body["events"]:
            return events


def table_state(worker: Worker) -> dict[str, list[str]]:
    """Event id -> the articles it was merged from, each once."""
    state = {}
    for record in all_events(worker):
        sources = [s["id"] for s in record["sources"]]
        assert len(sources) == len(set(sources)) == record["mentions"], record["id"]
        state[record["id"]] = sorted(sources)
    return state


def count_totals(worker: Worker) -> dict[str, int]:
    status, body = worker.get("/api/counts?hours=48")
    assert status == 200, body
    return {kind: sum(h[kind] for h in body["hours"]) for kind in ("meeting", "clash", "casualty_update")}
