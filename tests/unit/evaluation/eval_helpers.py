"""Helpers of the evaluation tests: small annotation-format events (only what a case needs is
given), and a mark for the tests that need the real extraction engine."""
from __future__ import annotations

from typing import Any

import pytest


def _extractor_ready() -> bool:
    """Whether the engine's public API (being written alongside) can be imported yet."""
    try:
        from streams.extraction import EXTRACTOR_VERSION, Extractor  # noqa: F401
        from streams.extraction.annotation import to_annotation  # noqa: F401
    except ImportError:
        return False
    return True


requires_extractor = pytest.mark.skipif(not _extractor_ready(), reason="the extraction engine is not there yet")


def meeting(*countries: str | None, date: str | None = "2022-09-19", precision: str | None = "day",
            background: bool = False, names: tuple[str | None, ...] = (), place: str | None = None) -> dict[str, Any]:
    participants = [{"name": names[i] if i < len(names) else None, "role": None, "country": c}
                    for i, c in enumerate(countries)]
    return {"type": "meeting", "date": date, "date_precision": precision,
            "location": {"name": None, "country": place}, "participants": participants,
            "mode": "in_person", "background": background, "evidence": "x"}


def side(name: str | None = None, country: str | None = None, aliases: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "country": country}


def clash(*sides: dict[str, Any], start: str | None = "2022-09-12", end: str | None = "2022-09-14",
          precision: str | None = "day", place: str | None = None, fatalities: int | None = None,
          background: bool = False) -> dict[str, Any]:
    return {"type": "clash", "date_start": start, "date_end": end, "date_precision": precision,
            "location": {"name": None, "country": place}, "sides": list(sides),
            "fatalities": None if fatalities is None else {"count": fatalities, "qualifier": "exact"},
            "background": background, "evidence": "x"}


def figure(outcome: str, count: int, category: str = "unknown", qualifier: str = "exact") -> dict[str, Any]:
    return {"outcome": outcome, "category": category, "count": count, "qualifier": qualifier}


def casualties(*figures: dict[str, Any], party: str | None = None, date: str | None = "2022-09-19",
               background: bool = False) -> dict[str, Any]:
    return {"type": "casualty_update", "date": date, "date_precision": "day",
            "party": {"name": None, "country": party} if party else None, "reported_by": None,
            "figures": list(figures), "background": background, "evidence": "x"}


def article(article_id: str = "a1") -> dict[str, Any]:
    return {"id": article_id, "url": None, "source": None, "title": "Title",
            "published_at": "2022-09-19T00:00:00Z", "language": "en", "body": "Body text."}
