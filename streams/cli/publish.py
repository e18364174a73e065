"""`newsevents publish PATH...`: validate articles and send them to the `articles` topic;
`newsevents retract ID...`: withdraw published articles (a tombstone under each id).

Publishing an article again under its id with another title, body or publication time revises
it: its events replace those of the earlier version."""
from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone

import click

from schemas.article import MAX_ARTICLE_ID
from streams.inputs import Loaded, expand, read_one
from streams.settings import Settings


async def _send(settings: Settings, records: list[tuple[str, bytes | None]]) -> None:
    """Send (article id, value) records keyed by article id; a None value is a tombstone."""
    from aiokafka import AIOKafkaProducer

    from streams.topics import ARTICLES, ensure_topics

    await ensure_topics(settings)
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all",
                                enable_idempotence=True)
    await producer.start()
    try:
        sends = [await producer.send(settings.topic(ARTICLES), key=article_id.encode(), value=value)
                 for article_id, value in records]
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
        asyncio.run(_send(Settings(), [(item.article.id, item.article.model_dump_json().encode())
                                       for item in loaded if item.article is not None]))
    click.echo(f"sent {good}, rejected {len(loaded) - good}")
    if good == 0:
        sys.exit(1)


@click.command("retract")
@click.argument("article_ids", nargs=-1, required=True)
def retract(article_ids: tuple[str, ...]) -> None:
    """Retract published articles: every event they reported is withdrawn from the tables."""
    blank = [i for i in article_ids if not i.strip() or len(i) > MAX_ARTICLE_ID]
    if blank:
        raise click.BadParameter(f"not an article id: {blank[0]!r}", param_hint="ARTICLE_IDS")
    asyncio.run(_send(Settings(), [(article_id, None) for article_id in article_ids]))
    click.echo(f"retracted {len(article_ids)}")
