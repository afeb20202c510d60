"""compute/v2/servers.create: every option on the wire, name lookups, checks, errors."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import (
    COMPUTE,
    CREATED,
    IMAGE_ID,
    SERVER_ID,
    SERVERS,
    last_request,
    nova_error,
    query_of,
    sent_json,
)


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
