"""networking/v2/subnets: pools, routes, DNS, the gateway's null-vs-unset, IPv6 modes."""

from __future__ import annotations

from aiocloud.openstack.networking.v2 import subnets
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, sent_json

BASE = f"{NEUTRON}/subnets"
NET_ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
SUBNET_ID = "08eae331-0402-425a-923c-34f7cfe39c1b"
V6_ID = "54d6f61d-db07-451c-9ab3-b9609b6b6f0b"

IPV4 = {
    "name": "private-subnet",
    "enable_dhcp": True,
    "network_id": NET_ID,
    "segment_id": None,
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    "dns_nameservers": ["8.8.8.8"],
    "dns_publish_fixed_ip": False,
    "allocation_pools": [{"start": "10.0.0.2", "end": "10.0.0.254"}],
    "host_routes": [{"destination": "192.168.0.0/16", "nexthop": "10.0.0.254"}],
    "ip_version": 4,
    "gateway_ip": "10.0.0.1",
    "cidr": "10.0.0.0/24",
    "id": SUBNET_ID,
    "created_at": "2016-10-10T14:35:34Z",
    "description": "",
    "ipv6_address_mode": None,
    "ipv6_ra_mode": None,
    "revision_number": 2,
    "service_types": [],
    "subnetpool_id": None,
    "tags": ["tag1", "tag2"],
    "updated_at": "2016-10-10T14:35:34Z",
}
IPV6 = {
    **IPV4,
    "id": V6_ID,
    "name": "v6",
    "ip_version": 6,
    "cidr": "2001:db8::/64",
    "gateway_ip": None,
    "allocation_pools": [{"start": "2001:db8::2", "end": "2001:db8::ffff:ffff:ffff:ffff"}],
    "host_routes": [],
    "dns_nameservers": [],
    "ipv6_address_mode": "slaac",
    "ipv6_ra_mode": "slaac",
    "subnetpool_id": "b80340c7-9960-4f67-a99c-02501656284b",
}


async def test_create_with_pools_routes_dns_and_gateway(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"subnet": IPV4})

    created = await subnets.create(
        network,
        subnets.CreateOpts(
            network_id=NET_ID,
            cidr="10.0.0.0/24",
            name="private-subnet",
            gateway_ip="10.0.0.1",
            enable_dhcp=True,
            allocation_pools=[subnets.AllocationPool("10.0.0.2", "10.0.0.254")],
            host_routes=[subnets.HostRoute("192.168.0.0/16", "10.0.0.254")],
            dns_nameservers=["8.8.8.8"],
        ),
    )

    assert sent_json(route) == {
        "subnet": {
            "network_id": NET_ID,
            "cidr": "10.0.0.0/24",
            "ip_version": 4,
            "name": "private-subnet",
            "gateway_ip": "10.0.0.1",
            "enable_dhcp": True,
            "allocation_pools": [{"start": "10.0.0.2", "end": "10.0.0.254"}],
            "dns_nameservers": ["8.8.8.8"],
            "host_routes": [{"destination": "192.168.0.0/16", "nexthop": "10.0.0.254"}],
        }
    }
    assert created.allocation_pools == (subnets.AllocationPool("10.0.0.2", "10.0.0.254"),)
    assert created.host_routes == (subnets.HostRoute("192.168.0.0/16", "10.0.0.254"),)
    assert created.dns_nameservers == ("8.8.8.8",)
    assert created.gateway_ip == "10.0.0.1"
    assert created.revision_number == 2


async def test_gateway_unset_is_not_sent_but_explicit_null_is(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"subnet": {**IPV4, "gateway_ip": None}})

    await subnets.create(network, subnets.CreateOpts(network_id=NET_ID, cidr="10.0.0.0/24"))
    assert sent_json(route) == {
        "subnet": {"network_id": NET_ID, "cidr": "10.0.0.0/24", "ip_version": 4}
    }

    created = await subnets.create(
        network,
        subnets.CreateOpts(network_id=NET_ID, cidr="10.0.0.0/24", gateway_ip=EXPLICIT_NULL),
    )
    assert sent_json(route) == {
        "subnet": {"network_id": NET_ID, "cidr": "10.0.0.0/24", "ip_version": 4, "gateway_ip": None}
    }
    assert created.gateway_ip is None


async def test_ipv6_from_a_subnet_pool_with_modes(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"subnet": IPV6})

    created = await subnets.create(
        network,
        subnets.CreateOpts(
            network_id=NET_ID,
            ip_version=6,
            subnetpool_id="b80340c7-9960-4f67-a99c-02501656284b",
            prefixlen=64,
            ipv6_ra_mode="slaac",
            ipv6_address_mode="slaac",
        ),
    )

    assert sent_json(route) == {
        "subnet": {
            "network_id": NET_ID,
            "ip_version": 6,
            "ipv6_ra_mode": "slaac",
            "ipv6_address_mode": "slaac",
            "subnetpool_id": "b80340c7-9960-4f67-a99c-02501656284b",
            "prefixlen": 64,
        }
    }
    assert (created.ip_version, created.ipv6_ra_mode, created.ipv6_address_mode) == (
        6,
        "slaac",
        "slaac",
    )
    assert created.gateway_ip is None


async def test_default_subnet_pool_needs_no_cidr(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"subnet": IPV4})
    await subnets.create(
        network, subnets.CreateOpts(network_id=NET_ID, use_default_subnet_pool=True)
    )
    assert sent_json(route)["subnet"] == {
        "network_id": NET_ID,
        "ip_version": 4,
        "use_default_subnet_pool": True,
    }


async def test_update_clears_lists_and_disables_the_gateway(
    cloud: MockCloud, network: ServiceClient
) -> None:
    answer = {**IPV4, "gateway_ip": None, "dns_nameservers": [], "host_routes": []}
    route = cloud.router.put(f"{BASE}/{SUBNET_ID}").respond(200, json={"subnet": answer})

    updated = await subnets.update(
        network,
        SUBNET_ID,
        subnets.UpdateOpts(
            name="renamed",
            gateway_ip=EXPLICIT_NULL,
            dns_nameservers=[],
            host_routes=[],
            allocation_pools=[subnets.AllocationPool("10.0.0.10", "10.0.0.20")],
            enable_dhcp=False,
        ),
    )

    assert sent_json(route) == {
        "subnet": {
            "name": "renamed",
            "gateway_ip": None,
            "enable_dhcp": False,
            "allocation_pools": [{"start": "10.0.0.10", "end": "10.0.0.20"}],
            "dns_nameservers": [],
            "host_routes": [],
        }
    }
    assert updated.gateway_ip is None
    assert updated.dns_nameservers == ()


async def test_update_sets_a_gateway(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{SUBNET_ID}").respond(200, json={"subnet": IPV4})
    await subnets.update(network, SUBNET_ID, subnets.UpdateOpts(gateway_ip="10.0.0.1"))
    assert sent_json(route) == {"subnet": {"gateway_ip": "10.0.0.1"}}


async def test_list_and_get(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(
        BASE, params__eq={"network_id": NET_ID, "ip_version": "6", "enable_dhcp": "true"}
    ).respond(200, json={"subnets": [IPV6], "subnets_links": []})
    cloud.router.get(f"{BASE}/{V6_ID}").respond(200, json={"subnet": IPV6})

    found = await subnets.list(
        network, subnets.ListOpts(network_id=NET_ID, ip_version=6, enable_dhcp=True)
    ).all()
    got = await subnets.get(network, V6_ID)

    assert [s.id for s in found] == [V6_ID]
    assert listing.call_count == 1
    assert got.cidr == "2001:db8::/64"
    assert got.subnetpool_id == "b80340c7-9960-4f67-a99c-02501656284b"


async def test_bulk_create(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"subnets": [IPV4, IPV6]})
    created = await subnets.create_bulk(
        network,
        [
            subnets.CreateOpts(network_id=NET_ID, cidr="10.0.0.0/24"),
            subnets.CreateOpts(network_id=NET_ID, cidr="2001:db8::/64", ip_version=6),
        ],
    )
    assert sent_json(route) == {
        "subnets": [
            {"network_id": NET_ID, "cidr": "10.0.0.0/24", "ip_version": 4},
            {"network_id": NET_ID, "cidr": "2001:db8::/64", "ip_version": 6},
        ]
    }
    assert [s.ip_version for s in created] == [4, 6]
