"""A state dir is bound to the Kafka cluster its tables were built from."""
from __future__ import annotations

from pathlib import Path

from streams.state import CLUSTER_FILE, bind_to_cluster


def test_state_of_another_cluster_is_wiped_and_the_same_cluster_s_kept(tmp_path: Path) -> None:
    state = tmp_path / "worker"
    table = state / "v1" / "tables" / "events-0.db"
    table.mkdir(parents=True)  # state of a version that did not record its cluster: adopted
    assert not bind_to_cluster(state, "cluster-a") and table.exists()
    assert (state / CLUSTER_FILE).read_text().strip() == "cluster-a"
    assert not bind_to_cluster(state, "cluster-a") and table.exists()
    assert bind_to_cluster(state, "cluster-b") and not table.exists()
    assert (state / CLUSTER_FILE).read_text().strip() == "cluster-b"


def test_a_new_state_dir_is_created_with_its_cluster(tmp_path: Path) -> None:
    assert not bind_to_cluster(tmp_path / "new", "c")
    assert (tmp_path / "new" / CLUSTER_FILE).exists()
