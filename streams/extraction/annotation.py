"""Events -> the gold annotation format of the guideline (shared/eval/README.md).

The format keeps what an analyst annotates, plus the event's `confidence` (so a folder of
predictions can be checked for calibration; scorers ignore it), and drops what the records add
for machines: ids, codes, coordinates, evidence offsets, versions. The reference scorer reads it.
"""
from __future__ import annotations

from typing import Any

from schemas import Article, CasualtyUpdate, Clash, Event, Meeting


def _location(loc: Any) -> dict[str, Any]:
    return {"name": loc.name, "country": loc.country}


def _date(d: Any) -> str | None:
    return d.isoformat() if d else None


def event_annotation(event: Event) -> dict[str, Any]:
    """One event as the guideline writes it."""
    if isinstance(event, Meeting):
        return {"type": "meeting", "date": _date(event.date),
                "date_precision": event.date_precision.value if event.date_precision else None,
                "location": _location(event.location),
                "participants": [p.model_dump(mode="json") for p in event.participants],
                "mode": event.mode.value, "background": event.background,
                "evidence": event.evidence.text,
                "confidence": event.confidence}
    if isinstance(event, Clash):
        return {"type": "clash", "date_start": _date(event.date_start),
                "date_end": _date(event.date_end),
                "date_precision": event.date_precision.value if event.date_precision else None,
                "location": _location(event.location),
                "sides": [s.model_dump(mode="json") for s in event.sides],
                "fatalities": event.fatalities.model_dump(mode="json") if event.fatalities
                else None,
                "background": event.background, "evidence": event.evidence.text,
                "confidence": event.confidence}
    assert isinstance(event, CasualtyUpdate)
    return {"type": "casualty_update", "date": _date(event.date),
            "date_precision": event.date_precision.value if event.date_precision else None,
            "party": event.party.model_dump(mode="json") if event.party else None,
            "reported_by": event.reported_by,
            "figures": [f.model_dump(mode="json") for f in event.figures],
            "background": event.background, "evidence": event.evidence.text,
                "confidence": event.confidence}


def to_annotation(article: Article, events: list[Event]) -> dict[str, Any]:
    """{"article": {...}, "events": [...]} exactly as a gold file."""
    return {
        "article": {"id": article.id, "url": article.url, "source": article.source,
                    "title": article.title,
                    "published_at": article.published_at.isoformat().replace("+00:00", "Z"),
                    "language": article.language, "body": article.body},
        "events": [event_annotation(e) for e in events],
    }
