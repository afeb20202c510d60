"""Rackspace Cloud Block Storage snapshots: OpenStack's v1 module, on Rackspace's answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import snapshots as openstack_snapshots
from aiocloud.rackspace.blockstorage.v1 import snapshots
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import last_request, query_of, sent_json

SNAPSHOT_ID = "a2b3b2a8-7f59-4dc4-a7d8-9a8c2ea4ea52"
VOLUME_ID = "5a60b5f4-5b5a-4f41-b2ef-0cb2d0c7b4b0"


def snapshot_body(**changes: Any) -> dict[str, Any]:
    """One snapshot as Cloud Block Storage shows it (``GET /snapshots/{id}``)."""
    body: dict[str, Any] = {
        "id": SNAPSHOT_ID,
        "display_name": "snap-001",
        "display_description": "Daily backup",
        "status": "available",
        "size": 100,
        "volume_id": VOLUME_ID,
        "created_at": "2014-05-08T18:59:10.000000",
        "metadata": {},
        "os-extended-snapshot-attributes:progress": "100%",
        "os-extended-snapshot-attributes:project_id": "123456",
    }
    body.update(changes)
    return body


def test_snapshots_are_openstacks() -> None:
    for name in snapshots.__all__:
        assert getattr(snapshots, name) is getattr(openstack_snapshots, name)
    assert "reset_metadata" not in snapshots.__all__


async def test_create_an_in_use_volume_with_force(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}snapshots").respond(
        200,
        json={
            "snapshot": snapshot_body(
                status="creating", **{"os-extended-snapshot-attributes:progress": "0%"}
            )
        },
    )

    created = await snapshots.create(
        cbs,
        snapshots.CreateOpts(
            volume_id=VOLUME_ID, name="snap-001", description="Daily backup", force=True
        ),
    )

    assert last_request(route).headers["X-Auth-Token"] == FAKE_TOKEN
    assert sent_json(route) == {
        "snapshot": {
            "volume_id": VOLUME_ID,
            "display_name": "snap-001",
            "display_description": "Daily backup",
            "force": True,
        }
    }
    assert isinstance(created, snapshots.Snapshot)
    assert created.id == SNAPSHOT_ID
    assert created.status == "creating"
    assert created.progress == "0%"
    assert created.name == "snap-001"
    assert created.project_id == "123456"


async def test_create_an_in_use_volume_without_force_is_a_bad_request(
    cloud: MockCloud, cbs: ServiceClient
) -> None:
    message = "Invalid volume: must be available"
    route = cloud.router.post(f"{cbs.endpoint}snapshots").respond(
        400, json={"badRequest": {"code": 400, "message": message}}
    )
    with pytest.raises(errors.BadRequest) as caught:
        await snapshots.create(cbs, snapshots.CreateOpts(volume_id=VOLUME_ID))
    assert sent_json(route) == {"snapshot": {"volume_id": VOLUME_ID}}
    assert caught.value.message == f"badRequest: {message}"


async def test_create_without_a_volume_is_refused(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.post(f"{cbs.endpoint}snapshots")
    with pytest.raises(errors.InvalidOptions) as caught:
        await snapshots.create(cbs, snapshots.CreateOpts(volume_id=""))
    assert caught.value.field == "volume_id"
    assert route.call_count == 0


async def test_list_reads_the_detail_listing(cloud: MockCloud, cbs: ServiceClient) -> None:
    other = snapshot_body(id="96c3bda7-c82a-4f50-be73-ca7621794835", display_name="snap-002")
    route = cloud.router.get(f"{cbs.endpoint}snapshots/detail").respond(
        200, json={"snapshots": [snapshot_body(), other]}
    )
    found = await snapshots.list(cbs, snapshots.ListOpts(volume_id=VOLUME_ID)).all()
    assert query_of(route) == [("volume_id", VOLUME_ID)]
    assert [s.name for s in found] == ["snap-001", "snap-002"]
    assert [s.size for s in found] == [100, 100]


async def test_get_update_delete(cloud: MockCloud, cbs: ServiceClient) -> None:
    url = f"{cbs.endpoint}snapshots/{SNAPSHOT_ID}"
    cloud.router.get(url).respond(200, json={"snapshot": snapshot_body()})
    put = cloud.router.put(url).respond(
        200, json={"snapshot": snapshot_body(display_name="renamed")}
    )
    deleted = cloud.router.delete(url).respond(202)

    got = await snapshots.get(cbs, SNAPSHOT_ID)
    assert (got.name, got.description, got.volume_id) == ("snap-001", "Daily backup", VOLUME_ID)
    updated = await snapshots.update(cbs, SNAPSHOT_ID, snapshots.UpdateOpts(name="renamed"))
    assert sent_json(put) == {"snapshot": {"display_name": "renamed"}}
    assert updated.name == "renamed"
    await snapshots.delete(cbs, SNAPSHOT_ID)
    assert deleted.call_count == 1


async def test_wait_for_status_and_for_delete(cloud: MockCloud, cbs: ServiceClient) -> None:
    progress = "os-extended-snapshot-attributes:progress"
    route = cloud.router.get(f"{cbs.endpoint}snapshots/{SNAPSHOT_ID}").mock(
        side_effect=[
            httpx.Response(
                200, json={"snapshot": snapshot_body(status="creating", **{progress: "40%"})}
            ),
            httpx.Response(200, json={"snapshot": snapshot_body()}),
            httpx.Response(200, json={"snapshot": snapshot_body(status="deleting")}),
            httpx.Response(404, json={"itemNotFound": {"code": 404, "message": "gone"}}),
        ]
    )
    snap = await snapshots.wait_for_status(cbs, SNAPSHOT_ID, "available", timeout=5, interval=0)
    assert snap.progress == "100%"
    await snapshots.wait_for_delete(cbs, SNAPSHOT_ID, timeout=5, interval=0)
    assert route.call_count == 4


async def test_errors(cloud: MockCloud, cbs: ServiceClient) -> None:
    url = f"{cbs.endpoint}snapshots/{SNAPSHOT_ID}"
    cloud.router.get(url).respond(
        404, json={"itemNotFound": {"code": 404, "message": "Snapshot could not be found."}}
    )
    in_progress = f"Request conflicts with in-progress 'DELETE /v1/123456/snapshots/{SNAPSHOT_ID}'"
    cloud.router.delete(url).respond(
        409, json={"conflictingRequest": {"code": 409, "message": in_progress}}
    )
    over = "SnapshotLimitExceeded: Maximum number of snapshots allowed (100) exceeded"
    cloud.router.post(f"{cbs.endpoint}snapshots").respond(
        413, json={"overLimit": {"code": 413, "message": over}}
    )
    cloud.router.get(f"{cbs.endpoint}snapshots/bad").respond(200, content=b"{not json")
    cloud.router.get(f"{cbs.endpoint}snapshots/shape").respond(200, json={"snapshot": []})

    with pytest.raises(errors.NotFound):
        await snapshots.get(cbs, SNAPSHOT_ID)
    with pytest.raises(errors.Conflict) as conflict:
        await snapshots.delete(cbs, SNAPSHOT_ID)
    assert conflict.value.message == f"conflictingRequest: {in_progress}"
    with pytest.raises(errors.RequestEntityTooLarge) as too_many:
        await snapshots.create(cbs, snapshots.CreateOpts(volume_id=VOLUME_ID))
    assert too_many.value.message == f"overLimit: {over}"
    with pytest.raises(errors.ResponseFormatError):
        await snapshots.get(cbs, "bad")
    with pytest.raises(errors.ResponseFormatError):
        await snapshots.get(cbs, "shape")
