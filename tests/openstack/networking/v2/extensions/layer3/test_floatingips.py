"""networking/v2/extensions/layer3/floatingips: allocate, associate, disassociate."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.layer3 import floatingips
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, sent_json

BASE = f"{NEUTRON}/floatingips"
FIP_ID = "2f245a7b-796b-4f26-9cf9-9e82d248fda7"
EXT_NET = "376da547-b977-4cfe-9cba-275c80debf57"
PORT_ID = "ce705c24-c1ef-408a-bda3-7bbd946164ab"

ASSOCIATED = {
    "router_id": "d23abc8d-2991-4a55-ba98-2aaea84cc72f",
    "description": "for test",
    "dns_domain": "my-domain.org.",
    "dns_name": "myfip",
    "created_at": "2016-12-21T10:55:50Z",
    "updated_at": "2016-12-21T10:55:53Z",
    "revision_number": 1,
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    "floating_network_id": EXT_NET,
    "fixed_ip_address": "10.0.0.3",
    "floating_ip_address": "172.24.4.228",
    "port_id": PORT_ID,
    "id": FIP_ID,
    "status": "ACTIVE",
    "port_details": {
        "status": "ACTIVE",
        "name": "",
        "admin_state_up": True,
        "network_id": "02dd8479-ef26-4398-a102-d19d0a7b3a1f",
        "device_owner": "compute:nova",
        "mac_address": "fa:16:3e:b1:3b:30",
        "device_id": "8e3941b4-a6e9-499f-a1ac-2a4662025cba",
    },
    "tags": ["tag1,tag2"],
    "port_forwardings": [],
    "qos_policy_id": None,
}
FREE = {
    **ASSOCIATED,
    "port_id": None,
    "fixed_ip_address": None,
    "router_id": None,
    "status": "DOWN",
    "port_details": None,
}


async def test_create_associated_at_once(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"floatingip": ASSOCIATED})

    fip = await floatingips.create(
        network,
        floatingips.CreateOpts(
            floating_network_id=EXT_NET,
            port_id=PORT_ID,
            fixed_ip_address="10.0.0.3",
            description="for test",
        ),
    )

    assert sent_json(route) == {
        "floatingip": {
            "floating_network_id": EXT_NET,
            "port_id": PORT_ID,
            "fixed_ip_address": "10.0.0.3",
            "description": "for test",
        }
    }
    assert (fip.floating_ip_address, fip.port_id, fip.fixed_ip_address) == (
        "172.24.4.228",
        PORT_ID,
        "10.0.0.3",
    )
    assert fip.router_id == "d23abc8d-2991-4a55-ba98-2aaea84cc72f"
    assert fip.raw["port_details"]["device_owner"] == "compute:nova"


async def test_create_a_given_address_from_a_subnet(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"floatingip": FREE})
    fip = await floatingips.create(
        network,
        floatingips.CreateOpts(
            floating_network_id=EXT_NET, subnet_id="s1", floating_ip_address="172.24.4.228"
        ),
    )
    assert sent_json(route) == {
        "floatingip": {
            "floating_network_id": EXT_NET,
            "floating_ip_address": "172.24.4.228",
            "subnet_id": "s1",
        }
    }
    assert fip.port_id is None


async def test_associate_and_disassociate(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{FIP_ID}").respond(200, json={"floatingip": ASSOCIATED})

    fip = await floatingips.associate(network, FIP_ID, PORT_ID, fixed_ip_address="10.0.0.3")
    assert sent_json(route) == {"floatingip": {"port_id": PORT_ID, "fixed_ip_address": "10.0.0.3"}}
    assert fip.port_id == PORT_ID

    route.respond(200, json={"floatingip": FREE})
    fip = await floatingips.disassociate(network, FIP_ID)
    assert sent_json(route) == {"floatingip": {"port_id": None}}
    assert fip.port_id is None

    await floatingips.update(
        network, FIP_ID, floatingips.UpdateOpts(port_id=EXPLICIT_NULL, description="free")
    )
    assert sent_json(route) == {"floatingip": {"port_id": None, "description": "free"}}
    with pytest.raises(errors.InvalidOptions, match="port_id"):
        await floatingips.associate(network, FIP_ID, "")
    assert route.call_count == 3


async def test_list_filters_and_get(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE).respond(
        200, json={"floatingips": [ASSOCIATED], "floatingips_links": []}
    )
    cloud.router.get(f"{BASE}/{FIP_ID}").respond(200, json={"floatingip": FREE})

    found = await floatingips.list(
        network,
        floatingips.ListOpts(
            floating_network_id=EXT_NET,
            port_id=PORT_ID,
            floating_ip_address="172.24.4.228",
            status="ACTIVE",
            router_id="d23abc8d-2991-4a55-ba98-2aaea84cc72f",
        ),
    ).all()
    got = await floatingips.get(network, FIP_ID)

    assert sorted(last_request(listing).url.params.multi_items()) == sorted(
        [
            ("floating_network_id", EXT_NET),
            ("port_id", PORT_ID),
            ("floating_ip_address", "172.24.4.228"),
            ("status", "ACTIVE"),
            ("router_id", "d23abc8d-2991-4a55-ba98-2aaea84cc72f"),
        ]
    )
    assert [f.id for f in found] == [FIP_ID]
    assert got.status == "DOWN"
