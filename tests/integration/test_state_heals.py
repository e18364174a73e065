"""Table state that heals itself. A worker runs and processes an article; then its tables'
changelogs are replaced by new, empty ones while its state dir stays: the broker is reset (on a
broker of the test's own, as resetting disturbs every other test), or only the changelog topics
are recreated. The worker wipes what the new changelogs contradict, says so in one warning, is
ready within 60 s and processes a new article, its tables holding nothing of the old state."""
from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from helpers import Worker, namespace_env, run_async, run_cli, topic_name, wait_for
from streams.local_kafka import LocalKafka
from streams.settings import Settings

pytestmark = pytest.mark.kafka


def _meeting(worker: Worker) -> dict[str, Any] | None:
    status, listing = worker.get("/api/events?type=meeting")
    return listing["events"][0] if status == 200 and listing["events"] else None


def _two_runs(env: dict[str, str], tmp_path: Path, sample_path: Path,
                                replace: Callable[[], None]) -> list[dict[str, Any]]:
    """Run, `replace()`, run again with the same state dir; the warnings of the second run."""
    article = json.loads(sample_path.read_text())["article"]
    first = Worker(env, tmp_path / "first.log").start()
    try:
        assert run_cli(env, "publish", str(sample_path)).returncode == 0
        before = wait_for(lambda: _meeting(first), 120, "the meeting in the events table")
    finally:
        first.stop()
    assert before["mentions"] == 1

    replace()
    second = Worker(env, tmp_path / "second.log").start(timeout=60)
    try:
        again = {**article, "id": "after-reset"}
        assert run_cli(env, "publish", "-", stdin=json.dumps(again).encode()).returncode == 0
        after = wait_for(lambda: (r := second.get(f"/api/events/{before['id']}"))[0] == 200 and r[1],
                         120, "the same meeting, reported by the new article")
        assert second.alive()
    finally:
        second.stop()
    # Only the new report: the state built from the old changelogs was wiped, not merged with.
    assert [s["id"] for s in after["sources"]] == ["after-reset"] and after["mentions"] == 1
    return [record for line in second.log().splitlines() if (record := json.loads(line))["level"] == "warning"]


def test_worker_rebuilds_its_tables_after_a_broker_reset(own_broker: LocalKafka, tmp_path: Path,
                                                         sample_path: Path) -> None:
    def reset() -> None:  # what a developer does to start afresh
        own_broker.down()
        shutil.rmtree(own_broker.data_dir)
        own_broker.up()

    env = namespace_env(own_broker.bootstrap, tmp_path / "worker")
    warnings = _two_runs(env, tmp_path, sample_path, reset)
    [rebuilt] = [w for w in warnings if w["event"] == "state_dir_rebuilt"]
    assert rebuilt["state_dir"] == env["NEWSEVENTS_DATA_DIR"] and rebuilt["built_from_cluster"] != rebuilt["cluster"]


async def _recreate_changelogs(bootstrap: str, namespace: dict[str, str], partitions: int) -> None:
    """Delete the app's changelog topics and create them anew, empty, as faust would: its
    `-changelog` topics and `events.merged`, the events table's."""
    app_id = namespace["NEWSEVENTS_APP_ID"]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()

    async def until_listed(listed: bool, names: list[str]) -> None:  # topic changes are asynchronous
        for _ in range(150):
            if (set(names) <= set(await admin.list_topics())) is listed:
                return
            await asyncio.sleep(0.2)
        raise AssertionError(f"topics {names} still {'not ' if listed else ''}listed")
    try:
        changelogs = [t for t in await admin.list_topics() if t.startswith(f"{app_id}-") and t.endswith("-changelog")]
        assert len(changelogs) == 6, changelogs  # resolution, tallies, counts, articles-seen, receipts, article-reports
        changelogs.append(topic_name(namespace, "events.merged"))
        await admin.delete_topics(changelogs)
        for name in changelogs:
            await until_listed(False, [name])
        await admin.create_topics([NewTopic(name, partitions, 1, topic_configs={"cleanup.policy": "compact"})
                                   for name in changelogs])
        await until_listed(True, changelogs)
    finally:
        await admin.close()


def test_worker_rebuilds_the_partitions_whose_changelog_was_recreated(
        namespace: dict[str, str], kafka: str, tmp_path: Path, sample_path: Path) -> None:
    warnings = _two_runs(
        namespace, tmp_path, sample_path, lambda: run_async(_recreate_changelogs(kafka, namespace, Settings().partitions)))
    rebuilt = [w for w in warnings if w["event"] == "table_partition_rebuilt"]
    assert rebuilt and all("ahead of its changelog" in w["reason"] for w in rebuilt)
    assert {w["table"] for w in rebuilt} >= {"events", "articles-seen"}
