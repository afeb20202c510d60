"""What aiocloud puts on the wire when servers misbehave, on every backend:
its retry policy is the only one, the time budget holds, TLS failures say why.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator

import pytest

from aiocloud import ProviderClient, Retry, errors
from aiocloud.provider import HttpBackend
from tests.helpers import BACKENDS, Backend, StreamServer, run_on


async def _hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")


async def _never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    await asyncio.sleep(30)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "retry", [Retry(total=3, backoff_factor=0, backoff_jitter=0), Retry.disabled()]
)
def test_the_retry_policy_is_the_only_one_on_the_wire(backend: Backend, retry: Retry) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with ProviderClient(http_backend=http_backend, retry=retry) as provider:
            with pytest.raises(errors.ConnectionFailed):
                await provider.request("GET", server.url, authenticated=False)

    with StreamServer(_hang_up) as server:
        run_on(backend, test)
    assert server.connections == retry.total + 1


async def test_every_aiohttp_session_aiocloud_makes_has_its_own_retry_and_content_type_off() -> (
    None
):
    async with ProviderClient(http_backend="aiohttp") as direct:
        assert direct.http_client is not None
        session = direct._direct_transport.get_client()  # type: ignore[union-attr]
        assert session._retry_connection is False
        assert "Content-Type" in session.skip_auto_headers
        await session.close()
    async with ProviderClient(http_backend="aiohttp", proxy="http://proxy.test:3128") as proxied:
        for transport in [proxied.http_client._transport, *proxied.http_client._mounts.values()]:
            session = transport.get_client()  # type: ignore[union-attr]
            assert session._retry_connection is False
            assert "Content-Type" in session.skip_auto_headers
            await session.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_body_without_a_content_type_is_sent_without_one(backend: Backend) -> None:
    """Swift guesses an object's type from its name only when the upload names none."""
    heads: list[bytes] = []

    async def record(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        heads.append(head.lower())
        writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    async def chunks() -> AsyncIterator[bytes]:
        yield b"streamed"

    async def test(http_backend: HttpBackend) -> None:
        async with ProviderClient(http_backend=http_backend) as provider:
            await provider.request("PUT", server.url + "a.txt", content=b"x", authenticated=False)
            await provider.request("PUT", server.url + "b.txt", content=chunks, authenticated=False)

    with StreamServer(record) as server:
        run_on(backend, test)
    assert len(heads) == 2
    assert not [head for head in heads if b"content-type" in head]


@pytest.mark.parametrize("backend", BACKENDS)
def test_retries_stay_within_the_time_budget(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        retry = Retry(total=5, backoff_factor=0, backoff_jitter=0, budget=1.0)
        async with ProviderClient(http_backend=http_backend, retry=retry, timeout=0.8) as provider:
            started = time.monotonic()
            with pytest.raises(errors.TimedOut):
                await provider.request("GET", server.url, authenticated=False)
            assert time.monotonic() - started < 1.45  # one timeout past it: 1.6 s

    with StreamServer(_never_answer) as server:
        run_on(backend, test)
    assert server.connections == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_tls_failure_names_the_certificate_problem(
    backend: Backend, self_signed: ssl.SSLContext
) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with ProviderClient(http_backend=http_backend, retry=Retry.disabled()) as provider:
            with pytest.raises(errors.ConnectionFailed) as caught:
                await provider.request("GET", server.url, authenticated=False)
        assert "certificate verify failed: self-signed certificate" in str(caught.value)

    with StreamServer(_hang_up, self_signed) as server:
        run_on(backend, test)
