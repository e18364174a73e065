"""Reading and writing annotation-format files (one article and its events per JSON file).

A prediction folder holds one file per gold file, under the same name. A gold file without a
prediction file, or with one that is not an annotation document, counts as predicting nothing,
so a crashed extraction shows up as misses instead of stopping the evaluation.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

AnnotatedEvent = Mapping[str, Any]
"""One event (or pooled casualty figure) in the annotation format, as read from JSON."""


@dataclass(frozen=True)
class ScoredDocument:
    """What the scorer needs of one article: its file name and both event lists."""

    name: str
    gold: list[dict[str, Any]]
    pred: list[dict[str, Any]]


def annotation_files(folder: Path | str) -> list[Path]:
    """The annotation files of a folder, in name order (the order of every report)."""
    return sorted(Path(folder).glob("*.json"))


def read_annotation(path: Path) -> dict[str, Any]:
    """A whole annotation document: {"article": {...}, "events": [...]}."""
    return json.loads(path.read_text(encoding="utf-8"))


def read_predicted_events(path: Path) -> list[dict[str, Any]]:
    """The events of a prediction file; none where the file is missing or unreadable."""
    if not path.exists():
        return []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        log.warning("prediction file %s is not JSON (%s): scored as predicting nothing", path, err)
        return []
    if not isinstance(doc, Mapping):
        log.warning("prediction file %s is not a JSON object: scored as predicting nothing", path)
        return []
    return list(doc.get("events") or [])


def write_annotation(path: Path, doc: Mapping[str, Any]) -> None:
    """Write one annotation document, readable and diffable against its gold file."""
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_documents(gold_dir: Path | str, pred_dir: Path | str) -> list[ScoredDocument]:
    """Every gold file of `gold_dir` with the events of its namesake in `pred_dir`."""
    return [ScoredDocument(gold_file.name, read_annotation(gold_file)["events"],
                           read_predicted_events(Path(pred_dir) / gold_file.name))
            for gold_file in annotation_files(gold_dir)]
