"""The extractor in a process of its own, beside the worker's event loop.

The NLP is pure CPU work, much of it Python under the GIL. In the worker's process it competes
with the event loop (every agent, the producer, the web view) and faust's consumer thread for
that one lock, so the service ran slower than the extractor alone, and a second worker gained
little from the second core. In a child process the NLP holds a core of its own while the loop
does the rest; articles and events cross as pickles (a few kilobytes per article).

A child that dies (a crash in native code, memory exhausted) costs the batch it was working on,
never the worker: the call raises, the extract agent retries the batch article by article, and
a new child is started for the next call. The child watches its parent and exits when the
parent is gone, so a killed worker leaves no orphan holding the model's memory.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from schemas import Article, Event
from streams.extraction.version import EXTRACTOR_VERSION

#: The child's extractor (one per child process), set by `_start`.
_extractor = None


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start(model: str, log_level: str) -> None:
    """Child initializer: JSON logs like the worker's, the model loaded once, a parent watch."""
    global _extractor
    from streams import logs
    from streams.extraction import Extractor

    logs.configure(log_level)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    _extractor = Extractor(model=model)


def _extract(articles: list[Article]) -> tuple[list[list[Event]], Counter[str]]:
    """In the child: the events of each article, and the finder steps that failed meanwhile."""
    assert _extractor is not None
    try:
        return _extractor.extract_batch(articles), Counter(_extractor.step_failures)
    finally:
        _extractor.step_failures.clear()


def _loaded() -> bool:
    return _extractor is not None


class ExtractorProcess:
    """An `EventExtractor` that runs `Extractor` in a child process (see the module)."""

    version = EXTRACTOR_VERSION

    def __init__(self, model: str, log_level: str = "info") -> None:
        self.model = model
        self.log_level = log_level
        #: Failures per finder step since start, as the child reported them.
        self.step_failures: Counter[str] = Counter()
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        # Loaded before the worker starts consuming, as an in-process extractor would be: a
        # worker that says it is ready must not keep its first articles waiting for the model.
        self._executor().submit(_loaded).result()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the worker has threads (faust's consumer, the NLP caller) by then
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start, initargs=(self.model, self.log_level))
            return self._pool

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, in order, from the child (started anew if it died)."""
        pool = self._executor()
        try:
            events, failures = pool.submit(_extract, list(articles)).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        self.step_failures.update(failures)
        return events

    def extract(self, article: Article) -> list[Event]:
        return self.extract_batch([article])[0]

    def close(self) -> None:
        """Stop the child."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
