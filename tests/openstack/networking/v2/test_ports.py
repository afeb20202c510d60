"""networking/v2/ports: fixed IPs, address pairs, security groups and binding attributes."""

from __future__ import annotations

import json

import anyio
import httpx
import trio

from aiocloud import openstack
from aiocloud.openstack.networking.v2 import ports
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, sent_json

BASE = f"{NEUTRON}/ports"
NET_ID = "a87cc70a-3e15-4acf-8205-9b711a3531b7"
SUBNET_ID = "a0304c3a-4f08-4c43-88af-d796509c97d2"
PORT_ID = "65c0ee9f-d634-4522-8954-51021b570b0d"
SG_ID = "f0ac4394-7e4a-4409-9701-ba8be283dbc3"

PORT = {
    "admin_state_up": True,
    "allowed_address_pairs": [{"ip_address": "10.0.0.200", "mac_address": "fa:16:3e:c9:cb:f0"}],
    "binding:host_id": "devstack",
    "binding:profile": {"local_link_information": [{"port_id": "Ethernet3/1"}]},
    "binding:vif_details": {"ovs_hybrid_plug": True, "port_filter": True},
    "binding:vif_type": "ovs",
    "binding:vnic_type": "normal",
    "created_at": "2016-03-08T20:19:41",
    "description": "",
    "device_id": "5e3898d7-11be-483e-9732-b2f5eccd2b2e",
    "device_owner": "network:router_interface",
    "dns_assignment": {"hostname": "myport", "ip_address": "10.0.0.1", "fqdn": "myport.x."},
    "extra_dhcp_opts": [{"opt_value": "pxelinux.0", "ip_version": 4, "opt_name": "bootfile-name"}],
    "fixed_ips": [{"ip_address": "10.0.0.1", "subnet_id": SUBNET_ID}],
    "id": PORT_ID,
    "mac_address": "fa:16:3e:c9:cb:f0",
    "name": "private-port",
    "network_id": NET_ID,
    "port_security_enabled": True,
    "project_id": PROJECT,
    "revision_number": 1,
    "security_groups": [SG_ID],
    "status": "ACTIVE",
    "tags": ["tag1,tag2"],
    "tenant_id": PROJECT,
    "updated_at": "2016-03-08T20:19:41",
}
# what a member (no binding rights) sees
PLAIN_PORT = {k: v for k, v in PORT.items() if not k.startswith("binding:")}


async def test_create_with_fixed_ips_pairs_groups_and_binding(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"port": PORT})

    created = await ports.create(
        network,
        ports.CreateOpts(
            network_id=NET_ID,
            name="private-port",
            admin_state_up=True,
            fixed_ips=[ports.FixedIP(subnet_id=SUBNET_ID, ip_address="10.0.0.1")],
            security_groups=[SG_ID],
            allowed_address_pairs=[ports.AddressPair("10.0.0.200")],
            device_owner="network:router_interface",
            device_id="5e3898d7-11be-483e-9732-b2f5eccd2b2e",
            mac_address="fa:16:3e:c9:cb:f0",
            host_id="devstack",
            vnic_type="normal",
            profile={"local_link_information": [{"port_id": "Ethernet3/1"}]},
        ),
    )

    assert sent_json(route) == {
        "port": {
            "network_id": NET_ID,
            "name": "private-port",
            "admin_state_up": True,
            "mac_address": "fa:16:3e:c9:cb:f0",
            "fixed_ips": [{"subnet_id": SUBNET_ID, "ip_address": "10.0.0.1"}],
            "device_id": "5e3898d7-11be-483e-9732-b2f5eccd2b2e",
            "device_owner": "network:router_interface",
            "security_groups": [SG_ID],
            "allowed_address_pairs": [{"ip_address": "10.0.0.200"}],
            "binding:host_id": "devstack",
            "binding:vnic_type": "normal",
            "binding:profile": {"local_link_information": [{"port_id": "Ethernet3/1"}]},
        }
    }
    assert created.fixed_ips == (ports.FixedIP(SUBNET_ID, "10.0.0.1"),)
    assert created.allowed_address_pairs == (ports.AddressPair("10.0.0.200", "fa:16:3e:c9:cb:f0"),)
    assert created.security_groups == (SG_ID,)
    assert created.host_id == "devstack"
    assert created.vif_type == "ovs"
    assert created.vnic_type == "normal"
    assert created.vif_details == {"ovs_hybrid_plug": True, "port_filter": True}
    assert created.profile == {"local_link_information": [{"port_id": "Ethernet3/1"}]}
    assert created.raw["extra_dhcp_opts"][0]["opt_name"] == "bootfile-name"


