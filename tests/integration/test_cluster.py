"""A replicated cluster: three KRaft nodes, every topic with three replicas; the broker that
leads the most `articles` partitions is SIGKILLed mid-stream while articles keep coming. Every
article's events end in the tables exactly once, the worker never restarts and /ready
recovers; and the same when one worker of two dies with the broker. Right after a broker is
killed, the admin requests of the publisher and the worker go past it."""
from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from corpus import articles
from helpers import SESSION_TIMEOUT, Worker, http_get, namespace_env, publish_articles, run_async, wait_for
from streams.evaluation.stream_bench import free_port
from streams.extraction import Extractor
from streams.local_kafka import LocalCluster, LocalKafka, broker_answers
from streams.settings import Settings
from streams.state import cluster_id
from streams.topics import ensure_topics
from table_state import expected_tables, table_state

pytestmark = pytest.mark.kafka

NODES = 3
ARTICLES = 240
#: Admin rounds right after a broker is killed: each asks a random node, the dead one among them.
ROUNDS = 12


@pytest.fixture
def cluster(kafka: str, tmp_path: Path) -> Iterator[LocalCluster]:
    """Three nodes of the test's own, from the jars the session broker fetched."""
    nodes = LocalCluster.of(NODES, [free_port() for _ in range(NODES)], [free_port() for _ in range(NODES)],
                            tmp_path / "cluster", Settings().kafka_jars_dir.expanduser().resolve())
    nodes.up()
    yield nodes
    nodes.down()


def _env(cluster: LocalCluster, tmp_path: Path) -> dict[str, str]:
    env = namespace_env(cluster.nodes[0].bootstrap, tmp_path / "w1")
    env["NEWSEVENTS_BROKER"] = ";".join(f"kafka://{n.bootstrap}" for n in cluster.nodes)
    return {**env, "NEWSEVENTS_REPLICATION_FACTOR": str(NODES), "NEWSEVENTS_SESSION_TIMEOUT": SESSION_TIMEOUT}


def _busiest_leader(cluster: LocalCluster, topic: str) -> int:
    """The node id that leads the most partitions of `topic`."""
    async def leaders() -> Counter[int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=cluster.bootstrap)
        await admin.start()
        try:
            [described] = await admin.describe_topics([topic])
            return Counter(p["leader"] for p in described["partitions"])
        finally:
            await admin.close()
    return run_async(leaders()).most_common(1)[0][0]


def _kill_busiest_broker(cluster: LocalCluster, env: dict[str, str]) -> None:
    _kill(next(n for n in cluster.nodes if n.node_id == _busiest_leader(cluster, env["NEWSEVENTS_TOPIC_PREFIX"] + "articles")))


def _kill(node: LocalKafka) -> None:
    """SIGKILL one node and wait until it is gone."""
    pid = node.running_pid()
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)

    def gone() -> bool:
        try:
            os.waitpid(pid, os.WNOHANG)  # the node is this process's child: reap it
        except ChildProcessError:
            pass
        return node.running_pid() is None
    wait_for(gone, 30, f"node {node.node_id} to be gone")


def _state(worker: Worker) -> dict[str, list[str]] | None:
    """The tables through `worker`, or None while a listing cannot be had: until the group
    notices a killed worker, asking it for its share fails, which the listing says (503)."""
    status, body = worker.get("/api/events?limit=1")
    if status == 503:
        assert "does not answer" in body["error"] and body["unreachable"], body
        return None
    if status == 0:  # no answer within the client's timeout, while the worker is busy
        return None
    assert status == 200, f"a listing answered {status}: {body}"
    try:
        return table_state(worker)
    except AssertionError:  # the group changed between the two requests
        return None


def _processed(worker: Worker) -> int:
    status, stats = worker.get("/api/stats")
    return stats.get("articles_processed", 0) if status == 200 else 0


def test_admin_requests_go_past_a_dead_broker(cluster: LocalCluster, tmp_path: Path) -> None:
    """Until a killed broker's session times out, the live ones' metadata still lists it and an
    admin request may be sent to it: topics are ensured (listed, and created in every other
    round), the cluster id is had and the cluster answers the worker's probe all the same."""
    env = _env(cluster, tmp_path)

    def settings(prefix: str) -> Settings:
        return Settings(broker=env["NEWSEVENTS_BROKER"], topic_prefix=prefix, replication_factor=NODES, partitions=2)
    existing = settings(env["NEWSEVENTS_TOPIC_PREFIX"])
    run_async(ensure_topics(existing))
    _kill(cluster.nodes[0])  # the first bootstrap host too
    for n in range(ROUNDS):
        run_async(ensure_topics(settings(f"{existing.topic_prefix}{n}.") if n % 2 else existing))
        assert run_async(cluster_id(existing)) == cluster.nodes[0].cluster_id
        assert broker_answers(existing.bootstrap_servers), "the worker's check that the cluster answers"


def test_a_broker_lost_mid_stream_loses_nothing(cluster: LocalCluster, tmp_path: Path, extractor: Extractor) -> None:
    env = _env(cluster, tmp_path)
    stream = articles(ARTICLES, seed=21)
    expected, _ = expected_tables(extractor, stream)
    worker = Worker(env, tmp_path / "worker.log").start(timeout=180)
    try:
        publish_articles(env, tmp_path, stream[:ARTICLES // 2])
        wait_for(lambda: _processed(worker) >= ARTICLES // 4, 180, "the worker well into the stream")
        _kill_busiest_broker(cluster, env)
        publish_articles(env, tmp_path, stream[ARTICLES // 2:])
        wait_for(lambda: table_state(worker) == expected, 300, "every article's events merged exactly once")
        assert worker.alive(), "the worker never restarted"
        wait_for(lambda: http_get(f"{worker.url}/ready")[0] == 200, 120, "/ready after the broker loss")
    finally:
        worker.stop()


def test_a_worker_and_a_broker_lost_together_lose_nothing(cluster: LocalCluster, tmp_path: Path,
                                                          extractor: Extractor) -> None:
    env = _env(cluster, tmp_path)
    stream = articles(ARTICLES, seed=22)
    expected, _ = expected_tables(extractor, stream)
    first = Worker(env, tmp_path / "w1.log").start(timeout=180)
    second = Worker({**env, "NEWSEVENTS_DATA_DIR": str(tmp_path / "w2")}, tmp_path / "w2.log").start(timeout=180)
    try:
        publish_articles(env, tmp_path, stream[:ARTICLES // 2])
        wait_for(lambda: _processed(first) + _processed(second) >= ARTICLES // 4, 180, "the workers well into the stream")
        os.killpg(second.proc.pid, signal.SIGKILL)
        _kill_busiest_broker(cluster, env)
        second.proc.wait()
        publish_articles(env, tmp_path, stream[ARTICLES // 2:])
        wait_for(lambda: _state(first) == expected, 300, "every article's events merged exactly once")
        assert first.alive(), "the surviving worker never restarted"
        wait_for(lambda: http_get(f"{first.url}/ready")[0] == 200, 120, "/ready after the losses")
    finally:
        second.stop()
        first.stop()
