"""The flow control that keeps queued records when a running flow is resumed again."""
from __future__ import annotations

from mode.utils.queues import FlowControlQueue

from helpers import NoEvents, run_async
from streams.flow_control import KeepQueuesWhileRunning


def _queue(flow: KeepQueuesWhileRunning) -> FlowControlQueue:
    return FlowControlQueue(flow_control=flow, clear_on_resume=True)


def test_resuming_a_running_flow_keeps_the_queued_records() -> None:
    async def scenario() -> list[int]:
        flow = KeepQueuesWhileRunning()
        queue = _queue(flow)
        flow.resume()
        for record in (1, 2, 3):
            await queue.put(record)
        flow.resume()  # what faust's recovery does after seeking, with the flow already running
        return [queue.get_nowait() for _ in range(queue.qsize())]

    assert run_async(scenario()) == [1, 2, 3]


def test_resuming_after_a_suspension_still_drops_what_was_queued_before() -> None:
    async def scenario() -> int:
        flow = KeepQueuesWhileRunning()
        queue = _queue(flow)
        flow.resume()
        await queue.put(1)
        flow.suspend()  # a rebalance: what was fetched for the old assignment is stale
        flow.resume()
        return queue.qsize()

    assert run_async(scenario()) == 0


def test_the_app_uses_it() -> None:
    from streams.app import create_app
    from streams.settings import Settings


    app = create_app(Settings(), extractor=NoEvents())
    assert isinstance(app.flow_control, KeepQueuesWhileRunning)
