"""Uploads of async iterators over real sockets, on every backend: cancellation,
the caller's own errors, and streams that do not match ``content_length``.

The server reads uploads slowly: the transport is still sending when the
caller gives up.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import anyio
import anyio.lowlevel
import pytest
import trio
from aiohttp import web

from aiocloud import ProviderClient, Retry, errors
from aiocloud.openstack.objectstorage.v1 import bulk, objects
from aiocloud.provider import HttpBackend
from aiocloud.service import ServiceClient
from tests.helpers import BACKENDS, Backend, WebServer, run_on

BLOCK = b"z" * 65536


class SlowSwift(WebServer):
    """A Swift object server that reads uploads slowly."""

    def __init__(self) -> None:
        app = web.Application(client_max_size=1 << 30)
        app.router.add_put("/v1/AUTH_t/c/{name}", self._put)
        app.router.add_put("/v1/AUTH_t/{container}", self._extract)
        super().__init__(app)
        self.stored: dict[str, bytes] = {}

    async def _put(self, request: web.Request) -> web.Response:
        received = bytearray()
        async for chunk in request.content.iter_chunked(65536):
            received += chunk
            await asyncio.sleep(0.01)
        if request.content_length is not None and len(received) != request.content_length:
            return web.Response(status=499)
        self.stored[request.match_info["name"]] = bytes(received)
        return web.Response(status=201, headers={"Etag": hashlib.md5(received).hexdigest()})

    async def _extract(self, request: web.Request) -> web.Response:
        """Bulk middleware's answer to ``?extract-archive=``, once the archive is read."""
        size = 0
        async for chunk in request.content.iter_chunked(65536):
            size += len(chunk)
            await asyncio.sleep(0.01)
        report = {"Number Files Created": 1, "Response Status": "201 Created", "Errors": []}
        return web.json_response(report, headers={"X-Archive-Size": str(size)})


@pytest.fixture(scope="module")
def server() -> Iterator[SlowSwift]:
    with SlowSwift() as swift:
        yield swift


async def _endless() -> AsyncIterator[bytes]:
    while True:
        await anyio.sleep(0.02)  # mostly waiting here: where a cancellation finds the writer
        yield BLOCK


async def _failing() -> AsyncIterator[bytes]:
    for _ in range(20):
        await anyio.sleep(0.001)
        yield BLOCK
    raise ValueError("the source broke")


async def _blocks(count: int) -> AsyncIterator[bytes]:
    for _ in range(count):
        await anyio.lowlevel.checkpoint()
        yield BLOCK


async def _usable(client: ServiceClient, server: SlowSwift) -> None:
    await objects.create(client, "c", "after", b"still works")
    assert server.stored["after"] == b"still works"


def _run(
    backend: Backend, server: SlowSwift, test: Callable[[ServiceClient], Awaitable[None]]
) -> None:
    """Run ``test`` with a ServiceClient on ``backend``: aiohttp, httpx or trio."""

    async def main(http_backend: HttpBackend) -> None:
        async with ProviderClient(http_backend=http_backend) as provider:
            client = ServiceClient(provider, f"{server.url}/v1/AUTH_t")
            await test(client)
            await _usable(client, server)

    run_on(backend, main)


async def _cancel_task(client: ServiceClient) -> None:
    task = asyncio.ensure_future(objects.create(client, "c", "o", _endless()))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def _asyncio_timeout(client: ServiceClient) -> None:
    if sys.version_info < (3, 11):
        pytest.skip("asyncio.timeout is new in Python 3.11")
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.2):
            await objects.create(client, "c", "o", _endless())


async def _wait_for(client: ServiceClient) -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(objects.create(client, "c", "o", _endless()), 0.2)


async def _fail_after(client: ServiceClient) -> None:
    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.2):
            await objects.create(client, "c", "o", _endless())


async def _task_group(client: ServiceClient) -> None:
    async def upload() -> None:
        await objects.create(client, "c", "o", _endless())

    async with anyio.create_task_group() as group:
        group.start_soon(upload)
        await anyio.sleep(0.2)
        group.cancel_scope.cancel()


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
@pytest.mark.parametrize(
    "cancel", [_cancel_task, _asyncio_timeout, _wait_for, _fail_after, _task_group]
)
def test_cancelling_a_streamed_upload_propagates_and_leaves_the_client_usable(
    server: SlowSwift, backend: Backend, cancel: Callable[[ServiceClient], Awaitable[None]]
) -> None:
    _run(backend, server, cancel)
    assert "o" not in server.stored


