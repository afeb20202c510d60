"""networking/v2/extensions/security/rules: direction, protocol, ports and remotes."""

from __future__ import annotations

from typing import Any

from aiocloud.openstack.networking.v2.extensions.security import rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, sent_json

BASE = f"{NEUTRON}/security-group-rules"
SG_ID = "a7734e61-b545-452d-a3cd-0189cbd9747a"
RULE_ID = "2bc0accf-312e-429a-956e-e4407625eb62"

RULE = {
    "direction": "ingress",
    "ethertype": "IPv4",
    "id": RULE_ID,
    "port_range_max": 80,
    "port_range_min": 80,
    "protocol": "tcp",
    "remote_group_id": "85cc3048-abc3-43cc-89b3-377341426ac5",
    "remote_ip_prefix": None,
    "security_group_id": SG_ID,
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    "created_at": "2018-03-19T19:16:56Z",
    "updated_at": "2018-03-19T19:16:56Z",
    "revision_number": 0,
    "description": "",
}


async def test_create_with_remote_group(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group_rule": RULE})

    sent: dict[str, Any] = {
        "security_group_id": SG_ID,
        "direction": "ingress",
        "ethertype": "IPv4",
        "protocol": "tcp",
        "port_range_min": 80,
        "port_range_max": 80,
        "remote_group_id": "85cc3048-abc3-43cc-89b3-377341426ac5",
    }

    rule = await rules.create(network, rules.CreateOpts(**sent))

    assert sent_json(route) == {"security_group_rule": sent}
    assert rule == rules.SecGroupRule(
        id=RULE_ID,
        **sent,
        description="",
        tenant_id=PROJECT,
        project_id=PROJECT,
        created_at=rule.created_at,
        updated_at=rule.updated_at,
        revision_number=0,
    )


async def test_create_icmp_from_a_prefix_and_by_protocol_number(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group_rule": RULE})

    await rules.create(
        network,
        rules.CreateOpts(
            security_group_id=SG_ID,
            direction="ingress",
            protocol="icmp",
            port_range_min=8,  # echo request: type 8, code 0
            port_range_max=0,
            remote_ip_prefix="192.0.2.0/24",
        ),
    )
    assert sent_json(route)["security_group_rule"] == {
        "security_group_id": SG_ID,
        "direction": "ingress",
        "protocol": "icmp",
        "port_range_min": 8,
        "port_range_max": 0,
        "remote_ip_prefix": "192.0.2.0/24",
    }

    await rules.create(
        network,
        rules.CreateOpts(
            security_group_id=SG_ID, direction="egress", ethertype="IPv6", protocol=132
        ),
    )
    assert sent_json(route)["security_group_rule"] == {
        "security_group_id": SG_ID,
        "direction": "egress",
        "ethertype": "IPv6",
        "protocol": 132,
    }


async def test_list_and_get(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE).respond(
        200, json={"security_group_rules": [RULE], "security_group_rules_links": []}
    )
    cloud.router.get(f"{BASE}/{RULE_ID}").respond(200, json={"security_group_rule": RULE})

    found = await rules.list(
        network,
        rules.ListOpts(security_group_id=SG_ID, direction="ingress", protocol="tcp", limit=20),
    ).all()
    got = await rules.get(network, RULE_ID)

    assert sorted(last_request(listing).url.params.multi_items()) == [
        ("direction", "ingress"),
        ("limit", "20"),
        ("protocol", "tcp"),
        ("security_group_id", SG_ID),
    ]
    assert [r.id for r in found] == [RULE_ID]
    assert got.port_range_max == 80
