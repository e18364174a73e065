"""Operational views of the worker's web server: health, readiness, stats, Prometheus metrics.

All read-only. The consumer lag is read from faust's consumer without a request to the broker:
the assignment and the highwater marks the fetcher last saw (`app.consumer.highwater(tp)`,
else the monitor's `tp_end_offsets`), and the committed offsets: this worker's last commit
(`app.monitor.tp_committed_offsets`), else the group's commit read at assignment, else the log
start (the group never committed; `consumer_auto_offset_reset` is "earliest"). Lag =
highwater - committed: records of the partition that the group has not finished with. The
fetch position (`app.consumer.position(tp)`) is reported beside it: it runs ahead of the
commits by the records fetched but not yet processed.
"""
from __future__ import annotations

import asyncio
import sys
import time
from typing import TYPE_CHECKING, Any

from faust import web as faust_web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from streams import topics

if TYPE_CHECKING:
    import faust

    from streams.service import Service

#: How long a broker probe's answer is reused, and how long one may take.
BROKER_PROBE_TTL = 3.0
BROKER_PROBE_TIMEOUT = 1.0
#: Longest wait for the consumer thread to say a partition's position.
POSITION_TIMEOUT = 0.5


class BrokerProbe:
    """Whether a TCP connection to a bootstrap server opens, cached for `BROKER_PROBE_TTL`
    seconds so that frequent `/ready` polls cost at most one connection attempt each period."""

    def __init__(self, bootstrap_servers: str) -> None:
        self.servers = [_host_port(s) for s in bootstrap_servers.split(",") if s.strip()]
        self.checked_at = float("-inf")
        self.reachable: bool | None = None
        self._lock = asyncio.Lock()

    async def check(self) -> bool:
        async with self._lock:
            if time.monotonic() - self.checked_at >= BROKER_PROBE_TTL:
                self.reachable = await self._connect_any()
                self.checked_at = time.monotonic()
            return bool(self.reachable)

    async def _connect_any(self) -> bool:
        for host, port in self.servers:
            try:
                _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), BROKER_PROBE_TIMEOUT)
            except (OSError, asyncio.TimeoutError):
                continue
            writer.close()
            return True
        return False


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.strip().rpartition(":")
    return (host or "127.0.0.1").strip("[]"), int(port or 9092)


def _assignment(app: "faust.App") -> set:
    try:
        return set(app.consumer.assignment())
    except Exception:  # consumer not started yet, or stopping
        return set()


def lag_topics(service: "Service") -> list[str]:
    """The input topics whose lag is shown: `articles`, and the accepted articles awaiting
    extraction where the app has that stage (that is where a slow NLP shows)."""
    names = [topics.ARTICLES, getattr(topics, "ACCEPTED", None)]
    return [service.settings.topic(name) for name in names if name]


async def consumer_lag(app: "faust.App", wanted: list[str]) -> list[dict[str, Any]]:
    """One row per partition of the `wanted` topics assigned to this worker, by topic (in the
    order given) and partition."""
    consumer = app.consumer
    monitor = app.monitor
    rows = []
    order = {name: i for i, name in enumerate(wanted)}
    tps = sorted((tp for tp in _assignment(app) if tp.topic in order), key=lambda tp: (order[tp.topic], tp.partition))

    async def position_of(tp: Any) -> int | None:
        try:
            return await asyncio.wait_for(consumer.position(tp), POSITION_TIMEOUT)
        except Exception:  # no valid position yet, or revoked meanwhile
            return None
    positions = await asyncio.gather(*(position_of(tp) for tp in tps))
    for tp, position in zip(tps, positions):
        try:
            highwater = consumer.highwater(tp)
        except Exception:  # revoked meanwhile
            highwater = None
        if highwater is None:
            highwater = (monitor.tp_end_offsets or {}).get(tp)
        committed = _committed(app, tp)
        if committed is not None:
            done = committed
        elif app.conf.consumer_auto_offset_reset == "earliest":
            done = 0  # the group never committed here: everything from the log start is to do
        else:
            done = position
        lag = max(highwater - done, 0) if highwater is not None and done is not None else None
        rows.append({"topic": tp.topic, "partition": tp.partition, "lag": lag, "highwater": highwater,
                     "position": position, "committed": committed})
    return rows


def _committed(app: "faust.App", tp: Any) -> int | None:
    """The next offset to process as committed for the group: this worker's last commit (the
    monitor's record), else the group's commit read at assignment (faust's consumer keeps it,
    as None for 0 or no commit)."""
    committed = (app.monitor.tp_committed_offsets or {}).get(tp)
    if committed is None:
        committed = getattr(app.consumer, "_committed_offset", {}).get(tp)
    return committed


def extractor_version() -> str | None:
    """The extraction engine's version, when the worker has loaded it (it is not imported here:
    spaCy would load with it)."""
    module = sys.modules.get("streams.extraction")
    return getattr(module, "EXTRACTOR_VERSION", None)


def register(app: "faust.App", service: "Service") -> None:
    watched = lag_topics(service)
    probe = BrokerProbe(service.settings.bootstrap_servers)

    @app.page("/health")
    class Health(faust_web.View):
        """Liveness: the web server answers, so the worker's event loop runs."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            return self.json({"status": "ok", "app": service.settings.app_id})

    @app.page("/ready")
    class Ready(faust_web.View):
        """Readiness: broker reachable, partitions assigned, tables recovered, no rebalance
        under way. 503 until then, so a load balancer or a test knows when records will be
        processed. The broker probe is a TCP connect to a bootstrap server, cached 3 s."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            assigned = sorted(f"{tp.topic}:{tp.partition}" for tp in _assignment(app))
            recovered = app.tables.recovery.completed.is_set()
            broker = await probe.check()
            ready = bool(assigned) and recovered and not app.rebalancing and broker
            body = {"ready": ready, "assigned": assigned, "recovered": recovered,
                    "rebalancing": app.rebalancing, "broker_reachable": broker}
            return self.json(body, status=200 if ready else 503)

    @app.page("/api/stats")
    class Stats(faust_web.View):
        """The counters, per-minute throughput of the last 15 minutes, and consumer lag of
        the input topics' partitions assigned to this worker."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            lag = await consumer_lag(app, watched)
            service.metrics.set_lag(lag)
            return self.json({
                **service.metrics.snapshot(),
                "throughput": service.metrics.throughput(15),
                "extraction": service.metrics.extraction(),
                "lag": lag,
                "uptime_s": service.metrics.uptime_s(),
                "extractor_version": extractor_version(),
                "app_id": service.settings.app_id,
                "lag_topics": watched,
            })

    @app.page("/metrics")
    class Metrics(faust_web.View):
        """Prometheus text format of the worker's counters; consumer lag is read at scrape time."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            service.metrics.set_lag(await consumer_lag(app, watched))
            # aiohttp refuses a charset inside content_type=, so the header is set whole.
            return self.bytes(generate_latest(service.metrics.registry),
                              headers={"Content-Type": CONTENT_TYPE_LATEST})
