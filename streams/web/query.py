"""Query views over the tables: the events the worker has materialized."""
from __future__ import annotations

from typing import TYPE_CHECKING

from faust import web as faust_web

if TYPE_CHECKING:
    import faust

    from streams.app import Service

MAX_PAGE = 500


def register(app: "faust.App", service: "Service") -> None:
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
