"""The worker's consumer waits at most `fetch_wait_ms` per fetch, where faust fixes 1,500 ms."""
from __future__ import annotations

from helpers import NoEvents, run_async

from streams.app import create_app
from streams.settings import Settings


def test_the_consumer_fetches_wait_as_long_as_the_setting() -> None:
    app = create_app(Settings(fetch_wait_ms=70), extractor=NoEvents())
    thread = app.consumer._thread  # faust's consumer thread, which builds the aiokafka consumer

    async def build() -> int:  # aiokafka builds its consumer in a running loop; it connects only at start
        return thread._create_worker_consumer(app.transport)._fetch_max_wait_ms
    assert run_async(build()) == 70
    assert Settings().fetch_wait_ms < 1500
