"""One-to-one matching of predicted to gold events of one type within one article.

Every admissible (gold, prediction) pair gets a match score; pairs are then taken greedily,
best score first (ties in gold order, then prediction order), each event used at most once.
Casualty figures are matched as a pool per article, not per casualty_update event, because
how an extractor groups figures into reporting acts matters less than the figures themselves.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from streams.evaluation.actors import all_sides_found, countries, known_sides, side_found
from streams.evaluation.annotations import AnnotatedEvent
from streams.evaluation.dates import dates_agree, event_span

Pair = tuple[int, int]
"""(index into the gold list, index into the prediction list)."""
Candidate = tuple[float, int, int]
"""(match score, gold index, prediction index)."""


def greedy(candidates: Iterable[Candidate]) -> list[Pair]:
    """Best-scoring pairs first, skipping any whose gold or prediction is already paired."""
    pairs: list[Pair] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(candidates, key=lambda c: c[0], reverse=True):
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, p))
    return pairs


def _dates_conflict(gold: AnnotatedEvent, pred: AnnotatedEvent) -> bool:
    """Both events are dated and the dates cannot be the same; an undated side never conflicts."""
    return event_span(gold) is not None and event_span(pred) is not None and not dates_agree(gold, pred)


def _date_bonus(gold: AnnotatedEvent, pred: AnnotatedEvent) -> float:
    """Agreeing dates make a pair preferable to one that is merely not in conflict."""
    return 0.5 if dates_agree(gold, pred) else 0.0


# --- strict scoring: the attributes a user relies on ------------------------------------------

def meeting_is_right(gold: AnnotatedEvent, pred: AnnotatedEvent) -> bool:
    """Strict: the very same set of participant countries, and agreeing dates."""
    return countries(gold.get("participants")) == countries(pred.get("participants")) and dates_agree(gold, pred)


def clash_is_right(gold: AnnotatedEvent, pred: AnnotatedEvent) -> bool:
    """Strict: every gold side that is named is found, and the dates agree."""
    return all_sides_found(gold, pred) and dates_agree(gold, pred)


def figure_is_right(gold: AnnotatedEvent, pred: AnnotatedEvent) -> bool:
    """Strict: the category, and the party's country where gold names one."""
    return gold.get("category") == pred.get("category") and (
        not gold.get("party") or gold.get("party") == pred.get("party"))


# --- candidate pairs per type --------------------------------------------------------------------

def _meeting_score(gold: AnnotatedEvent, pred: AnnotatedEvent) -> float | None:
    """Share of participant countries in common plus the date bonus; None where the pair is out."""
    gold_countries, pred_countries = countries(gold.get("participants")), countries(pred.get("participants"))
    common = gold_countries & pred_countries
    if not common or _dates_conflict(gold, pred):
        return None
    return len(common) / len(gold_countries | pred_countries) + _date_bonus(gold, pred)


def _same_place_country(gold: AnnotatedEvent, pred: AnnotatedEvent) -> bool:
    """The prediction is in the gold place's country, or gold names no country for the place."""
    gold_country = (gold.get("location") or {}).get("country")
    return gold_country is None or gold_country == (pred.get("location") or {}).get("country")


def _clash_score(gold: AnnotatedEvent, pred: AnnotatedEvent) -> float | None:
    """Share of known gold sides found plus the date bonus; None where the pair is out.

    Where gold knows no side (unnamed attackers), the place's country and dated, agreeing
    dates must carry the match instead.
    """
    sides = known_sides(gold)
    if sides:
        hits = sum(side_found(side, pred) for side in sides)
    else:
        hits = int(_same_place_country(gold, pred) and event_span(gold) is not None and dates_agree(gold, pred))
    if not hits or _dates_conflict(gold, pred):
        return None
    return hits / max(1, len(sides)) + _date_bonus(gold, pred)


def _figure_score(gold: AnnotatedEvent, pred: AnnotatedEvent) -> float | None:
    """Same (outcome, count) is required; same category and party make the pair preferable."""
    if gold.get("outcome") != pred.get("outcome") or gold.get("count") != pred.get("count"):
        return None
    return 1 + (gold.get("category") == pred.get("category")) + (gold.get("party") == pred.get("party"))


Scorer = Callable[[AnnotatedEvent, AnnotatedEvent], float | None]
MATCH_RULES: dict[str, tuple[Scorer, Callable[[AnnotatedEvent, AnnotatedEvent], bool]]] = {
    "meeting": (_meeting_score, meeting_is_right),
    "clash": (_clash_score, clash_is_right),
    "casualty_figure": (_figure_score, figure_is_right),
}
"""Per kind: the match score of a pair and the strict test of its key attributes."""


def match(kind: str, gold: Sequence[AnnotatedEvent], pred: Sequence[AnnotatedEvent],
          strict: bool = False) -> list[Pair]:
    """One-to-one pairs of gold and predicted items of `kind` (events, or pooled figures).

    With `strict`, a pair whose key attributes are wrong is no candidate at all, so it counts
    as a miss plus a false alarm.
    """
    pair_score, is_right = MATCH_RULES[kind]
    candidates: list[Candidate] = []
    for g, gold_item in enumerate(gold):
        for p, pred_item in enumerate(pred):
            score = pair_score(gold_item, pred_item)
            if score is None or (strict and not is_right(gold_item, pred_item)):
                continue
            candidates.append((score, g, p))
    return greedy(candidates)


def pool_figures(events: Iterable[AnnotatedEvent]) -> list[dict[str, Any]]:
    """Every figure of every casualty_update, each carrying its event's party country,
    background flag and date (the date only to describe the figure in reports), and its
    confidence where the event has one."""
    pooled: list[dict[str, Any]] = []
    for event in events:
        if event.get("type") != "casualty_update":
            continue
        party = event.get("party")
        party_country = party.get("country") if isinstance(party, Mapping) else None
        for figure in event.get("figures") or []:
            pooled.append({**figure, "party": party_country, "background": bool(event.get("background")),
                           "date": event.get("date"),
                           **({"confidence": event["confidence"]} if "confidence" in event else {})})
    return pooled
