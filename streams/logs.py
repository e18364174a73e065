"""Logging set-up: every line on standard output is one JSON object.

Call `configure()` once per process; modules then use `structlog.get_logger()` and pass the
article and event ids as keys, so a line can be found by either id. faust, mode and aiokafka
log through the standard library: their records go through the same structlog processors
(`ProcessorFormatter`) and the one handler on stdout, so a log shipper never meets a line of
another format, and the handler's lock keeps lines from several threads whole.
"""
from __future__ import annotations

import logging
import sys

import structlog

#: Applied to our own events and to the standard library's records alike.
_SHARED: list[structlog.types.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure(level: str = "info") -> None:
    """JSON lines on stdout at `level` for structlog and the standard library's loggers."""
    number = logging.getLevelName(level.upper())
    structlog.configure(
        processors=[*_SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        wrapper_class=structlog.make_filtering_bound_logger(number),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_SHARED,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    ))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(number)
    logging.captureWarnings(True)  # warnings become log records too, not stderr text
