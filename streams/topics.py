"""Topic names and their creation with explicit partition counts and configs.

faust creates only topics it calls internal; the publisher may write before any worker runs.
Both therefore call `ensure_topics`, so no topic is ever left to the broker's auto-creation.
"""
from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from schemas import EventType
from streams.settings import Settings

ARTICLES = "articles"
REJECTED = "articles.rejected"
ACCEPTED = "internal.articles-accepted"  # validated, first-seen articles awaiting extraction
EVENT_TOPICS: dict[EventType, str] = {
    EventType.MEETING: "events.meeting",
    EventType.CLASH: "events.clash",
    EventType.CASUALTY_UPDATE: "events.casualty",
}
MERGED = "events.merged"
# Repartitions: casualty reports keyed by tally, newly seen event ids keyed by type.
CASUALTY_BY_TALLY = "internal.casualty-by-tally"
NEW_EVENTS = "internal.new-events"

COMPACTED = {"cleanup.policy": "compact"}
TOPIC_CONFIGS: dict[str, dict[str, str]] = {
    ARTICLES: {}, REJECTED: {}, **{name: {} for name in EVENT_TOPICS.values()},
    MERGED: COMPACTED, ACCEPTED: {}, CASUALTY_BY_TALLY: {}, NEW_EVENTS: {},
}


async def ensure_topics(settings: Settings) -> None:
    """Create the service's topics (prefixed) with `settings.partitions` where missing."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(settings.topic(name), settings.partitions, 1, topic_configs=configs)
                  for name, configs in TOPIC_CONFIGS.items() if settings.topic(name) not in existing]
        if wanted:
            response = await admin.create_topics(wanted)
            for name, code, *_ in response.topic_errors:
                # Another worker or publisher created it in the meantime, which is fine.
                if code not in (0, TopicAlreadyExistsError.errno):
                    raise RuntimeError(f"could not create topic {name}: Kafka error {code}")
    finally:
        await admin.close()
