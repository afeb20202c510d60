"""Load and cancellation probes over real sockets, on every backend.

Thousands of requests cancelled at random on one provider, a 401 storm with a
slow token and cancelled callers, transfers cancelled mid-body, and generators
left open by cancellation (trio reports those as ResourceWarnings).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import sys
import tracemalloc
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import trio
from aiohttp import web

from aiocloud import AuthOptions, ProviderClient, openstack
from aiocloud.openstack.objectstorage.v1 import objects
from aiocloud.pagination import MarkerPage, Pager
from aiocloud.provider import HttpBackend
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud, token_v3_body
from tests.helpers import BACKENDS, Backend, StreamServer, WebServer, run_on

BENCHMARKS = str(Path(__file__).resolve().parent.parent / "benchmarks")


@contextlib.contextmanager
def aiocloud_warnings() -> Iterator[list[str]]:
    """The warnings raised meanwhile whose message or origin is aiocloud's."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield found
        gc.collect()
        found.extend(
            f"{w.filename}:{w.lineno}: {w.message}"
            for w in caught
            if "aiocloud" in str(w.message) or "/aiocloud/" in w.filename
        )


def _connections_in_use(provider: ProviderClient) -> int:
    transport: Any = provider._direct_transport
    if transport is not None:  # aiohttp
        session = transport.client
        return 0 if session is None else len(session.connector._acquired)
    pool = provider.http_client._transport._pool  # type: ignore[attr-defined]
    return sum(not connection.is_idle() for connection in pool.connections)


# -- 1. thousands of requests, random cancellations ---------------------------------------


