"""Calibrated confidence: the probability that an event is right under strict scoring.

A logistic model over features of how the event was found and how complete it is (how many
sentences state it, whether it has a date and at which precision, how many of its actors have a
country, whether its place is known, ...). The weights are fitted on the gold development set
(`newsevents eval GOLD_DIR --fit-confidence`) and shipped as package data, so a confidence of
0.8 means about eight in ten such events have the right participants or sides and dates (for a
casualty report: the right figures). `newsevents eval` prints the reliability table that
checks it.
"""
from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from schemas import CasualtyUpdate, Category, Clash, DatePrecision, Event, Meeting

WEIGHTS_FILE = "data/confidence.json"


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def features(event: Event) -> dict[str, float]:
    """The model's inputs for one event; every value is in [0, 1] or a small count."""
    precision = event.date_precision
    dated = (event.date_start if isinstance(event, Clash) else event.date) is not None
    out = {
        "meeting": float(isinstance(event, Meeting)),
        "clash": float(isinstance(event, Clash)),
        "support": math.log(event.support),
        "dated": float(dated),
        "day_precision": float(dated and precision == DatePrecision.DAY),
        "background": float(event.background),
    }
    if isinstance(event, Meeting):
        out["actors"] = float(len({p.country for p in event.participants if p.country}))
        out["actors_with_country"] = _share([p.country is not None for p in event.participants])
        out["named_people"] = _share([p.name is not None for p in event.participants])
        out["place_known"] = float(event.location.country is not None)
    elif isinstance(event, Clash):
        out["actors"] = float(len(event.sides))
        out["actors_with_country"] = _share([s.country is not None for s in event.sides])
        out["place_known"] = float(event.location.country is not None)
    else:
        assert isinstance(event, CasualtyUpdate)
        out["figures"] = math.log(len(event.figures) or 1)
        out["party_known"] = float(event.party is not None)
        out["reporter_known"] = float(event.reported_by is not None)
        out["unknown_category"] = _share([f.category == Category.UNKNOWN for f in event.figures])
    return out


def logistic(weights: dict[str, float], values: dict[str, float]) -> float:
    """P(right) under a logistic model: `weights["bias"]` plus the weighted features."""
    z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in values.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def shipped_weights() -> dict[str, float]:
    """The fitted weights of the package (an empty model, 0.5 for all, if none is shipped)."""
    path = resources.files("streams.extraction").joinpath(WEIGHTS_FILE)
    if not path.is_file():
        return {}
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: float(v) for k, v in doc["weights"].items()}


def calibrate(event: Event, weights: dict[str, float] | None = None) -> float:
    """The event's calibrated confidence, rounded to 3 places."""
    return round(logistic(shipped_weights() if weights is None else weights, features(event)), 3)
