"""Fixtures of the integration tests beyond the session broker."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.evaluation.stream_bench import free_port
from streams.local_kafka import LocalKafka
from streams.settings import Settings


@pytest.fixture
def own_broker(kafka: str, tmp_path: Path) -> Iterator[LocalKafka]:
    """A broker of the test's own (own ports, own data dir), from the jars the session broker
    fetched: for tests that stop or reset the broker, which would disturb every other test."""
    broker = LocalKafka(free_port(), free_port(), tmp_path / "kafka",
                        Settings().kafka_jars_dir.expanduser().resolve())
    broker.up()
    yield broker
    broker.down()
