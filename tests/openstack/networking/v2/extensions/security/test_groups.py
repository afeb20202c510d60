"""networking/v2/extensions/security/groups: CRUD and the rules a group comes with."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.security import groups, rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.conftest import sent_json
from tests.openstack.networking.v2.conftest import NEUTRON, PROJECT, neutron_error

BASE = f"{NEUTRON}/security-groups"
SG_ID = "2076db17-a522-4506-91de-c6dd8e837028"

GROUP = {
    "description": "security group for webservers",
    "id": SG_ID,
    "name": "new-webservers",
    "stateful": True,
    "security_group_rules": [
        {
            "direction": "egress",
            "ethertype": "IPv6",
            "id": "38ce2d8e-e8f1-48bd-83c2-d33cb9f50c3d",
            "port_range_max": None,
            "port_range_min": None,
            "protocol": None,
            "remote_group_id": None,
            "remote_ip_prefix": None,
            "security_group_id": SG_ID,
            "project_id": PROJECT,
            "created_at": "2018-03-19T19:16:56Z",
            "updated_at": "2018-03-19T19:16:56Z",
            "revision_number": 1,
            "tenant_id": PROJECT,
            "description": "",
        },
        {
            "direction": "egress",
            "ethertype": "IPv4",
            "id": "565b9502-12de-4ffd-91e9-68885cff6ae1",
            "port_range_max": None,
            "port_range_min": None,
            "protocol": None,
            "remote_group_id": None,
            "remote_ip_prefix": None,
            "security_group_id": SG_ID,
            "project_id": PROJECT,
            "revision_number": 1,
            "tenant_id": PROJECT,
            "description": "",
        },
    ],
    "project_id": PROJECT,
    "tenant_id": PROJECT,
    "created_at": "2018-03-19T19:16:56Z",
    "updated_at": "2018-03-19T19:16:56Z",
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


async def test_create_needs_a_name_and_sends_stateless(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"security_group": GROUP})
    with pytest.raises(errors.InvalidOptions, match="name"):
        await groups.create(network, groups.CreateOpts(name=""))
    assert route.call_count == 0
    await groups.create(network, groups.CreateOpts(name="raw", stateful=False))
    assert sent_json(route) == {"security_group": {"name": "raw", "stateful": False}}


async def test_list_get_update_delete(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE, params__eq={"name": "new-webservers"}).respond(
        200, json={"security_groups": [GROUP]}
    )
    cloud.router.get(f"{BASE}/{SG_ID}").respond(200, json={"security_group": GROUP})
    updated = cloud.router.put(f"{BASE}/{SG_ID}").respond(
        200, json={"security_group": {**GROUP, "name": "mysecgroup"}}
    )
    deleted = cloud.router.delete(f"{BASE}/{SG_ID}").respond(204)

    found = await groups.list(network, groups.ListOpts(name="new-webservers")).all()
    got = await groups.get(network, SG_ID)
    renamed = await groups.update(
        network, SG_ID, groups.UpdateOpts(name="mysecgroup", description="x")
    )
    await groups.delete(network, SG_ID)

    assert [g.id for g in found] == [SG_ID]
    assert listing.call_count == 1
    assert len(got.rules) == 2
    assert sent_json(updated) == {"security_group": {"name": "mysecgroup", "description": "x"}}
    assert renamed.name == "mysecgroup"
    assert deleted.call_count == 1


async def test_in_use_and_missing(cloud: MockCloud, network: ServiceClient) -> None:
    in_use = f"Security Group {SG_ID} in use."
    cloud.router.delete(f"{BASE}/{SG_ID}").respond(
        409, json=neutron_error("SecurityGroupInUse", in_use)
    )
    cloud.router.get(f"{BASE}/{SG_ID}").respond(
        404, json=neutron_error("SecurityGroupNotFound", f"Security group {SG_ID} does not exist")
    )
    with pytest.raises(errors.Conflict) as conflict:
        await groups.delete(network, SG_ID)
    with pytest.raises(errors.NotFound, match="SecurityGroupNotFound"):
        await groups.get(network, SG_ID)
    assert conflict.value.message == f"SecurityGroupInUse: {in_use}"
