"""blockstorage v1/v2/v3 snapshots: exact requests and parsed results, per version."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import snapshots as snapshots_v1
from aiocloud.openstack.blockstorage.v3 import snapshots as snapshots_v3
from aiocloud.testing import PROJECT_ID, MockCloud
from tests.helpers import (
    SNAPSHOT_ID,
    VOLUME_ID,
    Cinder,
    cinder_error,
    last_request,
    query_of,
    sent_json,
    snapshot_body,
)

OTHER_ID = "e820db06-58b5-439d-bac6-c01faa3f6499"


async def test_list_reads_the_detail_listing(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{cinder.base}/snapshots/detail").respond(
        200, json={"snapshots": [snapshot_body(cinder.version)]}
    )

    opts = cinder.snapshots.ListOpts(
        name="snap-001", status="available", volume_id=VOLUME_ID, all_tenants=True
    )
    (snap,) = await cinder.snapshots.list(cinder.client, opts).all()

    assert query_of(route) == [
        ("name", "snap-001"),
        ("status", "available"),
        ("volume_id", VOLUME_ID),
        ("all_tenants", "true"),
    ]
    assert isinstance(snap, cinder.snapshots.Snapshot)
    assert snap.id == SNAPSHOT_ID
    assert snap.name == "snap-001"
    assert snap.description == "Daily backup"
    assert snap.volume_id == VOLUME_ID
    assert snap.size == 30
    assert snap.progress == "100%"
    assert snap.project_id == PROJECT_ID
    assert snap.metadata == {"key": "v1"}
    assert snap.created_at == datetime(2013, 2, 25, 4, 13, 17, tzinfo=timezone.utc)


async def test_list_v2plus_pages(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    base = cinder_v2plus.base
    cloud.router.get(f"{base}/snapshots/detail", params__eq={"limit": "1"}).respond(
        200,
        json={
            "snapshots": [snapshot_body(cinder_v2plus.version)],
            "snapshots_links": [
                {"rel": "next", "href": f"{base}/snapshots/detail?limit=1&marker={SNAPSHOT_ID}"}
            ],
        },
    )
    cloud.router.get(
        f"{base}/snapshots/detail", params__eq={"limit": "1", "marker": SNAPSHOT_ID}
    ).respond(200, json={"snapshots": [snapshot_body(cinder_v2plus.version, id=OTHER_ID)]})

    opts = cinder_v2plus.snapshots.ListOpts(limit=1)
    found = await cinder_v2plus.snapshots.list(cinder_v2plus.client, opts).all()

    assert [s.id for s in found] == [SNAPSHOT_ID, OTHER_ID]


async def test_v3_snapshot_fields(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.get(f"{cinder_v3.base}/snapshots/{SNAPSHOT_ID}").respond(
        200, json={"snapshot": snapshot_body("v3")}
    )
    snap = await snapshots_v3.get(cinder_v3.client.with_microversion("3.65"), SNAPSHOT_ID)
    assert last_request(route).headers["OpenStack-API-Version"] == "volume 3.65"
    assert snap.user_id == "40c2102f4a554b848d96b14f3eec39ed"
    assert snap.consumes_quota is True
    assert snap.group_snapshot_id is None


async def test_create(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.post(f"{cinder.base}/snapshots").respond(
        200 if cinder.version == "v1" else 202,
        json={"snapshot": snapshot_body(cinder.version, status="creating")},
    )

    created = await cinder.snapshots.create(
        cinder.client,
        cinder.snapshots.CreateOpts(
            volume_id=VOLUME_ID,
            name="snap-001",
            description="Daily backup",
            force=True,
            metadata={"key": "v1"},
        ),
    )

    assert sent_json(route) == {
        "snapshot": cinder.named(
            {
                "volume_id": VOLUME_ID,
                "name": "snap-001",
                "description": "Daily backup",
                "force": True,
                "metadata": {"key": "v1"},
            }
        )
    }
    assert created.status == "creating"
    assert created.name == "snap-001"


async def test_create_without_volume_is_refused(cloud: MockCloud, cinder: Cinder) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await cinder.snapshots.create(cinder.client, cinder.snapshots.CreateOpts(volume_id=""))
    assert caught.value.field == "volume_id"


async def test_get_update_delete(cloud: MockCloud, cinder: Cinder) -> None:
    url = f"{cinder.base}/snapshots/{SNAPSHOT_ID}"
    cloud.router.get(url).respond(200, json={"snapshot": snapshot_body(cinder.version)})
    put = cloud.router.put(url).respond(
        200, json={"snapshot": snapshot_body(cinder.version, **cinder.named({"name": "renamed"}))}
    )
    deleted = cloud.router.delete(url).respond(202)

    assert (await cinder.snapshots.get(cinder.client, SNAPSHOT_ID)).name == "snap-001"
    updated = await cinder.snapshots.update(
        cinder.client, SNAPSHOT_ID, cinder.snapshots.UpdateOpts(name="renamed", description="")
    )
    assert sent_json(put) == {"snapshot": cinder.named({"name": "renamed", "description": ""})}
    assert updated.name == "renamed"
    await cinder.snapshots.delete(cinder.client, SNAPSHOT_ID)
    assert deleted.call_count == 1
    with pytest.raises(errors.InvalidOptions):
        await cinder.snapshots.update(cinder.client, SNAPSHOT_ID, cinder.snapshots.UpdateOpts())


async def test_v1_update_metadata_keeps_gophercloud_shape(
    cloud: MockCloud, cinder_v1: Cinder
) -> None:
    route = cloud.router.put(f"{cinder_v1.base}/snapshots/123/metadata").respond(
        200, json={"metadata": {"key": "v1"}}
    )
    assert await snapshots_v1.reset_metadata(cinder_v1.client, "123", {"key": "v1"}) == {
        "key": "v1"
    }
    assert sent_json(route) == {"metadata": {"key": "v1"}}


async def test_admin_actions(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = cloud.router.post(f"{cinder_v2plus.base}/snapshots/{SNAPSHOT_ID}/action").respond(202)
    snapshots, client = cinder_v2plus.snapshots, cinder_v2plus.client
    await snapshots.reset_status(client, SNAPSHOT_ID, "error")
    assert sent_json(route) == {"os-reset_status": {"status": "error"}}
    await snapshots.force_delete(client, SNAPSHOT_ID)
    assert sent_json(route) == {"os-force_delete": {}}
    with pytest.raises(errors.InvalidOptions):
        await snapshots.reset_status(client, SNAPSHOT_ID, "")


async def test_wait_for_status_and_delete(cloud: MockCloud, cinder: Cinder) -> None:
    url = f"{cinder.base}/snapshots/{SNAPSHOT_ID}"
    cloud.router.get(url).mock(
        side_effect=[
            httpx.Response(200, json={"snapshot": snapshot_body(cinder.version, status=s)})
            for s in ("creating", "available", "deleting")
        ]
        + [httpx.Response(404, json=cinder_error("itemNotFound", 404, "not found"))]
    )
    snap = await cinder.snapshots.wait_for_status(
        cinder.client, SNAPSHOT_ID, "available", timeout=5, interval=0
    )
    assert snap.status == "available"
    await cinder.snapshots.wait_for_delete(cinder.client, SNAPSHOT_ID, timeout=5, interval=0)


async def test_wait_for_status_error(cloud: MockCloud, cinder_v2: Cinder) -> None:
    cloud.router.get(f"{cinder_v2.base}/snapshots/{SNAPSHOT_ID}").respond(
        200, json={"snapshot": snapshot_body("v2", status="error")}
    )
    with pytest.raises(errors.ResourceError) as caught:
        await cinder_v2.snapshots.wait_for_status(
            cinder_v2.client, SNAPSHOT_ID, "available", timeout=5, interval=0
        )
    assert caught.value.status == "error"
    assert str(caught.value) == f"snapshot {SNAPSHOT_ID} went to error (waiting for available)"


async def test_wait_for_status_error_v3_user_message(cloud: MockCloud, cinder_v3: Cinder) -> None:
    cloud.router.get(f"{cinder_v3.base}/snapshots/{SNAPSHOT_ID}").respond(
        200, json={"snapshot": snapshot_body("v3", status="error")}
    )
    messages = cloud.router.get(f"{cinder_v3.base}/messages").respond(
        200,
        json={
            "messages": [
                {
                    "id": "5429fffa-5c76-4d68-a671-37a8e24f37cf",
                    "event_id": "VOLUME_SNAPSHOT_001_002",
                    "user_message": "create snapshot:Snapshot failed to create.",
                    "message_level": "ERROR",
                    "resource_type": "SNAPSHOT",
                    "resource_uuid": SNAPSHOT_ID,
                }
            ]
        },
    )
    with pytest.raises(errors.ResourceError) as caught:
        await snapshots_v3.wait_for_status(
            cinder_v3.client, SNAPSHOT_ID, "available", timeout=5, interval=0
        )
    assert caught.value.fault == "create snapshot:Snapshot failed to create."
    assert ("resource_uuid", SNAPSHOT_ID) in query_of(messages)


async def test_errors(cloud: MockCloud, cinder: Cinder) -> None:
    base = cinder.base
    cloud.router.get(f"{base}/snapshots/nope").respond(
        404, json=cinder_error("itemNotFound", 404, "Snapshot nope could not be found.")
    )
    cloud.router.post(f"{base}/snapshots").mock(
        side_effect=[
            httpx.Response(
                400,
                json=cinder_error(
                    "badRequest",
                    400,
                    "Invalid volume: Volume "
                    + VOLUME_ID
                    + " status must be available, but current status is: in-use.",
                ),
            ),
            httpx.Response(
                413,
                json={
                    "overLimit": {
                        "code": 413,
                        "message": "SnapshotLimitExceeded: Maximum number of snapshots "
                        "allowed (10) exceeded",
                        "retryAfter": "0",
                    }
                },
            ),
        ]
    )
    cloud.router.delete(f"{base}/snapshots/{SNAPSHOT_ID}").respond(
        409, json=cinder_error("conflictingRequest", 409, "Snapshot is busy.")
    )
    opts = cinder.snapshots.CreateOpts(volume_id=VOLUME_ID)
    with pytest.raises(errors.NotFound, match="could not be found"):
        await cinder.snapshots.get(cinder.client, "nope")
    with pytest.raises(errors.BadRequest, match="current status is: in-use"):
        await cinder.snapshots.create(cinder.client, opts)
    with pytest.raises(errors.RequestEntityTooLarge, match="SnapshotLimitExceeded"):
        await cinder.snapshots.create(cinder.client, opts)
    with pytest.raises(errors.Conflict):
        await cinder.snapshots.delete(cinder.client, SNAPSHOT_ID)
