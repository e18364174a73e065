"""Attribute checks on matched pairs: how often a matched event also has its details right.

Each check yields (attribute name, correct?); a check is skipped where gold leaves the
attribute unknown, so a null in gold never counts against a prediction.
"""
from __future__ import annotations

from collections.abc import Iterator

from streams.evaluation.actors import all_sides_found, countries, person_matches
from streams.evaluation.annotations import AnnotatedEvent
from streams.evaluation.dates import dates_agree

Check = tuple[str, bool]


def _common_checks(gold: AnnotatedEvent, pred: AnnotatedEvent) -> Iterator[Check]:
    """Date, place country and background flag: shared by meetings and clashes."""
    yield "date", dates_agree(gold, pred)
    gold_country = (gold.get("location") or {}).get("country")
    if gold_country:
        yield "location.country", gold_country == (pred.get("location") or {}).get("country")
    yield "background", bool(gold.get("background")) == bool(pred.get("background"))


def meeting_checks(gold: AnnotatedEvent, pred: AnnotatedEvent) -> Iterator[Check]:
    """Common checks, the participant country set, and each named gold participant."""
    yield from _common_checks(gold, pred)
    yield "participants.countries", countries(gold.get("participants")) == countries(pred.get("participants"))
    pred_participants = pred.get("participants") or []
    for participant in gold.get("participants") or []:
        if participant.get("name"):
            yield "participants.names", any(person_matches(participant["name"], p.get("name"))
                                            for p in pred_participants)


def clash_checks(gold: AnnotatedEvent, pred: AnnotatedEvent) -> Iterator[Check]:
    """Common checks, all sides found, and the fatality count where gold ties one to the clash."""
    yield from _common_checks(gold, pred)
    yield "sides", all_sides_found(gold, pred)
    gold_fatalities, pred_fatalities = gold.get("fatalities"), pred.get("fatalities")
    if gold_fatalities:
        yield "fatalities", bool(pred_fatalities) and pred_fatalities.get("count") == gold_fatalities.get("count")


def figure_checks(gold: AnnotatedEvent, pred: AnnotatedEvent) -> Iterator[Check]:
    """Category, qualifier, and the party's country where gold names one."""
    yield "category", gold.get("category") == pred.get("category")
    yield "qualifier", gold.get("qualifier") == pred.get("qualifier")
    if gold.get("party"):
        yield "party", gold.get("party") == pred.get("party")


CHECKS = {"meeting": meeting_checks, "clash": clash_checks, "casualty_figure": figure_checks}
"""Attribute checks per kind of scored item."""
