"""Ids and names that would reach another resource are refused before any request.

HTTP stacks collapse ``.`` and ``..`` segments (aiohttp even ``%2E``),
services decode ``%2F`` before routing, and an empty id names the collection:
``servers.delete_metadatum(compute, "srv-1", "..")`` would delete the server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from aiocloud import errors, openstack
from aiocloud.openstack.blockstorage.v3 import volumes
from aiocloud.openstack.common import extensions
from aiocloud.openstack.compute.v2 import flavors, images, servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.openstack.identity.v3 import endpoints, services
from aiocloud.openstack.networking.v2 import apiversions, networks, ports
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

SERVER_ID = "srv-1"

Operation = Callable[[dict[str, ServiceClient], Any], Awaitable[Any]]

OPERATIONS: dict[str, Operation] = {
    "servers.delete": lambda c, v: servers.delete(c["compute"], v),
    "servers.get": lambda c, v: servers.get(c["compute"], v),
    "servers.delete_metadatum": lambda c, v: servers.delete_metadatum(c["compute"], SERVER_ID, v),
    "servers.get_volume_attachment": lambda c, v: servers.get_volume_attachment(
        c["compute"], SERVER_ID, v
    ),
    "flavors.delete": lambda c, v: flavors.delete(c["compute"], v),
    "flavors.delete_extra_spec": lambda c, v: flavors.delete_extra_spec(c["compute"], "f1", v),
    "images.delete": lambda c, v: images.delete(c["compute"], v),
    "keypairs.delete": lambda c, v: keypairs.delete(c["compute"], v),
    "extensions.get": lambda c, v: extensions.get(c["compute"], v),
    "networks.delete": lambda c, v: networks.delete(c["network"], v),
    "ports.get": lambda c, v: ports.get(c["network"], v),
    "volumes.delete": lambda c, v: volumes.delete(c["volume"], v),
    "volumes.delete_metadatum": lambda c, v: volumes.delete_metadatum(c["volume"], "vol-1", v),
    "services.delete": lambda c, v: services.delete(c["identity"], v),
    "endpoints.delete": lambda c, v: endpoints.delete(c["identity"], v),
}

BAD_IDS = [".", "..", "", "a/..", "../x", "a/b", 123, None]

SWIFT_OPERATIONS: dict[str, Operation] = {
    "containers.delete": lambda c, v: containers.delete(c["swift"], v),
    "containers.get": lambda c, v: containers.get(c["swift"], v),
    "objects.delete": lambda c, v: objects.delete(c["swift"], "logs", v),
    "objects.get": lambda c, v: objects.get(c["swift"], "logs", v),
    "objects.create": lambda c, v: objects.create(c["swift"], "logs", v, b"x"),
    "objects.copy from": lambda c, v: objects.copy(c["swift"], "logs", v, "logs", "b"),
    "objects.copy to": lambda c, v: objects.copy(c["swift"], "logs", "a", "logs", v or "."),
}

BAD_CONTAINERS = [".", "..", "", "a/b", 123, None]
BAD_OBJECT_NAMES = [".", "..", "", "./x", "x/.", "a/../b", "a/..", "../a", 123, None]


@pytest.fixture
async def clients(cloud: MockCloud) -> dict[str, ServiceClient]:
    return {
        "compute": await openstack.new_compute_v2(cloud.provider),
        "network": await openstack.new_network_v2(cloud.provider),
        "volume": await openstack.new_block_storage_v3(cloud.provider),
        "identity": await openstack.new_identity_v3(cloud.provider),
        "swift": await openstack.new_object_storage_v1(cloud.provider),
    }


async def _refused(cloud: MockCloud, call: Awaitable[Any]) -> errors.InvalidOptions:
    anything = cloud.router.route().respond(204)
    with pytest.raises(errors.InvalidOptions) as caught:
        await call
    assert anything.call_count == 0
    return caught.value


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
@pytest.mark.parametrize("operation", OPERATIONS)
async def test_bad_ids_send_nothing(
    cloud: MockCloud, clients: dict[str, ServiceClient], operation: str, bad: Any
) -> None:
    await _refused(cloud, OPERATIONS[operation](clients, bad))


async def test_the_error_says_where_the_segment_goes(
    cloud: MockCloud, clients: dict[str, ServiceClient]
) -> None:
    error = await _refused(cloud, servers.delete_metadatum(clients["compute"], SERVER_ID, ".."))
    assert error.field == f"the segment after servers/{SERVER_ID}/metadata/"
    assert "'..'" in error.reason


async def test_a_non_string_id_names_its_type(
    cloud: MockCloud, clients: dict[str, ServiceClient]
) -> None:
    error = await _refused(cloud, flavors.delete_extra_spec(clients["compute"], "f1", 123))  # type: ignore[arg-type]
    assert error.reason == "expected a string, got int"


@pytest.mark.parametrize("text", ["%2e", "%2E%2E", "...", ".x", "x.", "a b?#"])
async def test_odd_but_safe_ids_are_one_literal_segment(
    cloud: MockCloud, clients: dict[str, ServiceClient], text: str
) -> None:
    route = cloud.router.delete(url__regex=r"/servers/srv-1/metadata/").respond(204)
    await servers.delete_metadatum(clients["compute"], SERVER_ID, text)
    sent = route.calls.last.request.url.raw_path.rsplit(b"/", 1)[1]
    assert sent not in (b".", b"..") and b"%2F" not in sent.upper()
    assert route.calls.last.request.url.raw_path.count(b"/") == 5


@pytest.mark.parametrize("bad", ["..", ".", "", "v2.0/../x", 2])
async def test_network_version_resources_need_a_version(
    cloud: MockCloud, clients: dict[str, ServiceClient], bad: Any
) -> None:
    anything = cloud.router.route().respond(204)
    with pytest.raises(errors.InvalidOptions, match="version"):
        apiversions.list_version_resources(clients["network"], bad)
    assert anything.call_count == 0


@pytest.mark.parametrize("bad", BAD_CONTAINERS, ids=repr)
@pytest.mark.parametrize("operation", ["containers.delete", "containers.get"])
async def test_bad_container_names_send_nothing(
    cloud: MockCloud, clients: dict[str, ServiceClient], operation: str, bad: Any
) -> None:
    error = await _refused(cloud, SWIFT_OPERATIONS[operation](clients, bad))
    assert error.field == "container"


@pytest.mark.parametrize("bad", BAD_OBJECT_NAMES, ids=repr)
@pytest.mark.parametrize(
    "operation", [name for name in SWIFT_OPERATIONS if name.startswith("objects.")]
)
async def test_bad_object_names_send_nothing(
    cloud: MockCloud, clients: dict[str, ServiceClient], operation: str, bad: Any
) -> None:
    error = await _refused(cloud, SWIFT_OPERATIONS[operation](clients, bad))
    assert error.field in ("name", "names")


async def test_the_container_of_an_object_is_checked(
    cloud: MockCloud, clients: dict[str, ServiceClient]
) -> None:
    error = await _refused(cloud, objects.delete(clients["swift"], "..", "x"))
    assert error.field == "container"
