"""Text -> events: the extraction engine. Pure Python: never imports faust or aiokafka.

Public API (used by the stream agents, the CLI's `extract`/`eval` and the benchmark):

    extractor = Extractor()                      # loads spaCy once; model is a setting
    events = extractor.extract(article)          # list[schemas.Event]
    batches = extractor.extract_batch(articles)  # list[list[Event]], runs nlp.pipe once
"""
from typing import TYPE_CHECKING, Any

from streams.extraction.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from streams.extraction.extractor import Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]


def __getattr__(name: str) -> Any:
    """`Extractor` is imported on first use: importing it loads spaCy (about 70 MB), which a
    worker whose NLP runs in a child process never needs in its own memory."""
    if name == "Extractor":
        from streams.extraction.extractor import Extractor

        return Extractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
