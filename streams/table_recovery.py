"""Table state that heals itself: a local partition that its changelog contradicts is rebuilt.

A table's local store (RocksDB) is only a cache of its changelog topic, as Kafka Streams treats
its state stores. faust-streaming 0.15.3 compares the offset persisted in each local partition
with the changelog at recovery and, when the local state is ahead of the changelog's end,
raises `ConsistencyError` (faust/tables/recovery.py): the worker stops at start and never
becomes ready. That happens whenever the changelog is not the one the state was built from: the
broker was reset, the topic recreated, or the state dir held another app's tables.

`HealingRecovery` checks each partition just before faust does, in `_build_offsets` (where
faust gathers the offsets it will seek to, right before its check): a partition whose local
offset is past the changelog's end, or before its start (records it never applied are gone),
is wiped and replayed from the changelog's start, with one warning line. faust's own check then
passes and recovery goes on as usual. It is installed through faust's documented
`TableManager` setting, whose `recovery` builds this class instead of faust's.
"""
from __future__ import annotations

import shutil
from typing import Any

import structlog
from faust.stores.rocksdb import Store as RocksDBStore
from faust.tables import TableManager as FaustTableManager
from faust.tables.recovery import Recovery
from faust.types import TP, CollectionT

log = structlog.get_logger("newsevents.table_recovery")


def inconsistency(local_offset: int, changelog_start: int | None, changelog_end: int | None) -> str | None:
    """Why a partition's local state cannot be continued from its changelog, or None.

    `local_offset` is the offset of the last changelog record applied locally; the changelog
    holds offsets `changelog_start` to `changelog_end - 1` (end = the next offset written).
    """
    if changelog_end is not None and local_offset > changelog_end - 1:
        return (f"local state is ahead of its changelog: applied up to offset {local_offset}, "
                f"the changelog ends before offset {changelog_end}")
    if changelog_start is not None and local_offset + 1 < changelog_start:
        return (f"the changelog starts at offset {changelog_start}, after the local state's "
                f"{local_offset}: the records between are gone")
    return None


def wipe_partition(table: CollectionT, partition: int) -> None:
    """Remove one partition's local state (its RocksDB folder); it is reopened empty on next use.

    faust's `reset_state()` would remove the whole table dir, every table and partition.
    """
    store = table.data
    if not isinstance(store, RocksDBStore):  # in-memory stores persist no offsets: never inconsistent
        return
    db = store._dbs.pop(partition, None)
    if db is not None and hasattr(db, "close"):
        db.close()  # releases RocksDB's lock on the folder
    store._key_index.clear()  # key -> partition cache, may name keys of the wiped partition
    shutil.rmtree(store.partition_path(partition), ignore_errors=True)


class HealingRecovery(Recovery):
    """faust's recovery, rebuilding from the changelog any partition whose state it contradicts."""

    async def _build_offsets(self, consumer: Any, tps: set[TP], destination: Any, title: str) -> None:
        await self._rebuild_inconsistent(consumer, tps, destination)
        await super()._build_offsets(consumer, tps, destination, title)

    async def _rebuild_inconsistent(self, consumer: Any, tps: set[TP], offsets: Any) -> None:
        local = {tp: offsets[tp] for tp in tps if offsets.get(tp) is not None}
        if not local:
            return
        ends = await consumer.highwaters(*local)
        starts = await consumer.earliest_offsets(*local)
        for tp, offset in local.items():
            problem = inconsistency(offset, starts.get(tp), ends.get(tp))
            if problem is None:
                continue
            table = self.tp_to_table[tp]
            wipe_partition(table, tp.partition)
            offsets[tp] = None  # as for a partition never stored: read the changelog from its start
            log.warning("table_partition_rebuilt", table=table.name, topic=tp.topic, partition=tp.partition,
                        reason=problem, detail="local state wiped; rebuilding it from the changelog")


class TableManager(FaustTableManager):
    """faust's table manager with `HealingRecovery` (faust's `TableManager` setting)."""

    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = HealingRecovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery
