"""spaCy model loading and the choice of what text is worth parsing.

The model is loaded once per process (it takes about a second). Parsing is the expensive step,
so the engine parses only paragraphs that contain a trigger word of the lexicon; the rest of an
article (quotes, background on trade figures, boilerplate) is never sent through the pipeline.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from streams.extraction import lexicon

#: Upper bound of text handed to the parser per paragraph; longer runs are cut into pieces.
MAX_CHUNK = 5000


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """The spaCy pipeline, loaded once per process and model name."""
    return spacy.load(model)


def chunks(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph worth parsing, cut to at most `MAX_CHUNK` characters.

    Paragraphs are separated by blank lines; a paragraph without any cue word is skipped.
    """
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", body):
        text = m.group(0)
        if not text.strip() or not lexicon.cue_pattern().search(text):
            continue
        start = m.start()
        while len(text) > MAX_CHUNK:
            cut = text.rfind(". ", 0, MAX_CHUNK)
            cut = cut + 2 if cut > MAX_CHUNK // 2 else MAX_CHUNK
            out.append((start, text[:cut]))
            start, text = start + cut, text[cut:]
        out.append((start, text))
    return out
