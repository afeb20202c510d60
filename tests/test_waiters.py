"""wait_for: polls until true, raises WaitTimeout, lets errors through."""

from __future__ import annotations

import pytest

from aiocloud import errors, wait_for


async def test_returns_when_the_predicate_holds() -> None:
    calls = 0

    async def ready() -> bool:
        nonlocal calls
        calls += 1
        return calls == 3

    await wait_for(ready, timeout=5, interval=0.001)
    assert calls == 3


async def test_times_out() -> None:
    async def never() -> bool:
        return False

    with pytest.raises(errors.WaitTimeout):
        await wait_for(never, timeout=0.05, interval=0.01)


async def test_predicate_errors_propagate() -> None:
    async def broken() -> bool:
        raise errors.ResourceError("server went to ERROR", status="ERROR")

    with pytest.raises(errors.ResourceError):
        await wait_for(broken, timeout=1)


async def test_rejects_bad_timeout() -> None:
    async def ready() -> bool:
        return True

    with pytest.raises(ValueError, match="timeout"):
        await wait_for(ready, timeout=0)
