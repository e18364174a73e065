"""The worker's producer asks for every in-sync replica and idempotent sends, and the topics
are created with the replication factor of the settings."""
from __future__ import annotations

from streams.app import create_app
from helpers import NoEvents
from streams.settings import Settings




def test_the_producer_is_durable_and_the_replication_a_setting() -> None:
    app = create_app(Settings(replication_factor=3), extractor=NoEvents())
    producer = app.producer
    config = {**producer._settings_default(), **producer._settings_extra()}
    assert config["acks"] in ("all", -1) and config["enable_idempotence"] is True
    assert app.conf.topic_replication_factor == 3
    assert all(t.changelog_topic.replicas in (None, 3) for t in app.tables.values())
