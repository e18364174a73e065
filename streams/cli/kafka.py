"""`newsevents kafka up|down|status`: the local single-node KRaft broker for development and tests."""
from __future__ import annotations

import click

from streams.local_kafka import KafkaError, LocalKafka
from streams.settings import Settings


@click.group("kafka")
def kafka() -> None:
    """Run a local Apache Kafka 4.x broker (jars from Maven Central, KRaft mode)."""


def _local() -> LocalKafka:
    return LocalKafka.from_settings(Settings())


@kafka.command()
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for the broker.")
def up(timeout: float) -> None:
    """Start the broker unless one answers at NEWSEVENTS_KAFKA_PORT already."""
    try:
        click.echo(_local().up(timeout))
    except KafkaError as exc:
        raise click.ClickException(str(exc)) from exc


@kafka.command()
def down() -> None:
    """Stop the broker `kafka up` started (a broker it did not start is left alone)."""
    click.echo(_local().down())


@kafka.command()
def status() -> None:
    """Say whether a broker answers and whether newsevents started it."""
    click.echo(_local().status())
