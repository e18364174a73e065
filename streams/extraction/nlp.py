"""spaCy model loading and the choice of what text is worth parsing.

The model is loaded once per process (it takes about a second). Parsing is the expensive step,
so the engine parses only paragraphs that contain a trigger word of the lexicon; the rest of an
article (quotes, background on trade figures, boilerplate) is never sent through the pipeline.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from streams.extraction import lexicon

if TYPE_CHECKING:  # the worker cuts articles into paragraphs without loading spaCy
    from spacy.language import Language

#: Upper bound of text handed to the parser per paragraph; longer runs are cut into pieces.
MAX_CHUNK = 5000
#: Paragraphs per `nlp.pipe` step. The model's own 1,000 put a whole batch of articles through
#: each component at once: 50 to 70 MB more at the peak than 32, for about 9% less CPU.
PIPE_BATCH = 32


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """The spaCy pipeline, loaded once per process and model name."""
    import spacy

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


def pieces(bodies: Sequence[str]) -> list[tuple[int, int, str]]:
    """(index of the body, offset, text) of every paragraph worth parsing, in order."""
    return [(i, off, text) for i, body in enumerate(bodies) for off, text in chunks(body)]
