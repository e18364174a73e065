"""Prometheus counters of the worker: what came in, what was refused and why, what was found.

A registry of our own (not the process-global one) so that several apps in one test process
do not collide, and `/metrics` shows exactly these series.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.articles_processed = Counter(
            "newsevents_articles_processed", "Articles read and run through the extractor.", registry=r)
        self.articles_duplicate = Counter(
            "newsevents_articles_duplicate", "Articles skipped because their id was seen before.", registry=r)
        self.articles_rejected = Counter(
            "newsevents_articles_rejected", "Inputs sent to the dead-letter topic.", ["reason"], registry=r)
        self.events_emitted = Counter(
            "newsevents_events_emitted", "Events sent to the event topics.", ["type"], registry=r)
        self.extraction_seconds = Histogram(
            "newsevents_extraction_seconds", "Extraction time of one batch, per article.", registry=r,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))

    def snapshot(self) -> dict[str, object]:
        """The counters as plain numbers, for JSON views and tests."""
        return {
            "articles_processed": _total(self.articles_processed),
            "articles_duplicate": _total(self.articles_duplicate),
            "articles_rejected": _by_label(self.articles_rejected, "reason"),
            "events_emitted": _by_label(self.events_emitted, "type"),
        }


def _samples(counter: Counter) -> list:
    return [s for m in counter.collect() for s in m.samples if s.name.endswith("_total")]


def _total(counter: Counter) -> float:
    return sum(s.value for s in _samples(counter))


def _by_label(counter: Counter, label: str) -> dict[str, float]:
    return {s.labels[label]: s.value for s in _samples(counter)}
