"""objectstorage/v1 transfers over real sockets (the default aiohttp transport).

respx reads a whole upload before it answers; a real server answers as soon
as the last byte arrives, and the transport may then stop iterating the body
(or cancel the task that does). These tests check that the MD5 of what was
sent is still complete and compared, with the hashing thread slowed down so
that it lags behind the socket, and with inline hashing (one CPU).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aiocloud import ProviderClient, errors
from aiocloud.openstack.objectstorage.v1 import _sink, objects
from aiocloud.service import ServiceClient
from tests.helpers import WebServer

DATA = bytes(range(256)) * (9 * 4096 + 17)  # a little over 9 MiB: three hashing batches
WRONG = "0" * 32


@pytest.fixture
async def swift() -> AsyncIterator[tuple[ServiceClient, dict[str, Any]]]:
    """A minimal Swift object server; ``state["etag"]`` overrides the ETag it answers."""
    state: dict[str, Any] = {"etag": None, "received": b""}

    async def put(request: web.Request) -> web.Response:
        received = await request.read()
        state["received"] = received
        etag = state["etag"] or hashlib.md5(received).hexdigest()
        return web.Response(status=201, headers={"Etag": etag})

    async def get(request: web.Request) -> web.StreamResponse:
        etag = state["etag"] or hashlib.md5(DATA).hexdigest()
        response = web.StreamResponse(headers={"Content-Length": str(len(DATA)), "Etag": etag})
        await response.prepare(request)
        for start in range(0, len(DATA), 1 << 20):
            await response.write(DATA[start : start + (1 << 20)])
        return response

    app = web.Application(client_max_size=len(DATA) * 2)
    app.router.add_put("/v1/AUTH_t/c/{name}", put)
    app.router.add_get("/v1/AUTH_t/c/{name}", get)
    with WebServer(app) as server:
        async with ProviderClient() as provider:
            yield ServiceClient(provider, f"{server.url}/v1/AUTH_t"), state


@pytest.fixture(params=["thread", "inline"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Hash in a lagging thread (several CPUs) or inline (one CPU)."""
    threaded = request.param == "thread"
    monkeypatch.setattr(_sink, "_parallel", lambda: threaded)
    consume = _sink.BackgroundSink._consume

    def slow_consume(self: _sink.BackgroundSink, batch: list[bytes]) -> None:
        time.sleep(0.05)
        consume(self, batch)

    monkeypatch.setattr(_sink.BackgroundSink, "_consume", slow_consume)
    return str(request.param)


async def _stream() -> AsyncIterator[bytes]:
    for start in range(0, len(DATA), 1 << 20):
        yield DATA[start : start + (1 << 20)]


@pytest.mark.parametrize("source", ["path", "stream"])
async def test_upload_checks_the_stored_etag_against_every_byte_sent(
    swift: tuple[ServiceClient, dict[str, Any]], hashing: str, tmp_path: Path, source: str
) -> None:
    client, state = swift
    path = tmp_path / "data.bin"
    path.write_bytes(DATA)

    def data() -> objects.Data:
        return path if source == "path" else _stream()

    result = await objects.create(client, "c", "o", data())
    assert result.etag == hashlib.md5(DATA).hexdigest()
    assert result.size == len(DATA)
    assert state["received"] == DATA

    state["etag"] = WRONG
    with pytest.raises(errors.ChecksumMismatch) as caught:
        await objects.create(client, "c", "o", data())
    assert caught.value.actual == WRONG
    assert caught.value.expected == hashlib.md5(DATA).hexdigest()


async def test_download_checks_the_etag(
    swift: tuple[ServiceClient, dict[str, Any]], hashing: str, tmp_path: Path
) -> None:
    client, state = swift
    async with objects.download(client, "c", "o") as dl:
        assert await dl.read() == DATA
    target = tmp_path / "out.bin"
    await objects.download_to(client, "c", "o", target)
    assert target.read_bytes() == DATA

    state["etag"] = WRONG
    with pytest.raises(errors.ChecksumMismatch):
        async with objects.download(client, "c", "o") as dl:
            await dl.read()
    with pytest.raises(errors.ChecksumMismatch):
        await objects.download_to(client, "c", "o", tmp_path / "bad.bin")
    assert os.listdir(tmp_path) == ["out.bin"]  # no partial file left
