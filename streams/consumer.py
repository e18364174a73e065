"""The worker's consumer: a fetch waits at most `fetch_wait_ms` on the broker for new records.

faust-streaming 0.15.3 builds its aiokafka consumer with `fetch_max_wait_ms=1500`, fixed. One
consumer reads every topic of the worker, and aiokafka sends one fetch per broker at a time,
for the partitions that have nothing buffered: a record written to a partition left out of the
fetch in flight (say the accepted articles, while the last batch was still being extracted)
waits until that fetch returns, up to 1.5 s, although the broker had it at once. Measured
with `newsevents bench stream` at 10 articles/s: p50 515 ms and p99 1,567 ms from publication
to the first event, for about 120 ms of work (156 ms and 975 ms with 50 ms fetches, where the
rest is articles queueing for the NLP). A shorter wait bounds that delay at a price when idle:
empty fetches every 50 ms took an idle worker from 6% to 10% of a core, and the broker from
3-4% to 9% (30 s idle, two paired runs). Raise the setting where idle cost matters more.
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
