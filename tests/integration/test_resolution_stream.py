"""Event resolution on the real broker, with two workers in one group: outlets' reports of one
event, published in any order, end as one event with all its sources, and an event renamed by
an earlier report redirects from its old id (in the web view and on `events.merged`)."""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from helpers import SESSION_TIMEOUT, TopicReader, Worker, publish_articles, topic_name, wait_for
from schemas import Article, Event
from schemas.merged import MergedEvent, Redirect
from streams.evaluation.merging import score_merges
from streams.extraction import Extractor
from streams.resolution import report_of, resolve
from table_state import expected_tables, table_state

pytestmark = pytest.mark.kafka

MERGED: TypeAdapter[MergedEvent | Redirect] = TypeAdapter(MergedEvent | Redirect)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "resolution"


def _fixture_articles() -> list[dict[str, Any]]:
    return [json.loads(f.read_text())["article"] for f in sorted((FIXTURES / "articles").glob("*.json"))]


def _renamed(events: list[Event]) -> tuple[Event, Event]:
    """A report B whose event, told by B alone, gets a new id once the first report A of its
    event arrives: the rename the test publishes B before A for (chosen from what the extractor
    finds today, which others are improving)."""
    resolved = resolve(events)
    event_ids = set(resolved.values())
    by_event: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: report_of(e).order):
        by_event.setdefault(resolved[(e.article.id, e.id)], []).append(e)
    for members in by_event.values():
        first = members[0]
        for later in members[1:]:
            if later.id != first.id and later.id not in event_ids and later.article.id != first.article.id:
                return first, later
    raise AssertionError("no fixture event has reports of two ids: nothing to rename")


def test_reports_of_one_event_merge_in_any_order_and_a_renamed_event_redirects(
        namespace: dict[str, str], tmp_path: Path, extractor: Extractor, kafka: str) -> None:
    batch = _fixture_articles()
    events = [e for found in extractor.extract_batch([Article.model_validate(a) for a in batch]) for e in found]
    expected, _ = expected_tables(extractor, batch)
    spec = json.loads((FIXTURES / "clusters.json").read_text())
    merged_names = {c.name for c in score_merges(spec, events).clusters if c.merged}
    merged_offline = [c for c in spec["clusters"] if c["name"] in merged_names]
    resolved = resolve(events)
    assert merged_offline, "the offline resolution merges no fixture cluster: nothing to compare"
    first, renamed = _renamed(events)

    env = {**namespace, "NEWSEVENTS_SESSION_TIMEOUT": SESSION_TIMEOUT}
    workers = [Worker({**env, "NEWSEVENTS_DATA_DIR": str(tmp_path / f"w{n}")}, tmp_path / f"w{n}.log")
               for n in (1, 2)]
    reader = TopicReader(kafka, topic_name(namespace, "events.merged"))
    try:
        for worker in workers:
            worker.start()
        wait_for(lambda: all(w.get("/ready")[0] == 200 and any("events.merged" in tp for tp in
                                                                 w.get("/ready")[1].get("assigned", []))
                             for w in workers), 90, "the events table to be split between the two workers")
        # B alone: its event has B's own id.
        publish_articles(namespace, tmp_path, [a for a in batch if a["id"] == renamed.article.id])
        wait_for(lambda: workers[0].get(f"/api/events/{renamed.id}")[0] == 200, 120, "B's event under its own id")
        # Then everything else, A among it, in shuffled order.
        rest = [a for a in batch if a["id"] != renamed.article.id]
        random.Random(3).shuffle(rest)
        publish_articles(namespace, tmp_path, rest)
        state = wait_for(lambda: (s := table_state(workers[0])) == expected and s, 180,
                         "every report in its offline-resolved event")
        assert table_state(workers[1]) == state

        survivor_id = resolved[(first.article.id, first.id)]
        for worker in workers:
            status, record = worker.get(f"/api/events/{renamed.id}")
            assert status == 200 and record["id"] == survivor_id, record
            assert renamed.id in record["aliases"]
            assert {renamed.article.id, first.article.id} <= {s["id"] for s in record["sources"]}
        redirect = {"schema_version": 1, "id": renamed.id, "alias_of": survivor_id}
        wait_for(lambda: any(k == renamed.id.encode() and v and json.loads(v) == redirect
                             for _, k, v in reader.poll()), 60, "the redirect on events.merged")
        # The topic is the events table's changelog: each record on it is a merged event or a
        # redirect of the data contract, and each id's last one is what the web view shows.
        latest = {k: MERGED.validate_json(v) if v is not None else None for _, k, v in reader.poll()}
        shown = workers[0].get(f"/api/events/{survivor_id}")[1]
        assert latest[survivor_id.encode()] == MergedEvent.model_validate(shown)

        # Every cluster the offline resolution merges is one event with all its articles.
        for cluster in merged_offline:
            event_id = min(set.intersection(*({resolved[(e.article.id, e.id)] for e in events
                                               if e.type == cluster["type"] and e.article.id == a}
                                              for a in cluster["articles"])))
            for worker in workers:
                status, record = worker.get(f"/api/events/{event_id}")
                assert status == 200 and record["id"] == event_id, record
                assert set(cluster["articles"]) <= {s["id"] for s in record["sources"]}
    finally:
        reader.close()
        for worker in reversed(workers):
            worker.stop()
