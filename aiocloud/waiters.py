"""Polling until something becomes true: :func:`wait_for` (gophercloud's WaitFor).

async def is_active() -> bool:
    return (await servers.get(compute, server_id)).status == "ACTIVE"

await wait_for(is_active, timeout=300, interval=1)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio

from .errors import WaitTimeout

__all__ = ["wait_for"]


async def wait_for(
    predicate: Callable[[], Awaitable[bool]],
    timeout: float,
    interval: float = 1.0,
    *,
    backoff: float = 1.0,
    max_interval: float = 30.0,
) -> None:
    """Await ``predicate`` until it returns True; raise WaitTimeout after ``timeout`` s.

    Between calls it sleeps ``interval`` seconds, multiplied by ``backoff`` after
    each call (capped at ``max_interval``). An exception from the predicate ends
    the wait and propagates: that is how a waiter reports a failure state.
    """
    if timeout <= 0:
        raise ValueError("timeout must be > 0")
    delay = interval
    with anyio.move_on_after(timeout) as scope:
        while not await predicate():
            await anyio.sleep(delay)
            delay = min(max_interval, delay * backoff)
        return
    if scope.cancelled_caught:
        raise WaitTimeout(f"the condition was not met within {timeout:g} s")
