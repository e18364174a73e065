"""`newsevents kafka up|down|status`: the local KRaft broker, or a local cluster of several
nodes, for development and tests."""
from __future__ import annotations

import click

from streams.local_kafka import KafkaError, LocalCluster, LocalKafka
from streams.settings import Settings

#: The most nodes `kafka down` and `status` look for under the data dir.
MAX_NODES = 9


def _local() -> LocalKafka:
    return LocalKafka.from_settings(Settings())


def _cluster(count: int) -> LocalCluster:
    return LocalCluster.from_settings(Settings(), count)


def _cluster_nodes() -> int:
    """How many cluster nodes `kafka up --nodes N` left under the data dir."""
    data_dir = Settings().kafka_data_dir.resolve()
    return sum(1 for n in range(1, MAX_NODES + 1) if (data_dir / f"node-{n}").is_dir())


@click.group("kafka")
def kafka() -> None:
    """Run a local Apache Kafka 4.x broker or cluster (jars from Maven Central, KRaft mode)."""


@kafka.command()
@click.option("--nodes", default=1, show_default=True, type=click.IntRange(1, MAX_NODES),
              help="Nodes of one KRaft quorum, each broker and controller, on consecutive ports "
                   "from NEWSEVENTS_KAFKA_PORT (controllers from NEWSEVENTS_KAFKA_CONTROLLER_PORT + 100).")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for the broker(s).")
def up(nodes: int, timeout: float) -> None:
    """Start the broker (or the cluster's nodes) unless running already."""
    try:
        click.echo(_local().up(timeout) if nodes == 1 else _cluster(nodes).up(timeout))
    except KafkaError as exc:
        raise click.ClickException(str(exc)) from exc


@kafka.command()
def down() -> None:
    """Stop the broker and every cluster node `kafka up` started (others are left alone)."""
    click.echo(_local().down())
    if _cluster_nodes():
        click.echo(_cluster(_cluster_nodes()).down())


@kafka.command()
def status() -> None:
    """Say whether each broker answers and whether newsevents started it."""
    click.echo(_local().status() if not _cluster_nodes() else _cluster(_cluster_nodes()).status())
