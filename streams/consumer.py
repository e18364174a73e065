"""The worker's consumer: a fetch waits at most `fetch_wait_ms` on the broker for new records.

faust-streaming 0.15.3 builds its aiokafka consumer with `fetch_max_wait_ms=1500`, fixed. One
consumer reads every topic of the worker, and aiokafka sends one fetch per broker at a time,
for the partitions that have nothing buffered: a record written to a partition left out of the
fetch in flight (say the accepted articles, while the last batch was still being extracted)
waits until that fetch returns, up to 1.5 s, although the broker had it at once. Measured
with `newsevents bench stream` at 10 articles/s: p50 515 ms and p99 1,567 ms from publication
to the first event, for about 120 ms of work. A shorter wait bounds that delay; an idle worker
then sends a few more empty fetches a second, which costs the broker next to nothing.
"""
from __future__ import annotations

from typing import Any, ClassVar

import aiokafka
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from faust.transport.drivers.aiokafka import Consumer as FaustConsumer
from faust.transport.drivers.aiokafka import Transport as FaustTransport


class ShortFetchConsumerThread(AIOKafkaConsumerThread):
    """faust's consumer thread, whose aiokafka consumer waits `app.fetch_wait_ms` per fetch."""

    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka keeps the constructor's argument here until start() builds its fetcher.
        consumer._fetch_max_wait_ms = self.app.fetch_wait_ms
        return consumer


class ShortFetchConsumer(FaustConsumer):
    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return ShortFetchConsumerThread(self, loop=self.loop, beacon=self.beacon)


class ShortFetchTransport(FaustTransport):
    """The aiokafka transport with the consumer above."""

    Consumer: ClassVar[type] = ShortFetchConsumer
