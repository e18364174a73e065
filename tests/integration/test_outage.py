"""A broker outage mid-stream: the worker stays up, says it is not ready while the broker is
gone, and processes every article after it is back. The test runs its own broker (its own
ports and data dir), since stopping the session's broker would disturb the other tests."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from corpus import articles
from helpers import TopicReader, Worker, http_get, publish_articles, wait_for
from streams.local_kafka import LocalKafka

pytestmark = pytest.mark.kafka

OUTAGE_S = 20


def test_worker_survives_a_broker_outage(own_broker: LocalKafka, namespace: dict[str, str],
                                         tmp_path: Path) -> None:
    env = {**namespace, "NEWSEVENTS_BROKER": f"kafka://{own_broker.bootstrap}"}
    batch = articles(24, seed=11)
    worker = Worker(env, tmp_path / "worker.log").start()
    try:
        publish_articles(env, tmp_path, batch[:12])
        receipts_topic = env["NEWSEVENTS_TOPIC_PREFIX"] + "articles.receipts"
        before = TopicReader(own_broker.bootstrap, receipts_topic)
        try:
            before.wait(lambda vs: len(vs) >= 4, 120, "some articles processed before the outage")
        finally:
            before.close()

        own_broker.down()
        down_at = time.monotonic()
        wait_for(lambda: http_get(f"{worker.url}/ready")[0] == 503, 30, "/ready to say not ready")
        while time.monotonic() - down_at < OUTAGE_S:  # the outage lasts; the worker must live through it
            assert worker.alive(), worker.log()[-3000:]
            status, body = http_get(f"{worker.url}/ready")
            assert status == 503 and body["broker_reachable"] is False, body
            time.sleep(0.5)

        own_broker.up()
        wait_for(lambda: http_get(f"{worker.url}/ready")[0] == 200, 120, "/ready after the outage")
        publish_articles(env, tmp_path, batch[12:])
        after = TopicReader(own_broker.bootstrap, receipts_topic)
        try:
            receipts = after.wait(lambda vs: {a["id"] for a in batch} <= {r["article_id"] for r in vs}, 180,
                                  "a receipt for every article, published before and after the outage")
        finally:
            after.close()
        assert worker.alive(), "the worker never restarted"
        assert {r["outcome"] for r in receipts} == {"processed"}
        for event_id in {e for r in receipts for e in r["event_ids"]}:
            wait_for(lambda: worker.get(f"/api/events/{event_id}")[0] == 200, 60, f"event {event_id} in the table")
    finally:
        worker.stop()
