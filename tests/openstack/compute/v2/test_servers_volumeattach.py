"""compute/v2/servers volume attachments: list, attach, get, detach."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import SERVER, SERVER_ID, nova_error, sent_json

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
