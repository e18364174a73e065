"""`newsevents receipt ARTICLE_ID`: what became of a published article, asked of a worker."""
from __future__ import annotations

import urllib.parse

import click

from streams.cli.query import get_json, print_json
from streams.settings import Settings


@click.command("receipt")
@click.argument("article_id")
@click.option("--url", default=None, help="A worker's web view (default: NEWSEVENTS_WEB_HOST:WEB_PORT).")
def receipt(article_id: str, url: str | None) -> None:
    """The receipt of ARTICLE_ID: processed (its event ids, the extractor version), rejected
    (the reason) and any duplicate inputs of it. Exits 1 when the worker has none (yet)."""
    settings = Settings()
    url = url or f"http://{settings.web_host}:{settings.web_port}"
    print_json(get_json(url, f"/api/receipts/{urllib.parse.quote(article_id, safe='')}", {}))
