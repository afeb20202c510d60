"""compute/v2/servers interfaces: list, attach, get, detach."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import SERVER, SERVER_ID, nova_error, sent_json

INTERFACE: dict[str, Any] = {
    "fixed_ips": [
        {"ip_address": "192.168.1.3", "subnet_id": "f8a6e8f8-c2ec-497c-9f23-da9616de54ef"}
    ],
    "mac_addr": "fa:16:3e:4c:2c:30",
    "net_id": "3cb9bc59-5699-4588-a4b1-b87f96708bc6",
    "port_id": "ce531f90-199f-48c0-816c-13e38010b442",
    "port_state": "ACTIVE",
    "tag": "nic-1",
}


async def test_interfaces(cloud: MockCloud, compute: ServiceClient) -> None:
    base = f"{SERVER}/os-interface"
    cloud.router.get(base).respond(200, json={"interfaceAttachments": [INTERFACE]})
    attach = cloud.router.post(base).respond(200, json={"interfaceAttachment": INTERFACE})
    cloud.router.get(f"{base}/{INTERFACE['port_id']}").respond(
        200, json={"interfaceAttachment": INTERFACE}
    )
    detach = cloud.router.delete(f"{base}/{INTERFACE['port_id']}").respond(202)

    [listed] = await servers.list_interfaces(compute, SERVER_ID).all()
    assert listed == servers.Interface(
        port_id="ce531f90-199f-48c0-816c-13e38010b442",
        net_id="3cb9bc59-5699-4588-a4b1-b87f96708bc6",
        mac_addr="fa:16:3e:4c:2c:30",
        port_state="ACTIVE",
        fixed_ips=(
            servers.FixedIP(
                ip_address="192.168.1.3", subnet_id="f8a6e8f8-c2ec-497c-9f23-da9616de54ef"
            ),
        ),
        tag="nic-1",
    )
    await servers.attach_interface(
        compute,
        SERVER_ID,
        servers.AttachInterfaceOpts(net_id=INTERFACE["net_id"], fixed_ip="192.168.1.3", tag="t"),
    )
    assert sent_json(attach) == {
        "interfaceAttachment": {
            "net_id": INTERFACE["net_id"],
            "tag": "t",
            "fixed_ips": [{"ip_address": "192.168.1.3"}],
        }
    }
    await servers.attach_interface(
        compute, SERVER_ID, servers.AttachInterfaceOpts(port_id=INTERFACE["port_id"])
    )
    assert sent_json(attach) == {"interfaceAttachment": {"port_id": INTERFACE["port_id"]}}
    assert await servers.get_interface(compute, SERVER_ID, str(INTERFACE["port_id"])) == listed
    await servers.detach_interface(compute, SERVER_ID, str(INTERFACE["port_id"]))
    assert detach.call_count == 1
    with pytest.raises(errors.InvalidOptions, match="port_id"):
        await servers.attach_interface(
            compute, SERVER_ID, servers.AttachInterfaceOpts(port_id="p", net_id="n")
        )
    with pytest.raises(errors.InvalidOptions, match="fixed_ip"):
        await servers.attach_interface(
            compute, SERVER_ID, servers.AttachInterfaceOpts(fixed_ip="10.0.0.1")
        )
    assert attach.call_count == 2


async def test_interface_attach_failure(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(f"{SERVER}/os-interface").respond(
        500,
        json=nova_error(500, "computeFault", "Failed to attach network adapter device"),
    )
    with pytest.raises(errors.InternalServerError, match="attach network adapter"):
        await servers.attach_interface(compute, SERVER_ID, servers.AttachInterfaceOpts())
