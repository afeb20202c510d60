"""networking/v2: every linked listing, two pages shaped like Neutron's answers.

Neutron's controller (neutron/api/v2/base.py ``_items``) adds the links of a
paged listing under ``<collection>_links``, the collection being the JSON key
with dashes made underscores (``security_groups_links`` for
``/security-groups``, ``health_monitors_links`` for LBaaS v1's
``/lb/health_monitors``). ``get_pagination_links`` (neutron/api/api_common.py)
gives a full page a ``next`` link (the request's query, ``marker`` replaced by
the last item's id) and a ``previous`` one (``marker`` the first item's id,
``page_reverse=True``); the short last page gets only ``previous``, which a
forward listing must not follow.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import pytest

from aiocloud.openstack.networking.v2 import networks, ports, subnets
from aiocloud.openstack.networking.v2.extensions.layer3 import floatingips, routers
from aiocloud.openstack.networking.v2.extensions.lbaas import members, monitors, pools, vips
from aiocloud.openstack.networking.v2.extensions.security import groups, rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, requested, serve_pages

NET_ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
SUBNET_ID = "08eae331-0402-425a-923c-34f7cfe39c1b"
SG_ID = "85cc3048-abc3-43cc-89b3-377341426ac5"
POOL_ID = "72741b06-df4d-4715-b142-276b6bce75ab"
TENANT = "83657cfcdfe44cd5920adaf26c48ceea"
STAMPS = {"created_at": "2018-03-19T19:16:56Z", "updated_at": "2018-03-19T19:16:56Z"}
OWNED = {"project_id": PROJECT, "tenant_id": PROJECT}


def network(uid: str, n: int) -> dict[str, Any]:
    """api-ref: networks-list-response."""
    return {
        "admin_state_up": True,
        "availability_zone_hints": [],
        "availability_zones": ["nova"],
        "description": "",
        "id": uid,
        "ipv4_address_scope": None,
        "ipv6_address_scope": None,
        "l2_adjacency": False,
        "mtu": 1450,
        "name": f"net{n}",
        "port_security_enabled": True,
        "revision_number": 1,
        "router:external": False,
        "shared": False,
        "status": "ACTIVE",
        "subnets": [],
        "tags": [],
        **OWNED,
        **STAMPS,
    }


def subnet(uid: str, n: int) -> dict[str, Any]:
    """api-ref: subnets-list-response."""
    return {
        "name": f"private-subnet-{n}",
        "enable_dhcp": True,
        "network_id": NET_ID,
        "segment_id": None,
        "dns_nameservers": [],
        "allocation_pools": [{"start": f"10.0.{n}.2", "end": f"10.0.{n}.254"}],
        "host_routes": [],
        "ip_version": 4,
        "gateway_ip": f"10.0.{n}.1",
        "cidr": f"10.0.{n}.0/24",
        "id": uid,
        "description": "",
        "ipv6_address_mode": None,
        "ipv6_ra_mode": None,
        "revision_number": 2,
        "service_types": [],
        "subnetpool_id": None,
        "tags": [],
        **OWNED,
        **STAMPS,
    }


def port(uid: str, n: int) -> dict[str, Any]:
    """api-ref: ports-list-response (as a non-admin sees it, no binding:*)."""
    return {
        "admin_state_up": True,
        "allowed_address_pairs": [],
        "description": "",
        "device_id": "5e3898d7-11be-483e-9732-b2f5eccd2b2e",
        "device_owner": "compute:nova",
        "extra_dhcp_opts": [],
        "fixed_ips": [{"ip_address": f"10.0.0.{n + 10}", "subnet_id": SUBNET_ID}],
        "id": uid,
        "mac_address": f"fa:16:3e:c9:cb:{n:02x}",
        "name": f"port{n}",
        "network_id": NET_ID,
        "port_security_enabled": True,
        "revision_number": 1,
        "security_groups": [SG_ID],
        "status": "ACTIVE",
        "tags": [],
        **OWNED,
        **STAMPS,
    }


def router(uid: str, n: int) -> dict[str, Any]:
    """api-ref: routers-list-response."""
    return {
        "admin_state_up": True,
        "availability_zone_hints": [],
        "availability_zones": ["nova"],
        "description": "",
        "distributed": False,
        "external_gateway_info": {
            "enable_snat": True,
            "external_fixed_ips": [
                {"ip_address": f"172.24.4.{n}", "subnet_id": "b930d7f6-ceb7-40a0-8b81-a425dd994ccf"}
            ],
            "network_id": "ae34051f-aa6c-4c75-abf5-50dc9ac99ef3",
        },
        "flavor_id": None,
        "ha": False,
        "id": uid,
        "name": f"router{n}",
        "routes": [],
        "revision_number": 1,
        "status": "ACTIVE",
        "tags": [],
        **OWNED,
        **STAMPS,
    }


def floatingip(uid: str, n: int) -> dict[str, Any]:
    """api-ref: floating-ips-list-response (a free address)."""
    return {
        "router_id": None,
        "description": "",
        "dns_domain": "",
        "dns_name": "",
        "revision_number": 1,
        "floating_network_id": "376da547-b977-4cfe-9cba-275c80debf57",
        "fixed_ip_address": None,
        "floating_ip_address": f"172.24.4.{200 + n}",
        "port_id": None,
        "id": uid,
        "status": "DOWN",
        "port_details": None,
        "tags": [],
        "port_forwardings": [],
        "qos_policy_id": None,
        **OWNED,
        **STAMPS,
    }


def security_group(uid: str, n: int) -> dict[str, Any]:
    """api-ref: security-groups-list-response."""
    return {
        "description": "",
        "id": uid,
        "name": f"group{n}",
        "stateful": True,
        "security_group_rules": [
            {
                "direction": "egress",
                "ethertype": "IPv4",
                "id": f"38ce2d8e-e8f1-48bd-83c2-d33cb9f50c{n:02d}",
                "port_range_max": None,
                "port_range_min": None,
                "protocol": None,
                "remote_group_id": None,
                "remote_ip_prefix": None,
                "security_group_id": uid,
                "revision_number": 1,
                "description": "",
                **OWNED,
                **STAMPS,
            }
        ],
        "shared": False,
        "tags": [],
        "revision_number": 1,
        **OWNED,
        **STAMPS,
    }


def security_group_rule(uid: str, n: int) -> dict[str, Any]:
    """api-ref: security-group-rules-list-response."""
    return {
        "direction": "ingress",
        "ethertype": "IPv4",
        "id": uid,
        "port_range_max": 80 + n,
        "port_range_min": 80 + n,
        "protocol": "tcp",
        "remote_group_id": None,
        "remote_ip_prefix": "0.0.0.0/0",
        "security_group_id": SG_ID,
        "revision_number": 0,
        "description": "",
        **OWNED,
        **STAMPS,
    }


def pool(uid: str, n: int) -> dict[str, Any]:
    """LBaaS v1 api-ref: GET /v2.0/lb/pools."""
    return {
        "status": "ACTIVE",
        "lb_method": "ROUND_ROBIN",
        "protocol": "HTTP",
        "description": "",
        "health_monitors": [],
        "members": [],
        "status_description": None,
        "id": uid,
        "vip_id": None,
        "name": f"app_pool{n}",
        "admin_state_up": True,
        "subnet_id": "8032909d-47a1-4715-90af-5153ffe39861",
        "tenant_id": TENANT,
        "health_monitors_status": [],
        "provider": "haproxy",
    }


def member(uid: str, n: int) -> dict[str, Any]:
    """LBaaS v1 api-ref: GET /v2.0/lb/members."""
    return {
        "id": uid,
        "address": f"10.0.0.{n + 10}",
        "protocol_port": 80,
        "tenant_id": TENANT,
        "admin_state_up": True,
        "weight": 1,
        "status": "ACTIVE",
        "pool_id": POOL_ID,
        "status_description": None,
    }


def health_monitor(uid: str, n: int) -> dict[str, Any]:
    """LBaaS v1 api-ref: GET /v2.0/lb/health_monitors."""
    return {
        "admin_state_up": True,
        "tenant_id": TENANT,
        "delay": 10 * n,
        "max_retries": 1,
        "timeout": 1,
        "type": "PING",
        "id": uid,
        "pools": [],
    }


def vip(uid: str, n: int) -> dict[str, Any]:
    """LBaaS v1 api-ref: GET /v2.0/lb/vips."""
    return {
        "status": "ACTIVE",
        "protocol": "HTTP",
        "description": "",
        "admin_state_up": True,
        "subnet_id": "8032909d-47a1-4715-90af-5153ffe39861",
        "tenant_id": TENANT,
        "connection_limit": -1,
        "pool_id": POOL_ID,
        "session_persistence": None,
        "address": f"10.0.0.{n + 100}",
        "protocol_port": 80,
        "port_id": f"b5a743d6-056b-468b-862d-fb13a9aa69{n:02d}",
        "id": uid,
        "name": f"vip{n}",
    }


@attrs.frozen
class Listing:
    """One Neutron listing: where it lives, its JSON key and the options the test sends."""

    module: ModuleType
    path: str
    key: str
    item: Callable[[str, int], dict[str, Any]]
    opts: object
    query: str  # what ``opts`` sends, before ``limit``


LISTINGS = [
    Listing(
        networks,
        "networks",
        "networks",
        network,
        networks.ListOpts(status="ACTIVE", limit=2),
        "status=ACTIVE",
    ),
    Listing(
        subnets,
        "subnets",
        "subnets",
        subnet,
        subnets.ListOpts(network_id=NET_ID, limit=2),
        f"network_id={NET_ID}",
    ),
    Listing(
        ports,
        "ports",
        "ports",
        port,
        ports.ListOpts(network_id=NET_ID, limit=2),
        f"network_id={NET_ID}",
    ),
    Listing(
        routers,
        "routers",
        "routers",
        router,
        routers.ListOpts(status="ACTIVE", limit=2),
        "status=ACTIVE",
    ),
    Listing(
        floatingips,
        "floatingips",
        "floatingips",
        floatingip,
        floatingips.ListOpts(status="DOWN", limit=2),
        "status=DOWN",
    ),
    Listing(
        groups,
        "security-groups",
        "security_groups",
        security_group,
        groups.ListOpts(project_id=PROJECT, limit=2),
        f"project_id={PROJECT}",
    ),
    Listing(
        rules,
        "security-group-rules",
        "security_group_rules",
        security_group_rule,
        rules.ListOpts(security_group_id=SG_ID, limit=2),
        f"security_group_id={SG_ID}",
    ),
    Listing(
        pools,
        "lb/pools",
        "pools",
        pool,
        pools.ListOpts(lb_method="ROUND_ROBIN", limit=2),
        "lb_method=ROUND_ROBIN",
    ),
    Listing(
        members,
        "lb/members",
        "members",
        member,
        members.ListOpts(pool_id=POOL_ID, limit=2),
        f"pool_id={POOL_ID}",
    ),
    Listing(
        monitors,
        "lb/health_monitors",
        "health_monitors",
        health_monitor,
        monitors.ListOpts(type="PING", limit=2),
        "type=PING",
    ),
    Listing(
        vips,
        "lb/vips",
        "vips",
        vip,
        vips.ListOpts(protocol="HTTP", limit=2),
        "protocol=HTTP",
    ),
]

IDS = (
    "3d42a0d4-a980-4613-ae76-a2cddecff054",
    "60c809cb-6731-45d0-ace8-3bf5626421a9",
    "9daeac7c-a98f-430f-8e38-67f9c044e299",
)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.key)
async def test_listing_follows_collection_links(
    cloud: MockCloud, network: ServiceClient, listing: Listing
) -> None:
    url = f"{NEUTRON}/{listing.path}"
    a, b, c = IDS
    links_key = f"{listing.key}_links"
    first_url = f"{url}?{listing.query}&limit=2"
    href = f"{url}?{listing.query}&limit=2&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            listing.key: [listing.item(a, 1), listing.item(b, 2)],
            links_key: [
                {"rel": "next", "href": href},
                {
                    "rel": "previous",
                    "href": f"{url}?{listing.query}&limit=2&marker={a}&page_reverse=True",
                },
            ],
        },
        {
            listing.key: [listing.item(c, 3)],
            links_key: [
                {
                    "rel": "previous",
                    "href": f"{url}?{listing.query}&limit=2&marker={c}&page_reverse=True",
                }
            ],
        },
    )

    found = await listing.module.list(network, listing.opts).all()

    assert requested(route) == [first_url, href]
    assert [item.id for item in found] == [a, b, c]
    assert [item.raw for item in found] == [
        listing.item(a, 1),
        listing.item(b, 2),
        listing.item(c, 3),
    ]
