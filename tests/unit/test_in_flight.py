"""Batches in flight: the next batch starts while the last one finishes, batches finish in the
order they were taken, a record is acknowledged only after its batch finished, and a failure
leaves its batch unacknowledged. Records carry faust's own `Message`, whose references decide
when faust may commit an offset."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import pytest
from faust.types.tuples import Message

from helpers import run_async
from streams.in_flight import in_flight


@dataclass
class Record:
    key: str
    message: Message


def record(key: str, offset: int) -> Record:
    message = Message("accepted", 0, offset, 0.0, 0, {}, key.encode(), b"{}", None)
    message.incref()  # the reference faust's conductor takes when it delivers the message
    return Record(key, message)


class Stream:
    """A stream's acknowledgement as faust's: the offset is done once the last reference goes."""

    def __init__(self) -> None:
        self.done: list[str] = []

    async def ack(self, rec: Record) -> None:
        if rec.message.ack(consumer=None):
            self.done.append(rec.key)


async def take(stream: Stream, batches: Sequence[Sequence[Record]]) -> AsyncIterator[Sequence[Record]]:
    """Batches as faust's take_events hands them over: acknowledged once the body returns."""
    for batch in batches:
        yield batch
        for rec in batch:
            await stream.ack(rec)


def batches_of(*keys: str) -> list[list[Record]]:
    offsets = iter(range(100))
    return [[record(k, next(offsets)) for k in key.split()] for key in keys]


def test_the_next_batch_starts_before_the_last_finishes_and_they_finish_in_order() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        stream, log = Stream(), []
        first_may_end = asyncio.Event()

        async def start(batch: Sequence[Record]) -> str:
            name = " ".join(r.key for r in batch)
            log.append(f"start {name}")
            if name == "c":  # the second batch is parsed first
                first_may_end.set()
            else:
                await first_may_end.wait()
            return name.upper()

        async def finish(batch: Sequence[Record], started: str) -> None:
            log.append(f"finish {started}, done {stream.done}")

        await in_flight(stream, take(stream, batches_of("a b", "c")), start, finish, depth=2)
        return log, stream.done

    log, done = run_async(scenario())
    assert log == ["start a b", "start c", "finish A B, done []", "finish C, done ['a', 'b']"]
    assert done == ["a", "b", "c"]


def test_no_more_than_depth_batches_are_started_and_not_finished() -> None:
    async def scenario() -> list[int]:
        stream, busy, seen = Stream(), [0], []

        async def start(batch: Sequence[Record]) -> None:
            busy[0] += 1
            seen.append(busy[0])
            await asyncio.sleep(0.01)

        async def finish(batch: Sequence[Record], _: None) -> None:
            busy[0] -= 1

        await in_flight(stream, take(stream, batches_of(*"abcdefg")), start, finish, depth=3)
        assert stream.done == list("abcdefg")
        return seen

    seen = run_async(scenario())
    assert max(seen) == 3


def test_a_failed_finish_stops_the_take_with_its_error_and_leaves_its_batch_unacknowledged() -> None:
    batches = batches_of("a", "b", "c")

    async def scenario() -> list[str]:
        stream = Stream()

        async def start(batch: Sequence[Record]) -> str:
            return batch[0].key

        async def finish(batch: Sequence[Record], key: str) -> None:
            if key == "b":
                raise OSError("broker gone")

        with pytest.raises(OSError, match="broker gone"):
            await in_flight(stream, take(stream, batches), start, finish, depth=2)
        return stream.done

    assert run_async(scenario()) == ["a"]
    assert not batches[1][0].message.acked  # read again after a restart, never committed past