@pytest.mark.parametrize("how", ["fail_after", "nursery"])
def test_cancelling_a_streamed_upload_under_trio(server: SlowSwift, how: str) -> None:
    async def cancel(client: ServiceClient) -> None:
        if how == "fail_after":
            with pytest.raises(TimeoutError), anyio.fail_after(0.2):
                await objects.create(client, "c", "o", _endless())
            return
        async with trio.open_nursery() as nursery:
            nursery.start_soon(objects.create, client, "c", "o", _endless())
            await trio.sleep(0.2)
            nursery.cancel_scope.cancel()

    _run("trio", server, cancel)
    assert "o" not in server.stored


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_error_of_the_source_stream_reaches_the_caller(
    server: SlowSwift, backend: Backend
) -> None:
    async def upload(client: ServiceClient) -> None:
        with pytest.raises(ValueError, match="the source broke"):
            await objects.create(client, "c", "broken", _failing())

    _run(backend, server, upload)
    assert "broken" not in server.stored


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_stream_shorter_than_content_length_fails_at_once(
    server: SlowSwift, backend: Backend
) -> None:
    async def upload(client: ServiceClient) -> None:
        opts = objects.CreateOpts(content_length=10 * len(BLOCK))
        with anyio.fail_after(5), pytest.raises(errors.InvalidOptions) as caught:
            await objects.create(client, "c", "short", _blocks(4), opts)
        assert caught.value.field == "content_length"
        assert "ended after 262144 of 655360 bytes" in str(caught.value)

    _run(backend, server, upload)
    assert "short" not in server.stored


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("declared", [4 * len(BLOCK), 4 * len(BLOCK) - 1000])
def test_a_stream_longer_than_content_length_stores_nothing(
    server: SlowSwift, backend: Backend, declared: int
) -> None:
    async def upload(client: ServiceClient) -> None:
        opts = objects.CreateOpts(content_length=declared)
        with anyio.fail_after(5), pytest.raises(errors.InvalidOptions) as caught:
            await objects.create(client, "c", "long", _blocks(5), opts)
        assert caught.value.field == "content_length"
        assert f"more than {declared} bytes" in str(caught.value)

    _run(backend, server, upload)
    assert "long" not in server.stored


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_stream_of_the_declared_length_is_stored(server: SlowSwift, backend: Backend) -> None:
    async def upload(client: ServiceClient) -> None:
        opts = objects.CreateOpts(content_length=4 * len(BLOCK))
        result = await objects.create(client, "c", "exact", _blocks(4), opts)
        assert result.size == 4 * len(BLOCK)

    _run(backend, server, upload)
    assert server.stored["exact"] == BLOCK * 4


@pytest.mark.parametrize("backend", ["httpx", "trio"])
def test_a_streamed_upload_may_take_longer_than_the_retry_budget(
    server: SlowSwift, backend: Backend
) -> None:
    """The budget bounds retries, waits and each read, not the time a big upload needs.

    (aiohttp's read timeout runs while the body is written, so there an upload
    must end within the read timeout: not tested here.)
    """

    async def main(http_backend: HttpBackend) -> None:
        async with ProviderClient(http_backend=http_backend, retry=Retry(budget=2.0)) as provider:
            client = ServiceClient(provider, f"{server.url}/v1/AUTH_t")
            await objects.create(client, "c", "big", _blocks(300))

    run_on(backend, main)
    assert len(server.stored["big"]) == 300 * len(BLOCK)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_streamed_archive_can_be_cancelled_and_its_source_errors_reach_the_caller(
    server: SlowSwift, backend: Backend
) -> None:
    async def test(client: ServiceClient) -> None:
        with pytest.raises(TimeoutError):
            with anyio.fail_after(0.2):
                await bulk.extract_archive(client, _endless(), container="c")
        with pytest.raises(ValueError, match="the source broke"):
            await bulk.extract_archive(client, _failing(), container="c")
        result = await bulk.extract_archive(client, _blocks(3), container="c")
        assert (result.created, result.ok) == (1, True)

    _run(backend, server, test)
