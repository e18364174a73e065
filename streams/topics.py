"""Topic names and their creation with explicit partition counts and configs.

faust creates only topics it calls internal; the publisher may write before any worker runs.
Both therefore call `ensure_topics`, so no topic is ever left to the broker's auto-creation.
The worker also creates its tables' changelog topics before faust starts: faust creates them
lazily, and a table written by the very first record of a stream then finds its changelog
missing from the consumer's metadata and crashes its agent (PartitionsMismatch, 0 partitions).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code
from mode.utils.times import want_seconds

from schemas import EventType
from streams.admin import admin_call
from streams.settings import Settings

ARTICLES = "articles"
REJECTED = "articles.rejected"
RECEIPTS = "articles.receipts"  # compacted: article id -> what became of it
ACCEPTED = "internal.articles-accepted"  # validated, first-seen articles awaiting extraction
EVENT_TOPICS: dict[EventType, str] = {
    EventType.MEETING: "events.meeting",
    EventType.CLASH: "events.clash",
    EventType.CASUALTY_UPDATE: "events.casualty",
}
MERGED = "events.merged"  # compacted: event id -> MergedEvent, or Redirect under an alias
# Repartitions: meeting and clash reports keyed by resolution block (their type), placements
# keyed by resolved event id, casualty reports keyed by party, new and gone event ids by type.
REPORTS_BY_BLOCK = "internal.reports-by-block"
RESOLVED = "internal.resolved"
CASUALTY_BY_PARTY = "internal.casualty-by-party"
NEW_EVENTS = "internal.new-events"

COMPACTED = {"cleanup.policy": "compact"}
TOPIC_CONFIGS: dict[str, dict[str, str]] = {
    ARTICLES: {}, REJECTED: {}, RECEIPTS: COMPACTED, **{name: {} for name in EVENT_TOPICS.values()},
    MERGED: COMPACTED, ACCEPTED: {}, REPORTS_BY_BLOCK: {}, RESOLVED: {}, CASUALTY_BY_PARTY: {}, NEW_EVENTS: {},
}


def changelog_configs(tables: Iterable[Any]) -> dict[str, dict[str, str]]:
    """Full name -> topic configs of the changelog of each faust table, as faust would make it."""
    out: dict[str, dict[str, str]] = {}
    for table in tables:
        topic = table.changelog_topic
        cleanup = {"compact"} if topic.compacting else set()
        cleanup |= {"delete"} if topic.deleting else set()
        configs = {**(topic.config or {}), **({"cleanup.policy": ",".join(sorted(cleanup))} if cleanup else {})}
        if topic.retention:
            configs["retention.ms"] = str(int(want_seconds(topic.retention) * 1000))
        out[topic.get_topic_name()] = configs
    return out


async def ensure_topics(settings: Settings, changelogs: Mapping[str, Mapping[str, str]] | None = None) -> None:
    """Create the service's topics (prefixed), and the given changelog topics (full names),
    with `settings.partitions` where missing."""
    names = {settings.topic(name): configs for name, configs in TOPIC_CONFIGS.items()} | dict(changelogs or {})

    async def create_missing(admin: AIOKafkaAdminClient) -> None:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(name, settings.partitions, settings.replication_factor, topic_configs=dict(configs))
                  for name, configs in names.items() if name not in existing]
        if wanted:
            response = await admin.create_topics(wanted)
            for name, code, *_ in response.topic_errors:
                # Another worker or publisher created it in the meantime, which is fine; a
                # retriable error (a request timed out) makes `admin_call` try again.
                if code not in (0, TopicAlreadyExistsError.errno):
                    raise for_code(code)(f"could not create topic {name}")

    await admin_call(settings.bootstrap_servers, create_missing)
