"""The `newsevents` command line: worker, publish, retract, tail, query, receipt, extract, eval, bench, kafka.

Each command lives in its own module of this package and is registered on the `main` group
here; heavy imports (faust, spaCy) happen inside the commands so `--help` stays fast.
"""
from __future__ import annotations

import click

from streams.cli import bench, evaluate, extract, kafka, publish, query, receipt, tail, worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsevents")
def main() -> None:
    """newsevents: real-time event extraction from news on Kafka."""


for command in (worker.worker, publish.publish, publish.retract, tail.tail, query.query, extract.extract,
                receipt.receipt, evaluate.eval_group, bench.bench, kafka.kafka):
    main.add_command(command)
