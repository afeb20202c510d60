"""networking/v2/extensions/lbaas/members (LBaaS v1)."""

from __future__ import annotations

from aiocloud.openstack.networking.v2.extensions.lbaas import members
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, sent_json

BASE = f"{NEUTRON}/lb/members"
MEMBER_ID = "975592ca-e308-48ad-8298-731935ee9f45"
POOL_ID = "72741b06-df4d-4715-b142-276b6bce75ab"
TENANT = "453105b9-1754-413f-aab1-55f1af620750"

MEMBER = {
    "id": MEMBER_ID,
    "address": "192.0.2.14",
    "protocol_port": 8080,
    "tenant_id": TENANT,
    "admin_state_up": True,
    "weight": 1,
    "status": "DOWN",
    "pool_id": POOL_ID,
    "status_description": None,
}


async def test_list_create_get_update(cloud: MockCloud, network: ServiceClient) -> None:
    listing = cloud.router.get(BASE, params__eq={"pool_id": POOL_ID}).respond(
        200, json={"members": [MEMBER]}
    )
    created = cloud.router.post(BASE).respond(201, json={"member": MEMBER})
    cloud.router.get(f"{BASE}/{MEMBER_ID}").respond(200, json={"member": MEMBER})
    updated = cloud.router.put(f"{BASE}/{MEMBER_ID}").respond(
        200, json={"member": {**MEMBER, "admin_state_up": False, "status": "PENDING_UPDATE"}}
    )

    found = await members.list(network, members.ListOpts(pool_id=POOL_ID)).all()
    member = await members.create(
        network,
        members.CreateOpts(
            pool_id=POOL_ID, address="192.0.2.14", protocol_port=8080, tenant_id=TENANT
        ),
    )
    got = await members.get(network, MEMBER_ID)
    changed = await members.update(network, MEMBER_ID, members.UpdateOpts(admin_state_up=False))

    assert listing.call_count == 1
    assert found == [
        members.Member(
            id=MEMBER_ID,
            pool_id=POOL_ID,
            address="192.0.2.14",
            protocol_port=8080,
            weight=1,
            admin_state_up=True,
            status="DOWN",
            tenant_id=TENANT,
        )
    ]
    assert sent_json(created) == {
        "member": {
            "pool_id": POOL_ID,
            "address": "192.0.2.14",
            "protocol_port": 8080,
            "tenant_id": TENANT,
        }
    }
    assert member.id == got.id == MEMBER_ID
    assert sent_json(updated) == {"member": {"admin_state_up": False}}
    assert changed.admin_state_up is False
