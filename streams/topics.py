"""Topic names and their creation with explicit partition counts.

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
EVENT_TOPICS: dict[EventType, str] = {
    EventType.MEETING: "events.meeting",
    EventType.CLASH: "events.clash",
    EventType.CASUALTY_UPDATE: "events.casualty",
}
ALL_TOPICS = (ARTICLES, REJECTED, *EVENT_TOPICS.values())


async def ensure_topics(settings: Settings) -> None:
    """Create the service's topics (prefixed) with `settings.partitions` where missing."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(settings.topic(name), settings.partitions, 1) for name in ALL_TOPICS
                  if settings.topic(name) not in existing]
        if wanted:
            response = await admin.create_topics(wanted)
            for name, code, *_ in response.topic_errors:
                # 36: another worker or publisher created it in the meantime, which is fine.
                if code not in (0, TopicAlreadyExistsError.errno):
                    raise RuntimeError(f"could not create topic {name}: Kafka error {code}")
    finally:
        await admin.close()
