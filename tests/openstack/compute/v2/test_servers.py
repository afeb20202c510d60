"""compute/v2/servers: exact requests, parsed results and Nova's error bodies."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
import trio

from aiocloud import Link, errors, openstack
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, PROJECT_ID, MockCloud
from tests.conftest import last_request, sent_json

from .conftest import (
    COMPUTE,
    IMAGE_ID,
    SERVER_ID,
    error_server_body,
    nova_error,
    server_body,
)

SERVERS = f"{COMPUTE}/servers"
SERVER = f"{SERVERS}/{SERVER_ID}"
ACTION = f"{SERVER}/action"
UTC = timezone.utc


def query_of(route: Any) -> list[tuple[str, str]]:
    return list(last_request(route).url.params.multi_items())


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


# -- create ---------------------------------------------------------------------------------

CREATED = {
    "server": {
        "id": SERVER_ID,
        "links": [{"href": f"{SERVERS}/{SERVER_ID}", "rel": "self"}],
        "OS-DCF:diskConfig": "AUTO",
        "security_groups": [{"name": "default"}],
        "adminPass": "6NpUwoz2QDRN",
    }
}


async def test_create_sends_every_option(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)

    created = await servers.create(
        compute,
        servers.CreateOpts(
            name="web-1",
            flavor_ref="1",
            image_ref=IMAGE_ID,
            networks=[
                servers.Network(uuid="net-1", fixed_ip="10.0.0.5", tag="nic1"),
                servers.Network(port="port-2"),
            ],
            security_groups=["default", "web"],
            user_data="#!/bin/sh\necho hi\n",
            availability_zone="nova",
            metadata={"role": "web"},
            personality=[servers.Personality(path="/etc/motd", contents=b"hello")],
            config_drive=True,
            admin_pass="secret-pass",
            key_name="deploy",
            access_ipv4="192.0.2.1",
            access_ipv6="2001:db8::1",
            min_count=1,
            max_count=2,
            block_device_mapping=[
                servers.BlockDevice(
                    source_type="image",
                    destination_type="volume",
                    boot_index=0,
                    uuid=IMAGE_ID,
                    volume_size=10,
                    delete_on_termination=True,
                    volume_type="ssd",
                )
            ],
            scheduler_hints=servers.SchedulerHints(
                group="group-1",
                different_host=["other-server"],
                query=[">=", "$free_ram_mb", 1024],
                build_near_host_ip="192.0.2.0",
                cidr="/24",
                additional_properties={"custom": "x"},
            ),
            tags=["web"],
            description="first web server",
            hostname="web-1",
            host="compute-1",
            hypervisor_hostname="compute-1.example.org",
            trusted_image_certificates=["cert-1"],
        ),
    )

    assert sent_json(route) == {
        "server": {
            "name": "web-1",
            "flavorRef": "1",
            "imageRef": IMAGE_ID,
            "networks": [
                {"uuid": "net-1", "fixed_ip": "10.0.0.5", "tag": "nic1"},
                {"port": "port-2"},
            ],
            "security_groups": [{"name": "default"}, {"name": "web"}],
            "user_data": base64.b64encode(b"#!/bin/sh\necho hi\n").decode(),
            "availability_zone": "nova",
            "metadata": {"role": "web"},
            "personality": [{"path": "/etc/motd", "contents": "aGVsbG8="}],
            "config_drive": True,
            "adminPass": "secret-pass",
            "key_name": "deploy",
            "accessIPv4": "192.0.2.1",
            "accessIPv6": "2001:db8::1",
            "min_count": 1,
            "max_count": 2,
            "block_device_mapping_v2": [
                {
                    "source_type": "image",
                    "destination_type": "volume",
                    "boot_index": 0,
                    "uuid": IMAGE_ID,
                    "volume_size": 10,
                    "delete_on_termination": True,
                    "volume_type": "ssd",
                }
            ],
            "tags": ["web"],
            "description": "first web server",
            "hostname": "web-1",
            "host": "compute-1",
            "hypervisor_hostname": "compute-1.example.org",
            "trusted_image_certificates": ["cert-1"],
        },
        "os:scheduler_hints": {
            "group": "group-1",
            "different_host": ["other-server"],
            "query": '[">=", "$free_ram_mb", 1024]',
            "build_near_host_ip": "192.0.2.0",
            "cidr": "/24",
            "custom": "x",
        },
    }
    assert last_request(route).headers["Content-Type"] == "application/json"
    assert created.id == SERVER_ID
    assert created.admin_pass == "6NpUwoz2QDRN"
    assert created.security_groups == ("default",)
    assert created.status is None and created.addresses == {}
    assert "6NpUwoz2QDRN" not in repr(created)


async def test_create_boot_from_volume_without_image(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    await servers.create(
        compute,
        servers.CreateOpts(
            name="bfv",
            flavor_ref="1",
            networks="none",
            block_device_mapping=[
                servers.BlockDevice(
                    source_type="volume", destination_type="volume", boot_index=0, uuid="vol-1"
                )
            ],
        ),
    )
    assert sent_json(route) == {
        "server": {
            "name": "bfv",
            "flavorRef": "1",
            "networks": "none",
            "block_device_mapping_v2": [
                {
                    "source_type": "volume",
                    "destination_type": "volume",
                    "boot_index": 0,
                    "uuid": "vol-1",
                }
            ],
        }
    }


async def test_create_looks_image_and_flavor_names_up(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    compute = compute.with_microversion("2.93")
    flavor_route = cloud.router.get(f"{COMPUTE}/flavors/detail").respond(
        200,
        json={
            "flavors": [
                {"id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1},
                {"id": "2", "name": "m1.small", "ram": 2048, "vcpus": 1, "disk": 20},
            ]
        },
    )
    image_route = cloud.router.get(f"{COMPUTE}/images/detail").respond(
        200,
        json={
            "images": [
                {"id": IMAGE_ID, "name": "cirros", "status": "ACTIVE"},
                {"id": "other", "name": "cirros-2", "status": "ACTIVE"},  # regex-like match
            ]
        },
    )
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)

    await servers.create(
        compute,
        servers.CreateOpts(
            name="web", flavor_name="m1.small", image_name="cirros", networks="auto"
        ),
    )

    assert sent_json(route) == {
        "server": {"name": "web", "flavorRef": "2", "imageRef": IMAGE_ID, "networks": "auto"}
    }
    assert query_of(image_route) == [("name", "cirros")]
    # the image proxy is gone after 2.35: the lookup is sent at 2.35
    assert last_request(image_route).headers["X-OpenStack-Nova-API-Version"] == "2.35"
    assert last_request(flavor_route).headers["X-OpenStack-Nova-API-Version"] == "2.93"
    assert last_request(route).headers["OpenStack-API-Version"] == "compute 2.93"


async def test_create_unknown_or_ambiguous_names(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{COMPUTE}/flavors/detail").respond(
        200,
        json={
            "flavors": [
                {"id": "1", "name": "twin", "ram": 1, "vcpus": 1, "disk": 1},
                {"id": "2", "name": "twin", "ram": 1, "vcpus": 1, "disk": 1},
            ]
        },
    )
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    with pytest.raises(errors.InvalidOptions, match="flavor_name: no flavor is named 'nope'"):
        await servers.create(
            compute, servers.CreateOpts(name="x", flavor_name="nope", image_ref="i")
        )
    with pytest.raises(errors.InvalidOptions, match="2 flavors are named 'twin'"):
        await servers.create(
            compute, servers.CreateOpts(name="x", flavor_name="twin", image_ref="i")
        )
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("opts", "field"),
    [
        (servers.CreateOpts(name="", flavor_ref="1", image_ref="i"), "name"),
        (servers.CreateOpts(name="x", image_ref="i"), "flavor_ref"),
        (
            servers.CreateOpts(name="x", flavor_ref="1", flavor_name="tiny", image_ref="i"),
            "flavor_ref",
        ),
        (servers.CreateOpts(name="x", flavor_ref="1"), "image_ref"),
        (servers.CreateOpts(name="x", flavor_ref="1", image_ref="i", image_name="n"), "image_ref"),
        (servers.CreateOpts(name="x", flavor_ref="1", image_ref="i", networks="all"), "networks"),  # type: ignore[arg-type]
        (
            servers.CreateOpts(
                name="x", flavor_ref="1", image_ref="i", networks=[servers.Network()]
            ),
            "networks",
        ),
    ],
)
async def test_bad_create_options_are_rejected_before_any_request(
    cloud: MockCloud, compute: ServiceClient, opts: servers.CreateOpts, field: str
) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    with pytest.raises(errors.InvalidOptions) as caught:
        await servers.create(compute, opts)
    assert caught.value.field == field
    assert route.call_count == 0


async def test_networks_are_required_from_microversion_2_37(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(SERVERS).respond(202, json=CREATED)
    opts = servers.CreateOpts(name="x", flavor_ref="1", image_ref="i")
    with pytest.raises(errors.InvalidOptions, match="networks"):
        await servers.create(compute.with_microversion("2.37"), opts)
    await servers.create(compute.with_microversion("2.36"), opts)
    assert sent_json(route) == {"server": {"name": "x", "flavorRef": "1", "imageRef": "i"}}


def test_to_body_refuses_names_that_need_a_lookup() -> None:
    with pytest.raises(errors.InvalidOptions, match="image_name"):
        servers.CreateOpts(name="x", flavor_ref="1", image_name="cirros").to_body()
    with pytest.raises(errors.InvalidOptions, match="flavor_name"):
        servers.ResizeOpts(flavor_name="m1.small").to_body()


def test_secrets_stay_out_of_reprs() -> None:
    opts = servers.CreateOpts(
        name="x", flavor_ref="1", image_ref="i", admin_pass="hunter2", user_data="token=abc"
    )
    assert "hunter2" not in repr(opts) and "token=abc" not in repr(opts)
    assert "hunter2" not in repr(servers.RebuildOpts(image_ref="i", admin_pass="hunter2"))
    assert "hunter2" not in repr(servers.RescueOpts(admin_pass="hunter2"))
    assert "hunter2" not in repr(servers.Personality("/root/pw", "hunter2"))


@pytest.mark.parametrize(
    ("status", "body", "exception"),
    [
        (
            403,
            nova_error(
                403,
                "forbidden",
                "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances",
            ),
            errors.Forbidden,
        ),
        (
            413,
            nova_error(
                413, "overLimit", "Quota exceeded for ram: Requested 4096, but already used"
            ),
            errors.RequestEntityTooLarge,
        ),
        (400, nova_error(400, "badRequest", "Invalid flavorRef provided."), errors.BadRequest),
        (
            409,
            nova_error(409, "conflictingRequest", "Multiple possible networks found"),
            errors.Conflict,
        ),
    ],
)
async def test_create_errors(
    cloud: MockCloud,
    compute: ServiceClient,
    status: int,
    body: dict[str, Any],
    exception: type[errors.HTTPError],
) -> None:
    cloud.router.post(SERVERS).respond(status, json=body)
    with pytest.raises(exception) as caught:
        await servers.create(compute, servers.CreateOpts(name="x", flavor_ref="1", image_ref="i"))
    ((kind, inner),) = body.items()
    assert caught.value.message == f"{kind}: {inner['message']}"
    assert caught.value.status_code == status


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


# -- actions --------------------------------------------------------------------------------


async def _call(function: Any, compute: ServiceClient, *args: Any) -> Any:
    return await function(compute, SERVER_ID, *args)


@pytest.mark.parametrize(
    ("function", "args", "body", "status"),
    [
        (servers.reboot, (), {"reboot": {"type": "SOFT"}}, 202),
        (
            servers.reboot,
            (servers.RebootOpts(type=servers.RebootType.HARD),),
            {"reboot": {"type": "HARD"}},
            202,
        ),
        (servers.reboot, (servers.RebootOpts(type="soft"),), {"reboot": {"type": "SOFT"}}, 202),
        (servers.confirm_resize, (), {"confirmResize": None}, 204),
        (servers.revert_resize, (), {"revertResize": None}, 202),
        (
            servers.change_admin_password,
            ("n3w-pass",),
            {"changePassword": {"adminPass": "n3w-pass"}},
            202,
        ),
        (servers.start, (), {"os-start": None}, 202),
        (servers.stop, (), {"os-stop": None}, 202),
        (servers.pause, (), {"pause": None}, 202),
        (servers.unpause, (), {"unpause": None}, 202),
        (servers.suspend, (), {"suspend": None}, 202),
        (servers.resume, (), {"resume": None}, 202),
        (servers.lock, (), {"lock": None}, 202),
        (servers.lock, ("maintenance",), {"lock": {"locked_reason": "maintenance"}}, 202),
        (servers.unlock, (), {"unlock": None}, 202),
        (servers.unrescue, (), {"unrescue": None}, 202),
        (servers.shelve, (), {"shelve": None}, 202),
        (servers.shelve_offload, (), {"shelveOffload": None}, 202),
        (servers.unshelve, (), {"unshelve": None}, 202),
        (
            servers.unshelve,
            (servers.UnshelveOpts(availability_zone="az-2", host="compute-2"),),
            {"unshelve": {"availability_zone": "az-2", "host": "compute-2"}},
            202,
        ),
        (
            servers.resize,
            (servers.ResizeOpts(flavor_ref="2"),),
            {"resize": {"flavorRef": "2"}},
            202,
        ),
    ],
)
async def test_actions_send_nova_bodies(
    cloud: MockCloud,
    compute: ServiceClient,
    function: Any,
    args: tuple[Any, ...],
    body: dict[str, Any],
    status: int,
) -> None:
    route = cloud.router.post(ACTION).respond(status)
    assert await _call(function, compute, *args) is None
    assert sent_json(route) == body
    assert last_request(route).url.path == f"/v2.1/servers/{SERVER_ID}/action"


async def test_action_in_the_wrong_state_is_a_conflict(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    message = f"Cannot 'confirmResize' instance {SERVER_ID} while it is in vm_state active"
    cloud.router.post(ACTION).respond(
        409,
        json=nova_error(409, "conflictingRequest", message),
        headers={"x-openstack-request-id": "req-409"},
    )
    with pytest.raises(errors.Conflict) as caught:
        await servers.confirm_resize(compute, SERVER_ID)
    assert caught.value.message == f"conflictingRequest: {message}"
    assert caught.value.request_id == "req-409"
    assert caught.value.expected == (204,)


async def test_an_unexpected_success_code_is_an_error(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.post(ACTION).respond(200, json={})
    with pytest.raises(errors.UnexpectedResponseCode):
        await servers.confirm_resize(compute, SERVER_ID)


def test_reboot_type_is_checked() -> None:
    with pytest.raises(errors.InvalidOptions, match="type"):
        servers.RebootOpts(type="GENTLE").to_body()


async def test_rebuild(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION).respond(
        202, json={"server": server_body(status="REBUILD", adminPass="n3w")}
    )
    rebuilt = await servers.rebuild(
        compute,
        SERVER_ID,
        servers.RebuildOpts(
            image_ref=IMAGE_ID,
            name="rebuilt",
            admin_pass="n3w",
            access_ipv4="192.0.2.2",
            access_ipv6="2001:db8::2",
            metadata={"a": "b"},
            personality=[servers.Personality("/etc/x", "y")],
            preserve_ephemeral=True,
            description="d",
            key_name="k",
            user_data=b"#cloud-config\n",
            trusted_image_certificates=["c"],
            hostname="h",
        ),
    )
    assert sent_json(route) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "name": "rebuilt",
            "adminPass": "n3w",
            "accessIPv4": "192.0.2.2",
            "accessIPv6": "2001:db8::2",
            "metadata": {"a": "b"},
            "personality": [{"path": "/etc/x", "contents": "eQ=="}],
            "preserve_ephemeral": True,
            "description": "d",
            "key_name": "k",
            "user_data": "I2Nsb3VkLWNvbmZpZwo=",
            "trusted_image_certificates": ["c"],
            "hostname": "h",
        }
    }
    assert rebuilt.status == "REBUILD" and rebuilt.admin_pass == "n3w"


async def test_rebuild_and_resize_look_names_up(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{COMPUTE}/images/detail").respond(
        200, json={"images": [{"id": IMAGE_ID, "name": "cirros"}]}
    )
    cloud.router.get(f"{COMPUTE}/flavors/detail").respond(
        200, json={"flavors": [{"id": "2", "name": "m1.small"}]}
    )
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(202, json={"server": server_body()}),
        httpx.Response(202),
    ]
    await servers.rebuild(compute, SERVER_ID, servers.RebuildOpts(image_name="cirros"))
    assert sent_json(route) == {"rebuild": {"imageRef": IMAGE_ID}}
    await servers.resize(compute, SERVER_ID, servers.ResizeOpts(flavor_name="m1.small"))
    assert sent_json(route) == {"resize": {"flavorRef": "2"}}
    with pytest.raises(errors.InvalidOptions, match="image_ref"):
        await servers.rebuild(compute, SERVER_ID, servers.RebuildOpts())
    with pytest.raises(errors.InvalidOptions, match="flavor_ref"):
        await servers.resize(compute, SERVER_ID, servers.ResizeOpts())


async def test_create_image_from_the_body_or_the_location(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(202, json={"image_id": "new-image-245"}),
        httpx.Response(202, headers={"Location": f"{COMPUTE}/images/new-image-21"}),
        httpx.Response(202),
    ]
    opts = servers.CreateImageOpts(name="snap", metadata={"k": "v"})
    assert await servers.create_image(compute.with_microversion("2.45"), SERVER_ID, opts) == (
        "new-image-245"
    )
    assert sent_json(route) == {"createImage": {"name": "snap", "metadata": {"k": "v"}}}
    assert await servers.create_image(compute, SERVER_ID, opts) == "new-image-21"
    with pytest.raises(errors.ResponseFormatError):
        await servers.create_image(compute, SERVER_ID, opts)
    with pytest.raises(errors.InvalidOptions, match="name"):
        await servers.create_image(compute, SERVER_ID, servers.CreateImageOpts(name=""))


async def test_create_image_over_quota(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(ACTION).respond(
        413, json=nova_error(413, "overLimit", "Maximum number of images exceeded")
    )
    with pytest.raises(errors.RequestEntityTooLarge, match="Maximum number of images"):
        await servers.create_image(compute, SERVER_ID, servers.CreateImageOpts(name="s"))


async def test_rescue_returns_the_password(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"adminPass": "generated-pw"}),
        httpx.Response(200, json={}),
    ]
    assert await servers.rescue(compute, SERVER_ID) == "generated-pw"
    assert sent_json(route) == {"rescue": None}
    opts = servers.RescueOpts(admin_pass="mine", rescue_image_ref=IMAGE_ID)
    assert await servers.rescue(compute, SERVER_ID, opts) is None  # enable_instance_password off
    assert sent_json(route) == {"rescue": {"adminPass": "mine", "rescue_image_ref": IMAGE_ID}}


async def test_console_output(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"output": "FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE"}),
        httpx.Response(200, json={"output": "LAST LINE"}),
        httpx.Response(200, json={}),
        httpx.Response(
            404, json=nova_error(404, "itemNotFound", "Guest does not have a console available.")
        ),
    ]
    assert (await servers.get_console_output(compute, SERVER_ID)).endswith("LAST LINE")
    assert sent_json(route) == {"os-getConsoleOutput": {}}
    assert await servers.get_console_output(compute, SERVER_ID, length=1) == "LAST LINE"
    assert sent_json(route) == {"os-getConsoleOutput": {"length": 1}}
    with pytest.raises(errors.ResponseFormatError):
        await servers.get_console_output(compute, SERVER_ID)
    with pytest.raises(errors.NotFound, match="console available"):
        await servers.get_console_output(compute, SERVER_ID)


async def test_remote_consoles_from_microversion_2_6(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(f"{SERVER}/remote-consoles").respond(
        200,
        json={
            "remote_console": {
                "protocol": "vnc",
                "type": "novnc",
                "url": "http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dabc",
            }
        },
    )
    console = await servers.get_vnc_console(compute.with_microversion("2.6"), SERVER_ID)
    assert sent_json(route) == {"remote_console": {"protocol": "vnc", "type": "novnc"}}
    assert last_request(route).headers["X-OpenStack-Nova-API-Version"] == "2.6"
    assert console == servers.RemoteConsole(
        url="http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dabc", type="novnc", protocol="vnc"
    )
    await servers.get_remote_console(compute.with_microversion("2.8"), SERVER_ID, "mks", "webmks")
    assert sent_json(route) == {"remote_console": {"protocol": "mks", "type": "webmks"}}


async def test_legacy_console_actions_before_2_6(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"console": {"type": "novnc", "url": "http://vnc/?token=1"}}),
        httpx.Response(200, json={"console": {"type": "serial", "url": "ws://serial/?token=2"}}),
        httpx.Response(400, json=nova_error(400, "badRequest", "Unavailable console type novnc.")),
    ]
    vnc = await servers.get_vnc_console(compute, SERVER_ID)
    assert sent_json(route) == {"os-getVNCConsole": {"type": "novnc"}}
    assert (vnc.protocol, vnc.type, vnc.url) == ("vnc", "novnc", "http://vnc/?token=1")
    serial = await servers.get_serial_console(compute.with_microversion("2.5"), SERVER_ID)
    assert sent_json(route) == {"os-getSerialConsole": {"type": "serial"}}
    assert serial.protocol == "serial"
    with pytest.raises(errors.BadRequest, match="Unavailable console type"):
        await servers.get_vnc_console(compute, SERVER_ID)
    with pytest.raises(errors.InvalidOptions, match="protocol"):
        await servers.get_remote_console(compute, SERVER_ID, "mks", "webmks")
    assert route.call_count == 3


# -- addresses and metadata -----------------------------------------------------------------


async def test_addresses(cloud: MockCloud, compute: ServiceClient) -> None:
    plain = {
        "private": [{"addr": "192.168.1.30", "version": 4}, {"addr": "fd00::30", "version": 6}],
        "public": [{"addr": "172.24.4.13", "version": 4}],
    }
    cloud.router.get(f"{SERVER}/ips").respond(200, json={"addresses": plain})
    cloud.router.get(f"{SERVER}/ips/private").respond(200, json={"private": plain["private"]})
    cloud.router.get(f"{SERVER}/ips/nope").respond(
        404, json=nova_error(404, "itemNotFound", "Network nope could not be found")
    )
    everything = await servers.list_addresses(compute, SERVER_ID)
    assert {net: [a.addr for a in found] for net, found in everything.items()} == {
        "private": ["192.168.1.30", "fd00::30"],
        "public": ["172.24.4.13"],
    }
    private = await servers.list_addresses_by_network(compute, SERVER_ID, "private")
    assert private == everything["private"] and private[1].version == 6
    with pytest.raises(errors.NotFound):
        await servers.list_addresses_by_network(compute, SERVER_ID, "nope")


async def test_metadata(cloud: MockCloud, compute: ServiceClient) -> None:
    listed = cloud.router.get(f"{SERVER}/metadata").respond(200, json={"metadata": {"a": "1"}})
    reset = cloud.router.put(f"{SERVER}/metadata").respond(200, json={"metadata": {"b": "2"}})
    updated = cloud.router.post(f"{SERVER}/metadata").respond(
        200, json={"metadata": {"b": "2", "c": "3"}}
    )
    one = cloud.router.get(f"{SERVER}/metadata/b").respond(200, json={"meta": {"b": "2"}})
    put_one = cloud.router.put(f"{SERVER}/metadata/d").respond(200, json={"meta": {"d": "4"}})
    deleted = cloud.router.delete(f"{SERVER}/metadata/d").respond(204)
    cloud.router.get(f"{SERVER}/metadata/zz").respond(
        404, json=nova_error(404, "itemNotFound", "Metadata item was not found")
    )

    assert await servers.metadata(compute, SERVER_ID) == {"a": "1"}
    assert await servers.reset_metadata(compute, SERVER_ID, {"b": "2"}) == {"b": "2"}
    assert sent_json(reset) == {"metadata": {"b": "2"}}
    assert await servers.update_metadata(compute, SERVER_ID, {"c": "3"}) == {"b": "2", "c": "3"}
    assert sent_json(updated) == {"metadata": {"c": "3"}}
    assert await servers.metadatum(compute, SERVER_ID, "b") == "2"
    await servers.create_metadatum(compute, SERVER_ID, "d", "4")
    assert sent_json(put_one) == {"meta": {"d": "4"}}
    await servers.delete_metadatum(compute, SERVER_ID, "d")
    assert (listed.call_count, one.call_count, deleted.call_count) == (1, 1, 1)
    with pytest.raises(errors.NotFound, match="Metadata item was not found"):
        await servers.metadatum(compute, SERVER_ID, "zz")


async def test_metadata_over_quota_and_bad_keys(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(f"{SERVER}/metadata").respond(
        403, json=nova_error(403, "forbidden", "Quota exceeded for metadata_items")
    )
    cloud.router.put(f"{SERVER}/metadata/k").respond(
        400, json=nova_error(400, "badRequest", "Request body and URI mismatch")
    )
    with pytest.raises(errors.Forbidden, match="metadata_items"):
        await servers.update_metadata(compute, SERVER_ID, {"k": "v"})
    with pytest.raises(errors.BadRequest, match="mismatch"):
        await servers.create_metadatum(compute, SERVER_ID, "k", "v")


async def test_metadata_keys_are_escaped(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.delete(f"{SERVER}/metadata/a%3Fb%20c").respond(204)
    await servers.delete_metadatum(compute, SERVER_ID, "a?b c")
    assert route.call_count == 1


# -- volume attachments and interfaces ------------------------------------------------------

VOLUME_ID = "a26887c6-c47b-4654-abb5-dfadf7d3f803"
ATTACHMENT = {
    "device": "/dev/sdb",
    "serverId": SERVER_ID,
    "volumeId": VOLUME_ID,
    "tag": "data",
    "delete_on_termination": False,
    "attachment_id": "979ce4f8-033a-409d-85e6-6b5c0f6a6302",
    "bdm_uuid": "c088db45-92b8-49e8-81e2-a1b77a144b3b",
}


async def test_volume_attachments(cloud: MockCloud, compute: ServiceClient) -> None:
    base = f"{SERVER}/os-volume_attachments"
    old_shape = {
        "id": VOLUME_ID,
        "device": "/dev/sdb",
        "serverId": SERVER_ID,
        "volumeId": VOLUME_ID,
    }
    cloud.router.get(base).respond(200, json={"volumeAttachments": [ATTACHMENT, old_shape]})
    attach = cloud.router.post(base).respond(200, json={"volumeAttachment": old_shape})
    cloud.router.get(f"{base}/{VOLUME_ID}").respond(200, json={"volumeAttachment": ATTACHMENT})
    detach = cloud.router.delete(f"{base}/{VOLUME_ID}").respond(202)

    new, old = await servers.list_volume_attachments(compute, SERVER_ID).all()
    assert new == servers.VolumeAttachment(
        volume_id=VOLUME_ID,
        server_id=SERVER_ID,
        device="/dev/sdb",
        tag="data",
        delete_on_termination=False,
        attachment_id="979ce4f8-033a-409d-85e6-6b5c0f6a6302",
        bdm_uuid="c088db45-92b8-49e8-81e2-a1b77a144b3b",
    )
    assert old.id == VOLUME_ID and old.attachment_id is None
    attached = await servers.attach_volume(
        compute,
        SERVER_ID,
        servers.AttachVolumeOpts(
            VOLUME_ID, device="/dev/sdb", tag="data", delete_on_termination=True
        ),
    )
    assert sent_json(attach) == {
        "volumeAttachment": {
            "volumeId": VOLUME_ID,
            "device": "/dev/sdb",
            "tag": "data",
            "delete_on_termination": True,
        }
    }
    assert attached.device == "/dev/sdb"
    assert await servers.get_volume_attachment(compute, SERVER_ID, VOLUME_ID) == new
    await servers.detach_volume(compute, SERVER_ID, VOLUME_ID)
    assert detach.call_count == 1


async def test_attach_a_volume_in_use(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(f"{SERVER}/os-volume_attachments").respond(
        400,
        json=nova_error(
            400,
            "badRequest",
            "Invalid input received: Invalid volume: volume status must be available",
        ),
    )
    with pytest.raises(errors.BadRequest, match="must be available"):
        await servers.attach_volume(compute, SERVER_ID, servers.AttachVolumeOpts(VOLUME_ID))


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


# -- waiting --------------------------------------------------------------------------------


def _statuses(*bodies: dict[str, Any] | int) -> list[httpx.Response]:
    return [
        httpx.Response(body, json=nova_error(404, "itemNotFound", "gone"))
        if isinstance(body, int)
        else httpx.Response(200, json={"server": body})
        for body in bodies
    ]


async def test_wait_for_status_polls_until_active(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(
        server_body(status="BUILD"), server_body(status="BUILD"), server_body(status="ACTIVE")
    )
    server = await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=5, interval=0.001)
    assert server.status == "ACTIVE"
    assert route.call_count == 3


async def test_wait_for_status_reports_the_fault(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).side_effect = _statuses(
        server_body(status="BUILD"), error_server_body()
    )
    with pytest.raises(errors.ResourceError) as caught:
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=5, interval=0.001)
    assert caught.value.status == "ERROR"
    assert caught.value.fault == "No valid host was found. There are not enough hosts available."
    assert "No valid host was found" in str(caught.value)
    assert SERVER_ID in str(caught.value)


async def test_wait_for_status_times_out(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": server_body(status="BUILD")})
    with pytest.raises(
        errors.WaitTimeout, match=rf"server {SERVER_ID} did not reach ACTIVE .* 'BUILD'\)"
    ):
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=0.05, interval=0.01)


async def test_wait_for_status_can_wait_for_error(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": error_server_body()})
    server = await servers.wait_for_status(compute, SERVER_ID, "ERROR", timeout=1)
    assert server.fault is not None


async def test_wait_for_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(server_body(status="ACTIVE"), server_body(status="ACTIVE"), 404)
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)
    assert route.call_count == 3
    route.side_effect = _statuses(server_body(status="DELETED"))
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)


async def test_wait_for_delete_goes_through_error(cloud: MockCloud, compute: ServiceClient) -> None:
    """A server passes through ERROR while it is deleted: only gone ends the wait."""
    route = cloud.router.get(SERVER)
    route.side_effect = _statuses(error_server_body(), error_server_body(), 404)
    await servers.wait_for_delete(compute, SERVER_ID, timeout=5, interval=0.001)
    assert route.call_count == 3


async def test_wait_for_delete_times_out_naming_the_server(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(SERVER).respond(200, json={"server": error_server_body()})
    with pytest.raises(errors.WaitTimeout) as caught:
        await servers.wait_for_delete(compute, SERVER_ID, timeout=0.05, interval=0.01)
    assert str(caught.value) == (
        f"server {SERVER_ID} did not reach deleted within 0.05 s (last status 'ERROR')"
    )


async def test_wait_for_status_passes_other_errors_through(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(SERVER).respond(403, json=nova_error(403, "forbidden", "Policy doesn't allow"))
    with pytest.raises(errors.Forbidden):
        await servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=1)


def test_a_server_built_from_raw_reads_its_structured_parts() -> None:
    # models keep the JSON they came from: extensions read what the model does not declare
    body = server_body()
    server = servers.Server(id=SERVER_ID, raw=body)
    assert json.dumps(server.raw) == json.dumps(body)
    assert server.addresses["private"][0].addr == "192.168.1.30"


def test_boot_and_wait_under_trio() -> None:
    async def main() -> None:
        async with MockCloud() as cloud:
            compute = await openstack.new_compute_v2(cloud.provider)
            cloud.router.post(SERVERS).respond(202, json=CREATED)
            route = cloud.router.get(SERVER)
            route.side_effect = _statuses(server_body(status="BUILD"), server_body(status="ACTIVE"))
            created = await servers.create(
                compute, servers.CreateOpts(name="x", flavor_ref="1", image_ref="i")
            )
            server = await servers.wait_for_status(
                compute, created.id, "ACTIVE", timeout=5, interval=0.001
            )
            assert server.status == "ACTIVE"
            route.side_effect = None
            route.respond(200, json={"server": server_body(status="BUILD")})
            with pytest.raises(errors.WaitTimeout):
                await servers.wait_for_status(
                    compute, created.id, "ACTIVE", timeout=0.05, interval=0.01
                )

    trio.run(main)
