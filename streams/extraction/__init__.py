"""Text -> events: the extraction engine. Pure Python: never imports faust or aiokafka.

Public API (used by the stream agents, the CLI's `extract`/`eval` and the benchmark):

    extractor = Extractor()                      # loads spaCy once; model is a setting
    events = extractor.extract(article)          # list[schemas.Event]
    batches = extractor.extract_batch(articles)  # list[list[Event]], runs nlp.pipe once
"""
from streams.extraction.extractor import EXTRACTOR_VERSION, Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]
