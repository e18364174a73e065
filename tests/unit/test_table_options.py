"""Every table's RocksDB store is opened with the bounded memory options, not faust's defaults
(3 x 64 MB write buffers and a 2 GB cache for each of the 56 databases)."""
from __future__ import annotations

from pathlib import Path

from helpers import NoEvents
from streams.app import ROCKSDB_OPTIONS, create_app
from streams.settings import Settings


def test_each_table_store_is_bounded(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, store="rocksdb://"), extractor=NoEvents())
    assert set(app.tables) >= {"events", "tallies", "counts", "articles-seen", "receipts",
                               "article-reports", "resolution"}
    for name, table in app.tables.items():
        store = table._new_store()  # the store faust builds for the table's data
        assert {key: getattr(store.rocksdb_options, key) for key in ROCKSDB_OPTIONS} == ROCKSDB_OPTIONS, name
