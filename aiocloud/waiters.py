"""Polling until something becomes true: `wait_for()` (gophercloud's WaitFor).

```python
async def is_active() -> bool:
    return (await servers.get(compute, server_id)).status == "ACTIVE"

await wait_for(is_active, timeout=300, interval=1)
```

Every service's ``wait_for_status``/``wait_for_delete`` is built on
`wait_for_resource()`, with the same defaults: up to
`DEFAULT_TIMEOUT` seconds, polling every second at first, then
less often (x1.5 a poll, at most every 15 s).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

import anyio

from .errors import NotFound, WaitTimeout

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_INTERVAL",
    "DEFAULT_MAX_INTERVAL",
    "DEFAULT_TIMEOUT",
    "wait_for",
    "wait_for_resource",
]

DEFAULT_TIMEOUT = 600.0
"""Seconds a resource waiter waits before raising `WaitTimeout`."""
DEFAULT_INTERVAL = 1.0
"""Seconds between the first polls of a resource waiter."""
DEFAULT_BACKOFF = 1.5
"""How much longer each wait between polls is than the one before."""
DEFAULT_MAX_INTERVAL = 15.0
"""The longest wait between two polls."""


class _HasStatus(Protocol):
    @property
    def status(self) -> str | None: ...


R = TypeVar("R", bound=_HasStatus)


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


async def wait_for_resource(
    fetch: Callable[[], Awaitable[R]],
    *,
    what: str,
    goal: str,
    reached: Callable[[R], bool],
    check: Callable[[R], Awaitable[None]] | None = None,
    gone_is_reached: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> R | None:
    """Poll ``fetch`` until ``reached`` holds for what it returns; returns that.

    ``what`` (``"server 5f1c..."``) and ``goal`` (``"ACTIVE"``, ``"deleted"``)
    name the wait in its timeout error, which also gives the last status seen.
    ``check`` raises `ResourceError` on a failure state;
    with ``gone_is_reached`` a 404 ends the wait (returning None).
    """
    last: R | None = None

    async def poll() -> bool:
        nonlocal last
        try:
            last = await fetch()
        except NotFound:
            if gone_is_reached:
                last = None
                return True
            raise
        if reached(last):
            return True
        if check is not None:
            await check(last)
        return False

    try:
        await wait_for(poll, timeout, interval, backoff=backoff, max_interval=max_interval)
    except WaitTimeout:
        seen = f"last status {last.status!r}" if last is not None else "never fetched"
        raise WaitTimeout(f"{what} did not reach {goal} within {timeout:g} s ({seen})") from None
    return last
