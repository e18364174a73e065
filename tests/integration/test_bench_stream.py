"""`newsevents bench stream` runs a real worker on the real broker and prints its figures."""
from __future__ import annotations

import json

import pytest

from helpers import run_cli

pytestmark = pytest.mark.kafka


def test_bench_stream_reports_throughput_latency_and_rss(namespace: dict[str, str]) -> None:
    done = run_cli(namespace, "bench", "stream", "--articles", "4", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 4 and figures["events"] >= 4
    assert figures["articles_per_s"] > 0 and 0 < figures["p50_ms"] <= figures["p99_ms"]
    assert figures["worker_peak_rss_mb"] > 50
