"""compute/v2/servers waiters: statuses, Nova's fault, deletion, trio."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import trio

from aiocloud import errors, openstack
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import (
    CREATED,
    SERVER,
    SERVER_ID,
    SERVERS,
    error_server_body,
    nova_error,
    server_body,
)


def _statuses(*bodies: dict[str, Any] | int) -> list[httpx.Response]:
    return [
        httpx.Response(body, json=nova_error(404, "itemNotFound", "gone"))
        if isinstance(body, int)
        else httpx.Response(200, json={"server": body})
        for body in bodies
    ]


async def test_wait_for_status_polls_until_active(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(
        server_body(status="BUILD"), server_body(status="BUILD"), server_body(status="ACTIVE")
    )
    server = await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=5, interval=0.001)
    assert server.status == "ACTIVE"
    assert route.call_count == 3


async def test_wait_for_status_reports_the_fault(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).side_effect = _statuses(
        server_body(status="BUILD"), error_server_body()
    )
    with pytest.raises(errors.ResourceError) as caught:
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=5, interval=0.001)
    assert caught.value.status == "ERROR"
    assert caught.value.fault == "No valid host was found. There are not enough hosts available."
    assert "No valid host was found" in str(caught.value)
    assert SERVER_ID in str(caught.value)


async def test_wait_for_status_times_out(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": server_body(status="BUILD")})
    with pytest.raises(
        errors.WaitTimeout, match=rf"server {SERVER_ID} did not reach ACTIVE .* 'BUILD'\)"
    ):
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=0.05, interval=0.01)


async def test_wait_for_status_can_wait_for_error(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": error_server_body()})
    server = await servers.wait_for_status(compute, SERVER_ID, "ERROR", timeout=1)
    assert server.fault is not None


async def test_wait_for_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(server_body(status="ACTIVE"), server_body(status="ACTIVE"), 404)
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)
    assert route.call_count == 3
    route.side_effect = _statuses(server_body(status="DELETED"))
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)


async def test_wait_for_delete_goes_through_error(cloud: MockCloud, compute: ServiceClient) -> None:
    """A server passes through ERROR while it is deleted: only gone ends the wait."""
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(error_server_body(), error_server_body(), 404)
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)
    assert route.call_count == 3


async def test_wait_for_delete_times_out_naming_the_server(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": error_server_body()})
    with pytest.raises(errors.WaitTimeout) as caught:
        await servers.wait_for_delete(compute, SERVER_ID, timeout=0.05, interval=0.01)
    assert str(caught.value) == (
        f"server {SERVER_ID} did not reach deleted within 0.05 s (last status 'ERROR')"
    )


async def test_wait_for_status_passes_other_errors_through(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(SERVER).respond(403, json=nova_error(403, "forbidden", "Policy doesn't allow"))
    with pytest.raises(errors.Forbidden):
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=1)


def test_boot_and_wait_under_trio() -> None:
    async def main() -> None:
        async with MockCloud() as cloud:
            compute = await openstack.new_compute_v2(cloud.provider)
            cloud.router.post(SERVERS).respond(202, json=CREATED)
            route = cloud.router.get(SERVER)
            route.side_effect = _statuses(server_body(status="BUILD"), server_body(status="ACTIVE"))
            created = await servers.create(
                compute, servers.CreateOpts(name="x", flavor_ref="1", image_ref="i")
            )
            server = await servers.wait_for_status(
                compute, created.id, "ACTIVE", timeout=5, interval=0.001
            )
            assert server.status == "ACTIVE"
            route.side_effect = None
            route.respond(200, json={"server": server_body(status="BUILD")})
            with pytest.raises(errors.WaitTimeout):
                await servers.wait_for_status(
                    compute, created.id, "ACTIVE", timeout=0.05, interval=0.01
                )

    trio.run(main)
