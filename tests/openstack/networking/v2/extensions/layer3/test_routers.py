"""networking/v2/extensions/layer3/routers: gateway, routes and interfaces."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.layer3 import routers
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, sent_json

BASE = f"{NEUTRON}/routers"
ROUTER_ID = "f8a44de0-fc8e-45df-93c7-f79bf3b01c95"
EXT_NET = "ae34051f-aa6c-4c75-abf5-50dc9ac99ef3"
EXT_SUBNET = "b930d7f6-ceb7-40a0-8b81-a425dd994ccf"
SUBNET_ID = "a2f1f29d-571b-4533-907f-5803ab96ead1"
PORT_ID = "3a44f4e5-1694-493a-a1fb-393881c673a4"

ROUTER = {
    "admin_state_up": True,
    "availability_zone_hints": [],
    "availability_zones": ["nova"],
    "created_at": "2018-03-19T19:17:04Z",
    "description": "",
    "distributed": False,
    "external_gateway_info": {
        "enable_snat": True,
        "external_fixed_ips": [{"ip_address": "172.24.4.6", "subnet_id": EXT_SUBNET}],
        "network_id": EXT_NET,
    },
    "flavor_id": "f7b14d9a-b0dc-4fbe-bb14-a0f4970a69e0",
    "ha": False,
    "id": ROUTER_ID,
    "name": "router1",
    "routes": [],
    "revision_number": 1,
    "status": "ACTIVE",
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    "tags": ["tag1,tag2"],
    "updated_at": "2018-03-19T19:17:22Z",
}


async def test_create_with_gateway_fixed_ips_and_snat(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"router": ROUTER})

    router = await routers.create(
        network,
        routers.CreateOpts(
            name="router1",
            admin_state_up=True,
            gateway_info=routers.GatewayInfo(
                network_id=EXT_NET,
                enable_snat=True,
                external_fixed_ips=[
                    routers.ExternalFixedIP(ip_address="172.24.4.6", subnet_id=EXT_SUBNET)
                ],
            ),
            availability_zone_hints=["nova"],
        ),
    )

    assert sent_json(route) == {
        "router": {
            "name": "router1",
            "admin_state_up": True,
            "external_gateway_info": {
                "network_id": EXT_NET,
                "enable_snat": True,
                "external_fixed_ips": [{"subnet_id": EXT_SUBNET, "ip_address": "172.24.4.6"}],
            },
            "availability_zone_hints": ["nova"],
        }
    }
    assert router.gateway_info == routers.GatewayInfo(
        network_id=EXT_NET,
        enable_snat=True,
        external_fixed_ips=(routers.ExternalFixedIP(EXT_SUBNET, "172.24.4.6"),),
    )
    assert router.distributed is False
    assert router.flavor_id == "f7b14d9a-b0dc-4fbe-bb14-a0f4970a69e0"


async def test_router_without_gateway(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/{ROUTER_ID}").respond(
        200, json={"router": {**ROUTER, "external_gateway_info": None}}
    )
    router = await routers.get(network, ROUTER_ID)
    assert router.gateway_info is None


async def test_update_routes_and_clear_the_gateway(
    cloud: MockCloud, network: ServiceClient
) -> None:
    answer = {
        **ROUTER,
        "external_gateway_info": None,
        "routes": [{"destination": "179.24.1.0/24", "nexthop": "172.24.3.99"}],
    }
    route = cloud.router.put(f"{BASE}/{ROUTER_ID}").respond(200, json={"router": answer})

    router = await routers.update(
        network,
        ROUTER_ID,
        routers.UpdateOpts(
            gateway_info=EXPLICIT_NULL,
            routes=[routers.Route("179.24.1.0/24", "172.24.3.99")],
        ),
    )

    assert sent_json(route) == {
        "router": {
            "external_gateway_info": None,
            "routes": [{"destination": "179.24.1.0/24", "nexthop": "172.24.3.99"}],
        }
    }
    assert router.routes == (routers.Route("179.24.1.0/24", "172.24.3.99"),)
    assert router.gateway_info is None

    await routers.update(network, ROUTER_ID, routers.UpdateOpts(routes=[]))
    assert sent_json(route) == {"router": {"routes": []}}

    await routers.update(
        network,
        ROUTER_ID,
        routers.UpdateOpts(gateway_info=routers.GatewayInfo(EXT_NET, enable_snat=False)),
    )
    assert sent_json(route) == {
        "router": {"external_gateway_info": {"network_id": EXT_NET, "enable_snat": False}}
    }


async def test_list(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(
        BASE, params__eq={"name": "router1", "admin_state_up": "true", "limit": "10"}
    ).respond(200, json={"routers": [ROUTER], "routers_links": []})

    found = await routers.list(
        network, routers.ListOpts(name="router1", admin_state_up=True, limit=10)
    ).all()

    assert [r.id for r in found] == [ROUTER_ID]
    assert listing.call_count == 1


async def test_add_interface_by_subnet(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{ROUTER_ID}/add_router_interface").respond(
        200,
        json={
            "id": ROUTER_ID,
            "network_id": "e2b1e34c-b4fd-4a39-b5a4-fb4a8a5b7ba4",
            "port_id": PORT_ID,
            "subnet_id": SUBNET_ID,
            "subnet_ids": [SUBNET_ID],
            "project_id": PROJECT,
            "tenant_id": PROJECT,
            "tags": ["tag1,tag2"],
        },
    )

    info = await routers.add_interface(
        network, ROUTER_ID, routers.InterfaceOpts(subnet_id=SUBNET_ID)
    )

    assert sent_json(route) == {"subnet_id": SUBNET_ID}
    assert info == routers.InterfaceInfo(
        id=ROUTER_ID,
        subnet_id=SUBNET_ID,
        port_id=PORT_ID,
        subnet_ids=(SUBNET_ID,),
        network_id="e2b1e34c-b4fd-4a39-b5a4-fb4a8a5b7ba4",
        tenant_id=PROJECT,
        project_id=PROJECT,
    )


async def test_remove_interface_by_port(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{ROUTER_ID}/remove_router_interface").respond(
        200,
        json={"id": ROUTER_ID, "port_id": PORT_ID, "subnet_id": SUBNET_ID, "tenant_id": PROJECT},
    )
    info = await routers.remove_interface(
        network, ROUTER_ID, routers.InterfaceOpts(port_id=PORT_ID)
    )
    assert sent_json(route) == {"port_id": PORT_ID}
    assert info.subnet_id == SUBNET_ID


async def test_interface_options_are_checked_before_any_request(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.route(url__startswith=BASE).respond(200, json={})
    with pytest.raises(errors.InvalidOptions, match="one of subnet_id, port_id"):
        await routers.add_interface(network, ROUTER_ID, routers.InterfaceOpts())
    with pytest.raises(errors.InvalidOptions, match="only one"):
        await routers.add_interface(
            network, ROUTER_ID, routers.InterfaceOpts(subnet_id=SUBNET_ID, port_id=PORT_ID)
        )
    with pytest.raises(errors.InvalidOptions):
        await routers.remove_interface(network, ROUTER_ID, routers.InterfaceOpts())
    with pytest.raises(errors.InvalidOptions, match="router_id"):
        await routers.add_interface(network, "", routers.InterfaceOpts(subnet_id=SUBNET_ID))
    assert route.call_count == 0
