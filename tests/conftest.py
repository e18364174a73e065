"""Fixtures shared by the whole suite: the real Kafka broker and a unique namespace per run.

The broker is the one at NEWSEVENTS_KAFKA_PORT (default 9092) when it answers; otherwise the
suite starts a local one with `streams.local_kafka` and stops it at the end. There is no skip:
a test that needs Kafka fails when no broker can be had.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import namespace_env
from streams.extraction import Extractor
from streams.local_kafka import LocalKafka
from streams.settings import REPO_ROOT, Settings

SAMPLE = REPO_ROOT / "streams" / "samples" / "seed-armenia-azerbaijan-2022-09-19.json"


@pytest.fixture(scope="session")
def kafka() -> Iterator[str]:
    """The bootstrap address of a running broker (started here when none answers)."""
    local = LocalKafka.from_settings(Settings())
    started_here = local.running_pid() is None
    print(local.up())
    yield local.bootstrap
    if started_here and local.running_pid() is not None and not os.environ.get("NEWSEVENTS_KEEP_KAFKA"):
        print(local.down())


@pytest.fixture
def namespace(kafka: str, tmp_path: Path) -> dict[str, str]:
    """Environment for one test's processes: own topics, consumer group, state dir."""
    return namespace_env(kafka, tmp_path / "worker")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor (spaCy and the gazetteers load once) for the whole session."""
    return Extractor()
