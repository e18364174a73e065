"""Keep records that faust already delivered when its recovery resumes a flow that is running.

faust's streams read from queues managed by `app.flow_control` (mode's `FlowControlEvent`),
whose `resume()` always empties every queue: after a rebalance that drops records fetched for
the previous assignment. But faust-streaming 0.15.3's table recovery calls `resume()` a second
time while the flow is already running: when a changelog had to be replayed it resumes the flow
to read it, then resumes the stream partitions and awaits the seek to the committed offsets, and
the fetcher delivers stream records into the queues during that await; the final `resume()`
then empties the queues. Those records are never processed, their offsets are never committed,
and the consumer's position has moved past them: the worker silently stops at them until it is
restarted. This was measured with a worker killed by SIGKILL mid-stream and restarted (the
crash test in tests/integration/test_scaling.py): 10 to 700 of 747 article-event links lost.

The records queued while the flow is running were fetched for the current assignment and
generation, so a `resume()` of a running flow keeps them; a real resume after a suspension
still empties the queues as before.
"""
from __future__ import annotations

from typing import Any

import faust
import structlog
from faust.types import ProducerT, TransportT
from mode.utils.objects import cached_property
from mode.utils.queues import FlowControlEvent

from streams.consumer import ShortFetchTransport
from streams.producer import DurableProducer

log = structlog.get_logger("newsevents.flow_control")


class KeepQueuesWhileRunning(FlowControlEvent):
    """`resume()` of a running flow leaves the queues alone; after a suspension it empties them."""

    def resume(self) -> None:
        if self.is_active():
            log.info("flow_resume_kept_queues", queued=sum(queue.qsize() for queue in self._queues))
            return
        super().resume()


class App(faust.App):
    """faust's App with the flow control above, a durable producer (streams.producer) and a
    consumer whose fetches wait at most `fetch_wait_ms` (streams.consumer)."""

    def __init__(self, *args: Any, fetch_wait_ms: int = 1500, **kwargs: Any) -> None:
        self.fetch_wait_ms = fetch_wait_ms
        super().__init__(*args, **kwargs)

    def _new_transport(self) -> TransportT:
        return ShortFetchTransport(self.conf.broker_consumer, self)

    def _new_producer(self) -> ProducerT:
        return DurableProducer(self.transport, loop=self.loop, beacon=self.beacon)

    @cached_property
    def flow_control(self) -> FlowControlEvent:
        return KeepQueuesWhileRunning(loop=self.loop)
