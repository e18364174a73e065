"""Who takes part in an event: participant countries, clash sides and person names.

Names are compared loosely (case, hyphens and spacing ignored; a side name may be part of a
longer one) because extractors and annotators spell the same party differently.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Actor = Mapping[str, Any]


def countries(actors: Iterable[Any] | None) -> set[str]:
    """The countries named by a list of participants or sides (entries without one are ignored)."""
    return {a["country"] for a in actors or [] if isinstance(a, Mapping) and a.get("country")}


def normalize_name(name: Any) -> str:
    """Lower-case, hyphens as spaces, runs of white space as one space."""
    return " ".join(str(name or "").lower().replace("-", " ").split())


def known_sides(clash: Mapping[str, Any]) -> list[Actor]:
    """The clash sides that say who fought (a name, an alias or a country)."""
    return [s for s in clash.get("sides") or [] if s.get("country") or s.get("name") or s.get("aliases")]


def side_matches(gold_side: Actor, pred_side: Actor) -> bool:
    """Whether a predicted side is the gold side: same country, or the predicted name contains
    or is contained in the gold name or one of its aliases."""
    if gold_side.get("country") and pred_side.get("country") == gold_side.get("country"):
        return True
    pred_name = normalize_name(pred_side.get("name"))
    if not pred_name:
        return False
    for name in [gold_side.get("name"), *(gold_side.get("aliases") or [])]:
        gold_name = normalize_name(name)
        if gold_name and (gold_name in pred_name or pred_name in gold_name):
            return True
    return False


def side_found(gold_side: Actor, pred_clash: Mapping[str, Any]) -> bool:
    """Whether any side of the predicted clash is `gold_side`."""
    return any(side_matches(gold_side, p) for p in pred_clash.get("sides") or [])


def all_sides_found(gold_clash: Mapping[str, Any], pred_clash: Mapping[str, Any]) -> bool:
    """Whether every known side of the gold clash is among the predicted sides."""
    return all(side_found(g, pred_clash) for g in known_sides(gold_clash))


def person_matches(gold_name: Any, pred_name: Any) -> bool:
    """Same person: equal names, or equal last words ("Blinken" for "Antony Blinken")."""
    gold, pred = normalize_name(gold_name), normalize_name(pred_name)
    if not gold or not pred:
        return False
    return gold == pred or gold.split()[-1] == pred.split()[-1]
