"""The extractor in a process of its own, beside the worker's event loop.

The NLP is pure CPU work, much of it Python under the GIL. In the worker's process it competes
with the event loop (every agent, the producer, the web view) and faust's consumer thread for
that one lock, so the service ran slower than the extractor alone, and a second worker gained
little from the second core. In a child process the NLP holds a core of its own while the loop
does the rest; articles and events cross as pickles (a few kilobytes per article).

With `processes` > 1 each batch is shared among that many children, each with its own model
(about 200 MB each): on this project's 2-core machine one child left the NLP, the service's
bottleneck, on one core while the worker and broker used little of the other.

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
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from schemas import Article, Event
from streams.extraction.nlp import PIPE_BATCH, pieces
from streams.extraction.version import EXTRACTOR_VERSION

T = TypeVar("T")

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


def _parse(texts: list[str]) -> list[bytes]:
    """In the child: the parse of each text, as bytes another child reads back (`_read`)."""
    assert _extractor is not None
    return [doc.to_bytes(exclude=["tensor", "user_data"])
            for doc in _extractor.nlp.pipe(texts, batch_size=PIPE_BATCH)]


def _read(articles: list[Article], parsed: list[tuple[int, int, bytes]]
          ) -> tuple[list[list[Event]], Counter[str]]:
    """In the child: `_extract`, from parses `_parse` made (in this child or another)."""
    from spacy.tokens import Doc

    assert _extractor is not None
    vocab = _extractor.nlp.vocab
    try:
        docs = [(i, off, Doc(vocab).from_bytes(data)) for i, off, data in parsed]
        return _extractor.extract_parsed(articles, docs), Counter(_extractor.step_failures)
    finally:
        _extractor.step_failures.clear()


def _loaded() -> bool:
    return _extractor is not None


def shares(sizes: Sequence[int], n: int) -> list[list[int]]:
    """The indices of `sizes` in at most `n` shares of about equal total, for `n` children to
    work on at once: each item, largest first, goes to the share with the least so far."""
    out: list[list[int]] = [[] for _ in range(n)]
    total = [0] * n
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        least = total.index(min(total))
        out[least].append(i)
        total[least] += sizes[i]
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
        self._lock = threading.Lock()
        # Loaded before the worker starts consuming, as an in-process extractor would be: a
        # worker that says it is ready must not keep its first articles waiting for the model.
        self._run(_loaded, [() for _ in range(processes)])

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

    def _run(self, function: Callable[..., T], calls: Sequence[tuple]) -> list[T]:
        """`function(*calls[i])` in child `i`, all at once; the results in order.

        Every call is awaited before a dead child's `BrokenProcessPool` is raised, so none is
        left running, and the dead child's pool is dropped for a new one.
        """
        submitted: list[tuple[ProcessPoolExecutor, Future]] = []
        for i, args in enumerate(calls):
            pool = self._executor(i)
            try:
                submitted.append((pool, pool.submit(function, *args)))
            except BrokenProcessPool as e:  # known broken already: fails like one that breaks now
                failed: Future = Future()
                failed.set_exception(e)
                submitted.append((pool, failed))
        results: list[T] = []
        broken: BrokenProcessPool | None = None
        for i, (pool, future) in enumerate(submitted):
            try:
                results.append(future.result())
            except BrokenProcessPool as e:
                broken = e
                with self._lock:
                    if self._pools[i] is pool:
                        self._pools[i] = None
                pool.shutdown(wait=False, cancel_futures=True)
        if broken is not None:
            raise broken
        return results

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, in order, from the children (each started anew if it died).

        A batch of at least one article per child is shared by article (`shares` of their
        text). A smaller one, a lone article at a steady rate, is shared by paragraph: the
        children parse its paragraphs at once and the first reads the events from all the
        parses, so one long article does not leave the other children idle.
        """
        n = len(self._pools)
        if len(articles) < n:
            return self._extract_by_paragraph(articles)
        parts = shares([len(a.body) for a in articles], n)
        out: list[list[Event]] = [[] for _ in articles]
        for part, (events, failures) in zip(parts, self._run(_extract, [([articles[j] for j in part],)
                                                                       for part in parts])):
            self.step_failures.update(failures)
            for j, found in zip(part, events):
                out[j] = found
        return out

    def _extract_by_paragraph(self, articles: Sequence[Article]) -> list[list[Event]]:
        found = pieces([a.body for a in articles])
        parts = shares([len(text) for _, _, text in found], len(self._pools))
        parsed: list[bytes] = [b""] * len(found)
        for part, docs in zip(parts, self._run(_parse, [([found[j][2] for j in part],) for part in parts])):
            for j, data in zip(part, docs):
                parsed[j] = data
        [(events, failures)] = self._run(_read, [(list(articles), [(i, off, data) for (i, off, _), data
                                                                   in zip(found, parsed)])])
        self.step_failures.update(failures)
        return events

    def extract(self, article: Article) -> list[Event]:
        return self.extract_batch([article])[0]

    def close(self) -> None:
        """Stop the children."""
        with self._lock:
            pools, self._pools = self._pools, [None] * len(self._pools)
        for pool in pools:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
