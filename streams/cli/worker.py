"""`newsevents worker`: the faust worker with its agents, tables and web view."""
from __future__ import annotations

import asyncio

import click

from streams.settings import Settings


@click.command("worker")
@click.option("--log-level", "-l", default=None, help="debug, info, warning or error (NEWSEVENTS_LOG_LEVEL).")
@click.option("--web-port", type=int, default=None, help="Port of the web view (NEWSEVENTS_WEB_PORT).")
def worker(log_level: str | None, web_port: int | None) -> None:
    """Run the event-extraction worker; its web view answers on NEWSEVENTS_WEB_HOST:WEB_PORT."""
    overrides = {k: v for k, v in (("log_level", log_level), ("web_port", web_port)) if v is not None}
    settings = Settings(**overrides)
    from streams import logs, state
    from streams.local_kafka import broker_answers
    from streams.topics import changelog_configs, ensure_topics

    logs.configure(settings.log_level)
    if not broker_answers(settings.bootstrap_servers, timeout=10.0):
        raise click.ClickException(
            f"no Kafka broker answers at {settings.bootstrap_servers}; start one with `newsevents kafka up`")

    import faust

    from streams.app import create_app

    app = create_app(settings)
    asyncio.run(ensure_topics(settings, changelog_configs(app.tables.values())))
    state.bind_to_cluster(settings.state_dir, asyncio.run(state.cluster_id(settings)))
    # Logging is ours (`logs.configure`: JSON lines on stdout); mode's Worker would otherwise
    # replace the root handler with its own text format. faust's progress spinner would write
    # terminal control codes to stdout: off.
    runner = faust.Worker(app, loglevel=settings.log_level.upper(), quiet=True, redirect_stdouts=False,
                          override_logging=False)
    runner.spinner = None
    runner.execute_from_commandline()
