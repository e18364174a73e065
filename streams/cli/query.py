"""`newsevents query ...`: ask a running worker's web view for merged events, tallies, counts.

Any worker of the group answers for the whole table (it routes or gathers), so one URL is
enough; the default is this machine's worker at NEWSEVENTS_WEB_HOST:NEWSEVENTS_WEB_PORT.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import click

from streams.settings import Settings


def get_json(url: str, path: str, params: dict[str, Any]) -> Any:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    full = f"{url.rstrip('/')}{path}" + (f"?{query}" if query else "")
    try:
        with urllib.request.urlopen(full, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"{full}: HTTP {exc.code}: {exc.read().decode(errors='replace')}") from exc
    except urllib.error.URLError as exc:
        raise click.ClickException(f"no worker answers at {url} ({exc.reason}); start one with "
                                   "`newsevents worker` or pass --url") from exc


@click.group("query")
@click.option("--url", default=None, help="A worker's web view (default: NEWSEVENTS_WEB_HOST:WEB_PORT).")
@click.pass_context
def query(ctx: click.Context, url: str | None) -> None:
    """Query the materialized tables through a worker."""
    ctx.obj = url or f"http://{Settings().web_host}:{Settings().web_port}"


def print_json(body: Any) -> None:
    click.echo(json.dumps(body, indent=2, ensure_ascii=False))


@query.command("events")
@click.option("--type", "kind", type=click.Choice(["meeting", "clash", "casualty_update"]), default=None)
@click.option("--country", default=None, help="ISO alpha-3 of an actor or of the place.")
@click.option("--since", default=None, help="Last seen on or after this ISO date.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.pass_obj
def events(url: str, kind: str | None, country: str | None, since: str | None, limit: int, offset: int) -> None:
    """Merged events, newest first."""
    print_json(get_json(url, "/api/events", {"type": kind, "country": country, "since": since,
                                     "limit": limit, "offset": offset}))


@query.command("event")
@click.argument("event_id")
@click.pass_obj
def event(url: str, event_id: str) -> None:
    """One merged event with all its sources."""
    print_json(get_json(url, f"/api/events/{urllib.parse.quote(event_id)}", {}))


@query.command("tallies")
@click.option("--party", default=None, help="ISO alpha-3 of whose casualties.")
@click.option("--conflict", default=None, help="e.g. ARM-AZE")
@click.pass_obj
def tallies(url: str, party: str | None, conflict: str | None) -> None:
    """Casualty tallies: each reporter's latest figures."""
    print_json(get_json(url, "/api/tallies", {"party": party, "conflict": conflict}))


@query.command("counts")
@click.option("--hours", type=int, default=24, show_default=True)
@click.pass_obj
def counts(url: str, hours: int) -> None:
    """New events per type per hour."""
    print_json(get_json(url, "/api/counts", {"hours": hours}))
