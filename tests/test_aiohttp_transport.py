"""The default asyncio transport (aiohttp) against a real local HTTP server.

respx replaces the transport, so these tests are where aiocloud's aiohttp
path meets sockets: JSON, streamed uploads and downloads, timeouts, dropped
connections, cancellation, TLS options and the concurrency limit.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import anyio
import pytest
from aiohttp import web

from aiocloud import ProviderClient, Retry, errors
from aiocloud.provider import HttpBackend
from tests.helpers import BACKENDS, Backend, WebServer, run_on

SIZE = 8 * 1024 * 1024


async def _json(request: web.Request) -> web.Response:
    return web.json_response(
        {"token": request.headers.get("X-Auth-Token"), "agent": request.headers["User-Agent"]}
    )


async def _upload(request: web.Request) -> web.Response:
    digest = hashlib.md5()
    size = 0
    async for chunk in request.content.iter_any():
        digest.update(chunk)
        size += len(chunk)
    return web.json_response({"size": size, "md5": digest.hexdigest()}, status=201)


async def _download(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Length": str(SIZE)})
    await response.prepare(request)
    block = b"x" * 65536
    for _ in range(SIZE // len(block)):
        await response.write(block)
    return response


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(1)
    return web.json_response({})


async def _drop(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Length": "1000000"})
    await response.prepare(request)
    await response.write(b"partial")
    assert request.transport is not None
    request.transport.close()
    return response


def _unavailable_once() -> Callable[[web.Request], Awaitable[web.Response]]:
    hits = 0

    async def handler(request: web.Request) -> web.Response:
        nonlocal hits
        hits += 1
        if hits == 1:
            return web.Response(status=503, headers={"Retry-After": "0"})
        return web.json_response({"ok": True})

    return handler


@pytest.fixture
def server() -> Iterator[str]:
    app = web.Application()
    app.router.add_get("/json", _json)
    app.router.add_put("/upload", _upload)
    app.router.add_get("/download", _download)
    app.router.add_get("/slow", _slow)
    app.router.add_get("/drop", _drop)
    app.router.add_get("/unavailable", _unavailable_once())
    with WebServer(app) as running:
        yield running.url


async def test_json_request_with_token_and_user_agent(server: str) -> None:
    async with ProviderClient() as provider:
        response = await provider.request("GET", f"{server}/json", authenticated=False)
        assert response.json() == {"token": None, "agent": provider.user_agent}


async def test_streamed_upload_from_a_replayable_factory(server: str) -> None:
    block = b"y" * 65536

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(SIZE // len(block)):
            yield block

    async with ProviderClient() as provider:
        response = await provider.request(
            "PUT", f"{server}/upload", content=chunks, ok_codes=(201,)
        )
    assert response.json() == {
        "size": SIZE,
        "md5": hashlib.md5(block * (SIZE // len(block))).hexdigest(),
    }


async def test_streamed_download(server: str) -> None:
    total = 0
    async with ProviderClient() as provider, provider.stream("GET", f"{server}/download") as body:
        async for chunk in body.aiter_bytes():
            total += len(chunk)
    assert total == SIZE


async def test_read_timeout(server: str) -> None:
    async with ProviderClient(timeout=0.2, retry=Retry.disabled()) as provider:
        with pytest.raises(errors.TimedOut):
            await provider.request("GET", f"{server}/slow")


async def test_dropped_connection_mid_body(server: str) -> None:
    async with ProviderClient(retry=Retry.disabled()) as provider:
        with pytest.raises(errors.ConnectionFailed):
            await provider.request("GET", f"{server}/drop")


async def test_connection_refused() -> None:
    async with ProviderClient(retry=Retry.disabled()) as provider:
        with pytest.raises(errors.ConnectionFailed):
            await provider.request("GET", "http://127.0.0.1:9/")


async def test_retry_after_503(server: str) -> None:
    async with ProviderClient(retry=Retry(backoff_factor=0)) as provider:
        assert (await provider.request("GET", f"{server}/unavailable")).json() == {"ok": True}


async def test_cancellation_leaves_the_client_usable(server: str) -> None:
    async with ProviderClient() as provider:
        with anyio.move_on_after(0.1):
            await provider.request("GET", f"{server}/slow")
        assert (await provider.request("GET", f"{server}/json")).status_code == 200


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrency_limit_over_real_sockets(backend: Backend) -> None:
    """40 calls at once with ``max_concurrency=4``: the server sees 4 requests at a time."""
    in_flight = peak = answered = 0

    async def held(request: web.Request) -> web.Response:
        nonlocal in_flight, peak, answered
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await asyncio.sleep(0.05)
        finally:
            in_flight -= 1
        answered += 1
        return web.json_response({})

    async def test(http_backend: HttpBackend) -> None:
        async with (
            ProviderClient(http_backend=http_backend, max_concurrency=4) as provider,
            anyio.create_task_group() as tasks,
        ):
            for _ in range(40):
                tasks.start_soon(provider.request, "GET", f"{web_server.url}/held")

    app = web.Application()
    app.router.add_get("/held", held)
    with WebServer(app) as web_server:
        run_on(backend, test)
    assert (answered, peak, in_flight) == (40, 4, 0)


async def test_tls_verification_is_on_by_default(server: str) -> None:
    https = server.replace("http://", "https://")
    async with ProviderClient(retry=Retry.disabled()) as provider:
        with pytest.raises(errors.ConnectionFailed):
            await provider.request("GET", f"{https}/json")  # the server speaks plain HTTP
    context = ssl.create_default_context()
    async with ProviderClient(verify=context) as provider:
        assert provider.http_client is not None
