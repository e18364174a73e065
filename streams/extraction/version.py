"""Which rules made an event; receipts and event records carry it.

A module of its own, importing nothing, so that a worker whose NLP runs in a child process
(streams.extractor_process) names the version without loading spaCy into its own memory.
"""

EXTRACTOR_VERSION = "rules-0.3.0"
