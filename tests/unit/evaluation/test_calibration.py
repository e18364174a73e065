"""Reliability tables, strict labels of predicted units, and the logistic fit."""
from __future__ import annotations

import random

import pytest

from streams.evaluation.calibration import (
    cross_validated_units,
    fit_logistic,
    groups_of,
    reliability,
    strict_labels,
)
from streams.extraction.confidence import logistic


def test_reliability_bins_and_expected_calibration_error() -> None:
    units = [(0.9, True)] * 9 + [(0.9, False)] + [(0.3, True)] + [(0.3, False)] * 3
    table = reliability(units)
    assert [(b.low, b.count, round(b.precision, 3)) for b in table.bins] == [(0.3, 4, 0.25), (0.9, 10, 0.9)]
    # |0.25 - 0.3| * 4/14 + |0.9 - 0.9| * 10/14
    assert table.ece == pytest.approx(0.05 * 4 / 14)


def test_a_confidence_of_one_falls_in_the_last_bin() -> None:
    assert reliability([(1.0, True)]).bins[0].low == 0.9


def _meeting(countries: list[str], date: str) -> dict:
    return {"type": "meeting", "date": date, "date_precision": "day",
            "participants": [{"name": None, "role": None, "country": c} for c in countries]}


def test_strict_labels_name_the_predicted_event_of_each_unit() -> None:
    gold = [_meeting(["AAA", "BBB"], "2024-01-02"),
            {"type": "casualty_update", "party": {"country": "AAA"},
             "figures": [{"outcome": "killed", "category": "civilian", "count": 3, "qualifier": "exact"}]}]
    pred = [{"type": "casualty_update", "party": {"country": "AAA"},
             "figures": [{"outcome": "killed", "category": "civilian", "count": 3, "qualifier": "exact"},
                         {"outcome": "wounded", "category": "civilian", "count": 5, "qualifier": "exact"}]},
            _meeting(["AAA", "BBB", "CCC"], "2024-01-02"),  # an extra country: strictly wrong
            _meeting(["AAA", "BBB"], "2024-01-02")]
    assert sorted(strict_labels(gold, pred)) == [(0, False), (0, True), (1, False), (2, True)]


def test_the_fit_recovers_a_feature_that_predicts_being_right() -> None:
    rng = random.Random(7)
    samples = []
    for _ in range(400):
        dated = float(rng.random() < 0.5)
        samples.append(({"dated": dated}, rng.random() < (0.85 if dated else 0.3)))
    weights = fit_logistic(samples, l2=0.1)
    assert logistic(weights, {"dated": 1.0}) == pytest.approx(0.85, abs=0.06)
    assert logistic(weights, {"dated": 0.0}) == pytest.approx(0.3, abs=0.06)
    held_out = cross_validated_units(samples, groups_of([4] * 100), logistic)
    assert len(held_out) == 400
    assert reliability(held_out).ece < 0.08
