"""The lexicon and the cue filter cannot drift apart: every trigger word gets its paragraph
parsed, in its base form and its regular inflections."""
from __future__ import annotations

import pytest

from streams.extraction import lexicon
from streams.extraction.nlp import chunks


def _inflections(word: str) -> list[str]:
    """The word, its plural or third person, past and gerund, as English spells them."""
    if word.endswith("ie"):
        return [word, word + "s", word + "d", word[:-2] + "ying"]
    if word.endswith("e"):
        return [word, word + "s", word + "d", word[:-1] + "ing"]
    if word.endswith("y") and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    return [word, word + "s", word + "ed", word + "ing"]


@pytest.mark.parametrize("word", sorted(lexicon.cue_words()))
def test_every_trigger_word_passes_the_cue_filter(word: str) -> None:
    for form in _inflections(word) if " " not in word else [word]:
        body = f"Officials said on Monday that it {form} near the town."
        assert chunks(body) == [(0, body)], form


def test_a_paragraph_without_trigger_words_is_not_parsed() -> None:
    body = "Exports of tea rose by a tenth.\n\nThe central bank kept its rate unchanged."
    assert chunks(body) == []


def test_words_reported_missing_from_the_old_filter_pass() -> None:
    for word in ("encountered", "perished", "negotiations", "insurgents"):
        assert chunks(f"They {word} there.")


def test_vocabularies_are_lower_case_and_known() -> None:
    assert "meet" in lexicon.words("meeting", "verbs")
    assert lexicon.outcome_words()["perish"] == "killed"
    for category, nouns in lexicon.person_words().items():
        assert category in ("military", "civilian", "unknown")
        assert all(n == n.lower() for n in nouns)
