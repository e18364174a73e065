"""`newsevents tail TOPIC...`: print what arrives on topics, as JSON lines or a readable table."""
from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import click

from streams.settings import Settings
from streams.topics import EVENT_TOPICS

ALIASES = {"events": list(EVENT_TOPICS.values())}


def _summary(record: dict[str, Any]) -> str:
    """One table row of an event (or of a rejection) for people watching a terminal."""
    if "reason" in record:
        return f"{'REJECTED':15} {record.get('reason', ''):16} {record.get('article_id') or record.get('key')}: {record.get('detail', '')[:80]}"
    kind = record.get("type", "?")
    when = record.get("date") or record.get("date_start") or "-"
    place = (record.get("location") or {}).get("name") or "-"
    actors = record.get("participants") or record.get("sides") or ([record["party"]] if record.get("party") else [])
    who = ", ".join(f"{a.get('name') or '?'} ({a.get('country') or '-'})" for a in actors)
    figures = " ".join(f"{f['outcome']}={f['count']}" for f in record.get("figures") or [])
    evidence = (record.get("evidence") or {}).get("text", "")[:70]
    return f"{kind:15} {when:10} {place:18.18} {who[:60]:60} {figures} | {evidence}"


async def _tail(settings: Settings, names: list[str], from_beginning: bool, fmt: str,
                limit: int | None, idle: float | None) -> int:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(*names, bootstrap_servers=settings.bootstrap_servers, group_id=None,
                                isolation_level="read_committed",
                                auto_offset_reset="earliest" if from_beginning else "latest")
    await consumer.start()
    seen = 0
    last = time.monotonic()
    try:
        while limit is None or seen < limit:
            batch = await consumer.getmany(timeout_ms=500)
            if not batch:
                if idle is not None and time.monotonic() - last > idle:
                    break
                continue
            last = time.monotonic()
            for records in batch.values():
                for message in records:
                    text = (message.value or b"").decode("utf-8", "replace")
                    if fmt == "json":
                        click.echo(text)
                    else:
                        try:
                            click.echo(_summary(json.loads(text)))
                        except (ValueError, AttributeError, TypeError, KeyError):
                            click.echo(f"{message.topic}: {text[:120]}")
                    seen += 1
                    if limit is not None and seen >= limit:
                        return seen
    finally:
        await consumer.stop()
    return seen


@click.command("tail")
@click.argument("topics", nargs=-1, required=True)
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record, not the newest.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--max", "limit", type=int, default=None, help="Stop after this many records.")
@click.option("--idle-timeout", type=float, default=None, help="Stop after this many seconds without records.")
def tail(topics: tuple[str, ...], from_beginning: bool, fmt: str, limit: int | None,
         idle_timeout: float | None) -> None:
    """Print records of TOPICS: articles, articles.rejected, events.meeting, events.clash,
    events.casualty, or 'events' for all three event topics."""
    settings = Settings()
    names: list[str] = []
    for topic in topics:
        names.extend(settings.topic(t) for t in ALIASES.get(topic, [topic]))
    try:
        asyncio.run(_tail(settings, names, from_beginning, fmt, limit, idle_timeout))
    except KeyboardInterrupt:
        pass
