"""The extractor in a process of its own, beside the worker's event loop.

The NLP is pure CPU work, much of it Python under the GIL. In the worker's process it competes
with the event loop (every agent, the producer, the web view) and faust's consumer thread for
that one lock, so the service ran slower than the extractor alone, and a second worker gained
little from the second core. In a child process the NLP holds a core of its own while the loop
does the rest; articles and events cross as pickles (a few kilobytes per article).

With `processes` > 1 each batch is shared among that many children, each with its own model
(about 200 MB each): on this project's 2-core machine one child left the NLP, the service's
bottleneck, on one core while the worker and broker used little of the other. Calls may overlap
(the extract agent keeps more than one batch in flight): each share goes to the child with the
least text still to parse, so a lone article does not queue behind another while a child idles.

A child that dies (a crash in native code, memory exhausted) costs the batch it was working on,
never the worker: the call raises, the extract agent retries the batch article by article, and
a new child is started in its place for the next call. The child watches its parent and exits
when the parent is gone, so a killed worker leaves no orphan holding the model's memory.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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


def shares(articles: Sequence[Article], n: int) -> list[list[int]]:
    """The indices of `articles` in `n` shares of about equal text, for `n` children to parse
    at once: each article, longest first, goes to the share with the least text so far."""
    out: list[list[int]] = [[] for _ in range(n)]
    size = [0] * n
    for i in sorted(range(len(articles)), key=lambda i: -len(articles[i].body)):
        least = size.index(min(size))
        out[least].append(i)
        size[least] += len(articles[i].body)
    return [sorted(share) for share in out if share]


class ExtractorProcess:
    """An `EventExtractor` that runs `Extractor` in `processes` child processes (see the module)."""

    version = EXTRACTOR_VERSION

    def __init__(self, model: str, log_level: str = "info", processes: int = 1) -> None:
        self.model = model
        self.log_level = log_level
        #: Failures per finder step since start, as the children reported them.
        self.step_failures: Counter[str] = Counter()
        self._pools: list[ProcessPoolExecutor | None] = [None] * processes
        #: Characters of text submitted to each child and not yet returned.
        self._queued = [0] * processes
        self._lock = threading.Lock()
        # Loaded before the worker starts consuming, as an in-process extractor would be: a
        # worker that says it is ready must not keep its first articles waiting for the model.
        for loading in [self._executor(i).submit(_loaded) for i in range(processes)]:
            loading.result()

    def _executor(self, i: int) -> ProcessPoolExecutor:
        """Child `i`'s pool (of one process: a dead child breaks only its own pool)."""
        with self._lock:
            pool = self._pools[i]
            if pool is None:
                # spawn, not fork: the worker has threads (faust's consumer, the NLP caller) by then
                pool = self._pools[i] = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start, initargs=(self.model, self.log_level))
            return pool

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, in order, from the children (each started anew if it
        died); the batch is shared among them by `shares`."""
        parts = shares(articles, len(self._pools))
        texts = [sum(len(articles[j].body) for j in part) for part in parts]
        with self._lock:  # the shares to the least busy children, booked at once
            idlest = sorted(range(len(self._pools)), key=self._queued.__getitem__)[:len(parts)]
            for i, text in zip(idlest, texts):
                self._queued[i] += text
        submitted = [(i, part, self._submit(i, [articles[j] for j in part], text))
                     for i, part, text in zip(idlest, parts, texts)]
        out: list[list[Event]] = [[] for _ in articles]
        broken: BrokenProcessPool | None = None
        for i, part, (pool, future) in submitted:  # every share is awaited: none is left running
            try:
                events, failures = future.result()
            except BrokenProcessPool as e:
                broken = e
                with self._lock:
                    if self._pools[i] is pool:
                        self._pools[i] = None
                pool.shutdown(wait=False, cancel_futures=True)
                continue
            self.step_failures.update(failures)
            for j, found in zip(part, events):
                out[j] = found
        if broken is not None:
            raise broken
        return out

    def _submit(self, i: int, articles: list[Article], text: int) -> tuple[ProcessPoolExecutor, Future]:
        """Child `i`'s extraction of `articles` (`text` characters, booked to the child until
        it returns); a pool already known broken answers with a future that raises, like one
        that breaks while it works."""
        pool = self._executor(i)
        try:
            future = pool.submit(_extract, articles)
        except BrokenProcessPool as e:
            future = Future()
            future.set_exception(e)
        future.add_done_callback(lambda _: self._done(i, text))
        return pool, future

    def _done(self, i: int, text: int) -> None:
        """Child `i` has returned (or failed) a share of `text` characters."""
        with self._lock:
            self._queued[i] -= text

    def extract(self, article: Article) -> list[Event]:
        return self.extract_batch([article])[0]

    def close(self) -> None:
        """Stop the children."""
        with self._lock:
            pools, self._pools = self._pools, [None] * len(self._pools)
        for pool in pools:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
