"""Query views over the tables: merged events, casualty tallies, hourly counts.

Each worker holds the table partitions of its assigned topic partitions. A view for one key
is routed to the worker that owns it (faust's `table_route`); a listing asks every worker for
its share (`?scope=local`) and merges the answers, so any worker answers for the whole table.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import aiohttp
import structlog
from faust import web as faust_web
from yarl import URL

if TYPE_CHECKING:
    import faust

    from streams.service import Service

MAX_PAGE = 500
EVENT_TYPES = ("meeting", "clash", "casualty_update")
#: How long a listing waits for another worker's share of a table.
PEER_TIMEOUT_S = 10.0

log = structlog.get_logger("newsevents.web")


class PeerUnreachable(Exception):
    """Another worker holding part of a table did not answer."""

    def __init__(self, host: str, detail: str) -> None:
        super().__init__(host, detail)
        self.host = host
        self.detail = detail


def _event_matches(record: dict[str, Any], query: Any) -> bool:
    event = record["event"]
    if query.get("type") and event["type"] != query["type"]:
        return False
    if query.get("country"):
        actors = event.get("participants") or event.get("sides") or [event.get("party") or {}]
        countries = {a.get("country") for a in actors} | {(event.get("location") or {}).get("country")}
        if query["country"].upper() not in countries:
            return False
    if query.get("since") and record["last_seen"] < query["since"]:
        return False
    return True


def register(app: "faust.App", service: "Service") -> None:
    async def gather(request: faust_web.Request, table_name: str,
                     local: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """This worker's share of the table plus every other worker's (asked with
        `?scope=local`, to which a view answers with its own records alone, under "items")."""
        if request.query.get("scope") == "local":
            return local()
        me = URL(app.conf.canonical_url)
        others = {URL(str(host)) for host in app.router.table_metadata(table_name)} - {me}

        async def ask(host: URL) -> list[dict[str, Any]]:
            url = (host / request.path.lstrip("/")).with_query({**request.query, "scope": "local"})
            try:
                async with app.http_client.get(url, timeout=aiohttp.ClientTimeout(total=PEER_TIMEOUT_S)) as response:
                    response.raise_for_status()
                    return (await response.json())["items"]
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
                raise PeerUnreachable(str(host), f"{type(exc).__name__}: {exc}") from exc

        answers = await asyncio.gather(*(ask(host) for host in others))
        return local() + [item for answer in answers for item in answer]

    def page(request: faust_web.Request, items: list[dict[str, Any]], name: str) -> dict[str, Any]:
        """The requested slice under `name`; a `scope=local` answer is never sliced (the asker
        pages) and keeps its records under "items" for `gather`."""
        if request.query.get("scope") == "local":
            return {"items": items}
        limit = min(int(request.query.get("limit", 100)), MAX_PAGE)
        offset = max(int(request.query.get("offset", 0)), 0)
        return {"total": len(items), "offset": offset, name: items[offset:offset + limit]}

    async def listing(view: faust_web.View, request: faust_web.Request, table_name: str,
                      local: Callable[[], list[dict[str, Any]]], order: Callable[[dict[str, Any]], Any],
                      name: str, newest_first: bool = False) -> faust_web.Response:
        """A listing view's answer: every worker's matching records, ordered, paged."""
        try:
            items = sorted(await gather(request, table_name, local), key=order, reverse=newest_first)
            return view.json(page(request, items, name))
        except ValueError:
            return view.json({"error": "limit and offset must be integers"}, status=400)
        except PeerUnreachable as exc:
            # A share of the table is on a worker that does not answer (it died and the group
            # has not yet moved its partitions): no listing rather than a silently short one.
            log.warning("listing_incomplete", table=table_name, worker=exc.host, detail=exc.detail)
            return view.json({"error": f"the worker at {exc.host} holding part of the table does not answer; "
                                       "retry once the group has rebalanced", "unreachable": exc.host},
                             status=503, headers={"Retry-After": "5"})

    @app.page("/api/events")
    class Events(faust_web.View):
        """Merged events, newest first: `?type=clash&country=ARM&since=2024-01-01&limit=50&offset=0`."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            def local() -> list[dict[str, Any]]:
                return [v for v in service.events.values()
                        if v and "alias_of" not in v and _event_matches(v, request.query)]
            return await listing(self, request, "events", local, lambda r: (r["last_seen"], r["id"]),
                                 "events", newest_first=True)

    @app.page("/api/events/{event_id}")
    class OneEvent(faust_web.View):
        """One merged event, answered by the worker that owns its id; an alias answers with a
        redirect (307, the `Redirect` record as body) to the event it names, which another
        worker may own. Temporary, since a later report may make the alias an event again."""

        @app.table_route(table=service.events, match_info="event_id")
        async def get(self, request: faust_web.Request, event_id: str) -> faust_web.Response:
            record = service.events.get(event_id.encode())
            if record is None:
                return self.json({"error": f"no event {event_id}"}, status=404)
            if "alias_of" in record:
                return self.json(record, status=307, headers={"Location": f"/api/events/{record['alias_of']}"})
            return self.json(record)

    @app.page("/api/receipts/{article_id}")
    class OneReceipt(faust_web.View):
        """What became of an article: processed (with its event ids), rejected (with the
        reason) and any duplicate inputs, answered by the worker that owns the id."""

        @app.table_route(table=service.receipts, match_info="article_id")
        async def get(self, request: faust_web.Request, article_id: str) -> faust_web.Response:
            record = service.receipts.get(article_id.encode())
            if record is None:
                return self.json({"error": f"no receipt for {article_id}"}, status=404)
            return self.json(record)

    @app.page("/api/tallies")
    class Tallies(faust_web.View):
        """Casualty tallies per conflict and party, each reporter's latest figures:
        `?party=ARM&conflict=ARM-AZE`."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            party = (request.query.get("party") or "").upper()
            conflict = request.query.get("conflict")

            def local() -> list[dict[str, Any]]:
                return [v for v in service.tallies.values() if v
                        and (not party or (v.get("party") or {}).get("country") == party)
                        and (not conflict or "-".join(v["conflict"]) == conflict.upper())]
            return await listing(self, request, "tallies", local, lambda t: t["key"], "tallies")

    @app.page("/api/counts")
    class Counts(faust_web.View):
        """New events per type per hour over the last `?hours=24` (from the windowed table)."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            try:
                hours = min(max(int(request.query.get("hours", 24)), 1), service.settings.counts_window_hours)
            except ValueError:
                return self.json({"error": "hours must be an integer"}, status=400)
            now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)

            def local() -> list[dict[str, Any]]:
                window = service.counts.table.window  # read by range: no stream time in a view
                out = []
                for kind in EVENT_TYPES:
                    for h in range(hours):
                        start = now - timedelta(hours=h)
                        ids = service.counts[kind][window.current(start.timestamp())]
                        if ids:
                            out.append({"hour": start.isoformat(), "type": kind, "ids": ids})
                return out

            items = await gather(request, "counts", local)
            if request.query.get("scope") == "local":
                return self.json({"items": items})
            merged: dict[str, dict[str, Any]] = {}
            for item in items:
                hour = merged.setdefault(item["hour"], {"hour": item["hour"], **{k: set() for k in EVENT_TYPES}})
                hour[item["type"]] |= set(item["ids"])
            rows = [{"hour": h, **{k: len(v[k]) for k in EVENT_TYPES}} for h, v in sorted(merged.items())]
            return self.json({"hours": rows})
