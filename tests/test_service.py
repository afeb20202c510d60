"""ServiceClient.service_url: one path segment per part, or InvalidOptions before any request."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from aiocloud import ProviderClient, errors
from aiocloud.openstack.objectstorage.v1._base import object_url
from aiocloud.service import ServiceClient
from tests.helpers import StreamServer

ODD_BUT_SAFE = ["%2e", "%2E%2E", "...", ".x", "x.", "a b?#", "caf\u00e9", "a%2Fb", "~-_"]


def _client(endpoint: str = "https://nova.test/v2.1/") -> ServiceClient:
    return ServiceClient(ProviderClient(), endpoint)


def test_safe_parts_are_joined_as_they_are() -> None:
    assert (
        _client().service_url("servers", "abc-1.2_~") == "https://nova.test/v2.1/servers/abc-1.2_~"
    )


@pytest.mark.parametrize(
    ("part", "encoded"),
    [("%2e", "%252e"), ("...", "..."), ("a b?#", "a%20b%3F%23"), ("caf\u00e9", "caf%C3%A9")],
)
def test_other_parts_are_percent_encoded_as_one_segment(part: str, encoded: str) -> None:
    assert _client().service_url("servers", part) == f"https://nova.test/v2.1/servers/{encoded}"


@pytest.mark.parametrize(
    ("part", "reason"),
    [
        (".", "'.' would be collapsed"),
        ("..", "'..' would be collapsed"),
        ("", "must not be empty"),
        ("a/b", "cannot contain '/'"),
        ("../x", "cannot contain '/'"),
        (123, "expected a string, got int"),
        (None, "expected a string, got NoneType"),
        (b"id", "expected a string, got bytes"),
    ],
)
def test_parts_that_are_not_one_segment_are_refused(part: Any, reason: str) -> None:
    with pytest.raises(errors.InvalidOptions, match=reason) as caught:
        _client().service_url("servers", "srv-1", "metadata", part)
    assert caught.value.field == "the segment after servers/srv-1/metadata/"


def test_a_bad_first_part_is_named_path() -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        _client().service_url("..")
    assert caught.value.field == "path"


# -- what goes on the wire ----------------------------------------------------------------


@pytest.fixture
def request_lines() -> Iterator[tuple[str, list[str]]]:
    """A raw HTTP server that answers 204 and records each request target as sent."""
    targets: list[str] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            targets.append(line.decode("latin-1").split(" ")[1])
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()

    with StreamServer(handle) as server:
        yield f"{server.url}v2.1/", targets


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
async def test_accepted_ids_reach_the_wire_unchanged(
    request_lines: tuple[str, list[str]], backend: Any
) -> None:
    endpoint, targets = request_lines
    async with ProviderClient(http_backend=backend) as provider:
        client = ServiceClient(provider, endpoint)
        urls = [client.service_url("servers", "srv-1", "metadata", p) for p in ODD_BUT_SAFE]
        swift = ServiceClient(provider, endpoint.replace("v2.1", "v1/AUTH_p"))
        urls.append(object_url(swift, "c", "dir//a b/.x/..y/%2e"))
        for url in urls:
            await client.request("DELETE", url, ok_codes=(204,))
    assert targets == [urlsplit(url).path for url in urls]


@pytest.mark.parametrize("microversion", ["abc", "2", "2.1\r\nX-Injected: 1", " 2.1", "2.1.3"])
def test_a_microversion_that_is_not_x_y_is_refused(microversion: str) -> None:
    client = ServiceClient(ProviderClient(), "https://nova.test/v2.1")
    with pytest.raises(errors.InvalidOptions) as caught:
        client.with_microversion(microversion)
    assert caught.value.field == "microversion"
    assert client.with_microversion("2.96").microversion == "2.96"
    assert client.with_microversion("latest").microversion == "latest"
