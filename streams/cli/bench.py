"""`newsevents bench extract`: throughput and latency of the extractor next to plain spaCy.

The last line printed is one JSON object with every figure, for scripts and CI logs.
"""
from __future__ import annotations

import json
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
              help="Articles of the burst (the inputs repeated under new ids).")
@click.option("--rate", type=click.FloatRange(min=0.1), default=None,
              help="Also publish at this many articles per second for --duration seconds.")
@click.option("--duration", default=60.0, show_default=True, type=click.FloatRange(min=1),
              help="Seconds of the sustained stream of --rate.")
@click.option("--settle", default=10.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds at --rate before the --duration whose latency is the steady one.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1, max=8),
              help="Also run the burst with this many worker processes in one group.")
def stream(gold_dir: Path | None, count: int, rate: float | None, duration: float, settle: float,
           workers: int) -> None:
    """Time the whole service beside what bounds it, in one run, on the broker at NEWSEVENTS_BROKER.

    On the articles of GOLD_DIR (default: the shipped samples): a raw aiokafka pass-through
    of the same JSON on the same broker, the offline extractor (extract_batch), then fresh
    workers: a burst of --articles with one worker, a sustained --rate for --settle + --duration s
    (latency over all of it, and the steady latency over the last --duration s), and
    the burst with --workers processes (sharing NEWSEVENTS_NLP_PROCESSES among them, as on one
    host they share its cores; at least one each), and then one worker with as many NLP processes
    as each of the group's, to compare like with like. Reports articles/s, publication-to-first-event
    latency p50/p99 (from the records' Kafka timestamps) and the workers' peak RSS.
    """
    import time
    from dataclasses import asdict

    from streams.evaluation.stream_bench import run_raw_passthrough, run_stream_benchmark

    source = gold_dir or SAMPLE_DIR
    unique = [article_of(read_annotation(f)) for f in annotation_files(source)]
    if not unique:
        raise click.UsageError(f"no *.json annotation files in {source}")
    settings = Settings()
    burst = repeat_to(unique, count)[:count]
    click.echo(f"texts               {len(unique)} distinct, repeated under new ids to {count} per burst")
    raw = run_raw_passthrough(burst, settings)
    click.echo(f"raw pass-through    {raw:.1f} articles/s (aiokafka consume -> produce, same broker)")
    engine = load_engine(settings.spacy_model)
    started = time.perf_counter()
    for n in range(0, len(burst), settings.batch_size):
        engine.extractor.extract_batch(burst[n:n + settings.batch_size])
    offline = round(len(burst) / (time.perf_counter() - started), 2)
    del engine
    click.echo(f"offline extractor   {offline:.1f} articles/s (extract_batch, batches of {settings.batch_size})")
    runs = [run_stream_benchmark(burst, settings)]
    one = runs[0]
    click.echo(f"service, 1 worker   burst, {one.nlp_processes} NLP process(es): {one.articles_per_s:.1f} articles/s "
               f"= {one.articles_per_s / offline:.2f}x offline; latency p50 {one.p50_ms:.0f} ms, "
               f"p99 {one.p99_ms:.0f} ms; peak RSS {one.worker_peak_rss_mb:.0f} MB")
    click.echo(f"                    CPU per article (from the first publication): worker {one.worker_cpu_ms:.0f} ms, "
               f"NLP processes {one.nlp_cpu_ms:.0f} ms")
    if rate:
        sustained = int(rate * (settle + duration))
        steady = run_stream_benchmark(repeat_to(unique, sustained)[:sustained], settings, rate, settle_s=settle)
        runs.append(steady)
        click.echo(f"service, 1 worker   {rate:g}/s for {settle:g} + {duration:g} s: {steady.articles_per_s:.1f} articles/s; "
                   f"latency p50 {steady.p50_ms:.0f} ms, p99 {steady.p99_ms:.0f} ms; peak RSS {steady.worker_peak_rss_mb:.0f} MB")
        click.echo(f"                    the last {duration:g} s (steady): latency p50 {steady.steady_p50_ms:.0f} ms, "
                   f"p99 {steady.steady_p99_ms:.0f} ms; CPU per article: worker {steady.worker_cpu_ms:.0f} ms, "
                   f"NLP processes {steady.nlp_cpu_ms:.0f} ms")
        click.echo(f"                    of the latency, p50/p99: publication -> accepted {steady.ingest_p50_ms:.0f}/"
                   f"{steady.ingest_p99_ms:.0f} ms, accepted -> first event {steady.extract_p50_ms:.0f}/"
                   f"{steady.extract_p99_ms:.0f} ms")
    if workers > 1:
        # the NLP processes of one worker shared among the group: as many as the host has for them
        many = run_stream_benchmark(burst, settings, workers=workers,
                                    nlp_processes=max(1, settings.nlp_processes // workers))
        runs.append(many)
        click.echo(f"service, {workers} workers  burst, {many.nlp_processes} NLP process(es) each: "
                   f"{many.articles_per_s:.1f} articles/s = {many.articles_per_s / one.articles_per_s:.2f}x one worker; "
                   f"latency p50 {many.p50_ms:.0f} ms, p99 {many.p99_ms:.0f} ms; "
                   f"peak RSS {many.worker_peak_rss_mb:.0f} MB per worker at most")
        if many.nlp_processes != one.nlp_processes:
            # how the group scales on its own terms: one worker with a group member's NLP processes
            alone = run_stream_benchmark(burst, settings, nlp_processes=many.nlp_processes)
            runs.append(alone)
            click.echo(f"service, 1 worker   burst, {alone.nlp_processes} NLP process(es): {alone.articles_per_s:.1f} "
                       f"articles/s; the {workers} workers = {many.articles_per_s / alone.articles_per_s:.2f}x this")
    click.echo(json.dumps({"raw_passthrough_articles_per_s": raw, "offline_articles_per_s": offline,
                           "service_vs_offline": round(one.articles_per_s / offline, 3),
                           "runs": [asdict(r) for r in runs]}))
