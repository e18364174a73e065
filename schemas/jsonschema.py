"""Generates the JSON Schema files in `schemas/json/` for consumers in other languages.

Run `python -m schemas.jsonschema` after changing a model; a test fails while the files are stale.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from schemas.article import Article
from schemas.events import EVENT_ADAPTER
from schemas.merged import MergedEvent, Redirect, Tally
from schemas.receipt import Receipt
from schemas.rejection import Rejection

OUT_DIR = Path(__file__).parent / "json"


def rendered() -> dict[str, str]:
    """File name -> JSON Schema text, for every record type on the topics."""
    schemas = {
        "article.schema.json": TypeAdapter(Article).json_schema(),
        "event.schema.json": EVENT_ADAPTER.json_schema(),
        "rejection.schema.json": TypeAdapter(Rejection).json_schema(),
        "receipt.schema.json": TypeAdapter(Receipt).json_schema(),
        "merged-event.schema.json": TypeAdapter(MergedEvent).json_schema(mode="serialization"),
        "redirect.schema.json": TypeAdapter(Redirect).json_schema(),
        "tally.schema.json": TypeAdapter(Tally).json_schema(mode="serialization"),
    }
    return {name: json.dumps(s, indent=2, sort_keys=True) + "\n" for name, s in schemas.items()}


def main() -> None:
    OUT_DIR.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (OUT_DIR / name).write_text(text)
        print(OUT_DIR / name)


if __name__ == "__main__":
    main()
