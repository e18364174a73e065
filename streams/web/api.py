"""Operational views of the worker's web server: health, readiness, stats, Prometheus metrics."""
from __future__ import annotations

from typing import TYPE_CHECKING

from faust import web as faust_web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

if TYPE_CHECKING:
    import faust

    from streams.app import Service


def register(app: "faust.App", service: "Service") -> None:
    @app.page("/health")
    class Health(faust_web.View):
        """Liveness: the web server answers, so the worker's event loop runs."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            return self.json({"status": "ok", "app": service.settings.app_id})

    @app.page("/ready")
    class Ready(faust_web.View):
        """Readiness: partitions assigned, tables recovered, no rebalance under way.
        503 until then, so a load balancer or a test knows when records will be processed."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            assigned = sorted(f"{tp.topic}:{tp.partition}" for tp in app.consumer.assignment())
            recovered = app.tables.recovery.completed.is_set()
            ready = bool(assigned) and recovered and not app.rebalancing
            body = {"ready": ready, "assigned": assigned, "recovered": recovered,
                    "rebalancing": app.rebalancing}
            return self.json(body, status=200 if ready else 503)

    @app.page("/api/stats")
    class Stats(faust_web.View):
        async def get(self, request: faust_web.Request) -> faust_web.Response:
            return self.json(service.metrics.snapshot())

    @app.page("/metrics")
    class Metrics(faust_web.View):
        """Prometheus text format of the worker's counters."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            # aiohttp refuses a charset inside content_type=, so the header is set whole.
            return self.bytes(generate_latest(service.metrics.registry),
                              headers={"Content-Type": CONTENT_TYPE_LATEST})
