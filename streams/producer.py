"""The producer of the worker: every send waits for all in-sync replicas, and is idempotent.

faust-streaming 0.15.3 turns on `enable_idempotence` only inside its transactions
(exactly_once), and its `producer_acks` setting alone leaves a retried send able to write a
record twice. On a replicated cluster a broker lost mid-stream makes the producer retry, so the
worker's producer always asks for both: `acks=all` (the record is on every in-sync replica
before it counts as sent; with the topics' `min.insync.replicas` = 2 of 3 it survives the loss
of one broker) and idempotence (a retry never duplicates or reorders a record).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faust.transport.drivers.aiokafka import Producer

DURABLE = {"acks": "all", "enable_idempotence": True}


class DurableProducer(Producer):
    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), **DURABLE}
