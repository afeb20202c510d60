"""Malformed HTTP answers from a real socket: the same error on every backend, no token in it."""

from __future__ import annotations

import asyncio
import contextlib
import traceback
from collections.abc import Callable, Iterator

import aiohttp
import httpx
import pytest
import yarl
from multidict import CIMultiDict, CIMultiDictProxy

from aiocloud import ProviderClient, Retry, errors
from aiocloud.auth import Token
from aiocloud.provider import HttpBackend, translate_transport_errors
from tests.helpers import StreamServer

TOKEN = "gAAAAA-token-that-must-not-leak"

MALFORMED = {
    "status line": b"HTTP/1.1 abc garbage\r\n\r\n",
    "banner": b"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n",
    "content length": b"HTTP/1.1 200 OK\r\nContent-Length: xyz\r\n\r\n{}",
    "header": b"HTTP/1.1 200 OK\r\nBad Header Line\r\nContent-Length: 2\r\n\r\n{}",
    "chunk size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
}
HEAD_THEN_SHORT_CHUNK = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n",
    b"10\r\nabc",
)


@pytest.fixture
def raw_server() -> Iterator[Callable[..., str]]:
    """Starts TCP servers answering every request with the given raw bytes; their URLs."""
    with contextlib.ExitStack() as servers:

        def start(*parts: bytes) -> str:
            async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                await reader.readuntil(b"\r\n\r\n")
                for part in parts:
                    writer.write(part)
                    await writer.drain()
                    await asyncio.sleep(0.05)

            return servers.enter_context(StreamServer(handle)).url + "v1/thing"

        yield start


def _provider(backend: HttpBackend) -> ProviderClient:
    provider = ProviderClient(http_backend=backend, retry=Retry.disabled())
    provider.set_token(Token(id=TOKEN))
    return provider


def _assert_clean(exc: BaseException) -> None:
    text = "".join(traceback.format_exception(exc))
    chain = [exc, exc.__cause__, exc.__context__]
    for shown in (str(exc), repr(exc), text, *map(repr, chain)):
        assert TOKEN not in shown


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
@pytest.mark.parametrize("kind", sorted(MALFORMED))
async def test_a_malformed_answer_is_connection_failed_without_the_token(
    raw_server: Callable[..., str], backend: HttpBackend, kind: str
) -> None:
    url = raw_server(MALFORMED[kind])
    async with _provider(backend) as provider:
        with pytest.raises(errors.ConnectionFailed) as caught:
            await provider.request("GET", url)
    _assert_clean(caught.value)


async def _drain(response: httpx.Response, url: str) -> None:
    with translate_transport_errors("GET", url):
        async for _ in response.aiter_bytes():
            pass


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
async def test_a_body_cut_mid_chunk_is_connection_failed_without_the_token(
    raw_server: Callable[..., str], backend: HttpBackend
) -> None:
    url = raw_server(*HEAD_THEN_SHORT_CHUNK)
    async with _provider(backend) as provider, provider.stream("GET", url) as response:
        with pytest.raises(errors.ConnectionFailed) as caught:
            await _drain(response, url)
    _assert_clean(caught.value)


def test_an_aiohttp_response_error_while_reading_loses_the_token() -> None:
    info = aiohttp.RequestInfo(
        yarl.URL("https://swift.test/v1/AUTH_x/c/o"),
        "GET",
        CIMultiDictProxy(CIMultiDict({"X-Auth-Token": TOKEN, "Accept": "*/*"})),
    )
    error = aiohttp.ClientResponseError(info, (), status=400, message="Invalid chunk size")
    with (
        pytest.raises(errors.ConnectionFailed, match="Invalid chunk size") as caught,
        translate_transport_errors("GET", "https://swift.test/v1/AUTH_x/c/o"),
    ):
        raise error
    _assert_clean(caught.value)
    assert isinstance(caught.value.__cause__, aiohttp.ClientResponseError)
    assert caught.value.__cause__.request_info.headers["Accept"] == "*/*"
