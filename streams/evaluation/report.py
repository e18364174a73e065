"""The evaluation report: a JSON document and its text rendering.

A run's JSON has the layout and rounding of the reference scorer's `--json` output (files,
overall, one entry per kind, per_file), so the two can be compared key for key; the misses and
false alarms of each article are added under `articles`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from streams.evaluation.calibration import reliability, reliability_dict, reliability_lines, scored_units
from streams.evaluation.describe import describe
from streams.evaluation.scoring import EVENT_KINDS, RunScore, Tally

RUN_TITLES = {
    "lenient": "lenient, with background",
    "strict": "strict, with background",
    "lenient_no_background": "lenient, without background",
    "strict_no_background": "strict, without background",
}


def _counts(tally: Tally) -> dict[str, int]:
    return {"tp": tally.tp, "fp": tally.fp, "fn": tally.fn}


def run_to_dict(run: RunScore) -> dict[str, Any]:
    """The JSON of one run (per-kind figures rounded to 3 places, overall unrounded)."""
    overall = run.overall
    result: dict[str, Any] = {
        "files": len(run.articles),
        "overall": {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1,
                    **_counts(overall)},
    }
    for kind, tally in run.tallies.items():
        result[kind] = {"precision": round(tally.precision, 3), "recall": round(tally.recall, 3),
                        "f1": round(tally.f1, 3), **_counts(tally),
                        "attributes": {k: round(v, 3) for k, v in tally.accuracies().items()}}
    result["per_file"] = {a.name: {kind: [s.tp, s.fp, s.fn] for kind, s in a.kinds.items()}
                          for a in run.articles}
    result["articles"] = {
        a.name: {kind: {"tp": s.tp, "fp": s.fp, "fn": s.fn,
                        "missed": [describe(kind, e) for e in s.missed],
                        "false_alarms": [describe(kind, e) for e in s.false_alarms]}
                 for kind, s in a.kinds.items()}
        for a in run.articles}
    return result


def evaluation_document(runs: Mapping[str, RunScore], source: Mapping[str, Any]) -> dict[str, Any]:
    """The whole evaluation: where the predictions came from, the four overall F1s, every run."""
    return {
        "source": dict(source),
        "summary": {f"{name}_f1": run.overall.f1 for name, run in runs.items()},
        "runs": {name: run_to_dict(run) for name, run in runs.items()},
        **({"calibration": reliability_dict(reliability(units))} if (units := _strict_units(runs)) else {}),
    }


def _strict_units(runs: Mapping[str, RunScore]) -> list[tuple[float, bool]]:
    """(confidence, right) of the strict run with background, where predictions carry one."""
    return scored_units(runs["strict"]) if "strict" in runs else []


def _tally_row(label: str, tally: Tally) -> str:
    attributes = ", ".join(f"{k} {v:.3f}" for k, v in tally.accuracies().items())
    return (f"{label:<16} {tally.precision:6.3f} {tally.recall:6.3f} {tally.f1:6.3f} "
            f"{tally.tp:5} {tally.fp:5} {tally.fn:5}  {attributes}").rstrip()


def _run_table(name: str, run: RunScore) -> list[str]:
    lines = [f"== {RUN_TITLES.get(name, name)} ==",
             f"{'kind':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}  attributes"]
    lines += [_tally_row(kind, run.tallies[kind]) for kind in EVENT_KINDS]
    lines.append(_tally_row("overall", run.overall))
    return lines


def _articles_table(run: RunScore) -> list[str]:
    """Per article and kind with anything to count: tp/fp/fn, then each miss and false alarm."""
    width = max([len("file"), *(len(a.name) for a in run.articles)])
    lines = [f"{'file':<{width}} {'kind':<16} {'tp':>3} {'fp':>3} {'fn':>3}"]
    for article in run.articles:
        for kind in EVENT_KINDS:
            s = article.kinds[kind]
            if not (s.tp or s.fp or s.fn):
                continue
            lines.append(f"{article.name:<{width}} {kind:<16} {s.tp:3} {s.fp:3} {s.fn:3}")
            lines += [f"    - missed       {describe(kind, e)}" for e in s.missed]
            lines += [f"    + false alarm  {describe(kind, e)}" for e in s.false_alarms]
    return lines


def render_text(runs: Mapping[str, RunScore], source: Mapping[str, Any], detail_run: str = "lenient") -> str:
    """Every run's table, the overall F1s side by side, and the per-article misses and false
    alarms of `detail_run` (lenient with background: every event, matched as loosely as allowed)."""
    first = next(iter(runs.values()))
    origin = ", ".join(f"{k} {v}" for k, v in source.items() if v is not None)
    lines = [f"{len(first.articles)} articles; predictions: {origin}", ""]
    for name, run in runs.items():
        lines += [*_run_table(name, run), ""]
    lines.append(f"{'overall F1':<12} {'with background':>16} {'without background':>19}")
    for mode in ("lenient", "strict"):
        with_bg, without_bg = runs.get(mode), runs.get(f"{mode}_no_background")
        if with_bg and without_bg:
            lines.append(f"{mode:<12} {with_bg.overall.f1:16.3f} {without_bg.overall.f1:19.3f}")
    units = _strict_units(runs)
    if units:
        lines += ["", *reliability_lines(reliability(units), "Calibration (strict, with background)")]
    lines += ["", f"Misses and false alarms per article ({RUN_TITLES.get(detail_run, detail_run)})"]
    lines += _articles_table(runs[detail_run])
    return "\n".join(lines) + "\n"
