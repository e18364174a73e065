"""Tallies of a scoring run: precision, recall and F1 per kind, attribute accuracies, and the
overall F1 pooling meetings, clashes and casualty figures.

A run is one setting of the two switches of the guideline: lenient or strict matching, and
with or without background events (history the article recounts). Without background, both
gold and predicted background events are dropped before matching.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from streams.evaluation.annotations import AnnotatedEvent, ScoredDocument, load_documents
from streams.evaluation.attributes import CHECKS
from streams.evaluation.matching import match, pool_figures

EVENT_KINDS = ("meeting", "clash", "casualty_figure")
"""What is counted: meeting and clash events, and casualty figures (not casualty_update events)."""


@dataclass(frozen=True)
class KindScore:
    """One article, one kind: matched (gold, prediction) pairs, missed gold items, false alarms."""

    matched: list[tuple[AnnotatedEvent, AnnotatedEvent]]
    missed: list[AnnotatedEvent]
    false_alarms: list[AnnotatedEvent]

    @property
    def tp(self) -> int:
        return len(self.matched)

    @property
    def fp(self) -> int:
        return len(self.false_alarms)

    @property
    def fn(self) -> int:
        return len(self.missed)


@dataclass(frozen=True)
class ArticleScore:
    """The scores of one article (named by its file) for every kind."""

    name: str
    kinds: dict[str, KindScore]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class Tally:
    """Counts over many articles; precision, recall and F1 are 0.0 where undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracies(self) -> dict[str, float]:
        """Share of matched pairs with each attribute right, over the pairs where gold knows it."""
        return {name: self.correct[name] / total for name, total in self.checked.items()}

    def add(self, kind: str, result: KindScore) -> None:
        """Count one article's result for `kind`, attribute checks included."""
        self.tp += result.tp
        self.fp += result.fp
        self.fn += result.fn
        for gold, pred in result.matched:
            for name, ok in CHECKS[kind](gold, pred):
                self.correct[name] = self.correct.get(name, 0) + ok
                self.checked[name] = self.checked.get(name, 0) + 1

    @classmethod
    def pooled(cls, tallies: Iterable[Tally]) -> Tally:
        """The counts of several tallies together (attributes are per kind and not pooled)."""
        tallies = list(tallies)
        return cls(tp=sum(t.tp for t in tallies), fp=sum(t.fp for t in tallies), fn=sum(t.fn for t in tallies))


@dataclass(frozen=True)
class RunScore:
    """One scoring run over a corpus."""

    strict: bool
    with_background: bool
    articles: list[ArticleScore]
    tallies: dict[str, Tally]

    @property
    def overall(self) -> Tally:
        return Tally.pooled(self.tallies.values())


def _kind_score(kind: str, gold: Sequence[AnnotatedEvent], pred: Sequence[AnnotatedEvent],
                strict: bool) -> KindScore:
    pairs = match(kind, gold, pred, strict)
    paired_gold = {g for g, _ in pairs}
    paired_pred = {p for _, p in pairs}
    return KindScore(matched=[(gold[g], pred[p]) for g, p in pairs],
                     missed=[e for i, e in enumerate(gold) if i not in paired_gold],
                     false_alarms=[e for i, e in enumerate(pred) if i not in paired_pred])


def score_article(gold: Sequence[AnnotatedEvent], pred: Sequence[AnnotatedEvent], *,
                  strict: bool = False, with_background: bool = True) -> dict[str, KindScore]:
    """Match one article's predicted events to its gold events, per kind."""
    if not with_background:
        gold = [e for e in gold if not e.get("background")]
        pred = [e for e in pred if not e.get("background")]
    scores = {kind: _kind_score(kind, [e for e in gold if e.get("type") == kind],
                                [e for e in pred if e.get("type") == kind], strict)
              for kind in ("meeting", "clash")}
    scores["casualty_figure"] = _kind_score("casualty_figure", pool_figures(gold), pool_figures(pred), strict)
    return scores


def score_corpus(documents: Iterable[ScoredDocument], *, strict: bool = False,
                 with_background: bool = True) -> RunScore:
    """Score every document and tally the results."""
    tallies = {kind: Tally() for kind in EVENT_KINDS}
    articles = []
    for doc in documents:
        kinds = score_article(doc.gold, doc.pred, strict=strict, with_background=with_background)
        for kind, result in kinds.items():
            tallies[kind].add(kind, result)
        articles.append(ArticleScore(doc.name, kinds))
    return RunScore(strict=strict, with_background=with_background, articles=articles, tallies=tallies)


RUN_SETTINGS: dict[str, tuple[bool, bool]] = {
    "lenient": (False, True),
    "strict": (True, True),
    "lenient_no_background": (False, False),
    "strict_no_background": (True, False),
}
"""Every run an evaluation reports, by name: (strict, with_background)."""


def score_all_settings(documents: Iterable[ScoredDocument]) -> dict[str, RunScore]:
    """One run per entry of RUN_SETTINGS over the same documents."""
    documents = list(documents)
    return {name: score_corpus(documents, strict=strict, with_background=with_background)
            for name, (strict, with_background) in RUN_SETTINGS.items()}


def score_dirs(gold_dir: Path | str, pred_dir: Path | str, *, strict: bool = False,
               with_background: bool = True) -> RunScore:
    """Score the prediction files of `pred_dir` against the gold files of `gold_dir`."""
    return score_corpus(load_documents(gold_dir, pred_dir), strict=strict, with_background=with_background)
