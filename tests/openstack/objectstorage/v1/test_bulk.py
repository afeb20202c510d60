"""objectstorage/v1/bulk: bulk delete through the middleware, one by one without it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import quote, unquote

import anyio
import httpx
import pytest
import respx

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import bulk
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT, INFO_URL, last_request

LOGS = f"{ACCOUNT}/logs"


def report(
    status: str = "200 OK",
    *,
    deleted: int = 0,
    not_found: int = 0,
    failures: list[list[str]] | None = None,
    body: str = "",
) -> dict[str, object]:
    """The JSON report Swift's bulk middleware answers ``?bulk-delete`` with."""
    return {
        "Number Not Found": not_found,
        "Response Status": status,
        "Errors": failures or [],
        "Number Deleted": deleted,
        "Response Body": body,
    }


BULK_OK = report(deleted=2)

BULK_INFO = {
    "swift": {"max_object_name_length": 1024, "max_container_name_length": 256},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
}


@pytest.fixture
def bulk_info(cloud: MockCloud) -> respx.Route:
    """A cluster whose ``/info`` offers the bulk middleware with Swift's default limits."""
    return cloud.router.get(INFO_URL).respond(200, json=BULK_INFO)


async def test_bulk_delete_sends_names_as_the_middleware_reads_them(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    route = cloud.router.post(ACCOUNT, params__eq={"bulk-delete": ""}).respond(200, json=BULK_OK)

    names = ["a b", "dir/c", "50%", "café/ü", " edge\t"]
    result = await bulk.bulk_delete(swift, "logs", names, per_request=10)

    request = last_request(route)
    assert request.content == (
        "/logs/a%20b\n/logs/dir/c\n/logs/50%25\n/logs/café/ü\n/logs/%20edge%09".encode()
    )
    assert [unquote(line) for line in request.content.decode().split("\n")] == [
        f"/logs/{name}" for name in names
    ]
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["Accept"] == "application/json"
    assert result.deleted == 2
    assert result.ok


async def test_bulk_delete_defaults_are_small_parallel_requests(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(200, json=report(deleted=bodies[-1].count(b"\n") + 1))

    cloud.router.post(ACCOUNT).mock(side_effect=answer)

    result = await bulk.bulk_delete(swift, "logs", [f"o{i}" for i in range(250)])

    assert [body.count(b"\n") + 1 for body in bodies] == [100, 100, 50]
    assert result.deleted == 250
    assert bulk.BULK_DELETE_CONCURRENCY == 8


async def test_bulk_delete_longest_utf8_name_fits_and_unreadable_ones_go_alone(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    longest = "é" * 512  # 1,024 bytes: legal, 3,072 once percent-encoded
    spaced = " " * 1000  # legal, but longer than a bulk line once encoded
    together = cloud.router.post(ACCOUNT).respond(200, json=BULK_OK)
    alone = cloud.router.delete(f"{LOGS}/{quote(spaced)}").respond(204)

    result = await bulk.bulk_delete(swift, "logs", ["a", longest, spaced])

    assert last_request(together).content == f"/logs/a\n/logs/{longest}".encode()
    assert alone.call_count == 1
    assert (result.deleted, result.ok) == (3, True)


@pytest.mark.parametrize(
    "bulk_refused", [True, False], ids=["request-refused-whole", "no-middleware"]
)
async def test_bulk_delete_deletes_one_by_one_what_the_middleware_does_not(
    cloud: MockCloud, swift: ServiceClient, bulk_refused: bool
) -> None:
    """A request the middleware refuses whole, or a cluster without it: one DELETE a name."""
    if bulk_refused:
        cloud.router.get(INFO_URL).respond(200, json=BULK_INFO)
        cloud.router.post(ACCOUNT).respond(
            200,
            json=report("400 Bad Request", body="Invalid File Name"),
        )
    else:
        cloud.router.get(INFO_URL).respond(200, json={"swift": {}})
    cloud.router.delete(f"{LOGS}/a").respond(204)
    cloud.router.delete(f"{LOGS}/b").respond(404)
    cloud.router.delete(f"{LOGS}/c").respond(409)

    result = await bulk.bulk_delete(swift, "logs", ["a", "b", "c"])

    assert (result.deleted, result.not_found) == (1, 1)
    assert [(f.name, f.status) for f in result.failures] == [("c", "409 Conflict")]


async def test_bulk_delete_chunks_by_the_cluster_limit(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    info_route = cloud.router.get(INFO_URL).respond(
        200, json={"swift": {}, "bulk_delete": {"max_deletes_per_request": 2}}
    )
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        count = len(request.content.split(b"\n"))
        return httpx.Response(200, json=report(deleted=count))

    cloud.router.post(ACCOUNT).mock(side_effect=answer)

    async def names() -> AsyncIterator[str]:
        for name in ["a", "b", "c", "d", "e"]:
            yield name

    result = await bulk.bulk_delete(swift, "logs", names())

    assert bodies == [b"/logs/a\n/logs/b", b"/logs/c\n/logs/d", b"/logs/e"]
    assert result.deleted == 5
    assert info_route.call_count == 1


async def test_bulk_delete_reports_every_failure(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    cloud.router.post(ACCOUNT).respond(
        200,
        # Swift keeps the connection alive with spaces before the report
        content=b"   \n"
        + json.dumps(
            report(
                "400 Bad Request",
                deleted=3,
                not_found=1,
                failures=[["/logs/locked%20one", "409 Conflict"], ["/logs/x", "403 Forbidden"]],
            )
        ).encode(),
    )

    result = await bulk.bulk_delete(swift, "logs", ["a", "b"], per_request=100)

    assert not result.ok
    assert (result.deleted, result.not_found) == (3, 1)
    assert [(f.container, f.name, f.status, f.status_code) for f in result.failures] == [
        ("logs", "locked one", "409 Conflict", 409),
        ("logs", "x", "403 Forbidden", 403),
    ]


async def test_bulk_delete_request_level_failure_raises(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    cloud.router.post(ACCOUNT).respond(
        200,
        json=report("413 Request Entity Too Large", body="Maximum Bulk Deletes: 10000 per request"),
    )
    with pytest.raises(errors.RequestEntityTooLarge) as caught:
        await bulk.bulk_delete(swift, "logs", ["a"], per_request=5)
    assert "Maximum Bulk Deletes" in str(caught.value)
    cloud.router.post(ACCOUNT).respond(200, text="<html>not json</html>")
    with pytest.raises(errors.ResponseFormatError):
        await bulk.bulk_delete(swift, "logs", ["a"], per_request=5)


async def test_bulk_delete_refuses_a_single_str(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    with pytest.raises(errors.InvalidOptions):
        await bulk.bulk_delete(swift, "logs", "abc", per_request=5)
    with pytest.raises(errors.InvalidOptions):
        await bulk.bulk_delete(swift, "logs", ["a"], per_request=0)


async def test_bulk_delete_requests_in_parallel(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    in_flight = most = 0
    bodies: list[bytes] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await anyio.sleep(0.01)
        in_flight -= 1
        bodies.append(request.content)
        return httpx.Response(200, json=BULK_OK)

    cloud.router.post(ACCOUNT).mock(side_effect=answer)
    names = [f"o{i}" for i in range(12)]

    result = await bulk.bulk_delete(swift, "logs", names, per_request=2, concurrency=3)

    assert result.deleted == 12
    assert most == 3
    assert sorted(bodies) == sorted(
        f"/logs/{names[i]}\n/logs/{names[i + 1]}".encode() for i in range(0, 12, 2)
    )
