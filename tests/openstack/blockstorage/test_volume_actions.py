"""blockstorage v2/v3 volume actions: ``POST /volumes/{id}/action`` bodies and answers."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.testing import MockCloud
from tests.helpers import (
    SERVER_ID,
    SNAPSHOT_ID,
    VOLUME_ID,
    Cinder,
    cinder_error,
    last_request,
    sent_json,
)

ACTION = "volumes/{id}/action"


def action_route(cloud: MockCloud, cinder: Cinder, status: int = 202, **kw: Any) -> Any:
    return cloud.router.post(f"{cinder.base}/volumes/{VOLUME_ID}/action").respond(status, **kw)


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (lambda v, c: v.extend(c, VOLUME_ID, 3), {"os-extend": {"new_size": 3}}),
        (lambda v, c: v.detach(c, VOLUME_ID), {"os-detach": {}}),
        (
            lambda v, c: v.detach(c, VOLUME_ID, "05551600-a936-4d4a-ba42-79a037c1c91a"),
            {"os-detach": {"attachment_id": "05551600-a936-4d4a-ba42-79a037c1c91a"}},
        ),
        (lambda v, c: v.reserve(c, VOLUME_ID), {"os-reserve": {}}),
        (lambda v, c: v.unreserve(c, VOLUME_ID), {"os-unreserve": {}}),
        (lambda v, c: v.begin_detaching(c, VOLUME_ID), {"os-begin_detaching": {}}),
        (lambda v, c: v.roll_detaching(c, VOLUME_ID), {"os-roll_detaching": {}}),
        (
            lambda v, c: v.set_readonly(c, VOLUME_ID, True),
            {"os-update_readonly_flag": {"readonly": True}},
        ),
        (lambda v, c: v.force_delete(c, VOLUME_ID), {"os-force_delete": {}}),
        (
            lambda v, c: v.reset_status(
                c,
                VOLUME_ID,
                v.ResetStatusOpts(status="available", attach_status="detached"),
            ),
            {"os-reset_status": {"status": "available", "attach_status": "detached"}},
        ),
        (
            lambda v, c: v.retype(
                c, VOLUME_ID, v.RetypeOpts(new_type="ssd", migration_policy="on-demand")
            ),
            {"os-retype": {"new_type": "ssd", "migration_policy": "on-demand"}},
        ),
        (
            lambda v, c: v.attach(
                c,
                VOLUME_ID,
                v.AttachOpts(mountpoint="/mnt", instance_uuid=SERVER_ID, mode="rw"),
            ),
            {"os-attach": {"mountpoint": "/mnt", "instance_uuid": SERVER_ID, "mode": "rw"}},
        ),
        (
            lambda v, c: v.attach(
                c, VOLUME_ID, v.AttachOpts(mountpoint="/dev/sdb", host_name="baremetal-7")
            ),
            {"os-attach": {"mountpoint": "/dev/sdb", "host_name": "baremetal-7"}},
        ),
        (
            lambda v, c: v.terminate_connection(
                c,
                VOLUME_ID,
                v.Connector(
                    ip="127.0.0.1",
                    host="stack",
                    initiator="iqn.1994-05.com.redhat:17cf566367d2",
                    multipath=True,
                    platform="x86_64",
                    os_type="linux2",
                ),
            ),
            {
                "os-terminate_connection": {
                    "connector": {
                        "ip": "127.0.0.1",
                        "host": "stack",
                        "initiator": "iqn.1994-05.com.redhat:17cf566367d2",
                        "multipath": True,
                        "platform": "x86_64",
                        "os_type": "linux2",
                    }
                }
            },
        ),
    ],
    ids=[
        "extend",
        "detach",
        "detach-attachment",
        "reserve",
        "unreserve",
        "begin_detaching",
        "roll_detaching",
        "set_readonly",
        "force_delete",
        "reset_status",
        "retype",
        "attach-server",
        "attach-host",
        "terminate_connection",
    ],
)
async def test_action_sends_its_body(
    cloud: MockCloud, cinder_v2plus: Cinder, call: Any, body: dict[str, Any]
) -> None:
    route = action_route(cloud, cinder_v2plus)

    assert await call(cinder_v2plus.volumes, cinder_v2plus.client) is None

    assert sent_json(route) == body
    assert last_request(route).headers["Content-Type"] == "application/json"


async def test_set_bootable_answers_200(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = action_route(cloud, cinder_v2plus, 200)
    await cinder_v2plus.volumes.set_bootable(cinder_v2plus.client, VOLUME_ID, True)
    assert sent_json(route) == {"os-set_bootable": {"bootable": True}}


async def test_an_action_answering_an_unexpected_success_raises(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    action_route(cloud, cinder_v2plus, 200)
    with pytest.raises(errors.UnexpectedResponseCode):
        await cinder_v2plus.volumes.extend(cinder_v2plus.client, VOLUME_ID, 3)


async def test_initialize_connection_keeps_credentials_out_of_repr(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    route = action_route(
        cloud,
        cinder_v2plus,
        200,
        json={
            "connection_info": {
                "driver_volume_type": "iscsi",
                "data": {
                    "target_portal": "172.31.17.48:3260",
                    "target_iqn": f"iqn.2010-10.org.openstack:volume-{VOLUME_ID}",
                    "target_lun": 0,
                    "auth_method": "CHAP",
                    "auth_username": "5MLtcsTEmNN5jFVcT6ui",
                    "auth_password": "x854ZY5Re3aCkdNL",
                    "access_mode": "rw",
                    "volume_id": VOLUME_ID,
                },
            }
        },
    )
    volumes = cinder_v2plus.volumes
    connector = volumes.Connector(
        host="stack",
        initiator="iqn.1994-05.com.redhat:17cf566367d2",
        extra={"do_local_attach": False},
    )

    info = await volumes.initialize_connection(cinder_v2plus.client, VOLUME_ID, connector)

    assert sent_json(route) == {
        "os-initialize_connection": {
            "connector": {
                "do_local_attach": False,
                "host": "stack",
                "initiator": "iqn.1994-05.com.redhat:17cf566367d2",
            }
        }
    }
    assert info.driver_volume_type == "iscsi"
    assert info.data["auth_password"] == "x854ZY5Re3aCkdNL"
    assert "x854ZY5Re3aCkdNL" not in repr(info)


async def test_upload_to_image(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = action_route(
        cloud,
        cinder_v2plus,
        json={
            "os-volume_upload_image": {
                "container_format": "bare",
                "display_description": None,
                "id": VOLUME_ID,
                "image_id": "ecb92d98-de08-45db-8235-bbafe317269c",
                "image_name": "test",
                "disk_format": "raw",
                "size": 5,
                "status": "uploading",
                "updated_at": "2017-07-17T09:29:22.000000",
                "volume_type": {"id": "b7133444-62f6-4433-8da3-70ac332229b7", "name": "basic"},
            }
        },
    )
    volumes = cinder_v2plus.volumes
    opts = volumes.UploadImageOpts(
        image_name="test", force=True, disk_format="raw", container_format="bare"
    )

    image = await volumes.upload_to_image(cinder_v2plus.client, VOLUME_ID, opts)

    assert sent_json(route) == {
        "os-volume_upload_image": {
            "image_name": "test",
            "force": True,
            "disk_format": "raw",
            "container_format": "bare",
        }
    }
    assert image.id == VOLUME_ID
    assert image.image_id == "ecb92d98-de08-45db-8235-bbafe317269c"
    assert image.status == "uploading"
    assert image.volume_type == {"id": "b7133444-62f6-4433-8da3-70ac332229b7", "name": "basic"}


async def test_upload_to_image_v3_visibility_needs_3_1(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = action_route(
        cloud,
        cinder_v3,
        json={
            "os-volume_upload_image": {
                "id": VOLUME_ID,
                "image_id": "ecb92d98-de08-45db-8235-bbafe317269c",
                "visibility": "shared",
                "protected": True,
            }
        },
    )
    opts = volumes_v3.UploadImageOpts(image_name="img", visibility="shared", protected=True)

    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes_v3.upload_to_image(cinder_v3.client, VOLUME_ID, opts)
    assert caught.value.field == "visibility"
    assert route.call_count == 0

    image = await volumes_v3.upload_to_image(
        cinder_v3.client.with_microversion("3.1"), VOLUME_ID, opts
    )
    assert sent_json(route) == {
        "os-volume_upload_image": {"image_name": "img", "visibility": "shared", "protected": True}
    }
    assert last_request(route).headers["OpenStack-API-Version"] == "volume 3.1"
    assert image.visibility == "shared"
    assert image.protected is True


async def test_revert_to_snapshot_v3_needs_3_40(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = action_route(cloud, cinder_v3)
    with pytest.raises(errors.InvalidOptions, match=r"3\.40"):
        await volumes_v3.revert_to_snapshot(cinder_v3.client, VOLUME_ID, SNAPSHOT_ID)
    assert route.call_count == 0
    await volumes_v3.revert_to_snapshot(
        cinder_v3.client.with_microversion("3.40"), VOLUME_ID, SNAPSHOT_ID
    )
    assert sent_json(route) == {"revert": {"snapshot_id": SNAPSHOT_ID}}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda v, c: v.extend(c, VOLUME_ID, 0), "new_size"),
        (lambda v, c: v.attach(c, VOLUME_ID, v.AttachOpts(mountpoint="/mnt")), "instance_uuid"),
        (
            lambda v, c: v.attach(
                c, VOLUME_ID, v.AttachOpts(mountpoint="/mnt", instance_uuid="i", host_name="h")
            ),
            "instance_uuid",
        ),
        (
            lambda v, c: v.attach(
                c, VOLUME_ID, v.AttachOpts(mountpoint="/mnt", instance_uuid="i", mode="rx")
            ),
            "mode",
        ),
        (lambda v, c: v.reset_status(c, VOLUME_ID, v.ResetStatusOpts()), "status"),
        (
            lambda v, c: v.retype(c, VOLUME_ID, v.RetypeOpts(new_type="x", migration_policy="x")),
            "migration_policy",
        ),
        (lambda v, c: v.extend(c, "", 2), "volume_id"),
    ],
    ids=["extend-0", "attach-none", "attach-both", "attach-mode", "reset-empty", "retype", "no-id"],
)
async def test_bad_action_options_are_refused_before_sending(
    cloud: MockCloud, cinder_v2plus: Cinder, call: Any, field: str
) -> None:
    route = action_route(cloud, cinder_v2plus)
    with pytest.raises(errors.InvalidOptions) as caught:
        await call(cinder_v2plus.volumes, cinder_v2plus.client)
    assert caught.value.field == field
    assert route.call_count == 0


async def test_action_errors(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    volumes, client = cinder_v2plus.volumes, cinder_v2plus.client
    cloud.router.post(f"{cinder_v2plus.base}/volumes/nope/action").respond(
        404, json=cinder_error("itemNotFound", 404, "Volume nope could not be found.")
    )
    action_route(
        cloud,
        cinder_v2plus,
        400,
        json=cinder_error(
            "badRequest",
            400,
            "Invalid input received: New size for extend must be greater than current size. "
            "(current: 30, extended: 3).",
        ),
    )
    with pytest.raises(errors.NotFound):
        await volumes.reserve(client, "nope")
    with pytest.raises(errors.BadRequest, match="must be greater than current size"):
        await volumes.extend(client, VOLUME_ID, 3)


async def test_retype_over_quota(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    action_route(
        cloud,
        cinder_v2plus,
        413,
        json={
            "overLimit": {
                "code": 413,
                "message": "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded "
                "for quota 'volumes_ssd'.",
                "retryAfter": "0",
            }
        },
    )
    volumes = cinder_v2plus.volumes
    with pytest.raises(errors.RequestEntityTooLarge, match="volumes_ssd"):
        await volumes.retype(cinder_v2plus.client, VOLUME_ID, volumes.RetypeOpts(new_type="ssd"))


async def test_force_delete_conflict(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    action_route(
        cloud,
        cinder_v2plus,
        409,
        json=cinder_error("conflictingRequest", 409, "Volume is attached to a server."),
    )
    with pytest.raises(errors.Conflict):
        await cinder_v2plus.volumes.force_delete(cinder_v2plus.client, VOLUME_ID)


def test_v1_has_no_actions() -> None:
    from aiocloud.openstack.blockstorage.v1 import volumes as volumes_v1

    for name in ("extend", "attach", "detach", "reset_status", "retype", "upload_to_image"):
        assert not hasattr(volumes_v1, name)


async def test_latest_microversion_allows_every_option(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = action_route(cloud, cinder_v3)
    await volumes_v3.revert_to_snapshot(
        cinder_v3.client.with_microversion("latest"), VOLUME_ID, SNAPSHOT_ID
    )
    assert last_request(route).headers["OpenStack-API-Version"] == "volume latest"
