"""`newsevents bench extract`: throughput and latency of the extractor next to plain spaCy.

The last line printed is one JSON object with every figure, for scripts and CI logs.
"""
from __future__ import annotations

from pathlib import Path

import click

from streams.evaluation.annotations import annotation_files, read_annotation
from streams.evaluation.bench import repeat_to, run_benchmark
from streams.evaluation.predict import article_of, load_engine
from streams.settings import Settings

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples"
"""The annotated sample articles shipped with the package (package data)."""


@click.group("bench")
def bench() -> None:
    """Benchmarks."""


@bench.command("extract")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--min-articles", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Repeat the articles until there are at least this many.")
@click.option("--model", default=None, help="spaCy pipeline (default: the service setting).")
@click.option("--batch-size", default=None, type=click.IntRange(min=1),
              help="Articles per extract_batch and nlp.pipe call (default: the service setting).")
@click.option("--latency-sample", default=100, show_default=True, type=click.IntRange(min=1),
              help="Articles to time one by one with extract() for the latency percentiles.")
def extract(gold_dir: Path | None, min_articles: int, model: str | None, batch_size: int | None,
            latency_sample: int) -> None:
    """Time extraction over the articles of GOLD_DIR (default: the shipped samples).

    Throughput of Extractor.extract_batch and of spaCy's full pipeline (nlp.pipe, every
    component enabled) on the same texts, interleaved batch by batch; latency p50/p99 of
    Extractor.extract on single articles; peak RSS of the process.
    """
    import spacy

    settings = Settings()
    model = model or settings.spacy_model
    batch_size = batch_size or settings.batch_size
    source = gold_dir or SAMPLE_DIR
    unique = [article_of(read_annotation(f)) for f in annotation_files(source)]
    if not unique:
        raise click.UsageError(f"no *.json annotation files in {source}")
    articles = repeat_to(unique, min_articles)
    engine = load_engine(model)
    nlp = spacy.load(model)
    result = run_benchmark(engine.extractor, nlp, articles, batch_size=batch_size,
                           latency_sample=latency_sample, model=model, extractor_version=engine.version)
    click.echo(f"articles            {result.articles} ({len(unique)} distinct, batches of {batch_size})")
    click.echo(f"extractor           {result.extractor_articles_per_s:.1f} articles/s (extract_batch)")
    click.echo(f"spaCy full pipeline {result.spacy_articles_per_s:.1f} articles/s (nlp.pipe)")
    click.echo(f"ratio               {result.ratio:.3f} (extractor / spaCy)")
    click.echo(f"latency             p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms "
               f"(extract() on {min(latency_sample, len(articles))} single articles)")
    click.echo(f"peak RSS            {result.peak_rss_mb:.0f} MB")
    click.echo(result.to_json())


@bench.command("stream")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--articles", "count", default=300, show_default=True, type=click.IntRange(min=1),
              help="Articles to publish (the inputs repeated under new ids).")
@click.option("--rate", type=click.FloatRange(min=0.1), default=None,
              help="Articles per second to publish (default: all at once, a burst).")
def stream(gold_dir: Path | None, count: int, rate: float | None) -> None:
    """Time the whole service: a fresh worker on the broker at NEWSEVENTS_BROKER.

    Publishes the articles of GOLD_DIR (default: the shipped samples) to a namespace of its
    own and reports articles/s, publication-to-first-event latency p50/p99 and the worker's
    peak RSS, from the records' Kafka timestamps.
    """
    from streams.evaluation.stream_bench import as_json, run_stream_benchmark

    source = gold_dir or SAMPLE_DIR
    unique = [article_of(read_annotation(f)) for f in annotation_files(source)]
    if not unique:
        raise click.UsageError(f"no *.json annotation files in {source}")
    result = run_stream_benchmark(repeat_to(unique, count)[:count], Settings(), rate)
    how = f"at {rate:g}/s" if rate else "in one burst"
    click.echo(f"articles            {result.articles} ({len(unique)} distinct) published {how}, {result.events} events")
    click.echo(f"throughput          {result.articles_per_s:.1f} articles/s (first article in to last event out)")
    click.echo(f"latency             p50 {result.p50_ms:.0f} ms, p99 {result.p99_ms:.0f} ms (published -> first event)")
    click.echo(f"worker peak RSS     {result.worker_peak_rss_mb:.0f} MB")
    click.echo(as_json(result))
