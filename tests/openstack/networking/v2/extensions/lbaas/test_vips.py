"""networking/v2/extensions/lbaas/vips (LBaaS v1): VIPs and session persistence."""

from __future__ import annotations

from aiocloud.openstack.networking.v2.extensions.lbaas import vips
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, last_request, sent_json

BASE = f"{NEUTRON}/lb/vips"
VIP_ID = "4ec89087-d057-4e2c-911f-60a3b47ee304"
SUBNET_ID = "8032909d-47a1-4715-90af-5153ffe39861"
POOL_ID = "61b1f87a-7a21-4ad3-9dda-7f81d249944f"
TENANT = "83657cfcdfe44cd5920adaf26c48ceea"

VIP = {
    "status": "ACTIVE",
    "protocol": "HTTP",
    "description": "",
    "admin_state_up": True,
    "subnet_id": SUBNET_ID,
    "tenant_id": TENANT,
    "connection_limit": 1000,
    "pool_id": "72741b06-df4d-4715-b142-276b6bce75ab",
    "session_persistence": {"cookie_name": "MyAppCookie", "type": "APP_COOKIE"},
    "address": "10.0.0.10",
    "protocol_port": 80,
    "port_id": "b5a743d6-056b-468b-862d-fb13a9aa694e",
    "id": VIP_ID,
    "name": "my-vip",
}
NO_PERSISTENCE = {**VIP, "session_persistence": None, "connection_limit": -1}


async def test_create_with_session_persistence(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"vip": {**VIP, "status": "PENDING_CREATE"}})

    vip = await vips.create(
        network,
        vips.CreateOpts(
            name="NewVip",
            subnet_id=SUBNET_ID,
            protocol="HTTP",
            protocol_port=80,
            pool_id=POOL_ID,
            admin_state_up=True,
            persistence=vips.SessionPersistence(type="SOURCE_IP"),
        ),
    )

    assert sent_json(route) == {
        "vip": {
            "name": "NewVip",
            "subnet_id": SUBNET_ID,
            "protocol": "HTTP",
            "protocol_port": 80,
            "pool_id": POOL_ID,
            "session_persistence": {"type": "SOURCE_IP"},
            "admin_state_up": True,
        }
    }
    assert vip.status == "PENDING_CREATE"
    assert vip.persistence == vips.SessionPersistence(type="APP_COOKIE", cookie_name="MyAppCookie")


async def test_vip_without_persistence(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(200, json={"vips": [NO_PERSISTENCE, VIP]})
    found = await vips.list(network, vips.ListOpts(protocol="HTTP", protocol_port=80)).all()
    assert found[0].persistence is None
    assert found[0].connection_limit == -1
    assert found[1].persistence is not None
    assert sorted(last_request(route).url.params.multi_items()) == [
        ("protocol", "HTTP"),
        ("protocol_port", "80"),
    ]


async def test_update_sets_and_removes_persistence(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.put(f"{BASE}/{VIP_ID}").respond(202, json={"vip": VIP})

    await vips.update(
        network,
        VIP_ID,
        vips.UpdateOpts(
            connection_limit=1000, persistence=vips.SessionPersistence(type="SOURCE_IP")
        ),
    )
    assert sent_json(route) == {
        "vip": {"session_persistence": {"type": "SOURCE_IP"}, "connection_limit": 1000}
    }

    route.respond(200, json={"vip": NO_PERSISTENCE})
    vip = await vips.update(network, VIP_ID, vips.UpdateOpts(persistence=EXPLICIT_NULL))
    assert sent_json(route) == {"vip": {"session_persistence": None}}
    assert vip.persistence is None


async def test_get(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/{VIP_ID}").respond(200, json={"vip": VIP})
    got = await vips.get(network, VIP_ID)
    assert got.address == "10.0.0.10"
