"""The `Service`: what the agents and the web views share, reachable from the app as
`app.service`. Its own module so that the web views (which read it) and the app (which builds
it) both depend on it and not on each other."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streams.metrics import Metrics
from streams.settings import Settings


@dataclass
class Service:
    settings: Settings
    metrics: Metrics
    events: Any  # Table: event id -> MergedEvent (JSON), or a Redirect under an alias
    tallies: Any  # Table: tally key -> Tally (JSON)
    counts: Any  # windowed Table: event type (str) -> ids first seen in that hour
    seen: Any  # Table: article id -> position of its first input, to drop exact re-sends
    receipts: Any  # Table: receipt key (article id) -> what became of its inputs
