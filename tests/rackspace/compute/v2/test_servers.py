"""rackspace/compute/v2/servers: Rackspace's create options and OpenStack's server operations."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.rackspace.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import RAX_COMPUTE, last_request, sent_json

SERVER_ID = "8c65cb68-0681-4c30-bc88-6b83a8a26aee"
IMAGE_ID = "e19a734c-c7e6-443a-830c-242209c4d65d"
ISOLATED_NET = "4e8e5957-649f-477b-9e5b-f1f75b21c03c"
SERVERS = f"{RAX_COMPUTE}/servers"
ACTION = f"{SERVERS}/{SERVER_ID}/action"
BOOKMARK = "https://dfw.servers.api.rackspacecloud.com/864477"


def rax_server(server_id: str = SERVER_ID, **changes: Any) -> dict[str, Any]:
    """A server as Rackspace's ``GET /servers/{id}`` shows it."""
    body: dict[str, Any] = {
        "OS-DCF:diskConfig": "AUTO",
        "OS-EXT-STS:power_state": 1,
        "OS-EXT-STS:task_state": None,
        "OS-EXT-STS:vm_state": "active",
        "accessIPv4": "1.2.4.8",
        "accessIPv6": "2001:4800:6666:105:2a0f:c056:f594:7777",
        "addresses": {
            "private": [{"addr": "10.20.40.80", "version": 4}],
            "public": [
                {"addr": "1.2.4.8", "version": 4},
                {"addr": "2001:4800:6666:105:2a0f:c056:f594:7777", "version": 6},
            ],
        },
        "created": "2014-10-21T14:42:16Z",
        "flavor": {
            "id": "performance1-1",
            "links": [{"href": f"{BOOKMARK}/flavors/performance1-1", "rel": "bookmark"}],
        },
        "hostId": "430d2ae02de0a7af77012c94778145eccf67e75b1fac0528aa10d4a7",
        "id": server_id,
        "image": {
            "id": IMAGE_ID,
            "links": [{"href": f"{BOOKMARK}/images/{IMAGE_ID}", "rel": "bookmark"}],
        },
        "key_name": None,
        "links": [
            {"href": f"{SERVERS}/{server_id}", "rel": "self"},
            {"href": f"{BOOKMARK}/servers/{server_id}", "rel": "bookmark"},
        ],
        "metadata": {},
        "name": "Gophercloud-pxpGGuey",
        "progress": 100,
        "status": "ACTIVE",
        "tenant_id": "864477",
        "updated": "2014-10-21T14:42:57Z",
        "user_id": "14ae7bb21d81423694655f4dd30f2930",
    }
    body.update(changes)
    return body


CREATED = {
    "server": {
        "OS-DCF:diskConfig": "MANUAL",
        "adminPass": "v7tADqbE5pr9",
        "id": SERVER_ID,
        "links": [
            {"href": f"{SERVERS}/{SERVER_ID}", "rel": "self"},
            {"href": f"{BOOKMARK}/servers/{SERVER_ID}", "rel": "bookmark"},
        ],
    }
}


