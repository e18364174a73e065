"""`newsevents bench stream` runs a real worker on the real broker and prints its figures."""
from __future__ import annotations

import json

import pytest

from helpers import run_cli

pytestmark = pytest.mark.kafka


def test_bench_stream_reports_throughput_latency_and_rss(namespace: dict[str, str]) -> None:
    done = run_cli(namespace, "bench", "stream", "--articles", "6", "--rate", "2", "--settle", "2",
                   "--duration", "3", "--workers", "2", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["raw_passthrough_articles_per_s"] > 0 and figures["offline_articles_per_s"] > 0
    burst, steady, pair, *alone = figures["runs"]
    assert (burst["workers"], burst["rate"], steady["rate"], pair["workers"]) == (1, None, 2, 2)
    assert burst["articles"] == pair["articles"] == 6 and steady["articles"] == 2 * (2 + 3)
    # the steady latency leaves out the articles of the first --settle seconds, the burst none
    assert (burst["settle_s"], steady["settle_s"]) == (0, 2)
    assert burst["steady_p99_ms"] == burst["p99_ms"] and 0 < steady["steady_p50_ms"] <= steady["steady_p99_ms"]
    # the pair shares one worker's NLP processes, as two workers on one host share its cores
    assert pair["nlp_processes"] == max(1, burst["nlp_processes"] // 2) and burst["nlp_processes"] >= 1
    # and the pair is compared with one worker of the same NLP processes as each of theirs
    assert [(r["workers"], r["nlp_processes"]) for r in alone] == (
        [] if pair["nlp_processes"] == burst["nlp_processes"] else [(1, pair["nlp_processes"])])
    for run in figures["runs"]:
        assert run["events"] >= run["articles"] and run["articles_per_s"] > 0
        assert 0 < run["p50_ms"] <= run["p99_ms"] and run["worker_peak_rss_mb"] > 50
    assert "x offline" in done.stdout and "x one worker" in done.stdout and "(steady)" in done.stdout
