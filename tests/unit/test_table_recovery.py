"""Where a worker keeps its table state, and when a partition's local state can be continued
from its changelog."""
from __future__ import annotations

from pathlib import Path

import pytest

from streams.settings import REPO_ROOT, Settings
from streams.table_recovery import inconsistency


@pytest.mark.parametrize("local, start, end", [
    (-1, 0, 0),  # nothing applied, empty changelog
    (9, 0, 10),  # applied everything
    (4, 0, 10),  # behind: the rest is replayed
    (4, 5, 10),  # the next record to apply is the changelog's first
    (7, None, None),  # offsets unknown: nothing to contradict
])
def test_consistent_state_is_kept(local: int, start: int | None, end: int | None) -> None:
    assert inconsistency(local, start, end) is None


def test_state_ahead_of_its_changelog_is_inconsistent() -> None:
    # The broker was reset: the changelog is new and empty, the local state applied 41 records.
    assert "ahead of its changelog" in inconsistency(40, 0, 0)
    assert "ahead of its changelog" in inconsistency(40, 0, 40)


def test_state_behind_the_changelog_start_is_inconsistent() -> None:
    assert "records between are gone" in inconsistency(3, 10, 20)


def test_default_state_dir_is_one_per_app_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_DATA_DIR", raising=False)
    assert Settings(app_id="a").state_dir == REPO_ROOT / "var" / "worker" / "a"
    assert Settings(app_id="b").state_dir != Settings(app_id="a").state_dir
    assert Settings(app_id="a", data_dir=Path("/srv/state")).state_dir == Path("/srv/state")
