"""compute/v2/servers: listing, reading, updating and deleting servers; the model."""

from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest

from aiocloud import Link, errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, PROJECT_ID, MockCloud
from tests.helpers import (
    ACTION,
    IMAGE_ID,
    SERVER,
    SERVER_ID,
    SERVERS,
    UTC,
    error_server_body,
    last_request,
    nova_error,
    query_of,
    sent_json,
    server_body,
)

# -- list -----------------------------------------------------------------------------------


async def test_list_follows_servers_links_with_the_filters(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    next_url = f"{SERVERS}/detail?limit=1&marker={SERVER_ID}&status=ACTIVE"
    first = cloud.router.get(f"{SERVERS}/detail", params={"changes-since": "2024-05-01T10:00:00Z"})
    first.respond(
        200,
        json={
            "servers": [server_body()],
            "servers_links": [{"href": next_url, "rel": "next"}],
        },
    )
    second = cloud.router.get(f"{SERVERS}/detail", params={"marker": SERVER_ID}).respond(
        200, json={"servers": [server_body("second-id", name="web-2")]}
    )

    found = await servers.list(
        compute,
        servers.ListOpts(
            changes_since=datetime(2024, 5, 1, 10, tzinfo=UTC),
            image=IMAGE_ID,
            flavor="1",
            name="^web",
            status="ACTIVE",
            host="compute-1",
            all_tenants=True,
            tags=["web", "prod"],
            not_tags_any="old",
            sort_key=["name", "created_at"],
            limit=1,
        ),
    ).all()

    assert [s.id for s in found] == [SERVER_ID, "second-id"]
    assert query_of(first) == [
        ("changes-since", "2024-05-01T10:00:00Z"),
        ("image", IMAGE_ID),
        ("flavor", "1"),
        ("name", "^web"),
        ("status", "ACTIVE"),
        ("host", "compute-1"),
        ("all_tenants", "true"),
        ("tags", "web,prod"),
        ("not-tags-any", "old"),
        ("sort_key", "name"),
        ("sort_key", "created_at"),
        ("limit", "1"),
    ]
    assert str(last_request(second).url) == next_url
    assert last_request(second).headers["X-Auth-Token"] == FAKE_TOKEN
    assert found[1].name == "web-2"


async def test_list_max_items_lowers_the_limit(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(f"{SERVERS}/detail").respond(
        200,
        json={
            "servers": [server_body("a"), server_body("b")],
            "servers_links": [{"href": f"{SERVERS}/detail?marker=b", "rel": "next"}],
        },
    )
    found = await servers.list(compute, servers.ListOpts(limit=100), max_items=2).all()
    assert [s.id for s in found] == ["a", "b"]
    assert query_of(route) == [("limit", "2")]
    assert route.call_count == 1


async def test_get_reads_every_attribute(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(SERVER).respond(
        200, json={"server": server_body()}, headers={"x-compute-request-id": "req-1"}
    )

    server = await servers.get(compute, SERVER_ID)

    assert last_request(route).method == "GET"
    assert server.id == SERVER_ID
    assert (server.name, server.status, server.tenant_id) == (
        "new-server-test",
        "ACTIVE",
        PROJECT_ID,
    )
    assert server.host_id == "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6"
    assert server.image is not None and server.image.id == IMAGE_ID
    assert server.image.links[0].rel == "bookmark"
    assert server.flavor == servers.ServerFlavor(
        original_name="m1.tiny",
        vcpus=1,
        ram=512,
        disk=1,
        ephemeral=0,
        swap=0,
        extra_specs={"hw:cpu_policy": "shared"},
    )
    assert server.created == datetime(2019, 4, 23, 15, 19, 9, tzinfo=UTC)
    assert server.updated == datetime(2019, 4, 23, 15, 19, 15, tzinfo=UTC)
    assert server.launched_at == datetime(2019, 4, 23, 15, 19, 14, tzinfo=UTC)
    assert server.terminated_at is None
    assert list(server.addresses) == ["private", "ipv6-net"]
    fixed, floating = server.addresses["private"]
    assert fixed == servers.Address(
        addr="192.168.1.30", version=4, type="fixed", mac_addr="00:0c:29:0d:11:74"
    )
    assert floating.type == "floating"
    assert server.addresses["ipv6-net"][0].version == 6
    assert server.metadata == {"My Server Name": "Apache1"}
    assert [link.rel for link in server.links] == ["self", "bookmark"]
    assert server.security_groups == ("default", "web")
    assert (server.access_ipv4, server.access_ipv6) == ("1.2.3.4", "80fe::")
    assert (server.key_name, server.config_drive, server.progress) == ("keypair-ab12", "", 0)
    assert server.availability_zone == "nova"
    assert (server.vm_state, server.task_state, server.power_state) == ("active", None, 1)
    assert (server.host, server.hypervisor_hostname) == ("compute-1", "compute-1.example.org")
    assert (server.instance_name, server.reservation_id) == ("instance-00000001", "r-fhfcfcpj")
    assert (server.launch_index, server.hostname) == (0, "new-server-test")
    assert (server.kernel_id, server.ramdisk_id, server.root_device_name) == ("", "", "/dev/sda")
    assert server.user_data == server_body()["OS-EXT-SRV-ATTR:user_data"]
    assert server.volumes_attached == (
        servers.AttachedVolume(
            id="a26887c6-c47b-4654-abb5-dfadf7d3f803", delete_on_termination=False
        ),
    )
    assert (server.host_status, server.locked, server.locked_reason) == ("UP", True, "maintenance")
    assert (server.description, server.tags) == ("a web server", ("web", "prod"))
    assert server.trusted_image_certificates is None
    assert server.server_groups == ("2b3f4a2c-7e8b-4d47-9a6b-1f0c2d3e4f5a",)
    assert server.pinned_availability_zone == "nova"
    assert server.fault is None
    assert server.raw["OS-DCF:diskConfig"] == "AUTO"
    assert server.addresses is server.addresses  # built once, then kept
    assert server.user_data is not None
    assert server.user_data not in repr(server)


async def test_get_older_microversion_and_volume_backed_shapes(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    body = server_body(image="", flavor={"id": "1", "links": [{"href": "x", "rel": "bookmark"}]})
    for key in (
        "tags",
        "locked",
        "description",
        "host_status",
        "server_groups",
        "OS-DCF:diskConfig",
    ):
        body.pop(key)
    body["OS-SRV-USG:launched_at"] = None
    cloud.router.get(SERVER).respond(200, json={"server": body})

    server = await servers.get(compute, SERVER_ID)

    assert server.image is None  # booted from a volume
    assert server.flavor == servers.ServerFlavor(id="1", links=(Link("x", "bookmark"),))
    assert (server.tags, server.locked, server.description, server.server_groups) == (
        None,
        None,
        None,
        None,
    )
    assert server.launched_at is None


async def test_get_error_server_has_its_fault(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": error_server_body()})
    server = await servers.get(compute, SERVER_ID)
    assert server.status == "ERROR"
    assert server.fault == servers.Fault(
        code=500,
        message="No valid host was found. There are not enough hosts available.",
        created=datetime(2019, 4, 23, 15, 19, 10, tzinfo=UTC),
        details='  File "/opt/stack/nova/nova/conductor/manager.py", line 1475',
    )


async def test_get_missing_server(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(
        404,
        json=nova_error(404, "itemNotFound", f"Instance {SERVER_ID} could not be found."),
        headers={"x-compute-request-id": "req-404"},
    )
    with pytest.raises(errors.NotFound) as caught:
        await servers.get(compute, SERVER_ID)
    assert caught.value.message == f"itemNotFound: Instance {SERVER_ID} could not be found."
    assert caught.value.request_id == "req-404"
    assert FAKE_TOKEN not in str(caught.value)


async def test_malformed_answers(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{SERVERS}/bad-json").respond(200, content=b"{not json")
    cloud.router.get(f"{SERVERS}/no-server").respond(200, json={"servers": []})
    cloud.router.get(f"{SERVERS}/no-id").respond(200, json={"server": {"name": "x"}})
    cloud.router.get(f"{SERVERS}/bad-fault").respond(
        200, json={"server": server_body("bad-fault", fault="boom")}
    )
    for server_id in ("bad-json", "no-server", "no-id"):
        with pytest.raises(errors.ResponseFormatError):
            await servers.get(compute, server_id)
    broken = await servers.get(compute, "bad-fault")  # structured parts are read on access
    with pytest.raises(errors.ResponseFormatError):
        _ = broken.fault


async def test_transport_failures(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{SERVERS}/slow").mock(side_effect=httpx.ReadTimeout("timed out"))
    cloud.router.get(f"{SERVERS}/gone").mock(side_effect=httpx.RemoteProtocolError("closed"))
    with pytest.raises(errors.TimedOut):
        await servers.get(compute, "slow")
    with pytest.raises(errors.ConnectionFailed):
        await servers.get(compute, "gone")


async def test_an_empty_server_id_is_rejected_before_any_request(compute: ServiceClient) -> None:
    with pytest.raises(errors.InvalidOptions, match="server_id"):
        await servers.get(compute, "")


# -- update / delete ------------------------------------------------------------------------


async def test_update(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.put(SERVER).respond(
        200, json={"server": server_body(name="renamed", accessIPv4="192.0.2.9")}
    )
    updated = await servers.update(
        compute,
        SERVER_ID,
        servers.UpdateOpts(
            name="renamed", access_ipv4="192.0.2.9", access_ipv6="2001:db8::9", hostname="h"
        ),
    )
    assert sent_json(route) == {
        "server": {
            "name": "renamed",
            "accessIPv4": "192.0.2.9",
            "accessIPv6": "2001:db8::9",
            "hostname": "h",
        }
    }
    assert (updated.name, updated.access_ipv4) == ("renamed", "192.0.2.9")


async def test_delete_and_force_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    deleted = cloud.router.delete(SERVER).respond(204)
    action = cloud.router.post(ACTION).respond(202)
    await servers.delete(compute, SERVER_ID)
    await servers.force_delete(compute, SERVER_ID)
    assert deleted.call_count == 1
    assert sent_json(action) == {"forceDelete": None}


async def test_delete_missing_and_locked(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.delete(SERVER).respond(
        404, json=nova_error(404, "itemNotFound", "Instance could not be found.")
    )
    cloud.router.delete(f"{SERVERS}/locked").respond(
        409, json=nova_error(409, "conflictingRequest", "Instance locked is locked")
    )
    with pytest.raises(errors.NotFound):
        await servers.delete(compute, SERVER_ID)
    with pytest.raises(errors.Conflict, match="is locked"):
        await servers.delete(compute, "locked")


def test_a_server_built_from_raw_reads_its_structured_parts() -> None:
    # models keep the JSON they came from: extensions read what the model does not declare
    body = server_body()
    server = servers.Server(id=SERVER_ID, raw=body)
    assert json.dumps(server.raw) == json.dumps(body)
    assert server.addresses["private"][0].addr == "192.168.1.30"
