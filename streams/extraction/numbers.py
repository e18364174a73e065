"""Counts in prose: digits ("293", "1,200", "70,000") and words ("three", "twenty-five").

A figure also carries how exact the writer says it is: "at least"/"more than" give `at_least`
with the stated number (never number + 1), "up to"/"at most" `at_most`, "about"/"nearly"
`about`. Vague amounts ("dozens", "hundreds", "several") are not numbers and yield None.
"""
from __future__ import annotations

import re

from schemas import Qualifier

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 10 * i for i, w in enumerate(_TENS) if w})
WORD_VALUES.update({"a": 1, "an": 1, "single": 1, "lone": 1})

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at least|more than|over|upwards of|in excess of|no fewer than|no less than|at minimum|"
     r"above|beyond|surpass(?:ed|es|ing)?|exceed(?:ed|s|ing)?|topp(?:ed|ing)|passed",
     Qualifier.AT_LEAST),
    (r"up to|at most|as many as|no more than|fewer than|less than|under", Qualifier.AT_MOST),
    (r"about|around|nearly|almost|some|approximately|roughly|close to|an estimated|estimated|"
     r"more or less|circa|approx\.?", Qualifier.ABOUT),
]
QUALIFIER_RE = re.compile(
    r"(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS)) + r")\s*$",
    re.I)


def parse_number(text: str) -> int | None:
    """The integer a digit string or number words state; None for vague or non-numbers.

    "1,200" -> 1200, "twenty-five" -> 25, "3 million" -> 3000000, "dozens" -> None.
    """
    t = text.strip().lower().replace("\u2013", "-")
    if not t:
        return None
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(hundred|thousand|million))?", t)
    if m:
        value = int(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    total, current = 0, 0
    words = re.split(r"[\s-]+", t.replace(" and ", " "))
    if not words or any(w not in WORD_VALUES and w not in _SCALES for w in words):
        return None
    if words[0] in _SCALES:
        return None
    for w in words:
        if w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            current += WORD_VALUES[w]
    return total + current


def qualifier_before(prefix: str) -> Qualifier:
    """The qualifier that ends `prefix` (the text just before a number), else exact."""
    m = QUALIFIER_RE.search(prefix)
    if not m:
        return Qualifier.EXACT
    for i, (_, qualifier) in enumerate(_QUALIFIERS):
        if m.group(f"q{i}"):
            return qualifier
    return Qualifier.EXACT
