"""Rackspace Cloud Block Storage volumes: SATA/SSD sizes checked first, the rest OpenStack's v1."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import volumes as openstack_volumes
from aiocloud.rackspace.blockstorage.v1 import volumes
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import last_request, query_of, sent_json

VOLUME_ID = "5a60b5f4-5b5a-4f41-b2ef-0cb2d0c7b4b0"
OTHER_ID = "76b8950a-8594-4e5b-8dce-0dfa9c696358"
SNAPSHOT_ID = "a2b3b2a8-7f59-4dc4-a7d8-9a8c2ea4ea52"
SERVER_ID = "a4b4e9d0-ea7c-4e5b-9f3e-31d85b4ac13b"


def volume_body(**changes: Any) -> dict[str, Any]:
    """One volume as Cloud Block Storage shows it (``GET /volumes/{id}``)."""
    body: dict[str, Any] = {
        "id": VOLUME_ID,
        "display_name": "vol-001",
        "display_description": "Another volume.",
        "status": "available",
        "size": 100,
        "volume_type": "SSD",
        "availability_zone": "nova",
        "bootable": "false",
        "image_id": None,
        "snapshot_id": None,
        "source_volid": None,
        "metadata": {"contents": "junk"},
        "attachments": [],
        "created_at": "2014-05-08T18:36:33.000000",
        "os-vol-tenant-attr:tenant_id": "123456",
    }
    body.update(changes)
    return body


# -- create: the body, Rackspace's default type and its sizes --------------------------------


async def test_create_sends_rackspaces_body(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(status="creating")}
    )

    opts = volumes.CreateOpts(
        size=100,
        name="vol-001",
        description="Another volume.",
        volume_type=volumes.SSD,
        metadata={"contents": "junk"},
    )
    created = await volumes.create(cbs, opts)

    request = last_request(route)
    assert request.method == "POST"
    assert request.url == "https://dfw.blockstorage.api.rackspacecloud.com/v1/123456/volumes"
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert sent_json(route) == {
        "volume": {
            "size": 100,
            "display_name": "vol-001",
            "display_description": "Another volume.",
            "volume_type": "SSD",
            "metadata": {"contents": "junk"},
        }
    }
    assert isinstance(created, volumes.Volume)
    assert created.id == VOLUME_ID
    assert created.status == "creating"
    assert created.volume_type == "SSD"
    assert created.name == "vol-001"
    assert created.bootable is False
    assert created.project_id == "123456"


async def test_create_is_sata_when_no_type_is_given(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(size=75, volume_type="SATA", status="creating")}
    )

    created = await volumes.create(cbs, volumes.CreateOpts(size=75))

    assert sent_json(route) == {"volume": {"size": 75, "volume_type": "SATA"}}
    assert created.volume_type == "SATA"


async def test_create_bootable_from_an_image(cloud: MockCloud, cbs: ServiceClient) -> None:
    image_id = "3afe97b2-26dc-49c5-a2cc-a2fc8d80c001"
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(status="creating", image_id=image_id)}
    )

    created = await volumes.create(cbs, volumes.CreateOpts(size=100, image_ref=image_id))

    assert sent_json(route) == {
        "volume": {"size": 100, "imageRef": image_id, "volume_type": "SATA"}
    }
    assert created.raw["image_id"] == image_id


SIZES = [49, 50, 74, 75, 1024, 1025]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("volume_type", "low"), [(volumes.SATA, 75), (volumes.SSD, 50)], ids=["SATA", "SSD"]
)
async def test_size_limits_of_each_type(
    cloud: MockCloud, cbs: ServiceClient, volume_type: str, low: int, size: int
) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(size=size, volume_type=volume_type)}
    )
    opts = volumes.CreateOpts(size=size, volume_type=volume_type)

    if low <= size <= 1024:
        created = await volumes.create(cbs, opts)
        assert sent_json(route) == {"volume": {"size": size, "volume_type": volume_type}}
        assert created.size == size
    else:
        with pytest.raises(errors.InvalidOptions) as caught:
            await volumes.create(cbs, opts)
        assert caught.value.field == "size"
        assert caught.value.reason == f"a {volume_type} volume is {low} to 1024 GB, not {size}"
        assert route.call_count == 0


async def test_the_refusal_reads_clearly(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes")
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(size=20, volume_type=volumes.SSD))
    assert str(caught.value) == "size: a SSD volume is 50 to 1024 GB, not 20"
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(size=60))
    assert str(caught.value) == "size: a SATA volume is 75 to 1024 GB, not 60"
    assert route.call_count == 0


def test_size_limits_are_published_and_read_only() -> None:
    assert dict(volumes.SIZE_LIMITS) == {"SATA": (75, 1024), "SSD": (50, 1024)}
    with pytest.raises(TypeError):
        volumes.SIZE_LIMITS["SSD"] = (1, 2)  # type: ignore[index]


@pytest.mark.parametrize("volume_type", ["gold", "ssd", ""])
async def test_another_type_is_refused_before_sending(
    cloud: MockCloud, cbs: ServiceClient, volume_type: str
) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes")
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(size=100, volume_type=volume_type))
    assert caught.value.field == "volume_type"
    assert caught.value.reason == f"Rackspace volumes are 'SATA' or 'SSD', not {volume_type!r}"
    assert route.call_count == 0


@pytest.mark.parametrize("size", ["100", 100.0, True])
async def test_a_size_that_is_not_an_integer_is_refused(
    cloud: MockCloud, cbs: ServiceClient, size: Any
) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes")
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(size=size))
    assert caught.value.field == "size"
    assert route.call_count == 0


async def test_no_size_is_refused_unless_the_volume_is_a_copy(
    cloud: MockCloud, cbs: ServiceClient
) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes")
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(volume_type=volumes.SSD))
    assert caught.value.field == "size"
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("source", "opts"),
    [
        ("snapshot_id", volumes.CreateOpts(snapshot_id=VOLUME_ID)),
        ("source_volid", volumes.CreateOpts(source_volid=VOLUME_ID)),
    ],
)
async def test_a_copy_keeps_its_sources_type_and_size(
    cloud: MockCloud, cbs: ServiceClient, source: str, opts: volumes.CreateOpts
) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(id=OTHER_ID, status="creating", **{source: VOLUME_ID})}
    )

    created = await volumes.create(cbs, opts)

    assert sent_json(route) == {"volume": {source: VOLUME_ID}}
    assert created.id == OTHER_ID
    assert created.volume_type == "SSD"


async def test_a_copy_with_a_size_or_type_is_checked(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        200, json={"volume": volume_body(size=60, snapshot_id=SNAPSHOT_ID)}
    )
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(cbs, volumes.CreateOpts(snapshot_id=SNAPSHOT_ID, size=49))
    assert caught.value.reason == "a volume is 50 to 1024 GB, not 49"
    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes.create(
            cbs, volumes.CreateOpts(snapshot_id=SNAPSHOT_ID, size=60, volume_type=volumes.SATA)
        )
    assert caught.value.reason == "a SATA volume is 75 to 1024 GB, not 60"
    assert route.call_count == 0

    await volumes.create(cbs, volumes.CreateOpts(snapshot_id=SNAPSHOT_ID, size=60))
    assert sent_json(route) == {"volume": {"size": 60, "snapshot_id": SNAPSHOT_ID}}


# -- the operations OpenStack's v1 module does -----------------------------------------------


def test_everything_but_create_is_openstacks() -> None:
    for name in ("list", "get", "update", "delete", "wait_for_status", "wait_for_delete"):
        assert getattr(volumes, name) is getattr(openstack_volumes, name)
    assert volumes.Volume is openstack_volumes.Volume
    assert issubclass(volumes.CreateOpts, openstack_volumes.CreateOpts)
    assert volumes.create is not openstack_volumes.create


async def test_list_reads_the_detail_listing_in_one_page(
    cloud: MockCloud, cbs: ServiceClient
) -> None:
    attached = volume_body(
        id=OTHER_ID,
        display_name="vol-002",
        display_description=None,
        status="in-use",
        size=75,
        volume_type="SATA",
        attachments=[
            {"id": OTHER_ID, "volume_id": OTHER_ID, "server_id": SERVER_ID, "device": "/dev/xvdb"}
        ],
    )
    route = cloud.router.get(f"{cbs.endpoint}volumes/detail").respond(
        200, json={"volumes": [volume_body(), attached]}
    )

    found = await volumes.list(cbs).all()

    assert route.call_count == 1
    assert query_of(route) == []
    assert [(v.id, v.name, v.volume_type, v.size) for v in found] == [
        (VOLUME_ID, "vol-001", "SSD", 100),
        (OTHER_ID, "vol-002", "SATA", 75),
    ]
    assert found[1].description is None
    assert found[1].attachments[0].server_id == SERVER_ID
    assert found[1].attachments[0].device == "/dev/xvdb"


async def test_list_filters(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.get(f"{cbs.endpoint}volumes/detail").respond(200, json={"volumes": []})
    assert await volumes.list(cbs, volumes.ListOpts(status="available")).all() == []
    assert query_of(route) == [("status", "available")]


async def test_get(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.get(f"{cbs.endpoint}volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body()}
    )
    volume = await volumes.get(cbs, VOLUME_ID)
    assert last_request(route).method == "GET"
    assert volume.name == "vol-001"
    assert volume.description == "Another volume."
    assert volume.metadata == {"contents": "junk"}


async def test_update_renames_with_display_fields(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.put(f"{cbs.endpoint}volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(display_name="vol-renamed", display_description="")}
    )
    updated = await volumes.update(
        cbs, VOLUME_ID, volumes.UpdateOpts(name="vol-renamed", description="")
    )
    assert sent_json(route) == {
        "volume": {"display_name": "vol-renamed", "display_description": ""}
    }
    assert updated.name == "vol-renamed"


async def test_delete(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.delete(f"{cbs.endpoint}volumes/{VOLUME_ID}").respond(202)
    await volumes.delete(cbs, VOLUME_ID)
    assert route.call_count == 1
    assert last_request(route).headers["X-Auth-Token"] == FAKE_TOKEN


async def test_wait_for_status_and_for_delete(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.get(f"{cbs.endpoint}volumes/{VOLUME_ID}").mock(
        side_effect=[
            httpx.Response(200, json={"volume": volume_body(status="creating")}),
            httpx.Response(200, json={"volume": volume_body(status="available")}),
            httpx.Response(200, json={"volume": volume_body(status="deleting")}),
            httpx.Response(404, json={"itemNotFound": {"code": 404, "message": "gone"}}),
        ]
    )
    volume = await volumes.wait_for_status(cbs, VOLUME_ID, "available", timeout=5, interval=0)
    assert volume.status == "available"
    await volumes.wait_for_delete(cbs, VOLUME_ID, timeout=5, interval=0)
    assert route.call_count == 4


async def test_wait_for_status_error(cloud: MockCloud, cbs: ServiceClient) -> None:
    cloud.router.get(f"{cbs.endpoint}volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(status="error")}
    )
    with pytest.raises(errors.ResourceError) as caught:
        await volumes.wait_for_status(cbs, VOLUME_ID, "available", timeout=5, interval=0)
    assert caught.value.status == "error"


# -- errors ----------------------------------------------------------------------------------


async def test_get_missing_is_not_found(cloud: MockCloud, cbs: ServiceClient) -> None:
    cloud.router.get(f"{cbs.endpoint}volumes/nope").respond(
        404, json={"itemNotFound": {"code": 404, "message": "The resource could not be found."}}
    )
    with pytest.raises(errors.NotFound) as caught:
        await volumes.get(cbs, "nope")
    assert caught.value.message == "itemNotFound: The resource could not be found."


async def test_delete_while_attached_conflicts(cloud: MockCloud, cbs: ServiceClient) -> None:
    message = "Volume status must be available or error, but current status is: in-use"
    cloud.router.delete(f"{cbs.endpoint}volumes/{VOLUME_ID}").respond(
        409, json={"conflictingRequest": {"code": 409, "message": message}}
    )
    with pytest.raises(errors.Conflict) as caught:
        await volumes.delete(cbs, VOLUME_ID)
    assert caught.value.message == f"conflictingRequest: {message}"


async def test_create_over_the_quota_is_413(cloud: MockCloud, cbs: ServiceClient) -> None:
    message = (
        "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed "
        "Gigabytes quota"
    )
    route = cloud.router.post(f"{cbs.endpoint}volumes").respond(
        413,
        json={"overLimit": {"code": 413, "message": message, "retryAfter": "0"}},
        headers={"Retry-After": "0"},
    )
    with pytest.raises(errors.RequestEntityTooLarge) as caught:
        await volumes.create(cbs, volumes.CreateOpts(size=1024, volume_type=volumes.SSD))
    assert caught.value.status_code == 413
    assert caught.value.message == f"overLimit: {message}"
    assert caught.value.headers["retry-after"] == "0"
    assert route.call_count == 1  # not retried


async def test_malformed_answers(cloud: MockCloud, cbs: ServiceClient) -> None:
    cloud.router.get(f"{cbs.endpoint}volumes/bad").respond(200, content=b'{"volume": {')
    cloud.router.get(f"{cbs.endpoint}volumes/shape").respond(200, json={"volume": {"id": "x"}})
    cloud.router.get(f"{cbs.endpoint}volumes/detail").respond(200, content=b"<html>oops</html>")
    cloud.router.post(f"{cbs.endpoint}volumes").respond(200, json={"volumes": []})
    with pytest.raises(errors.ResponseFormatError):
        await volumes.get(cbs, "bad")
    with pytest.raises(errors.ResponseFormatError):
        await volumes.get(cbs, "shape")
    with pytest.raises(errors.ResponseFormatError):
        await volumes.list(cbs).all()
    with pytest.raises(errors.ResponseFormatError):
        await volumes.create(cbs, volumes.CreateOpts(size=100))
