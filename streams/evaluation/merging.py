"""How well reports of one event from several outlets become one event: `eval merge`.

A cluster file names, per real event, its type and the articles that tell it (each a
write-up of its own, with its own detail), and distractors: articles about the same parties
that tell another event. Articles are extracted and resolved offline, as the stream would;
per cluster it is told whether all its articles became one event and whether its distractors
stayed apart, and over every pair of articles of one type, the precision, recall and F1 of
"same event".
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schemas import Event
from streams.resolution import resolve


@dataclass(frozen=True)
class ClusterResult:
    name: str
    type: str
    merged: bool  # one event holds every article of the cluster
    apart: bool  # no distractor shares that event
    events: int  # distinct events of the type over the cluster's articles


@dataclass(frozen=True)
class MergeScore:
    clusters: list[ClusterResult]
    precision: float
    recall: float
    f1: float

    def lines(self) -> list[str]:
        out = [f"{'cluster':<36} {'type':<8} {'merged':>6} {'apart':>6} {'events':>6}"]
        out += [f"{c.name[:36]:<36} {c.type:<8} {'yes' if c.merged else 'NO':>6} {'yes' if c.apart else 'NO':>6} "
                f"{c.events:6}" for c in self.clusters]
        merged = sum(c.merged for c in self.clusters)
        apart = sum(c.apart for c in self.clusters)
        out += ["", f"merged {merged}/{len(self.clusters)}, distractors apart {apart}/{len(self.clusters)}; "
                f"same-event pairs: precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}"]
        return out


def _ids_by_article(events: Sequence[Event], kind: str) -> dict[str, set[str]]:
    resolved = resolve(events)
    out: dict[str, set[str]] = {}
    for e in events:
        if e.type == kind:
            out.setdefault(e.article.id, set()).add(resolved[(e.article.id, e.id)])
    return out


def score_merges(spec: Mapping[str, Any], events: Sequence[Event]) -> MergeScore:
    """Score the resolution of `events` (of every article of `spec`) against the clusters."""
    results: list[ClusterResult] = []
    tp = fp = fn = 0
    for kind in sorted({c["type"] for c in spec["clusters"]}):
        ids = _ids_by_article(events, kind)
        clusters = [c for c in spec["clusters"] if c["type"] == kind]
        gold = {a: n for n, c in enumerate(clusters) for a in c["articles"]}
        everyone = sorted({*gold, *(d for c in clusters for d in c.get("distractors", []))})
        for x, y in itertools.combinations(everyone, 2):
            same = bool(ids.get(x, set()) & ids.get(y, set()))
            truth = x in gold and y in gold and gold[x] == gold[y]
            tp, fp, fn = tp + (same and truth), fp + (same and not truth), fn + (truth and not same)
        for c in clusters:
            common = set.intersection(*(ids.get(a, set()) for a in c["articles"]))
            distracted = set().union(*(ids.get(d, set()) for d in c.get("distractors", [])))
            results.append(ClusterResult(c["name"], kind, bool(common), not (common & distracted),
                                         len(set().union(*(ids.get(a, set()) for a in c["articles"])))))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return MergeScore(results, precision, recall, f1)
