"""Is the extractor's confidence a probability? Reliability tables, the expected calibration
error, and the fit of the confidence model on gold annotations.

The unit is what the scorer counts: a meeting, a clash, or one casualty figure (which carries
the confidence of its casualty_update). A unit is right when strict scoring matches it to a
gold item: a strict true positive; a strict false alarm is wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from streams.evaluation.annotations import AnnotatedEvent
from streams.evaluation.matching import match
from streams.evaluation.scoring import RunScore

BIN_EDGES = tuple(i / 10 for i in range(11))


@dataclass(frozen=True)
class Bin:
    """Predicted units whose confidence falls in [low, high)."""

    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float  # share of the units that strict scoring finds right


@dataclass(frozen=True)
class Reliability:
    bins: list[Bin]
    ece: float  # expected calibration error: count-weighted mean |precision - confidence|
    units: int


def reliability(units: Sequence[tuple[float, bool]], edges: Sequence[float] = BIN_EDGES) -> Reliability:
    """The reliability table of (confidence, right) units."""
    bins: list[Bin] = []
    ece = 0.0
    for i, (low, high) in enumerate(zip(edges, edges[1:])):
        last = i == len(edges) - 2
        inside = [(c, ok) for c, ok in units if low <= c < high or (last and c == high)]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        precision = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(units) * abs(precision - mean)
        bins.append(Bin(low, high, len(inside), mean, precision))
    return Reliability(bins, ece, len(units))


def scored_units(run: RunScore) -> list[tuple[float, bool]]:
    """(confidence, right) of every predicted unit of a strict run that has a confidence."""
    if not run.strict:
        raise ValueError("calibration is measured against strict scoring")
    units: list[tuple[float, bool]] = []
    for article in run.articles:
        for result in article.kinds.values():
            units += [(p["confidence"], True) for _, p in result.matched if "confidence" in p]
            units += [(p["confidence"], False) for p in result.false_alarms if "confidence" in p]
    return units


def _figures_with_owner(events: Sequence[AnnotatedEvent]) -> tuple[list[dict[str, Any]], list[int]]:
    """The pooled figures of `events` (as the scorer pools them) and the index of each one's event."""
    from streams.evaluation.matching import pool_figures

    figures: list[dict[str, Any]] = []
    owners: list[int] = []
    for i, event in enumerate(events):
        pooled = pool_figures([event])
        figures += pooled
        owners += [i] * len(pooled)
    return figures, owners


def strict_labels(gold: Sequence[AnnotatedEvent], pred: Sequence[AnnotatedEvent]) -> list[tuple[int, bool]]:
    """(index of the predicted event, right) for every predicted unit of one article."""
    out: list[tuple[int, bool]] = []
    for kind in ("meeting", "clash"):
        index = [i for i, e in enumerate(pred) if e.get("type") == kind]
        pairs = match(kind, [e for e in gold if e.get("type") == kind], [pred[i] for i in index], strict=True)
        right = {p for _, p in pairs}
        out += [(i, k in right) for k, i in enumerate(index)]
    gold_figures, _ = _figures_with_owner(gold)
    pred_figures, owners = _figures_with_owner(pred)
    right = {p for _, p in match("casualty_figure", gold_figures, pred_figures, strict=True)}
    out += [(owner, k in right) for k, owner in enumerate(owners)]
    return out


Sample = tuple[Mapping[str, float], bool]


def fit_logistic(samples: Sequence[Sample], l2: float = 1.0, steps: int = 500) -> dict[str, float]:
    """Weights of a logistic model of P(right | features), L2-regularized (not the bias),
    by Newton's method: small data (a few hundred units) and a handful of features."""
    names = sorted({k for values, _ in samples for k in values})
    x = np.array([[1.0] + [values.get(k, 0.0) for k in names] for values, _ in samples])
    y = np.array([float(ok) for _, ok in samples])
    w = np.zeros(x.shape[1])
    penalty = np.eye(len(w)) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"bias": float(w[0]), **{k: float(v) for k, v in zip(names, w[1:])}}


def cross_validated_units(samples: Sequence[Sample], groups: Sequence[int],
                          predict: Callable[[dict[str, float], Mapping[str, float]], float],
                          folds: int = 5, l2: float = 1.0) -> list[tuple[float, bool]]:
    """(confidence, right) of every sample from a model fitted without its article's fold:
    what the calibration is worth on articles the fit never saw."""
    units: list[tuple[float, bool]] = []
    for fold in range(folds):
        train = [s for s, g in zip(samples, groups) if g % folds != fold]
        test = [s for s, g in zip(samples, groups) if g % folds == fold]
        if not train or not test:
            continue
        weights = fit_logistic(train, l2)
        units += [(predict(weights, values), ok) for values, ok in test]
    return units


def reliability_lines(table: Reliability, title: str) -> list[str]:
    """The text rendering of a reliability table."""
    lines = [f"{title}: {table.units} units, expected calibration error {table.ece:.3f}",
             f"{'confidence':<12} {'units':>6} {'mean conf':>10} {'strict precision':>17}"]
    lines += [f"{b.low:.1f}-{b.high:.1f}{'':<5} {b.count:6} {b.mean_confidence:10.3f} {b.precision:17.3f}"
              for b in table.bins]
    return lines


def reliability_dict(table: Reliability) -> dict[str, Any]:
    return {"ece": round(table.ece, 4), "units": table.units,
            "bins": [{"low": b.low, "high": b.high, "count": b.count,
                      "mean_confidence": round(b.mean_confidence, 4), "precision": round(b.precision, 4)}
                     for b in table.bins]}


def groups_of(counts: Iterable[int]) -> list[int]:
    """The article number of each sample, given how many samples each article gave."""
    return [article for article, n in enumerate(counts) for _ in range(n)]
