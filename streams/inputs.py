"""Reading articles from files for `publish` and `extract`: text, JSON, JSONL, folders, stdin.

Accepted shapes, so users can feed what they have at hand:
- a `.txt` file: one article, its id the file name's stem, its first line the title;
- a JSON file: one article object, a list of them, or an annotation file of the eval set
  (`{"article": {...}, "events": [...]}`);
- a `.jsonl` file: one article (or annotation) object per line;
- a folder: every `.txt`, `.json` and `.jsonl` file below it, in name order;
- `-`: standard input, read as JSON or JSONL when it parses as such, else as plain text.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from schemas import Article
from streams.ingest import invalid_content, validation_summary

SUFFIXES = (".txt", ".json", ".jsonl")


@dataclass(frozen=True)
class Loaded:
    """One article read from an input, or why it could not be read."""

    origin: str  # 'path' or 'path:line', for messages
    stem: str  # the input's file name without suffix, for output files named like the input
    article: Article | None = None
    error: str | None = None


def expand(paths: Iterable[str]) -> list[str]:
    """Files named and files in folders named, so a progress bar knows the total up front."""
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if p.suffix in SUFFIXES and p.is_file())
        else:
            out.append(name)
    return out


def _unwrap(obj: Any) -> Any:
    """An annotation file holds its article under "article"; a plain article is itself."""
    if isinstance(obj, dict) and isinstance(obj.get("article"), dict) and "body" not in obj:
        return obj["article"]
    return obj


def _validated(obj: Any, origin: str, stem: str) -> Loaded:
    try:
        article = Article.model_validate(_unwrap(obj))
    except ValidationError as exc:
        return Loaded(origin, stem, error=validation_summary(exc))
    problem = invalid_content(article, datetime.now(timezone.utc))
    return Loaded(origin, stem, error=problem) if problem else Loaded(origin, stem, article=article)


def _from_text(text: str, origin: str, stem: str, published_at: datetime) -> Loaded:
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return _validated({"id": stem, "title": title, "published_at": published_at, "body": text},
                      origin, stem)


def _from_json_text(text: str, origin: str, stem: str) -> Iterator[Loaded]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from _from_jsonl(text.splitlines(), origin, stem)
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        yield _validated(item, origin if len(items) == 1 else f"{origin}[{index}]", stem)


def _from_jsonl(lines: Iterable[str], origin: str, stem: str) -> Iterator[Loaded]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Loaded(where, stem, error=f"not JSON: {exc.msg}")
            continue
        yield _validated(obj, where, stem)


def read_one(name: str, *, published_at: datetime | None = None, stdin: TextIO = sys.stdin) -> Iterator[Loaded]:
    """The articles of one input (a file or `-`), each validated against the schema."""
    if name == "-":
        text = stdin.read()
        if text.lstrip().startswith(("{", "[")):
            yield from _from_json_text(text, "<stdin>", "stdin")
        else:
            yield _from_text(text, "<stdin>", "stdin", published_at or datetime.now(timezone.utc))
        return
    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Loaded(name, path.stem, error=f"cannot read: {exc}")
        return
    if path.suffix == ".jsonl":
        yield from _from_jsonl(text.splitlines(), name, path.stem)
    elif path.suffix == ".json":
        yield from _from_json_text(text, name, path.stem)
    else:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        yield _from_text(text, name, path.stem, published_at or mtime)