async def test_create_with_every_rackspace_option(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    opts = servers.CreateOpts(
        name="web-1",
        image_ref=IMAGE_ID,
        flavor_ref="performance1-1",
        disk_config=servers.DiskConfig.MANUAL,
        networks=[
            servers.Network(uuid=servers.PUBLIC_NET),
            servers.Network(uuid=servers.SERVICE_NET),
            servers.Network(uuid=ISOLATED_NET),
        ],
        personality=[servers.Personality("/etc/motd", "Managed by aiocloud\n")],
        metadata={"role": "web"},
        key_name="deploy",
        config_drive=True,
        user_data="#!/bin/sh\necho hi\n",
    )

    created = await servers.create(compute, opts)

    request = last_request(route)
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert "X-OpenStack-Nova-API-Version" not in request.headers  # no microversions
    assert "OpenStack-API-Version" not in request.headers
    assert sent_json(route) == {
        "server": {
            "name": "web-1",
            "imageRef": IMAGE_ID,
            "flavorRef": "performance1-1",
            "networks": [
                {"uuid": "00000000-0000-0000-0000-000000000000"},
                {"uuid": "11111111-1111-1111-1111-111111111111"},
                {"uuid": ISOLATED_NET},
            ],
            "user_data": base64.b64encode(b"#!/bin/sh\necho hi\n").decode(),
            "metadata": {"role": "web"},
            "personality": [
                {
                    "path": "/etc/motd",
                    "contents": base64.b64encode(b"Managed by aiocloud\n").decode(),
                }
            ],
            "config_drive": True,
            "key_name": "deploy",
            "OS-DCF:diskConfig": "MANUAL",
        }
    }
    assert (created.id, created.admin_pass) == (SERVER_ID, "v7tADqbE5pr9")
    assert servers.disk_config(created) is servers.DiskConfig.MANUAL


async def test_create_leaves_networks_and_disk_config_to_rackspace(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    await servers.create(
        compute, servers.CreateOpts(name="web-2", image_ref=IMAGE_ID, flavor_ref="general1-1")
    )
    # no networks: Rackspace attaches PublicNet and ServiceNet; no disk config: the image's
    assert sent_json(route) == {
        "server": {"name": "web-2", "imageRef": IMAGE_ID, "flavorRef": "general1-1"}
    }


async def test_create_looks_up_rackspace_names(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{RAX_COMPUTE}/flavors/detail").respond(
        200,
        json={
            "flavors": [
                {
                    "id": "performance1-1",
                    "name": "1 GB Performance",
                    "ram": 1024,
                    "vcpus": 1,
                    "disk": 20,
                    "swap": "",
                    "rxtx_factor": 200,
                    "OS-FLV-EXT-DATA:ephemeral": 0,
                    "OS-FLV-WITH-EXT-SPECS:extra_specs": {"class": "performance1"},
                }
            ]
        },
    )
    images = cloud.router.get(f"{RAX_COMPUTE}/images/detail").respond(
        200,
        json={
            "images": [
                {
                    "id": IMAGE_ID,
                    "name": "Ubuntu 14.04 LTS (Trusty Tahr)",
                    "OS-EXT-IMG-SIZE:size": 1.060306463e09,  # Rackspace sends a float
                    "minDisk": 20,
                    "minRam": 512,
                    "status": "ACTIVE",
                }
            ]
        },
    )
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)

    await servers.create(
        compute,
        servers.CreateOpts(
            name="web",
            image_name="Ubuntu 14.04 LTS (Trusty Tahr)",
            flavor_name="1 GB Performance",
            disk_config=servers.DiskConfig.AUTO,
        ),
    )

    assert last_request(images).url.params["name"] == "Ubuntu 14.04 LTS (Trusty Tahr)"
    assert sent_json(route)["server"] == {
        "name": "web",
        "imageRef": IMAGE_ID,
        "flavorRef": "performance1-1",
        "OS-DCF:diskConfig": "AUTO",
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"networks": "auto"}, "networks"),
        ({"networks": "none"}, "networks"),
        ({"networks": [servers.Network()]}, "networks"),
        ({"disk_config": "auto"}, "disk_config"),
        ({"name": ""}, "name"),
        ({"image_ref": None}, "image_ref"),
    ],
)
async def test_create_refuses_before_any_request(
    compute: ServiceClient, changes: dict[str, Any], field: str
) -> None:
    base: dict[str, Any] = {"name": "web", "image_ref": IMAGE_ID, "flavor_ref": "general1-1"}
    with pytest.raises(errors.InvalidOptions) as caught:
        await servers.create(compute, servers.CreateOpts(**{**base, **changes}))
    assert caught.value.field == field


async def test_list_get_update_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    other = "25f1c7f5-e00a-4715-b354-16e24b2f4630"
    listed = cloud.router.get(f"{SERVERS}/detail").respond(
        200,
        json={
            "servers": [
                rax_server(name="devstack", key_name="mykey", **{"OS-DCF:diskConfig": "MANUAL"}),
                rax_server(other, name="peril-dfw", key_name="otherkey"),
            ]
        },
    )
    found = await servers.list(compute, servers.ListOpts(status="ACTIVE")).all()
    assert last_request(listed).url.params["status"] == "ACTIVE"
    assert [(s.id, s.name, s.key_name) for s in found] == [
        (SERVER_ID, "devstack", "mykey"),
        (other, "peril-dfw", "otherkey"),
    ]
    assert [servers.disk_config(s) for s in found] == [
        servers.DiskConfig.MANUAL,
        servers.DiskConfig.AUTO,
    ]

    cloud.router.get(f"{SERVERS}/{SERVER_ID}").respond(200, json={"server": rax_server()})
    server = await servers.get(compute, SERVER_ID)
    assert (server.status, server.vm_state, server.key_name) == ("ACTIVE", "active", None)
    assert [a.addr for a in server.addresses["public"]] == [
        "1.2.4.8",
        "2001:4800:6666:105:2a0f:c056:f594:7777",
    ]
    assert [a.addr for a in server.addresses["private"]] == ["10.20.40.80"]
    assert server.flavor is not None and server.flavor.id == "performance1-1"
    assert server.image is not None and server.image.id == IMAGE_ID

    updated = cloud.router.put(f"{SERVERS}/{SERVER_ID}").respond(
        200, json={"server": rax_server(name="test-server-updated")}
    )
    renamed = await servers.update(
        compute, SERVER_ID, servers.UpdateOpts(name="test-server-updated")
    )
    assert sent_json(updated) == {"server": {"name": "test-server-updated"}}
    assert renamed.name == "test-server-updated"

    deleted = cloud.router.delete(f"{SERVERS}/{SERVER_ID}").respond(204)
    await servers.delete(compute, SERVER_ID)
    assert deleted.called


