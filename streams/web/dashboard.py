"""The monitoring dashboard: `/` and its assets under `/static/`, all shipped in the package.

The page (static/index.html, dashboard.js, dashboard.css) fetches `/api/stats`, `/ready`,
`/api/events`, `/api/tallies` and `/api/counts` every 2 s and redraws itself; the map is
static/world.svg (see deploy/world). No CDN, no external font: the worker serves every byte.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from faust import web as faust_web

if TYPE_CHECKING:
    import faust

    from streams.service import Service

STATIC = Path(__file__).resolve().parent / "static"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}


def _assets() -> dict[str, tuple[bytes, str]]:
    """Every servable file of static/, read once: name -> (bytes, content type)."""
    return {path.name: (path.read_bytes(), CONTENT_TYPES[path.suffix])
            for path in sorted(STATIC.iterdir()) if path.is_file() and path.suffix in CONTENT_TYPES}


def register(app: "faust.App", service: "Service") -> None:
    assets = _assets()

    def respond(view: faust_web.View, name: str) -> faust_web.Response:
        body, content_type = assets[name]
        # no-cache: the browser revalidates, so a new version of the page shows after a restart.
        return view.bytes(body, headers={"Content-Type": content_type, "Cache-Control": "no-cache",
                                         "X-Content-Type-Options": "nosniff"})

    @app.page("/", name="dashboard")
    class Dashboard(faust_web.View):
        """The dashboard page (faust's own index page is shadowed: this route is added first)."""

        async def get(self, request: faust_web.Request) -> faust_web.Response:
            return respond(self, "index.html")

    @app.page("/static/{name}", name="dashboard_static")
    class Static(faust_web.View):
        async def get(self, request: faust_web.Request, name: str) -> faust_web.Response:
            if name not in assets:
                return self.json({"error": f"no asset {name}"}, status=404)
            return respond(self, name)
