"""networking/v2/extensions/lbaas/vips (LBaaS v1): VIPs and session persistence."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2.extensions.lbaas import vips
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.conftest import last_request, sent_json
from tests.openstack.networking.v2.conftest import NEUTRON, neutron_error

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


@pytest.mark.parametrize(
    ("persistence", "protocol_port", "field"),
    [
        (vips.SessionPersistence(type="APP_COOKIE"), 80, "persistence"),
        (vips.SessionPersistence(type="STICKY"), 80, "persistence"),
        (None, 70000, "protocol_port"),
    ],
)
async def test_bad_create_options(
    cloud: MockCloud,
    network: ServiceClient,
    persistence: vips.SessionPersistence | None,
    protocol_port: int,
    field: str,
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"vip": VIP})
    opts = vips.CreateOpts(
        name="v",
        subnet_id=SUBNET_ID,
        protocol="TCP",
        protocol_port=protocol_port,
        pool_id=POOL_ID,
        persistence=persistence,
    )
    with pytest.raises(errors.InvalidOptions) as caught:
        await vips.create(network, opts)
    assert caught.value.field == field
    assert route.call_count == 0


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


async def test_get_delete_and_pool_in_use(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/{VIP_ID}").respond(200, json={"vip": VIP})
    deleted = cloud.router.delete(f"{BASE}/{VIP_ID}").respond(204)
    message = f"Another Vip already exists for pool {POOL_ID}"
    cloud.router.post(BASE).respond(409, json=neutron_error("VipExists", message))

    got = await vips.get(network, VIP_ID)
    await vips.delete(network, VIP_ID)
    with pytest.raises(errors.Conflict) as caught:
        await vips.create(
            network,
            vips.CreateOpts(
                name="v", subnet_id=SUBNET_ID, protocol="TCP", protocol_port=80, pool_id=POOL_ID
            ),
        )

    assert got.address == "10.0.0.10"
    assert deleted.call_count == 1
    assert caught.value.message == f"VipExists: {message}"
