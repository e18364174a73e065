"""Read-only JSON views on the worker's web server: health, events, stats, Prometheus metrics."""
from __future__ import annotations

from typing import TYPE_CHECKING

from faust import web as faust_web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

if TYPE_CHECKING:
    import faust

    from streams.app import Service

MAX_PAGE = 500


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

    @app.page("/api/events")
    class Events(faust_web.View):
        """Events in this worker's table partitions; `?type=clash&limit=50&offset=0`."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            kind = request.query.get("type")
            try:
                limit = min(int(request.query.get("limit", 100)), MAX_PAGE)
                offset = max(int(request.query.get("offset", 0)), 0)
            except ValueError:
                return self.json({"error": "limit and offset must be integers"}, status=400)
            records = [v for v in service.events.values() if v and (kind is None or v["type"] == kind)]
            records.sort(key=lambda r: (r["article"]["published_at"], r["id"]), reverse=True)
            return self.json({"total": len(records), "offset": offset,
                              "events": records[offset:offset + limit]})

    @app.page("/api/events/{event_id}")
    class OneEvent(faust_web.View):
        async def get(self, request: faust_web.Request, event_id: str) -> faust_web.Response:
            record = service.events.get(event_id)
            if record is None:
                return self.json({"error": f"no event {event_id}"}, status=404)
            return self.json(record)

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
