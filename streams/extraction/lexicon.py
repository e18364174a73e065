"""The one lexicon: every trigger vocabulary of the extractor, loaded once from package data.

The finders (meetings, clashes, casualties, actors) read their words from here and nowhere
else, and the cue filter that decides which paragraphs get parsed is built from the same
trigger words, so a word a finder triggers on can never be filtered out before parsing.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

#: The sections whose words make a paragraph worth parsing.
_CUE_SECTIONS = (
    ("meeting", "nouns"), ("meeting", "verbs"), ("meeting", "visit_verbs"),
    ("meeting", "travel_verbs"), ("meeting", "joint_nouns"), ("meeting", "call_verbs"), ("meeting", "talk_verbs"),
    ("meeting", "sign_verbs"), ("meeting", "call_words"), ("clash", "triggers"),
    ("clash", "weapons"), ("clash", "assault_verbs"), ("actors", "armed_groups"),
    ("casualty", "loss_verbs"),
)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("streams.extraction").joinpath("data/lexicon.json").read_text("utf-8")
    return json.loads(text)


def words(section: str, name: str) -> frozenset[str]:
    """One vocabulary, e.g. `words("meeting", "nouns")`."""
    return frozenset(_data()[section][name])


def outcome_words() -> dict[str, str]:
    """Word -> casualty outcome value ("killed", "wounded", ...)."""
    return {w: outcome for outcome, ws in _data()["casualty"]["outcomes"].items() for w in ws}


def person_words() -> dict[str, frozenset[str]]:
    """Casualty category value ("military", "civilian", "unknown") -> the nouns for it."""
    return {cat: frozenset(ws) for cat, ws in _data()["casualty"]["persons"].items()}


def cue_words() -> frozenset[str]:
    """Every trigger word, with its irregular forms ("meet" -> "met")."""
    out: set[str] = set(outcome_words())
    for section, name in _CUE_SECTIONS:
        out |= words(section, name)
    forms = _data()["forms"]
    for word in list(out):
        out.update(forms.get(word, ()))
    return frozenset(out)


def _stem(word: str) -> str:
    """The part of a word its regular inflections share: "injure" -> "injur" ("injured",
    "injuries"), "casualty" -> "casualt", "attack" -> "attack"."""
    return word[:-1] if len(word) >= 4 and word[-1] in "ey" else word


@cache
def cue_pattern() -> re.Pattern[str]:
    """A regex that finds any trigger word, or an inflection of it, in raw text."""
    stems = sorted({re.escape(_stem(w)).replace(r"\-", "[- ]?") for w in cue_words()},
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(stems) + ")", re.I)


def has(tok: Token, vocabulary: frozenset[str]) -> bool:
    """Whether a token's lemma or lower-cased form is in a vocabulary."""
    return tok.lower_ in vocabulary or tok.lemma_.lower() in vocabulary
