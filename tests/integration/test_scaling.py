"""Two workers in one group, and a worker killed with SIGKILL mid-stream: the tables stay right."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from corpus import articles
from helpers import SESSION_TIMEOUT, Worker, publish_articles, wait_for
from streams.extraction import Extractor
from table_state import count_totals, expected_tables, table_state

pytestmark = pytest.mark.kafka



def _assigned(worker: Worker, topic_part: str) -> set[str]:
    status, body = worker.get("/ready")
    return {tp for tp in body.get("assigned", []) if topic_part in tp} if status == 200 else set()


def test_every_event_is_queryable_through_either_worker(namespace: dict[str, str], tmp_path: Path,
                                                       extractor: Extractor) -> None:
    env = {**namespace, "NEWSEVENTS_SESSION_TIMEOUT": SESSION_TIMEOUT}
    first = Worker({**env, "NEWSEVENTS_DATA_DIR": str(tmp_path / "w1")}, tmp_path / "w1.log").start()
    second = Worker({**env, "NEWSEVENTS_DATA_DIR": str(tmp_path / "w2")}, tmp_path / "w2.log")
    try:
        second.start()
        # Both hold part of the events table, so answering for all of it needs the other worker.
        wait_for(lambda: _assigned(first, "events.merged") and _assigned(second, "events.merged"),
                 90, "the events table to be split between the two workers")
        batch = articles(40, seed=11)
        expected, expected_counts = expected_tables(extractor, batch)
        publish_articles(namespace, tmp_path, batch)
        state = wait_for(lambda: (s := table_state(first)) == expected and s, 180,
                         "every article's events merged in the table")
        assert table_state(second) == state
        local_ids = [{r["id"] for r in w.get("/api/events?scope=local")[1]["items"]} for w in (first, second)]
        assert all(local_ids) and not local_ids[0] & local_ids[1], "each worker owns a share of the ids"
        assert local_ids[0] | local_ids[1] == set(state)
        for event_id in state:
            for worker in (first, second):
                status, record = worker.get(f"/api/events/{event_id}")
                assert status == 200 and record["id"] == event_id
                assert sorted(s["id"] for s in record["sources"]) == state[event_id]
        wait_for(lambda: count_totals(first) == expected_counts, 60, "the hourly counts")
        assert count_totals(second) == expected_counts
    finally:
        second.stop()
        first.stop()


def test_sigkill_mid_stream_loses_and_doubles_nothing(namespace: dict[str, str], tmp_path: Path,
                                                      extractor: Extractor) -> None:
    """The undisturbed result is computed twice: by a calm run of the service, and by the
    extractor offline; the crashed run must end with exactly the same tables.

    The restart replays a changelog, which is when faust-streaming 0.15.3 used to drop the
    records it fetched while seeking to the committed offsets (see streams/flow_control.py).
    """
    stream = articles(300, seed=5)
    expected, expected_counts = expected_tables(extractor, stream)

    def run(name: str, crash: bool) -> tuple[dict[str, list[str]], dict[str, int]]:
        env = {**namespace, "NEWSEVENTS_TOPIC_PREFIX": f"{namespace['NEWSEVENTS_TOPIC_PREFIX']}{name}.",
               "NEWSEVENTS_APP_ID": f"{namespace['NEWSEVENTS_APP_ID']}-{name}",
               "NEWSEVENTS_DATA_DIR": str(tmp_path / name), "NEWSEVENTS_SESSION_TIMEOUT": SESSION_TIMEOUT}
        worker = Worker(env, tmp_path / f"{name}.log").start()
        try:
            publish_articles(env, tmp_path, stream)
            if crash:
                wait_for(lambda: worker.get("/api/stats")[1].get("articles_processed", 0) >= 60, 180,
                         "the worker to be well into the stream")
                os.killpg(worker.proc.pid, signal.SIGKILL)
                worker.proc.wait()
                worker = Worker(env, tmp_path / f"{name}.log", NEWSEVENTS_WEB_PORT=str(worker.port)).start()
            try:
                wait_for(lambda: table_state(worker) == expected, 180, f"run {name}: every article's events merged")
                wait_for(lambda: count_totals(worker) == expected_counts, 60, f"run {name}: the hourly counts")
            except AssertionError:
                if not crash:
                    raise
            return table_state(worker), count_totals(worker)
        finally:
            worker.stop()

    calm = run("calm", crash=False)
    assert calm == (expected, expected_counts)
    assert len(expected) > 250 and sum(len(a) for a in expected.values()) > 500  # resolution merges some
    state, counts = run("crash", crash=True)
    assert set(state) <= set(expected), "no event that an undisturbed run does not have"
    assert all(set(state[i]) <= set(expected[i]) for i in state), "no source an undisturbed run does not have"
    lost = sum(len(expected[i]) - len(state.get(i, [])) for i in expected)
    assert not lost, f"lost {lost} of {sum(map(len, expected.values()))} article-event links after SIGKILL"
    assert counts == expected_counts
