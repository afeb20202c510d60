"""networking/v2/extensions/security/rules: direction, protocol, ports and remotes."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.security import rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.conftest import last_request, sent_json
from tests.openstack.networking.v2.conftest import NEUTRON, PROJECT, neutron_error

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

    rule = await rules.create(
        network,
        rules.CreateOpts(
            security_group_id=SG_ID,
            direction="ingress",
            ethertype="IPv4",
            protocol="tcp",
            port_range_min=80,
            port_range_max=80,
            remote_group_id="85cc3048-abc3-43cc-89b3-377341426ac5",
        ),
    )

    assert sent_json(route) == {
        "security_group_rule": {
            "security_group_id": SG_ID,
            "direction": "ingress",
            "ethertype": "IPv4",
            "protocol": "tcp",
            "port_range_min": 80,
            "port_range_max": 80,
            "remote_group_id": "85cc3048-abc3-43cc-89b3-377341426ac5",
        }
    }
    assert rule == rules.SecGroupRule(
        id=RULE_ID,
        security_group_id=SG_ID,
        direction="ingress",
        ethertype="IPv4",
        protocol="tcp",
        port_range_min=80,
        port_range_max=80,
        remote_group_id="85cc3048-abc3-43cc-89b3-377341426ac5",
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


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"security_group_id": ""}, "security_group_id"),
        ({"direction": "inbound"}, "direction"),
        ({"ethertype": "ipv4"}, "ethertype"),
        ({"remote_ip_prefix": "0.0.0.0/0", "remote_group_id": "g"}, "remote_ip_prefix"),
        ({"port_range_min": 22}, "protocol"),
        ({"protocol": "tcp", "port_range_min": 90, "port_range_max": 80}, "port_range_min"),
    ],
)
async def test_bad_rules_are_rejected_before_any_request(
    cloud: MockCloud, network: ServiceClient, changes: dict[str, Any], field: str
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group_rule": RULE})
    opts = rules.CreateOpts(**{"security_group_id": SG_ID, "direction": "ingress", **changes})
    with pytest.raises(errors.InvalidOptions) as caught:
        await rules.create(network, opts)
    assert caught.value.field == field
    assert route.call_count == 0


async def test_list_get_delete(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE).respond(
        200, json={"security_group_rules": [RULE], "security_group_rules_links": []}
    )
    cloud.router.get(f"{BASE}/{RULE_ID}").respond(200, json={"security_group_rule": RULE})
    deleted = cloud.router.delete(f"{BASE}/{RULE_ID}").respond(204)

    found = await rules.list(
        network,
        rules.ListOpts(security_group_id=SG_ID, direction="ingress", protocol="tcp", limit=20),
    ).all()
    got = await rules.get(network, RULE_ID)
    await rules.delete(network, RULE_ID)

    assert sorted(last_request(listing).url.params.multi_items()) == [
        ("direction", "ingress"),
        ("limit", "20"),
        ("protocol", "tcp"),
        ("security_group_id", SG_ID),
    ]
    assert [r.id for r in found] == [RULE_ID]
    assert got.port_range_max == 80
    assert deleted.call_count == 1


async def test_duplicate_rule_is_a_conflict(cloud: MockCloud, network: ServiceClient) -> None:
    message = f"Security group rule already exists. Rule id is {RULE_ID}."
    cloud.router.post(BASE).respond(409, json=neutron_error("SecurityGroupRuleExists", message))
    with pytest.raises(errors.Conflict) as caught:
        await rules.create(network, rules.CreateOpts(security_group_id=SG_ID, direction="ingress"))
    assert caught.value.message == f"SecurityGroupRuleExists: {message}"
