"""rackspace/compute/v2/virtualinterfaces: a server's interfaces (``os-virtual-interfacesv2``)."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.rackspace.compute.v2 import virtualinterfaces
from aiocloud.rackspace.compute.v2.virtualinterfaces import IPAddress, VirtualInterface
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, sent_json

SERVER_ID = "8c65cb68-0681-4c30-bc88-6b83a8a26aee"
INTERFACES = f"{RAX_COMPUTE}/servers/{SERVER_ID}/os-virtual-interfacesv2"
NET_ID = "f212726e-6321-4210-9bae-a13f5a33f83f"
VIF_ID = "de7c6d53-b895-4b4a-963c-517ccb0f0775"

ISOLATED: dict[str, Any] = {
    "id": VIF_ID,
    "ip_addresses": [
        {"address": "192.168.0.2", "network_id": NET_ID, "network_label": "superprivate_xml"}
    ],
    "mac_address": "BC:76:4E:04:85:20",
}
SERVICENET: dict[str, Any] = {
    "id": "e14e789d-3b98-44a6-9c2d-c23eb1d1465c",
    "ip_addresses": [
        {
            "address": "10.181.1.30",
            "network_id": "11111111-1111-1111-1111-111111111111",
            "network_label": "private",
        }
    ],
    "mac_address": "BC:76:4E:04:81:55",
}


async def test_list(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(INTERFACES).respond(200, json={"virtual_interfaces": [ISOLATED, SERVICENET]})
    found = await virtualinterfaces.list(compute, SERVER_ID).all()
    assert found[0] == VirtualInterface(
        id=VIF_ID,
        mac_address="BC:76:4E:04:85:20",
        ip_addresses=(
            IPAddress(address="192.168.0.2", network_id=NET_ID, network_label="superprivate_xml"),
        ),
    )
    assert [ip.network_label for ip in found[1].ip_addresses] == ["private"]


async def test_create(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(INTERFACES).respond(200, json={"virtual_interfaces": [ISOLATED]})
    created = await virtualinterfaces.create(compute, SERVER_ID, NET_ID)
    assert sent_json(route) == {"virtual_interface": {"network_id": NET_ID}}
    assert (created.id, created.mac_address) == (VIF_ID, "BC:76:4E:04:85:20")


@pytest.mark.parametrize("answer", [{"virtual_interfaces": []}, {"virtual_interface": ISOLATED}])
async def test_create_answered_wrongly(
    cloud: MockCloud, compute: ServiceClient, answer: dict[str, Any]
) -> None:
    cloud.router.post(INTERFACES).respond(200, json=answer)
    with pytest.raises(errors.ResponseFormatError, match="virtual_interfaces"):
        await virtualinterfaces.create(compute, SERVER_ID, NET_ID)


async def test_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    deleted = cloud.router.delete(f"{INTERFACES}/{VIF_ID}").respond(204)
    await virtualinterfaces.delete(compute, SERVER_ID, VIF_ID)
    assert deleted.called


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: virtualinterfaces.create(c, SERVER_ID, ""), "network_id"),
        (lambda c: virtualinterfaces.create(c, "", NET_ID), "server_id"),
        (lambda c: virtualinterfaces.delete(c, SERVER_ID, ""), "interface_id"),
        (lambda c: virtualinterfaces.delete(c, "", VIF_ID), "server_id"),
    ],
)
async def test_ids_are_required(compute: ServiceClient, call: Any, field: str) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await call(compute)
    assert caught.value.field == field
