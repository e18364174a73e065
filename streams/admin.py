"""Kafka admin requests that outlive a dead broker among live ones.

aiokafka's admin client sends a metadata request (`list_topics`, `describe_cluster`) to a
random broker of its metadata, and `create_topics` to the controller its metadata names (in
KRaft, a random broker too). A broker that died stays in the cluster's metadata until its
session times out (9 s by default), so a request may go to it and fail with NodeNotReadyError
although the other brokers answer. `admin_call` retries such failures until a deadline longer
than that session timeout, each try picking a node anew. Metadata is not refreshed between
tries: the admin client has no public way to ask for it (only its private
`_client.force_metadata_update()`), aiokafka already refreshes it itself when a connection
fails, and until the session times out the refreshed metadata lists the dead broker still.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

T = TypeVar("T")

#: Seconds of retries: longer than a KRaft broker's session timeout (broker.session.timeout.ms, 9 s).
DEADLINE = 30.0
#: Seconds one try may take (the client's request timeout): `create_topics` waits this long for
#: the controller it picked, a dead one maybe, before the next try picks anew.
TRY_TIMEOUT = 5.0
#: Seconds between two tries.
BACKOFF = 0.2


def _retriable(error: Exception) -> bool:
    # TimeoutError: `create_topics` waits up to the request timeout for the controller it
    # picked to be reachable, then gives up with a bare timeout.
    return isinstance(error, TimeoutError) or (isinstance(error, KafkaError) and error.retriable)


async def admin_call(bootstrap: str, call: Callable[[AIOKafkaAdminClient], Awaitable[T]], *,
                     deadline: float = DEADLINE) -> T:
    """`call(admin)` with an admin client of `bootstrap`, tried again on a retriable error
    (NodeNotReadyError, KafkaConnectionError, RequestTimedOutError, ...) until `deadline`
    seconds have passed; `call` must be safe to repeat. Bootstrapping is not retried: it tries
    every host of `bootstrap` already, and when none answers there is no broker to wait for."""
    timeout_ms = int(min(TRY_TIMEOUT, deadline) * 1000)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms)
    loop = asyncio.get_running_loop()
    give_up = loop.time() + deadline
    try:
        await admin.start()
        while True:
            try:
                return await call(admin)
            except Exception as error:
                if not _retriable(error) or loop.time() + BACKOFF > give_up:
                    raise
            await asyncio.sleep(BACKOFF)
    finally:
        await admin.close()
