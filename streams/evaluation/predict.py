"""Running the extractor over annotated articles, for evaluation and benchmarks.

The extraction engine (and with it spaCy) is imported only by `load_engine`, so the scorer
stays usable, and importable fast, without it.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tqdm import tqdm

from schemas import Article


class ExtractorLike(Protocol):
    """What evaluation and benchmarks use of `streams.extraction.Extractor`."""

    def extract(self, article: Article) -> list[Any]: ...

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Any]]: ...


Annotate = Callable[[Article, list[Any]], dict[str, Any]]
"""(article, events) -> annotation document, as `streams.extraction.annotation.to_annotation`."""


@dataclass(frozen=True)
class Engine:
    """An extractor with what a report says about it and the way to write its events."""

    extractor: ExtractorLike
    annotate: Annotate
    model: str
    version: str


def load_engine(model: str) -> Engine:
    """The project's extractor on spaCy pipeline `model` (loads the model: seconds)."""
    from streams.extraction import EXTRACTOR_VERSION, Extractor
    from streams.extraction.annotation import to_annotation

    return Engine(Extractor(model=model), to_annotation, model, EXTRACTOR_VERSION)


def article_of(doc: Mapping[str, Any]) -> Article:
    """The article of an annotation document, validated as the service would."""
    return Article.model_validate(doc["article"])


def extract_all(engine: Engine, articles: Sequence[Article], batch_size: int) -> list[list[Any]]:
    """The engine's events for each article, in order, batch by batch, with a progress bar."""
    events: list[list[Any]] = []
    with tqdm(total=len(articles), desc="extracting", unit="article", file=sys.stderr, disable=None) as bar:
        for start in range(0, len(articles), batch_size):
            batch = articles[start:start + batch_size]
            events += engine.extractor.extract_batch(batch)
            bar.update(len(batch))
    return events


def predict(engine: Engine, articles: Sequence[Article], batch_size: int) -> list[dict[str, Any]]:
    """Annotation documents of the engine's events for each article, in order."""
    return [engine.annotate(article, events)
            for article, events in zip(articles, extract_all(engine, articles, batch_size), strict=True)]
