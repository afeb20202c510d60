"""networking/v2/extensions/security/groups: CRUD and the rules a group comes with."""

from __future__ import annotations

from typing import Any

from aiocloud.openstack.networking.v2.extensions.security import groups, rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, sent_json

BASE = f"{NEUTRON}/security-groups"
SG_ID = "2076db17-a522-4506-91de-c6dd8e837028"

STAMPS = {"created_at": "2018-03-19T19:16:56Z", "updated_at": "2018-03-19T19:16:56Z"}


def egress_rule(rule_id: str, ethertype: str, **stamps: str) -> dict[str, Any]:
    """One of the allow-all egress rules Neutron gives a new group."""
    return {
        "direction": "egress",
        "ethertype": ethertype,
        "id": rule_id,
        "port_range_max": None,
        "port_range_min": None,
        "protocol": None,
        "remote_group_id": None,
        "remote_ip_prefix": None,
        "security_group_id": SG_ID,
        "project_id": PROJECT,
        **stamps,
        "revision_number": 1,
        "tenant_id": PROJECT,
        "description": "",
    }


GROUP = {
    "description": "security group for webservers",
    "id": SG_ID,
    "name": "new-webservers",
    "stateful": True,
    "security_group_rules": [
        egress_rule("38ce2d8e-e8f1-48bd-83c2-d33cb9f50c3d", "IPv6", **STAMPS),
        egress_rule("565b9502-12de-4ffd-91e9-68885cff6ae1", "IPv4"),
    ],
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    **STAMPS,
    "revision_number": 1,
    "tags": [],
    "shared": False,
}


async def test_create_comes_with_egress_rules(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group": GROUP})

    sg = await groups.create(
        network,
        groups.CreateOpts(name="new-webservers", description="security group for webservers"),
    )

    assert sent_json(route) == {
        "security_group": {
            "name": "new-webservers",
            "description": "security group for webservers",
        }
    }
    assert sg.id == SG_ID
    assert [(r.direction, r.ethertype) for r in sg.rules] == [
        ("egress", "IPv6"),
        ("egress", "IPv4"),
    ]
    assert isinstance(sg.rules[0], rules.SecGroupRule)
    assert sg.rules[0].protocol is None
    assert sg.stateful is True


async def test_create_sends_stateless(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group": GROUP})
    await groups.create(network, groups.CreateOpts(name="raw", stateful=False))
    assert sent_json(route) == {"security_group": {"name": "raw", "stateful": False}}


async def test_list_get_update(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE, params__eq={"name": "new-webservers"}).respond(
        200, json={"security_groups": [GROUP]}
    )
    cloud.router.get(f"{BASE}/{SG_ID}").respond(200, json={"security_group": GROUP})
    updated = cloud.router.put(f"{BASE}/{SG_ID}").respond(
        200, json={"security_group": {**GROUP, "name": "mysecgroup"}}
    )

    found = await groups.list(network, groups.ListOpts(name="new-webservers")).all()
    got = await groups.get(network, SG_ID)
    renamed = await groups.update(
        network, SG_ID, groups.UpdateOpts(name="mysecgroup", description="x")
    )

    assert [g.id for g in found] == [SG_ID]
    assert listing.call_count == 1
    assert len(got.rules) == 2
    assert sent_json(updated) == {"security_group": {"name": "mysecgroup", "description": "x"}}
    assert renamed.name == "mysecgroup"
