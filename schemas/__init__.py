"""The data contract of newsevents: pydantic models of every record on every topic.

This package imports pydantic only, so any consumer can depend on it without the service.
"""
from schemas.article import SCHEMA_VERSION, Article, ArticleRef
from schemas.events import (
    EVENT_ADAPTER,
    CasualtyUpdate,
    Clash,
    Count,
    Event,
    Evidence,
    Figure,
    Location,
    Meeting,
    Participant,
    Party,
    Side,
)
from schemas.receipt import Receipt, ReceiptOutcome
from schemas.rejection import Rejection
from schemas.vocab import (
    Category,
    DatePrecision,
    EventType,
    MeetingMode,
    Outcome,
    Qualifier,
    RejectReason,
)

__all__ = [
    "SCHEMA_VERSION", "Article", "ArticleRef", "EVENT_ADAPTER", "CasualtyUpdate", "Clash", "Count",
    "Event", "Evidence", "Figure", "Location", "Meeting", "Participant", "Party", "Side",
    "Receipt", "ReceiptOutcome", "Rejection", "Category", "DatePrecision", "EventType", "MeetingMode", "Outcome", "Qualifier",
    "RejectReason",
]
