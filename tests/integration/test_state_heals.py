"""Table state that heals itself, on a broker of the test's own (resetting it would disturb the
other tests): after the broker is reset, the worker's local tables are ahead of the new, empty
changelogs; the worker wipes and rebuilds them, is ready within 60 s and processes anew."""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import Worker, namespace_env, run_cli, wait_for
from streams.evaluation.stream_bench import free_port
from streams.local_kafka import LocalKafka
from streams.settings import Settings

pytestmark = pytest.mark.kafka


@pytest.fixture
def own_kafka(tmp_path: Path) -> Iterator[LocalKafka]:
    jars = Settings().kafka_jars_dir.expanduser().resolve()
    local = LocalKafka(free_port(), free_port(), tmp_path / "kafka", jars)
    local.up()
    yield local
    local.down()


def _reset(kafka: LocalKafka) -> None:
    """What a developer does to start afresh: broker down, its data removed, broker up."""
    kafka.down()
    shutil.rmtree(kafka.data_dir)
    kafka.up()


def _meeting(worker: Worker) -> dict[str, Any] | None:
    status, listing = worker.get("/api/events?type=meeting")
    return listing["events"][0] if status == 200 and listing["events"] else None


def test_worker_rebuilds_its_tables_after_a_broker_reset(own_kafka: LocalKafka, tmp_path: Path,
                                                         sample_path: Path) -> None:
    env = namespace_env(own_kafka.bootstrap, tmp_path / "worker")
    article = json.loads(sample_path.read_text())["article"]
    first = Worker(env, tmp_path / "first.log").start()
    try:
        assert run_cli(env, "publish", str(sample_path)).returncode == 0
        before = wait_for(lambda: _meeting(first), 120, "the meeting in the events table")
    finally:
        first.stop()
    assert before["mentions"] == 1

    _reset(own_kafka)
    second = Worker(env, tmp_path / "second.log").start(timeout=60)  # same state dir
    try:
        again = {**article, "id": "after-reset"}
        assert run_cli(env, "publish", "-", stdin=json.dumps(again).encode()).returncode == 0
        after = wait_for(lambda: (r := second.get(f"/api/events/{before['id']}"))[0] == 200 and r[1],
                         120, "the same meeting, reported by the new article")
        assert second.alive()
    finally:
        second.stop()
    # Only the new report: the state built on the old broker was wiped, not merged with.
    assert [s["id"] for s in after["sources"]] == ["after-reset"] and after["mentions"] == 1
    rebuilt = [json.loads(line) for line in second.log().splitlines() if "table_partition_rebuilt" in line]
    assert rebuilt and all(r["level"] == "warning" and "ahead of its changelog" in r["reason"] for r in rebuilt)
