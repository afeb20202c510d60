"""Fixtures of the object storage tests: a Swift client on the MockCloud, and flaky transports."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from aiocloud import ProviderClient, openstack
from aiocloud.retry import Retry
from aiocloud.service import ServiceClient
from aiocloud.testing import SERVICE_URLS, MockCloud

ACCOUNT = SERVICE_URLS["object-store"][1]
"""The account URL of the MockCloud's catalog: ``https://cloud.test:8080/v1/AUTH_<project>``."""

INFO: dict[str, Any] = {
    "swift": {"version": "2.30.1", "max_file_size": 5368709122, "container_listing_limit": 10000},
    "slo": {"max_manifest_segments": 1000, "min_segment_size": 1, "max_manifest_size": 8388608},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
    "tempurl": {"methods": ["GET", "HEAD", "PUT", "POST", "DELETE"]},
}
"""A Swift 2.30 ``/info`` document (trimmed)."""

INFO_URL = "https://cloud.test:8080/info"


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


@pytest.fixture
async def swift(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_object_storage_v1(cloud.provider)


async def echo_put(request: httpx.Request) -> httpx.Response:
    """Swift's answer to an object PUT: 201 with the MD5 of the body as ETag."""
    body = await request.aread()
    return httpx.Response(
        201,
        headers={
            "Etag": md5(body),
            "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
            "X-Trans-Id": "tx-put",
        },
    )


class DroppingTransport(httpx.AsyncBaseTransport):
    """The MockCloud's transport, except that the first ``drops`` matching requests
    lose their connection after ``after`` bytes of their body were sent."""

    def __init__(
        self,
        cloud: MockCloud,
        *,
        drops: int = 1,
        after: int = 1,
        method: str = "PUT",
        error: Callable[[str], Exception] = httpx.WriteError,
    ) -> None:
        self.inner = cloud.transport
        self.drops = drops
        self.after = after
        self.method = method
        self.error = error
        self.sent_before_drop: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == self.method and self.drops > 0:
            self.drops -= 1
            sent = 0
            async for chunk in request.stream:  # type: ignore[union-attr]
                sent += len(chunk)
                if sent >= self.after:
                    break
            self.sent_before_drop.append(sent)
            raise self.error("connection reset by peer")
        return await self.inner.handle_async_request(request)


@asynccontextmanager
async def provider_on(
    cloud: MockCloud, transport: httpx.AsyncBaseTransport
) -> AsyncIterator[tuple[ProviderClient, ServiceClient]]:
    """A second provider authenticated on ``cloud`` but sending through ``transport``."""
    provider = openstack.new_client(
        cloud.identity_url, transport=transport, retry=Retry(backoff_factor=0, backoff_jitter=0)
    )
    async with provider:
        await openstack.authenticate(provider, cloud.auth_options)
        yield provider, await openstack.new_object_storage_v1(provider)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    """An async iterator of ``parts`` (a one-shot upload body)."""
    for part in parts:
        yield part


class SlowStream(httpx.AsyncByteStream):
    """A response body sent in pieces; ``fail`` raises after them (a dropped connection)."""

    def __init__(self, pieces: list[bytes], fail: Exception | None = None) -> None:
        self.pieces = pieces
        self.fail = fail
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece
        if self.fail is not None:
            raise self.fail

    async def aclose(self) -> None:
        self.closed = True
