"""One-line descriptions of events and figures, for the misses and false alarms of a report:
enough to find the event in the article (type, date, who or what figure), no more."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from streams.evaluation.annotations import AnnotatedEvent


def _when(event: AnnotatedEvent) -> str:
    """The date (or clash date range), with the precision where it is coarser than a day."""
    if event.get("type") == "clash":
        start, end = event.get("date_start"), event.get("date_end")
        when = f"{start}..{end}" if start and end and start != end else (start or end)
    else:
        when = event.get("date")
    if not when:
        return "undated"
    precision = event.get("date_precision")
    return f"{when} ({precision})" if precision and precision != "day" else str(when)


def _participants(meeting: AnnotatedEvent) -> str:
    """The meeting's countries, in order and once each; names stand in for missing countries."""
    who = [p.get("country") or p.get("name") or "?" for p in meeting.get("participants") or []]
    return ", ".join(dict.fromkeys(who)) or "?"


def _side(side: Mapping[str, Any]) -> str:
    """A side as "name (country)", since both sides of a civil conflict share a country."""
    name, country = side.get("name"), side.get("country")
    return f"{name} ({country})" if name and country else name or country or "unnamed"


def _sides(clash: AnnotatedEvent) -> str:
    return " vs ".join(_side(s) for s in clash.get("sides") or []) or "unnamed"


def _flag(event: AnnotatedEvent) -> str:
    return " [background]" if event.get("background") else ""


def describe(kind: str, item: AnnotatedEvent) -> str:
    """E.g. "meeting 2022-09-19 USA, ARM, AZE",
    "clash 2022-09-12..2022-09-14 Armenian armed forces (ARM) vs Azerbaijani armed forces (AZE)",
    "figure killed 207 military, party ARM, 2022-09-19"."""
    if kind == "casualty_figure":
        party = f", party {item['party']}" if item.get("party") else ""
        qualifier = f" ({item['qualifier']})" if item.get("qualifier") not in (None, "exact") else ""
        return (f"figure {item.get('outcome')} {item.get('count')}{qualifier} {item.get('category')}"
                f"{party}, {item.get('date') or 'undated'}{_flag(item)}")
    if kind == "clash":
        place = (item.get("location") or {}).get("country")
        at = f" in {place}" if place else ""
        return f"clash {_when(item)} {_sides(item)}{at}{_flag(item)}"
    return f"meeting {_when(item)} {_participants(item)}{_flag(item)}"