async def test_rebuild_with_disk_config(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION).respond(
        202, json={"server": rax_server(status="REBUILD", adminPass="swordfish")}
    )
    rebuilt = await servers.rebuild(
        compute,
        SERVER_ID,
        servers.RebuildOpts(
            image_ref=IMAGE_ID,
            name="rebuiltserver",
            admin_pass="swordfish",
            metadata={"rebuilt": "yes"},
            personality=[servers.Personality("/root/.ssh/authorized_keys", b"ssh-ed25519 AAAA")],
            disk_config=servers.DiskConfig.AUTO,
        ),
    )
    assert sent_json(route) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "name": "rebuiltserver",
            "adminPass": "swordfish",
            "metadata": {"rebuilt": "yes"},
            "personality": [
                {
                    "path": "/root/.ssh/authorized_keys",
                    "contents": base64.b64encode(b"ssh-ed25519 AAAA").decode(),
                }
            ],
            "OS-DCF:diskConfig": "AUTO",
        }
    }
    assert (rebuilt.status, rebuilt.admin_pass) == ("REBUILD", "swordfish")


async def test_resize_confirm_revert(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [httpx.Response(202), httpx.Response(204), httpx.Response(202)]

    await servers.resize(
        compute,
        SERVER_ID,
        servers.ResizeOpts(flavor_ref="performance1-2", disk_config=servers.DiskConfig.AUTO),
    )
    await servers.confirm_resize(compute, SERVER_ID)
    await servers.revert_resize(compute, SERVER_ID)

    assert [json.loads(call.request.content) for call in route.calls] == [
        {"resize": {"flavorRef": "performance1-2", "OS-DCF:diskConfig": "AUTO"}},
        {"confirmResize": None},
        {"revertResize": None},
    ]


async def test_reboot_and_change_admin_password(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION).respond(202)
    await servers.reboot(compute, SERVER_ID, servers.RebootOpts(type=servers.RebootType.HARD))
    assert sent_json(route) == {"reboot": {"type": "HARD"}}
    await servers.reboot(compute, SERVER_ID)
    assert sent_json(route) == {"reboot": {"type": "SOFT"}}
    await servers.change_admin_password(compute, SERVER_ID, "n3wPassw0rd")
    assert sent_json(route) == {"changePassword": {"adminPass": "n3wPassw0rd"}}


async def test_snapshot_rescue_and_addresses(cloud: MockCloud, compute: ServiceClient) -> None:
    snapshot_id = "9d6ea8f0-1c55-4bb2-98a4-3d1f6ff6f3a1"
    route = cloud.router.post(ACTION).respond(
        202, headers={"Location": f"{RAX_COMPUTE}/images/{snapshot_id}"}
    )
    assert await servers.create_image(compute, SERVER_ID, servers.CreateImageOpts("nightly")) == (
        snapshot_id
    )
    assert sent_json(route) == {"createImage": {"name": "nightly"}}

    route.respond(200, json={"adminPass": "m7VXgpqpWVMp"})
    assert await servers.rescue(compute, SERVER_ID) == "m7VXgpqpWVMp"
    assert sent_json(route) == {"rescue": None}

    cloud.router.get(f"{SERVERS}/{SERVER_ID}/ips").respond(
        200, json={"addresses": rax_server()["addresses"]}
    )
    addresses = await servers.list_addresses(compute, SERVER_ID)
    assert sorted(addresses) == ["private", "public"]
    assert [a.version for a in addresses["public"]] == [4, 6]


async def test_metadata(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(f"{SERVERS}/{SERVER_ID}/metadata").respond(
        200, json={"metadata": {"role": "web", "tier": "front"}}
    )
    assert await servers.update_metadata(compute, SERVER_ID, {"tier": "front"}) == {
        "role": "web",
        "tier": "front",
    }
    assert sent_json(route) == {"metadata": {"tier": "front"}}


def test_shared_network_ids() -> None:
    assert servers.PUBLIC_NET == "00000000-0000-0000-0000-000000000000"
    assert servers.SERVICE_NET == "11111111-1111-1111-1111-111111111111"
    assert servers.Network(uuid=servers.SERVICE_NET).to_body() == {"uuid": servers.SERVICE_NET}
