"""networking/v2/extensions/lbaas/monitors (LBaaS v1): probes and their timing rules."""

from __future__ import annotations

from aiocloud.openstack.networking.v2.extensions.lbaas import monitors
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, sent_json

BASE = f"{NEUTRON}/lb/health_monitors"
MONITOR_ID = "f3eeab00-8367-4524-b662-55e64d4cacb5"
TENANT = "453105b9-1754-413f-aab1-55f1af620750"

HTTP_MONITOR = {
    "id": MONITOR_ID,
    "tenant_id": TENANT,
    "type": "HTTP",
    "delay": 20,
    "timeout": 10,
    "max_retries": 5,
    "http_method": "GET",
    "url_path": "/check",
    "expected_codes": "200-299",
    "admin_state_up": True,
    "status": "ACTIVE",
}
PING = {
    "admin_state_up": True,
    "tenant_id": "83657cfcdfe44cd5920adaf26c48ceea",
    "delay": 10,
    "max_retries": 1,
    "timeout": 1,
    "type": "PING",
    "id": "466c8345-28d8-4f84-a246-e04380b0461d",
    "pools": [
        {
            "status": "PENDING_CREATE",
            "status_description": None,
            "pool_id": "6e55751f-6ad4-4e53-b8d4-02e442cd21df",
        }
    ],
}


async def test_create_http_monitor(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"health_monitor": HTTP_MONITOR})

    monitor = await monitors.create(
        network,
        monitors.CreateOpts(
            type="HTTP",
            tenant_id=TENANT,
            delay=20,
            timeout=10,
            max_retries=5,
            url_path="/check",
            expected_codes="200-299",
        ),
    )

    assert sent_json(route) == {
        "health_monitor": {
            "type": "HTTP",
            "delay": 20,
            "timeout": 10,
            "max_retries": 5,
            "url_path": "/check",
            "expected_codes": "200-299",
            "tenant_id": TENANT,
        }
    }
    assert (monitor.http_method, monitor.url_path, monitor.expected_codes) == (
        "GET",
        "/check",
        "200-299",
    )


async def test_list_get_update(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(BASE).respond(200, json={"health_monitors": [PING, HTTP_MONITOR]})
    cloud.router.get(f"{BASE}/{MONITOR_ID}").respond(200, json={"health_monitor": HTTP_MONITOR})
    updated = cloud.router.put(f"{BASE}/{MONITOR_ID}").respond(
        202, json={"health_monitor": {**PING, "delay": 30, "timeout": 20, "max_retries": 10}}
    )

    found = await monitors.list(network).all()
    got = await monitors.get(network, MONITOR_ID)
    changed = await monitors.update(
        network,
        MONITOR_ID,
        monitors.UpdateOpts(
            delay=30,
            timeout=20,
            max_retries=10,
            url_path="/another_check",
            expected_codes="301",
            admin_state_up=True,
        ),
    )

    assert [m.type for m in found] == ["PING", "HTTP"]
    assert found[0].pools == (
        monitors.MonitorPool(
            pool_id="6e55751f-6ad4-4e53-b8d4-02e442cd21df", status="PENDING_CREATE"
        ),
    )
    assert got.status == "ACTIVE"
    assert sent_json(updated) == {
        "health_monitor": {
            "delay": 30,
            "timeout": 20,
            "max_retries": 10,
            "url_path": "/another_check",
            "expected_codes": "301",
            "admin_state_up": True,
        }
    }
    assert changed.delay == 30
