"""compute/v2/images: the image proxy, always sent at microversion 2.35 or earlier."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import images
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, IMAGE_ID, SERVER_ID, last_request, nova_error

IMAGES = f"{COMPUTE}/images"

SNAPSHOT = {
    "id": IMAGE_ID,
    "name": "web-snapshot",
    "minRam": 128,
    "minDisk": 1,
    "metadata": {"instance_uuid": SERVER_ID, "image_type": "snapshot", "kernel_id": "nokernel"},
    "created": "2011-01-01T01:02:03Z",
    "updated": "2011-01-01T01:02:04Z",
    "status": "SAVING",
    "progress": 25,
    "OS-EXT-IMG-SIZE:size": 74185822,
    "OS-DCF:diskConfig": "AUTO",
    "server": {
        "id": SERVER_ID,
        "links": [{"href": f"{COMPUTE}/servers/{SERVER_ID}", "rel": "self"}],
    },
    "links": [
        {"href": f"{IMAGES}/{IMAGE_ID}", "rel": "self"},
        {
            "href": f"https://cloud.test:9292/images/{IMAGE_ID}",
            "rel": "alternate",
            "type": "application/vnd.openstack.image",
        },
    ],
}


async def test_list_filters_and_pages(cloud: MockCloud, compute: ServiceClient) -> None:
    first = cloud.router.get(f"{IMAGES}/detail", params={"status": "SAVING"}).respond(
        200,
        json={
            "images": [SNAPSHOT],
            "images_links": [{"href": f"{IMAGES}/detail?marker={IMAGE_ID}", "rel": "next"}],
        },
    )
    cloud.router.get(f"{IMAGES}/detail", params={"marker": IMAGE_ID}).respond(
        200, json={"images": [{"id": "other", "name": "cirros", "status": "ACTIVE"}]}
    )

    found = await images.list(
        compute.with_microversion("2.79"),
        images.ListOpts(
            changes_since=datetime(2011, 1, 1, tzinfo=timezone.utc),
            name="web-snapshot",
            status="SAVING",
            server=SERVER_ID,
            type="snapshot",
            min_disk=1,
            min_ram=128,
            limit=1,
        ),
    ).all()

    assert list(last_request(first).url.params.multi_items()) == [
        ("changes-since", "2011-01-01T00:00:00Z"),
        ("name", "web-snapshot"),
        ("status", "SAVING"),
        ("server", SERVER_ID),
        ("type", "snapshot"),
        ("minDisk", "1"),
        ("minRam", "128"),
        ("limit", "1"),
    ]
    assert last_request(first).headers["X-OpenStack-Nova-API-Version"] == "2.35"
    snapshot, cirros = found
    assert (snapshot.name, snapshot.status, snapshot.progress) == ("web-snapshot", "SAVING", 25)
    assert (snapshot.min_disk, snapshot.min_ram, snapshot.size) == (1, 128, 74185822)
    assert snapshot.created == datetime(2011, 1, 1, 1, 2, 3, tzinfo=timezone.utc)
    assert snapshot.metadata["image_type"] == "snapshot"
    assert snapshot.server is not None and snapshot.server.id == SERVER_ID
    assert [link.rel for link in snapshot.links] == ["self", "alternate"]
    assert (cirros.min_disk, cirros.server, cirros.metadata) == (0, None, {})


async def test_get_and_delete_use_the_proxy_microversion(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    got = cloud.router.get(f"{IMAGES}/{IMAGE_ID}").respond(200, json={"image": SNAPSHOT})
    deleted = cloud.router.delete(f"{IMAGES}/{IMAGE_ID}").respond(204)

    assert (await images.get(compute.with_microversion("2.93"), IMAGE_ID)).name == "web-snapshot"
    await images.delete(compute.with_microversion("2.20"), IMAGE_ID)
    await images.delete(compute, IMAGE_ID)

    assert last_request(got).headers["OpenStack-API-Version"] == "compute 2.35"
    assert deleted.calls[0].request.headers["X-OpenStack-Nova-API-Version"] == "2.20"
    assert "X-OpenStack-Nova-API-Version" not in deleted.calls[1].request.headers


async def test_errors(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{IMAGES}/nope").respond(
        404, json=nova_error(404, "itemNotFound", "Image not found.")
    )
    cloud.router.delete(f"{IMAGES}/public").respond(
        403, json=nova_error(403, "forbidden", "You are not permitted to delete this image.")
    )
    with pytest.raises(errors.NotFound, match="Image not found"):
        await images.get(compute, "nope")
    with pytest.raises(errors.Forbidden, match="not permitted"):
        await images.delete(compute, "public")


async def test_id_from_name_wants_an_exact_single_match(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.get(f"{IMAGES}/detail").respond(
        200,
        json={
            "images": [
                {"id": "1", "name": "cirros"},
                {"id": "2", "name": "cirros"},
                {"id": "3", "name": "cirros-0.6"},
            ]
        },
    )
    with pytest.raises(errors.InvalidOptions, match="2 images are named 'cirros'"):
        await images.id_from_name(compute, "cirros")
    assert await images.id_from_name(compute, "cirros-0.6") == "3"
    assert list(last_request(route).url.params.multi_items()) == [("name", "cirros-0.6")]