async def test_binding_attributes_are_none_when_hidden(
    cloud: MockCloud, network: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}/{PORT_ID}").respond(200, json={"port": PLAIN_PORT})
    port = await ports.get(network, PORT_ID)
    assert (port.host_id, port.vif_type, port.vnic_type, port.profile) == (None, None, None, None)
    assert port.device_owner == "network:router_interface"


async def test_create_a_minimal_port(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"port": PLAIN_PORT})
    await ports.create(network, ports.CreateOpts(network_id=NET_ID))
    assert sent_json(route) == {"port": {"network_id": NET_ID}}


async def test_update_clears_security_groups_and_pairs(
    cloud: MockCloud, network: ServiceClient
) -> None:
    answer = {**PORT, "security_groups": [], "allowed_address_pairs": []}
    route = cloud.router.put(f"{BASE}/{PORT_ID}").respond(200, json={"port": answer})

    updated = await ports.update(
        network,
        PORT_ID,
        ports.UpdateOpts(
            security_groups=[],
            allowed_address_pairs=[],
            fixed_ips=[ports.FixedIP(ip_address="10.0.0.7")],
            port_security_enabled=False,
        ),
    )

    assert sent_json(route) == {
        "port": {
            "fixed_ips": [{"ip_address": "10.0.0.7"}],
            "security_groups": [],
            "allowed_address_pairs": [],
            "port_security_enabled": False,
        }
    }
    assert updated.security_groups == ()


async def test_update_binding_host(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{PORT_ID}").respond(200, json={"port": PORT})
    await ports.update(
        network, PORT_ID, ports.UpdateOpts(host_id="devstack", device_id="d", device_owner="o")
    )
    assert sent_json(route) == {
        "port": {"device_id": "d", "device_owner": "o", "binding:host_id": "devstack"}
    }


async def test_list_filters_by_fixed_ips_groups_and_host(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.get(BASE).respond(200, json={"ports": [PORT], "ports_links": []})

    found = await ports.list(
        network,
        ports.ListOpts(
            network_id=NET_ID,
            device_owner="network:router_interface",
            security_groups=[SG_ID, "other"],
            host_id="devstack",
            fixed_ips=[
                ports.FixedIP(ip_address="10.0.0.1"),
                ports.FixedIP(subnet_id=SUBNET_ID),
            ],
            limit=50,
        ),
    ).all()

    assert sorted(last_request(route).url.params.multi_items()) == sorted(
        [
            ("network_id", NET_ID),
            ("device_owner", "network:router_interface"),
            ("security_groups", SG_ID),
            ("security_groups", "other"),
            ("binding:host_id", "devstack"),
            ("limit", "50"),
            ("fixed_ips", "ip_address=10.0.0.1"),
            ("fixed_ips", f"subnet_id={SUBNET_ID}"),
        ]
    )
    assert [p.id for p in found] == [PORT_ID]


async def test_bulk_create(cloud: MockCloud, network: ServiceClient) -> None:
    bulk = cloud.router.post(BASE).respond(201, json={"ports": [PORT, PLAIN_PORT]})

    created = await ports.create_bulk(
        network, [ports.CreateOpts(network_id=NET_ID, name=f"p{i}") for i in range(2)]
    )

    assert sent_json(bulk) == {
        "ports": [{"network_id": NET_ID, "name": "p0"}, {"network_id": NET_ID, "name": "p1"}]
    }
    assert len(created) == 2


async def test_many_concurrent_creates_share_one_provider(
    cloud: MockCloud, network: ServiceClient
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        name = json.loads(request.content)["port"]["name"]
        return httpx.Response(201, json={"port": {**PLAIN_PORT, "name": name}})

    route = cloud.router.post(BASE).mock(side_effect=answer)
    created: list[ports.Port] = []

    async def one(i: int) -> None:
        created.append(await ports.create(network, ports.CreateOpts(NET_ID, name=f"p{i:02d}")))

    async with anyio.create_task_group() as tasks:
        for i in range(100):
            tasks.start_soon(one, i)

    assert route.call_count == 100
    assert sorted(p.name for p in created) == [f"p{i:02d}" for i in range(100)]
    assert cloud.token_route.call_count == 1


def test_ports_under_trio() -> None:
    async def main() -> None:
        async with MockCloud() as cloud:
            network = await openstack.new_network_v2(cloud.provider)
            cloud.router.post(BASE).respond(201, json={"port": PLAIN_PORT})
            cloud.router.get(BASE).respond(200, json={"ports": [PLAIN_PORT]})
            results: list[str] = []

            async def one() -> None:
                results.append((await ports.create(network, ports.CreateOpts(NET_ID))).id)

            async with trio.open_nursery() as nursery:
                for _ in range(20):
                    nursery.start_soon(one)
            assert results == [PORT_ID] * 20
            assert [p.id for p in await ports.list(network).all()] == [PORT_ID]

    trio.run(main)
