"""Prometheus counters of the worker: what came in, what was refused and why, what was found.

A registry of our own (not the process-global one) so that several apps in one test process
do not collide, and `/metrics` shows exactly these series.

Besides the Prometheus series, the counters of processed articles, events and rejections keep
per-minute counts of the last hour (`MinuteSeries`), which `/api/stats` serves as `throughput`.
They are recorded by the counters' own `.inc()` / `.labels(...).inc()`, so no second call can
be forgotten.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

#: Per-minute counts kept (the dashboard shows the last 15).
MINUTES_KEPT = 60
#: Fields of a minute: what `/api/stats` `throughput` reports per minute.
SERIES = ("articles", "events", "rejected")


class MinuteSeries:
    """Counts per wall-clock minute of the last `MINUTES_KEPT` minutes, in a small ring.

    Thread-safe (the pipeline counts on the event loop; a view may read from elsewhere).
    """

    def __init__(self, clock: Callable[[], float] = time.time, minutes: int = MINUTES_KEPT) -> None:
        self._clock = clock
        self._minutes = minutes
        self._counts: dict[int, dict[str, int]] = {}
        self._lock = threading.Lock()

    def add(self, name: str, amount: float = 1) -> None:
        minute = int(self._clock() // 60)
        with self._lock:
            slot = self._counts.get(minute)
            if slot is None:
                slot = self._counts[minute] = dict.fromkeys(SERIES, 0)
                for old in [m for m in self._counts if m <= minute - self._minutes]:
                    del self._counts[old]
            slot[name] = slot.get(name, 0) + int(amount)

    def last(self, minutes: int = 15) -> list[dict[str, Any]]:
        """The last `minutes` minutes, oldest first, the current (partial) minute last; minutes
        with nothing counted are there with zeros."""
        now = int(self._clock() // 60)
        with self._lock:
            counts = {m: dict(c) for m, c in self._counts.items()}
        return [{"minute": datetime.fromtimestamp(m * 60, timezone.utc).isoformat().replace("+00:00", "Z"),
                 **counts.get(m, dict.fromkeys(SERIES, 0))}
                for m in range(now - minutes + 1, now + 1)]


class _CountingCounter:
    """A Prometheus counter (or one labelled child of it) whose `inc` also counts the minute."""

    def __init__(self, counter: Any, on_inc: Callable[[float], None]) -> None:
        self._counter = counter
        self._on_inc = on_inc

    def inc(self, amount: float = 1) -> None:
        self._counter.inc(amount)
        self._on_inc(amount)

    def labels(self, *values: str, **labels: str) -> "_CountingCounter":
        return _CountingCounter(self._counter.labels(*values, **labels), self._on_inc)

    def collect(self) -> Iterable[Any]:
        return self._counter.collect()


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        r = self.registry
        self.minutes = MinuteSeries(self.clock)
        self.started_at = self.clock()
        self.articles_processed = _CountingCounter(Counter(
            "newsevents_articles_processed", "Articles read and run through the extractor.", registry=r),
            lambda n: self.minutes.add("articles", n))
        self.articles_duplicate = Counter(
            "newsevents_articles_duplicate", "Articles skipped because their id was seen before.", registry=r)
        self.articles_revised = Counter(
            "newsevents_articles_revised", "Changed versions of articles read before (also processed).", registry=r)
        self.articles_retracted = Counter(
            "newsevents_articles_retracted", "Tombstones that retracted an article's events.", registry=r)
        self.articles_rejected = _CountingCounter(Counter(
            "newsevents_articles_rejected", "Inputs sent to the dead-letter topic.", ["reason"], registry=r),
            lambda n: self.minutes.add("rejected", n))
        self.events_emitted = _CountingCounter(Counter(
            "newsevents_events_emitted", "Events sent to the event topics.", ["type"], registry=r),
            lambda n: self.minutes.add("events", n))
        self.extraction_seconds = Histogram(
            "newsevents_extraction_seconds", "Extraction time of one article.", registry=r,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
        self.consumer_lag = Gauge(
            "newsevents_consumer_lag",
            "Records of the input topics not yet processed (committed), per assigned partition; "
            "updated at each scrape.", ["topic", "partition"], registry=r)
        self.uptime = Gauge("newsevents_uptime_seconds", "Seconds since the worker's metrics were created.",
                            registry=r)
        self.uptime.set_function(self.uptime_s)

    def watch_step_failures(self, failures: Mapping[str, int]) -> None:
        """Export the extractor's own per-step failure counts (it keeps them, being free of
        any metrics library) as `newsevents_extraction_step_failures_total{step}`."""
        self.registry.register(_StepFailures(failures))

    def uptime_s(self) -> float:
        return round(self.clock() - self.started_at, 3)

    def throughput(self, minutes: int = 15) -> list[dict[str, Any]]:
        """Articles processed, events emitted and inputs rejected per minute, oldest first."""
        return self.minutes.last(minutes)

    def set_lag(self, rows: Iterable[dict[str, Any]]) -> None:
        """Replace the lag gauges with `rows` ({"topic", "partition", "lag"}), dropping the series
        of partitions no longer assigned."""
        self.consumer_lag.clear()
        for row in rows:
            if row.get("lag") is not None:
                self.consumer_lag.labels(row["topic"], str(row["partition"])).set(row["lag"])

    def extraction(self) -> dict[str, float | int | None]:
        """Articles timed, mean seconds per article, and the 95th percentile as the upper bound
        of its histogram bucket."""
        count, total, buckets = 0.0, 0.0, []
        for metric in self.extraction_seconds.collect():
            for s in metric.samples:
                if s.name.endswith("_count"):
                    count = s.value
                elif s.name.endswith("_sum"):
                    total = s.value
                elif s.name.endswith("_bucket"):
                    buckets.append((float(s.labels["le"]), s.value))
        p95 = next((le for le, cumulative in sorted(buckets) if cumulative >= 0.95 * count), None) if count else None
        return {"count": int(count), "mean_s": total / count if count else None,
                "p95_s": p95 if p95 != float("inf") else None}

    def snapshot(self) -> dict[str, object]:
        """The counters as plain numbers, for JSON views and tests."""
        return {
            "articles_processed": _total(self.articles_processed),
            "articles_duplicate": _total(self.articles_duplicate),
            "articles_revised": _total(self.articles_revised),
            "articles_retracted": _total(self.articles_retracted),
            "articles_rejected": _by_label(self.articles_rejected, "reason"),
            "events_emitted": _by_label(self.events_emitted, "type"),
        }


def _samples(counter: Any) -> list:
    return [s for m in counter.collect() for s in m.samples if s.name.endswith("_total")]


def _total(counter: Any) -> float:
    return sum(s.value for s in _samples(counter))


def _by_label(counter: Any, label: str) -> dict[str, float]:
    return {s.labels[label]: s.value for s in _samples(counter)}


class _StepFailures(Collector):
    """Reads the extractor's failure counts at each scrape."""

    def __init__(self, failures: Mapping[str, int]) -> None:
        self._failures = failures

    def collect(self) -> Iterable[CounterMetricFamily]:
        family = CounterMetricFamily("newsevents_extraction_step_failures",
                                     "Finder steps that raised, per step; the article's other "
                                     "steps still ran.", labels=["step"])
        for step, count in sorted(self._failures.items()):
            family.add_metric([step], count)
        yield family
