"""The worker's state dir belongs to one Kafka cluster.

Its tables are a cache of changelog topics, and a changelog of another cluster is another log:
after the local broker was reset (data dir removed, storage formatted anew), the same topic
names hold new records at the same offsets, which no offset comparison can tell from the old
ones. So the state dir records the id of the cluster it was built from, and when the broker
answers with another id the worker starts from an empty state dir, rebuilt from the changelogs
(with one warning). State left by a version without the record is adopted as it is; the
per-partition checks of `streams/table_recovery.py` still apply to it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import structlog

from streams.admin import admin_call
from streams.settings import Settings

log = structlog.get_logger("newsevents.state")

CLUSTER_FILE = "kafka-cluster-id"


async def cluster_id(settings: Settings) -> str:
    """The id of the Kafka cluster the broker belongs to (KRaft: set when storage is formatted)."""
    described = await admin_call(settings.bootstrap_servers, lambda admin: admin.describe_cluster())
    return str(described["cluster_id"])


def bind_to_cluster(state_dir: Path, cluster: str) -> bool:
    """Empty `state_dir` if it was built from another cluster than `cluster`, and record
    `cluster` in it. Returns True when it was emptied."""
    record = state_dir / CLUSTER_FILE
    previous = record.read_text().strip() if record.exists() else None
    wiped = previous is not None and previous != cluster
    if wiped:
        shutil.rmtree(state_dir)
        log.warning("state_dir_rebuilt", state_dir=str(state_dir), built_from_cluster=previous, cluster=cluster,
                    detail="the tables were built from another Kafka cluster: wiped, rebuilding them "
                           "from this cluster's changelogs")
    state_dir.mkdir(parents=True, exist_ok=True)
    record.write_text(cluster + "\n")
    return wiped
