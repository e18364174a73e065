"""The extraction benchmark: throughput and latency of the extractor, next to a plain spaCy
run of the full pipeline over the same texts, so the extractor's own cost can be read off.

Both are measured in one process, batch by batch in alternation (extractor first on even
batches, spaCy first on odd ones), so drifts in machine load and CPU clock fall on both alike.
"""
from __future__ import annotations

import json
import math
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

from tqdm import tqdm

from schemas import Article
from streams.evaluation.predict import ExtractorLike


class Pipeline(Protocol):
    """What the benchmark uses of a spaCy `Language`."""

    def pipe(self, texts: Iterable[str], *, batch_size: int) -> Iterable[object]: ...


@dataclass(frozen=True)
class BenchResult:
    """The figures of one benchmark run; `ratio` is extractor over spaCy throughput."""

    articles: int
    extractor_articles_per_s: float
    spacy_articles_per_s: float
    ratio: float
    p50_ms: float
    p99_ms: float
    peak_rss_mb: float
    model: str
    extractor_version: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def repeat_to(articles: Sequence[Article], count: int) -> list[Article]:
    """The articles over and over until there are at least `count`, each copy with its own id
    (an extractor may not recognise a repeat and take a shortcut)."""
    if not articles:
        raise ValueError("no articles to benchmark")
    rounds = max(1, math.ceil(count / len(articles)))
    return [a if r == 0 else a.model_copy(update={"id": f"{a.id}#{r}"})
            for r in range(rounds) for a in articles]


def article_text(article: Article) -> str:
    """What the spaCy baseline reads of an article: title and body, all an extractor can read."""
    return f"{article.title}\n\n{article.body}" if article.title else article.body


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating linearly between the nearest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(work: Callable[..., object], *args: object) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def _pipe_all(nlp: Pipeline, texts: Sequence[str], batch_size: int) -> None:
    """Run the pipeline over every text, keeping no document."""
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def run_benchmark(extractor: ExtractorLike, nlp: Pipeline, articles: Sequence[Article], *,
                  batch_size: int, latency_sample: int, model: str, extractor_version: str) -> BenchResult:
    """Throughput of `extract_batch` and of `nlp.pipe` over `articles`, then the latency of
    `extract` on single articles (the first `latency_sample`); one untimed warm-up batch first."""
    texts = [article_text(a) for a in articles]
    extractor.extract_batch(articles[:batch_size])
    _pipe_all(nlp, texts[:batch_size], batch_size)

    seconds = {"extractor": 0.0, "spacy": 0.0}
    starts = range(0, len(articles), batch_size)
    for number, start in enumerate(tqdm(starts, desc="throughput", unit="batch", file=sys.stderr, disable=None)):
        end = start + batch_size
        runs = [("extractor", extractor.extract_batch, (articles[start:end],)),
                ("spacy", _pipe_all, (nlp, texts[start:end], batch_size))]
        for name, work, args in runs if number % 2 == 0 else reversed(runs):
            seconds[name] += _timed(work, *args)

    sample = articles[:max(1, latency_sample)]
    latencies_ms = [1000 * _timed(extractor.extract, a)
                    for a in tqdm(sample, desc="latency", unit="article", file=sys.stderr, disable=None)]

    extractor_rate = len(articles) / seconds["extractor"]
    spacy_rate = len(articles) / seconds["spacy"]
    return BenchResult(
        articles=len(articles),
        extractor_articles_per_s=round(extractor_rate, 2),
        spacy_articles_per_s=round(spacy_rate, 2),
        ratio=round(extractor_rate / spacy_rate, 3),
        p50_ms=round(percentile(latencies_ms, 50), 2),
        p99_ms=round(percentile(latencies_ms, 99), 2),
        peak_rss_mb=round(peak_rss_mb(), 1),
        model=model,
        extractor_version=extractor_version,
    )