async def _keep_alive_ok(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(random.uniform(0, 0.002))
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        return


@pytest.mark.parametrize("backend", BACKENDS)
def test_random_cancellations_give_every_slot_back(backend: Backend) -> None:
    with StreamServer(_keep_alive_ok) as server:

        async def test(http_backend: HttpBackend) -> None:
            async with ProviderClient(http_backend=http_backend) as provider:
                url = server.url + "thing"
                rnd = random.Random(7)
                outcomes = {"done": 0, "cancelled": 0}

                async def one() -> None:
                    with anyio.move_on_after(rnd.uniform(0, 0.4)) as scope:
                        await provider.request("GET", url, authenticated=False)
                        outcomes["done"] += 1
                    outcomes["cancelled"] += scope.cancelled_caught

                async with anyio.create_task_group() as tasks:
                    for _ in range(1500):
                        tasks.start_soon(one)
                assert outcomes["done"] + outcomes["cancelled"] == 1500
                assert outcomes["done"] and outcomes["cancelled"]
                assert provider._limiter is not None and provider._limiter.value == 32
                await anyio.sleep(0.05)
                assert _connections_in_use(provider) == 0
                with anyio.fail_after(2):
                    response = await provider.request("GET", url, authenticated=False)
                assert response.status_code == 200

        run_on(backend, test)


# -- 2. a 401 storm with a slow token, callers cancelled ---------------------------------


class _Keystone:
    """A token endpoint of configurable slowness; GET /v3/things needs a token issued
    since the last revocation (like Keystone, a newer token does not void older ones)."""

    def __init__(self) -> None:
        self.slow = 0.0
        self.issued = 0
        self.busy = 0
        self.valid: set[str] = set()
        self.app = web.Application()
        self.app.router.add_post("/v3/auth/tokens", self.tokens)
        self.app.router.add_get("/v3/things", self.things)

    async def tokens(self, request: web.Request) -> web.Response:
        self.issued += 1
        self.busy += 1
        try:
            await asyncio.sleep(self.slow)
        finally:
            self.busy -= 1
        token = f"token-{self.issued}"
        self.valid.add(token)
        return web.json_response(token_v3_body(), status=201, headers={"X-Subject-Token": token})

    async def settled(self) -> int:
        """Tokens issued so far, once token requests the callers gave up have all arrived."""
        await anyio.sleep(0.05)
        for _ in range(300):  # the server runs on another loop: poll it, at most 3 s
            if not self.busy:
                break
            await anyio.sleep(0.01)
        return self.issued

    async def things(self, request: web.Request) -> web.Response:
        if request.headers.get("X-Auth-Token") not in self.valid:
            return web.Response(status=401)
        return web.json_response({"things": []})


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancelled_reauth_storm_leaves_a_working_provider(backend: Backend) -> None:
    keystone = _Keystone()
    with WebServer(keystone.app) as server:

        async def test(http_backend: HttpBackend) -> None:
            opts = AuthOptions(
                identity_endpoint=server.url + "/v3",
                username="u",
                password="p",
                domain_name="Default",
            )
            async with openstack.authenticated_client(opts, http_backend=http_backend) as provider:
                url = server.url + "/v3/things"
                keystone.valid.clear()
                keystone.slow = 0.3
                rnd = random.Random(3)
                cancelled = 0

                async def one() -> None:
                    nonlocal cancelled
                    with anyio.move_on_after(rnd.uniform(0, 0.2)) as scope:
                        await provider.request("GET", url)
                    cancelled += scope.cancelled_caught

                async with anyio.create_task_group() as tasks:
                    for _ in range(300):
                        tasks.start_soon(one)
                assert cancelled == 300  # the token takes longer than any caller waits
                assert provider._reauth_lock is not None and not provider._reauth_lock.locked()
                assert provider._limiter is not None and provider._limiter.value == 32
                keystone.slow = 0.0
                before = await keystone.settled()
                with anyio.fail_after(3):
                    await provider.request("GET", url)
                assert keystone.issued == before + 1  # one re-authentication, not a storm

                # callers that stay share one re-authentication with the ones cancelled
                keystone.valid.clear()
                keystone.slow = 0.2
                before = keystone.issued
                results = {"ok": 0, "cancelled": 0}

                async def two(index: int) -> None:
                    with anyio.move_on_after(0.05 if index % 2 else 5) as scope:
                        await provider.request("GET", url)
                        results["ok"] += 1
                    results["cancelled"] += scope.cancelled_caught

                async with anyio.create_task_group() as tasks:
                    for index in range(100):
                        tasks.start_soon(two, index)
                assert results == {"ok": 50, "cancelled": 50}
                assert keystone.issued == before + 1

        run_on(backend, test)


# -- 3. transfers cancelled mid-body -------------------------------------------------------


async def _slow_object(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Any GET: 10 MB announced, 64 KB sent, then nothing; any PUT: the body is never read."""
    head = await reader.readuntil(b"\r\n\r\n")
    if head.startswith(b"GET"):
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n"
            b'Etag: "d41d8cd98f00b204e9800998ecf8427e"\r\n\r\n' + b"x" * 65536
        )
        await writer.drain()
    await asyncio.sleep(30)


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancelled_download_to_leaves_no_file(backend: Backend, tmp_path: Path) -> None:
    with StreamServer(_slow_object) as server:

        async def test(http_backend: HttpBackend) -> None:
            async with ProviderClient(http_backend=http_backend) as provider:
                swift = ServiceClient(provider, server.url + "v1/AUTH_x", type="object-store")
                target = tmp_path / "object.bin"
                with anyio.move_on_after(0.3) as scope:
                    await objects.download_to(swift, "c", "o", target)
                assert scope.cancelled_caught
                assert os.listdir(tmp_path) == []  # no object, no temporary file
                assert provider._limiter is not None and provider._limiter.value == 32

        run_on(backend, test)


def test_cancelled_upload_from_a_path_closes_its_reader_under_trio(tmp_path: Path) -> None:
    """DEFECT: ``_body.UploadBody._from_path``/``_from_file`` iterate the async
    generator ``_read_file`` without closing it; cancelled mid-upload under trio,
    it is garbage collected unfinished and trio warns ("Async generator
    'aiocloud...UploadBody._read_file' was garbage collected before it had been
    exhausted")."""
    source = tmp_path / "source.bin"
    source.write_bytes(os.urandom(16 << 20))  # more than the socket buffers hold
    with StreamServer(_slow_object) as server, aiocloud_warnings() as found:

        async def test(http_backend: HttpBackend) -> None:
            async with ProviderClient(http_backend=http_backend) as provider:
                swift = ServiceClient(provider, server.url + "v1/AUTH_x", type="object-store")
                with anyio.move_on_after(0.3) as scope:
                    await objects.create(swift, "c", "o", source)
                assert scope.cancelled_caught
                for _ in range(3):
                    gc.collect()
                    await anyio.sleep(0.01)

        run_on("trio", test)
    assert found == []


# -- 4. pagination -------------------------------------------------------------------------


def test_prefetching_left_early_closes_the_page_generator_under_trio() -> None:
    """DEFECT: ``Pager.prefetching``'s producer iterates ``self.pages()`` without
    closing it; when the consumer leaves early (or is cancelled) the producer is
    cancelled at ``send.send`` and the ``pages()`` generator is garbage collected
    unfinished: trio warns ("Async generator 'aiocloud.pagination.Pager.pages'
    was garbage collected before it had been exhausted", pagination.py:302)."""

    async def main() -> None:
        async with MockCloud() as cloud:
            base = cloud.url("object-store", "c")

            def answer(request: httpx.Request) -> httpx.Response:
                start = int(request.url.params.get("marker") or "0")
                return httpx.Response(200, json=[str(i) for i in range(start + 1, start + 101)])

            cloud.router.get(base).mock(side_effect=answer)
            swift = ServiceClient(cloud.provider, base, type="object-store")
            pager: Pager[str] = Pager(swift, base, MarkerPage(list, str), params=[])
            async with pager.prefetching() as items:
                async for _ in items:
                    break
            with trio.move_on_after(0.05):
                async with pager.prefetching() as items:
                    async for _ in items:
                        await trio.sleep(0.001)
            for _ in range(3):
                gc.collect()
                await trio.sleep(0.01)

    with aiocloud_warnings() as found:
        trio.run(main)
    assert found == []


def test_hundred_thousand_swift_objects_list_in_flat_memory() -> None:
    sys.path.insert(0, BENCHMARKS)
    try:
        from server import start_server  # type: ignore[import-not-found]
    finally:
        sys.path.remove(BENCHMARKS)

    async def main(base: str) -> None:
        opts = AuthOptions(
            identity_endpoint=base + "/v3", username="u", password="p", domain_name="Default"
        )
        async with openstack.authenticated_client(opts) as provider:
            swift = await openstack.new_object_storage_v1(provider)
            count = 0
            gc.collect()
            tracemalloc.start()
            try:
                async for _ in objects.list(swift, "c"):
                    count += 1
                    if count == 20_000:  # past the first pages and the connection setup
                        tracemalloc.reset_peak()
                        baseline = tracemalloc.get_traced_memory()[0]
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert count == 100_000
            assert peak - baseline < 32 * 1024 * 1024  # about one 10,000-name page, not 100,000

    with start_server(objects_total=100_000, servers_total=1, core=-1) as base:
        asyncio.run(main(base))
