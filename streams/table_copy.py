"""A decoded in-memory copy of a faust table that one handler alone writes.

Resolution and the tallies look at every entry of a block for each record they handle. Read
from the store, each look decodes each entry's JSON again (RocksDB keeps bytes), which costs
more than the work itself once a block holds hundreds of entries. The handler that owns the
table is its only writer, so a copy it keeps up to date stays exact while the worker keeps its
partitions; `forget` (connected to faust's rebalance signals) drops it when they change, and
the next record reads the table afresh, after faust has recovered the new partitions.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class TableCopy(Generic[V]):
    """The entries of `table` as `decode` makes them; writes go to both."""

    def __init__(self, table: Any, decode: Callable[[Any], V], encode: Callable[[V], Any]) -> None:
        self.table = table  # faust Table (or a dict in tests)
        self.decode = decode
        self.encode = encode
        self._copy: dict[bytes, V] | None = None

    def forget(self, *_: Any, **__: Any) -> None:
        """Drop the copy; the next read decodes the table again."""
        self._copy = None

    def entries(self) -> dict[bytes, V]:
        """Every entry, decoded (the copy itself: change it through `set` and `delete`)."""
        if self._copy is None:
            self._copy = {key: self.decode(stored) for key, stored in self.table.items() if stored}
        return self._copy

    def get(self, key: bytes) -> V | None:
        return self.entries().get(key)

    def set(self, key: bytes, value: V) -> None:
        self.table[key] = self.encode(value)
        self.entries()[key] = value

    def delete(self, key: bytes) -> None:
        if key in self.entries():
            del self.table[key]
            del self.entries()[key]
