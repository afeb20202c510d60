"""networking/v2/extensions/lbaas/pools (LBaaS v1): CRUD and health monitor association."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.lbaas import pools
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, sent_json

BASE = f"{NEUTRON}/lb/pools"
POOL_ID = "72741b06-df4d-4715-b142-276b6bce75ab"
MONITOR_ID = "b624decf-d5d3-4c66-9a3d-f047e7786181"
SUBNET_ID = "8032909d-47a1-4715-90af-5153ffe39861"
TENANT = "83657cfcdfe44cd5920adaf26c48ceea"

POOL = {
    "status": "ACTIVE",
    "lb_method": "ROUND_ROBIN",
    "protocol": "HTTP",
    "description": "",
    "health_monitors": ["466c8345-28d8-4f84-a246-e04380b0461d"],
    "members": ["701b531b-111a-4f21-ad85-4795b7b12af6", "beb53b4d-230b-4abd-8118-575b8fa006ef"],
    "status_description": None,
    "id": POOL_ID,
    "vip_id": "4ec89087-d057-4e2c-911f-60a3b47ee304",
    "name": "app_pool",
    "admin_state_up": True,
    "subnet_id": SUBNET_ID,
    "tenant_id": TENANT,
    "health_monitors_status": [],
    "provider": "haproxy",
}


async def test_list(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(BASE, params__eq={"lb_method": "ROUND_ROBIN"}).respond(
        200, json={"pools": [POOL]}
    )

    found = await pools.list(network, pools.ListOpts(lb_method="ROUND_ROBIN")).all()

    assert found == [
        pools.Pool(
            id=POOL_ID,
            name="app_pool",
            description="",
            lb_method="ROUND_ROBIN",
            protocol="HTTP",
            subnet_id=SUBNET_ID,
            vip_id="4ec89087-d057-4e2c-911f-60a3b47ee304",
            member_ids=(
                "701b531b-111a-4f21-ad85-4795b7b12af6",
                "beb53b4d-230b-4abd-8118-575b8fa006ef",
            ),
            monitor_ids=("466c8345-28d8-4f84-a246-e04380b0461d",),
            provider="haproxy",
            admin_state_up=True,
            status="ACTIVE",
            tenant_id=TENANT,
        )
    ]
    assert route.call_count == 1


async def test_create(cloud: MockCloud, network: ServiceClient) -> None:
    answer = {**POOL, "status": "PENDING_CREATE", "members": [], "health_monitors": []}
    route = cloud.router.post(BASE).respond(201, json={"pool": answer})

    pool = await pools.create(
        network,
        pools.CreateOpts(
            subnet_id=SUBNET_ID,
            protocol="HTTP",
            lb_method="ROUND_ROBIN",
            name="Example pool",
            tenant_id="2ffc6e22aae24e4795f87155d24c896f",
            provider="haproxy",
        ),
    )

    assert sent_json(route) == {
        "pool": {
            "subnet_id": SUBNET_ID,
            "protocol": "HTTP",
            "lb_method": "ROUND_ROBIN",
            "name": "Example pool",
            "provider": "haproxy",
            "tenant_id": "2ffc6e22aae24e4795f87155d24c896f",
        }
    }
    assert pool.status == "PENDING_CREATE"
    assert pool.member_ids == ()


async def test_get_and_update_accepting_202(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/{POOL_ID}").respond(200, json={"pool": POOL})
    updated = cloud.router.put(f"{BASE}/{POOL_ID}").respond(
        202, json={"pool": {**POOL, "name": "SuperPool", "lb_method": "LEAST_CONNECTIONS"}}
    )

    got = await pools.get(network, POOL_ID)
    pool = await pools.update(
        network, POOL_ID, pools.UpdateOpts(name="SuperPool", lb_method="LEAST_CONNECTIONS")
    )

    assert got.provider == "haproxy"
    assert sent_json(updated) == {"pool": {"name": "SuperPool", "lb_method": "LEAST_CONNECTIONS"}}
    assert pool.lb_method == "LEAST_CONNECTIONS"


async def test_associate_and_disassociate_monitor(cloud: MockCloud, network: ServiceClient) -> None:
    associate = cloud.router.post(f"{BASE}/{POOL_ID}/health_monitors").respond(
        201, json={"health_monitor": {}}
    )
    disassociate = cloud.router.delete(f"{BASE}/{POOL_ID}/health_monitors/{MONITOR_ID}").respond(
        204
    )

    await pools.associate_monitor(network, POOL_ID, MONITOR_ID)
    await pools.disassociate_monitor(network, POOL_ID, MONITOR_ID)

    assert sent_json(associate) == {"health_monitor": {"id": MONITOR_ID}}
    assert disassociate.call_count == 1
    with pytest.raises(errors.InvalidOptions, match="monitor_id"):
        await pools.associate_monitor(network, POOL_ID, "")
    with pytest.raises(errors.InvalidOptions, match="pool_id"):
        await pools.disassociate_monitor(network, "", MONITOR_ID)
