"""`newsevents publish PATH...`: validate articles and send them to the `articles` topic."""
from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone

import click

from streams.inputs import Loaded, expand, read_one
from streams.settings import Settings


async def _send(settings: Settings, loaded: list[Loaded]) -> None:
    from aiokafka import AIOKafkaProducer

    from streams.topics import ARTICLES, ensure_topics

    await ensure_topics(settings)
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all",
                                enable_idempotence=True)
    await producer.start()
    try:
        sends = [await producer.send(settings.topic(ARTICLES), key=item.article.id.encode(),
                                     value=item.article.model_dump_json().encode())
                 for item in loaded if item.article is not None]
        await asyncio.gather(*sends)
    finally:
        await producer.stop()


@click.command("publish")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published-at", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z"]), default=None,
              help="Publication time for plain-text inputs (default: the file's modification time).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: for more than 20 files).")
def publish(paths: tuple[str, ...], published_at: datetime | None, progress: bool | None) -> None:
    """Publish articles from text, JSON, JSONL or annotation files, folders, or - (stdin).

    Each article is validated first; invalid ones are reported and not sent.
    """
    from tqdm import tqdm

    if published_at is not None and published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=timezone.utc)
    files = expand(paths)
    show = progress if progress is not None else len(files) > 20
    loaded: list[Loaded] = []
    for name in tqdm(files, desc="reading", unit="file", disable=not show, file=sys.stderr):
        loaded.extend(read_one(name, published_at=published_at))
    for item in loaded:
        if item.error:
            click.echo(f"rejected {item.origin}: {item.error}", err=True)
    good = sum(item.article is not None for item in loaded)
    if good:
        asyncio.run(_send(Settings(), loaded))
    click.echo(f"sent {good}, rejected {len(loaded) - good}")
    if good == 0:
        sys.exit(1)
