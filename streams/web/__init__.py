"""The worker's web view: read-only pages on faust's web server. No route changes state."""
from __future__ import annotations

from typing import TYPE_CHECKING

from streams.web import api, dashboard, query

if TYPE_CHECKING:
    import faust

    from streams.service import Service


def register(app: "faust.App", service: "Service") -> None:
    api.register(app, service)
    query.register(app, service)
    dashboard.register(app, service)
