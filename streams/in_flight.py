"""Batches of a stream in flight: the next batch's NLP runs while the last one's results are sent.

faust's `take_events` hands over a batch and acknowledges it once the loop's body returns, so
the body must finish a batch (extract it, send its events, write its tables) before the next
one can start. The NLP children then idle while the event loop sends, and a lone article that
arrives while another is being parsed waits for it even when a child is free.

`in_flight` keeps up to `depth` batches between the take and their acknowledgement: each batch's
`start` (the NLP) begins as soon as it is taken, and `finish` (the sends and table writes) runs
for one batch at a time in the order they were taken. A batch's records are acknowledged only
after its `finish`: each record's message holds one more reference from the take until then
(faust commits an offset once every reference to its message is released), so a crash or a
rebalance in between leaves the batch to be read again, as it would without the overlap, and
faust's wait for unacknowledged messages before a rebalance waits for it too.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from faust.types import EventT, StreamT

R = TypeVar("R")


class _Finisher(Generic[R]):
    """The task that finishes the taken batches in order and releases their records."""

    def __init__(self, stream: StreamT, finish: Callable[[Sequence[EventT], R], Awaitable[None]],
                 depth: int) -> None:
        self.stream = stream
        self.finish = finish
        self.slots = asyncio.Semaphore(depth)
        self.queue: asyncio.Queue[tuple[Sequence[EventT], asyncio.Future[R]]] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            records, started = await self.queue.get()
            await self.finish(records, await started)
            for record in records:
                await self.stream.ack(record)
            self.slots.release()
            self.queue.task_done()


async def in_flight(stream: StreamT, batches: AsyncIterator[Sequence[EventT]],
                    start: Callable[[Sequence[EventT]], Awaitable[R]],
                    finish: Callable[[Sequence[EventT], R], Awaitable[None]], depth: int) -> None:
    """For each batch of `batches` (taken from `stream`): `start(batch)` at once, with at most
    `depth` batches started and not yet finished, then `finish(batch, started)` in order.

    `start` and `finish` guard their own failures (a failure here stops the agent, as it would
    in the body of a `take_events` loop, but leaves the batch unacknowledged).
    """
    finisher: _Finisher[R] = _Finisher(stream, finish, depth)
    task = asyncio.ensure_future(finisher.run())
    taking = asyncio.current_task()
    # A finisher that fails interrupts the take (which may be waiting for records) with its error.
    task.add_done_callback(lambda t: taking.cancel() if not t.cancelled() and t.exception() else None)
    try:
        async for records in batches:
            for record in records:
                record.message.incref()  # released by the finisher once the batch is finished
            await finisher.slots.acquire()
            finisher.queue.put_nowait((records, asyncio.ensure_future(start(records))))
        await finisher.queue.join()  # the batches end (the stream stops): finish those taken
    except asyncio.CancelledError:
        if task.done() and not task.cancelled() and task.exception():
            raise task.exception() from None
        raise
    finally:
        task.cancel()
