"""blockstorage v1/v2/v3 volumes: exact requests and parsed results, per version."""

from __future__ import annotations

import inspect
import json
from datetime import datetime, timezone

import httpx
import pytest
import trio

from aiocloud import errors, openstack, waiters
from aiocloud.openstack.blockstorage.v1 import volumes as volumes_v1
from aiocloud.openstack.blockstorage.v2 import volumes as volumes_v2
from aiocloud.openstack.blockstorage.v3 import snapshots as snapshots_v3
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, PROJECT_ID, MockCloud
from tests.helpers import (
    SERVER_ID,
    VOLUME_ID,
    Cinder,
    cinder_error,
    last_request,
    query_of,
    sent_json,
    volume_body,
)

OTHER_ID = "96c3bda7-c82a-4f50-be73-ca7621794835"


# -- list ------------------------------------------------------------------------------------


async def test_list_reads_the_detail_listing_with_filters(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{cinder.base}/volumes/detail").respond(
        200, json={"volumes": [volume_body(cinder.version)]}
    )

    opts = cinder.volumes.ListOpts(
        name="vol-001", status="available", all_tenants=True, metadata={"contents": "junk"}
    )
    found = await cinder.volumes.list(cinder.client, opts).all()

    assert query_of(route) == [
        ("name", "vol-001"),
        ("status", "available"),
        ("all_tenants", "true"),
        ("metadata", '{"contents": "junk"}'),
    ]
    assert last_request(route).headers["X-Auth-Token"] == FAKE_TOKEN
    assert "OpenStack-API-Version" not in last_request(route).headers
    assert len(found) == 1
    volume = found[0]
    assert isinstance(volume, cinder.volumes.Volume)
    assert volume.id == VOLUME_ID
    assert volume.name == "vol-001"
    assert volume.description == "Another volume."
    assert volume.size == 30
    assert volume.metadata == {"contents": "junk"}
    assert volume.project_id == PROJECT_ID
    assert volume.raw["volume_type"] == "lvmdriver-1"


async def test_list_v1_is_one_page_without_paging_options(
    cloud: MockCloud, cinder_v1: Cinder
) -> None:
    second = volume_body("v1", id=OTHER_ID, display_name="vol-002")
    route = cloud.router.get(f"{cinder_v1.base}/volumes/detail").respond(
        200, json={"volumes": [volume_body("v1"), second]}
    )

    found = await volumes_v1.list(cinder_v1.client).all()

    assert [v.name for v in found] == ["vol-001", "vol-002"]
    assert [v.bootable for v in found] == [False, False]
    assert route.call_count == 1
    assert query_of(route) == []
    assert not hasattr(volumes_v1.ListOpts(), "limit")


async def test_list_v2plus_pages_through_volumes_links(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    base = cinder_v2plus.base
    first = cloud.router.get(
        f"{base}/volumes/detail", params__eq={"limit": "1", "sort": "created_at:desc"}
    ).respond(
        200,
        json={
            "volumes": [volume_body(cinder_v2plus.version)],
            "volumes_links": [
                {
                    "href": f"{base}/volumes/detail?limit=1&sort=created_at:desc"
                    f"&marker={VOLUME_ID}",
                    "rel": "next",
                }
            ],
        },
    )
    second = cloud.router.get(
        f"{base}/volumes/detail",
        params__eq={"limit": "1", "sort": "created_at:desc", "marker": VOLUME_ID},
    ).respond(200, json={"volumes": [volume_body(cinder_v2plus.version, id=OTHER_ID)]})

    opts = cinder_v2plus.volumes.ListOpts(limit=1, sort="created_at:desc")
    found = await cinder_v2plus.volumes.list(cinder_v2plus.client, opts).all()

    assert [v.id for v in found] == [VOLUME_ID, OTHER_ID]
    assert first.call_count == 1
    assert second.call_count == 1


async def test_list_v2plus_paging_and_project_filters(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    route = cloud.router.get(f"{cinder_v2plus.base}/volumes/detail").respond(
        200, json={"volumes": []}
    )
    opts = cinder_v2plus.volumes.ListOpts(
        all_tenants=True, project_id=PROJECT_ID, marker=VOLUME_ID, limit=50, offset=0
    )

    assert await cinder_v2plus.volumes.list(cinder_v2plus.client, opts).all() == []
    assert query_of(route) == [
        ("all_tenants", "true"),
        ("project_id", PROJECT_ID),
        ("limit", "50"),
        ("offset", "0"),
        ("marker", VOLUME_ID),
    ]


async def test_list_max_items_caps_the_limit(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.get(f"{cinder_v3.base}/volumes/detail").respond(
        200, json={"volumes": [volume_body("v3")]}
    )
    found = await volumes_v3.list(
        cinder_v3.client, volumes_v3.ListOpts(limit=100), max_items=1
    ).all()
    assert len(found) == 1
    assert query_of(route) == [("limit", "1")]


async def test_v3_microversion_header_and_v3_fields(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.get(f"{cinder_v3.base}/volumes/detail").respond(
        200, json={"volumes": [volume_body("v3")]}
    )

    (volume,) = await volumes_v3.list(cinder_v3.client.with_microversion("3.65")).all()

    assert last_request(route).headers["OpenStack-API-Version"] == "volume 3.65"
    assert volume.volume_type_id == "4830cbcd-a137-4033-a3db-430644554563"
    assert volume.service_uuid == "408d8a7a-d15f-43cf-8b37-6f8fe1a78c15"
    assert volume.shared_targets is False
    assert volume.consumes_quota is True
    assert volume.group_id is None
    assert isinstance(volume, volumes_v2.Volume)


async def test_volume_model_attachments_match_novas_fields(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    cloud.router.get(f"{cinder_v2plus.base}/volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(cinder_v2plus.version)}
    )

    volume = await cinder_v2plus.volumes.get(cinder_v2plus.client, VOLUME_ID)

    assert volume.status == "in-use"
    assert volume.bootable is True
    assert volume.user_id == "32779452fcd34ae1a53a797ac8a1e064"
    assert volume.host == "peer@fake#fake"
    assert volume.volume_image_metadata == {"image_name": "cirros", "checksum": "443b7623e27ecf03"}
    assert volume.created_at == datetime(2015, 9, 17, 3, 32, 29, tzinfo=timezone.utc)
    assert volume.attachments == (
        cinder_v2plus.volumes.Attachment(
            id=VOLUME_ID,
            volume_id=VOLUME_ID,
            server_id=SERVER_ID,
            attachment_id="05551600-a936-4d4a-ba42-79a037c1c91a",
            device="/dev/vdb",
            host_name="compute-1",
            attached_at=datetime(2016, 8, 6, 14, 48, 20, tzinfo=timezone.utc),
        ),
    )


# -- create / get / update / delete ---------------------------------------------------------


async def test_create_sends_the_versions_body(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.post(f"{cinder.base}/volumes").respond(
        200 if cinder.version == "v1" else 202,
        json={"volume": volume_body(cinder.version, status="creating")},
    )

    created = await cinder.volumes.create(
        cinder.client,
        cinder.volumes.CreateOpts(
            size=30,
            name="vol-001",
            description="Another volume.",
            volume_type="lvmdriver-1",
            availability_zone="nova",
            image_ref="70a599e0-31e7-49b7-b260-868f441e862b",
            metadata={"contents": "junk"},
        ),
    )

    assert sent_json(route) == {
        "volume": cinder.named(
            {
                "size": 30,
                "name": "vol-001",
                "description": "Another volume.",
                "volume_type": "lvmdriver-1",
                "availability_zone": "nova",
                "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
                "metadata": {"contents": "junk"},
            }
        )
    }
    assert last_request(route).headers["Content-Type"] == "application/json"
    assert created.status == "creating"
    assert created.name == "vol-001"


async def test_create_from_snapshot_or_volume_needs_no_size(
    cloud: MockCloud, cinder: Cinder
) -> None:
    route = cloud.router.post(f"{cinder.base}/volumes").respond(
        202, json={"volume": volume_body(cinder.version, snapshot_id=OTHER_ID)}
    )
    await cinder.volumes.create(cinder.client, cinder.volumes.CreateOpts(snapshot_id=OTHER_ID))
    assert sent_json(route) == {"volume": {"snapshot_id": OTHER_ID}}
    await cinder.volumes.create(cinder.client, cinder.volumes.CreateOpts(source_volid=OTHER_ID))
    assert sent_json(route) == {"volume": {"source_volid": OTHER_ID}}


async def test_create_without_size_or_source_is_refused_before_sending(
    cloud: MockCloud, cinder: Cinder
) -> None:
    route = cloud.router.post(f"{cinder.base}/volumes").respond(202, json={})
    with pytest.raises(errors.InvalidOptions) as caught:
        await cinder.volumes.create(cinder.client, cinder.volumes.CreateOpts(name="x"))
    assert caught.value.field == "size"
    assert route.call_count == 0


async def test_create_v2_multiattach(cloud: MockCloud, cinder_v2: Cinder) -> None:
    route = cloud.router.post(f"{cinder_v2.base}/volumes").respond(
        202, json={"volume": volume_body("v2", multiattach=True)}
    )
    created = await volumes_v2.create(
        cinder_v2.client, volumes_v2.CreateOpts(size=1, multiattach=True)
    )
    assert sent_json(route) == {"volume": {"size": 1, "multiattach": True}}
    assert created.multiattach is True


async def test_create_v3_from_backup_needs_microversion_3_47(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    route = cloud.router.post(f"{cinder_v3.base}/volumes").respond(
        202, json={"volume": volume_body("v3", status="restoring-backup")}
    )
    opts = volumes_v3.CreateOpts(backup_id="20c792f0-bb03-434f-b653-06ef238e337e", name="r")

    with pytest.raises(errors.InvalidOptions) as caught:
        await volumes_v3.create(cinder_v3.client.with_microversion("3.46"), opts)
    assert caught.value.field == "backup_id"
    assert "3.47" in str(caught.value)
    assert route.call_count == 0

    created = await volumes_v3.create(cinder_v3.client.with_microversion("3.47"), opts)
    assert sent_json(route) == {
        "volume": {"name": "r", "backup_id": "20c792f0-bb03-434f-b653-06ef238e337e"}
    }
    assert last_request(route).headers["OpenStack-API-Version"] == "volume 3.47"
    assert created.status == "restoring-backup"


async def test_create_v3_group_needs_3_13(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.post(f"{cinder_v3.base}/volumes").respond(
        202, json={"volume": volume_body("v3")}
    )
    opts = volumes_v3.CreateOpts(size=1, group_id="g-1")
    with pytest.raises(errors.InvalidOptions, match="group_id"):
        await volumes_v3.create(cinder_v3.client, opts)
    await volumes_v3.create(cinder_v3.client.with_microversion("3.13"), opts)
    assert sent_json(route) == {"volume": {"size": 1, "group_id": "g-1"}}
    assert not hasattr(volumes_v3.CreateOpts(), "multiattach")


async def test_get(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(cinder.version)}
    )
    volume = await cinder.volumes.get(cinder.client, VOLUME_ID)
    assert volume.id == VOLUME_ID
    assert volume.name == "vol-001"
    assert last_request(route).method == "GET"


async def test_update_puts_only_what_is_set(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.put(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(cinder.version, **cinder.named({"name": "vol-002"}))}
    )

    updated = await cinder.volumes.update(
        cinder.client, VOLUME_ID, cinder.volumes.UpdateOpts(name="vol-002", metadata={"a": "b"})
    )

    assert sent_json(route) == {"volume": {cinder.name_key: "vol-002", "metadata": {"a": "b"}}}
    assert updated.name == "vol-002"


async def test_update_with_nothing_set_is_refused(cloud: MockCloud, cinder: Cinder) -> None:
    with pytest.raises(errors.InvalidOptions):
        await cinder.volumes.update(cinder.client, VOLUME_ID, cinder.volumes.UpdateOpts())


async def test_delete(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.delete(f"{cinder.base}/volumes/{VOLUME_ID}").respond(202)
    await cinder.volumes.delete(cinder.client, VOLUME_ID)
    assert last_request(route).method == "DELETE"
    assert query_of(route) == []


async def test_delete_v2plus_cascade(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = cloud.router.delete(f"{cinder_v2plus.base}/volumes/{VOLUME_ID}").respond(202)
    await cinder_v2plus.volumes.delete(
        cinder_v2plus.client, VOLUME_ID, cinder_v2plus.volumes.DeleteOpts(cascade=True)
    )
    assert query_of(route) == [("cascade", "true")]


async def test_delete_v3_force_needs_3_23(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.delete(f"{cinder_v3.base}/volumes/{VOLUME_ID}").respond(202)
    opts = volumes_v3.DeleteOpts(cascade=True, force=True)
    with pytest.raises(errors.InvalidOptions, match="force"):
        await volumes_v3.delete(cinder_v3.client, VOLUME_ID, opts)
    assert route.call_count == 0
    await volumes_v3.delete(cinder_v3.client.with_microversion("3.23"), VOLUME_ID, opts)
    assert query_of(route) == [("cascade", "true"), ("force", "true")]
    assert last_request(route).headers["OpenStack-API-Version"] == "volume 3.23"


async def test_an_empty_id_is_refused(cloud: MockCloud, cinder: Cinder) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await cinder.volumes.get(cinder.client, "")
    assert caught.value.field == "volume_id"


# -- errors ----------------------------------------------------------------------------------


async def test_get_missing_raises_not_found_with_cinders_message(
    cloud: MockCloud, cinder: Cinder
) -> None:
    cloud.router.get(f"{cinder.base}/volumes/nope").respond(
        404,
        json=cinder_error("itemNotFound", 404, "Volume nope could not be found."),
        headers={"x-openstack-request-id": "req-7d2b"},
    )
    with pytest.raises(errors.NotFound) as caught:
        await cinder.volumes.get(cinder.client, "nope")
    assert caught.value.status_code == 404
    assert caught.value.request_id == "req-7d2b"
    assert caught.value.message == "itemNotFound: Volume nope could not be found."
    assert FAKE_TOKEN not in str(caught.value)


async def test_create_bad_request(cloud: MockCloud, cinder: Cinder) -> None:
    cloud.router.post(f"{cinder.base}/volumes").respond(
        400,
        json=cinder_error(
            "badRequest", 400, "Invalid input received: Volume size '0' must be an integer > 0"
        ),
    )
    with pytest.raises(errors.BadRequest) as caught:
        await cinder.volumes.create(cinder.client, cinder.volumes.CreateOpts(size=0))
    assert "must be an integer" in str(caught.value)


async def test_create_over_quota_is_413(cloud: MockCloud, cinder: Cinder) -> None:
    message = (
        "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed "
        "gigabytes quota. Requested 2000G, quota is 1000G and 0G has been consumed."
    )
    cloud.router.post(f"{cinder.base}/volumes").respond(
        413, json={"overLimit": {"code": 413, "message": message, "retryAfter": "0"}}
    )
    with pytest.raises(errors.RequestEntityTooLarge) as caught:
        await cinder.volumes.create(cinder.client, cinder.volumes.CreateOpts(size=2000))
    assert caught.value.message == f"overLimit: {message}"


async def test_delete_in_use_conflicts(cloud: MockCloud, cinder: Cinder) -> None:
    cloud.router.delete(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        409, json=cinder_error("conflictingRequest", 409, "Volume is in use: in-use.")
    )
    with pytest.raises(errors.Conflict):
        await cinder.volumes.delete(cinder.client, VOLUME_ID)


async def test_delete_in_use_bad_request(cloud: MockCloud, cinder: Cinder) -> None:
    message = (
        "Invalid volume: Volume status must be available or error or error_restoring or "
        "error_extending or error_managing and must not be migrating, attached, belong to a "
        "group, have snapshots, awaiting a transfer, or be disassociated from snapshots after "
        "volume transfer."
    )
    cloud.router.delete(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        400, json=cinder_error("badRequest", 400, message)
    )
    with pytest.raises(errors.BadRequest) as caught:
        await cinder.volumes.delete(cinder.client, VOLUME_ID)
    assert "must not be migrating, attached" in str(caught.value)


async def test_unexpected_success_code(cloud: MockCloud, cinder: Cinder) -> None:
    cloud.router.get(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        203, json={"volume": volume_body(cinder.version)}
    )
    with pytest.raises(errors.UnexpectedResponseCode):
        await cinder.volumes.get(cinder.client, VOLUME_ID)


async def test_server_error_malformed_json_and_wrong_shape(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    base = cinder_v3.base
    cloud.router.get(f"{base}/volumes/boom").respond(500, text="Internal Server Error")
    cloud.router.get(f"{base}/volumes/bad").respond(200, content=b"{not json")
    cloud.router.get(f"{base}/volumes/shape").respond(200, json={"volume": {"id": "shape"}})
    cloud.router.get(f"{base}/volumes/empty").respond(200, json={"volumes": []})
    with pytest.raises(errors.InternalServerError):
        await volumes_v3.get(cinder_v3.client, "boom")
    with pytest.raises(errors.ResponseFormatError):
        await volumes_v3.get(cinder_v3.client, "bad")
    with pytest.raises(errors.ResponseFormatError):
        await volumes_v3.get(cinder_v3.client, "shape")
    with pytest.raises(errors.ResponseFormatError):
        await volumes_v3.get(cinder_v3.client, "empty")


async def test_dropped_connection_and_timeout(cloud: MockCloud, cinder_v3: Cinder) -> None:
    base = cinder_v3.base
    cloud.router.get(f"{base}/volumes/gone").mock(
        side_effect=httpx.RemoteProtocolError("peer closed")
    )
    cloud.router.get(f"{base}/volumes/slow").mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(errors.ConnectionFailed):
        await volumes_v3.get(cinder_v3.client, "gone")
    with pytest.raises(errors.TimedOut):
        await volumes_v3.get(cinder_v3.client, "slow")


# -- waiting ---------------------------------------------------------------------------------


async def test_wait_for_status_polls_until_reached(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{cinder.base}/volumes/{VOLUME_ID}").mock(
        side_effect=[
            httpx.Response(200, json={"volume": volume_body(cinder.version, status=s)})
            for s in ("creating", "downloading", "available")
        ]
    )
    volume = await cinder.volumes.wait_for_status(
        cinder.client, VOLUME_ID, "available", timeout=5, interval=0
    )
    assert volume.status == "available"
    assert route.call_count == 3


def _stuck_in(cloud: MockCloud, cinder: Cinder, status: str) -> None:
    """The volume answers ``status`` to every ``GET``."""
    cloud.router.get(f"{cinder.base}/volumes/{VOLUME_ID}").respond(
        200, json={"volume": volume_body(cinder.version, status=status)}
    )


async def _failed_wait(cinder: Cinder, client: ServiceClient | None = None) -> errors.ResourceError:
    """What waiting for the volume to become ``available`` raises (with ``client`` if given)."""
    with pytest.raises(errors.ResourceError) as caught:
        await cinder.volumes.wait_for_status(
            client or cinder.client, VOLUME_ID, "available", timeout=5, interval=0
        )
    return caught.value


@pytest.mark.parametrize("cinder", ["v1", "v2"], indirect=True)
async def test_wait_for_status_error_raises_resource_error(
    cloud: MockCloud, cinder: Cinder
) -> None:
    # v1/v2 have no user messages to look up (v3: see the next test)
    _stuck_in(cloud, cinder, "error")
    failed = await _failed_wait(cinder)
    assert failed.status == "error"
    assert failed.fault is None
    assert VOLUME_ID in str(failed)


async def test_wait_for_status_error_v3_carries_the_user_message(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    _stuck_in(cloud, cinder_v3, "error_extending")
    messages = cloud.router.get(f"{cinder_v3.base}/messages").respond(
        200,
        json={
            "messages": [
                {
                    "id": "6c79f374-49c7-4b9a-bb21-6edef10e4bdf",
                    "event_id": "VOLUME_VOLUME_007_010",
                    "user_message": "extend volume:Volume Driver failed to extend volume.",
                    "message_level": "ERROR",
                    "resource_type": "VOLUME",
                    "resource_uuid": VOLUME_ID,
                    "created_at": "2026-11-27T12:43:50.606749",
                    "guaranteed_until": "2026-12-27T12:43:50.604316",
                    "request_id": "req-8b364b9d-90ef-40d3-9703-eef32732a97e",
                }
            ]
        },
    )

    failed = await _failed_wait(cinder_v3)

    assert failed.status == "error_extending"
    assert failed.fault == "extend volume:Volume Driver failed to extend volume."
    assert "failed to extend" in str(failed)
    assert query_of(messages) == [
        ("resource_uuid", VOLUME_ID),
        ("sort", "created_at:desc"),
        ("limit", "1"),
    ]
    # filters only apply from 3.5 on: the lookup asks for it when the client asks for less
    assert last_request(messages).headers["OpenStack-API-Version"] == "volume 3.5"


async def test_wait_for_status_v3_message_lookup_keeps_a_later_microversion(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    _stuck_in(cloud, cinder_v3, "error")
    messages = cloud.router.get(f"{cinder_v3.base}/messages").respond(200, json={"messages": []})
    failed = await _failed_wait(cinder_v3, cinder_v3.client.with_microversion("3.59"))
    assert failed.fault is None
    assert last_request(messages).headers["OpenStack-API-Version"] == "volume 3.59"


async def test_wait_for_status_v3_message_lookup_failure_is_ignored(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    _stuck_in(cloud, cinder_v3, "error")
    cloud.router.get(f"{cinder_v3.base}/messages").respond(403, json={})
    failed = await _failed_wait(cinder_v3)
    assert failed.status == "error"
    assert failed.fault is None


async def test_wait_for_status_times_out(cloud: MockCloud, cinder_v2: Cinder) -> None:
    _stuck_in(cloud, cinder_v2, "creating")
    with pytest.raises(errors.WaitTimeout) as caught:
        await volumes_v2.wait_for_status(
            cinder_v2.client, VOLUME_ID, "available", timeout=0.05, interval=0.01
        )
    assert str(caught.value) == (
        f"volume {VOLUME_ID} did not reach available within 0.05 s (last status 'creating')"
    )


def test_waiters_share_one_set_of_defaults() -> None:
    expected = {
        "timeout": waiters.DEFAULT_TIMEOUT,
        "interval": waiters.DEFAULT_INTERVAL,
        "backoff": waiters.DEFAULT_BACKOFF,
        "max_interval": waiters.DEFAULT_MAX_INTERVAL,
    }
    for waiter in (
        servers.wait_for_status,
        servers.wait_for_delete,
        volumes_v2.wait_for_status,
        volumes_v2.wait_for_delete,
        volumes_v3.wait_for_status,
        snapshots_v3.wait_for_delete,
    ):
        defaults = {
            name: parameter.default
            for name, parameter in inspect.signature(waiter).parameters.items()
            if name in expected
        }
        assert defaults == expected, waiter


def test_made_functions_read_as_written_out() -> None:
    """Operations made from a collection carry their module, name and parameters."""
    assert volumes_v3.get.__module__ == "aiocloud.openstack.blockstorage.v3.volumes"
    delete = inspect.signature(volumes_v3.delete).parameters
    assert list(delete) == ["client", "volume_id", "opts"]
    assert delete["opts"].default is None
    assert list(inspect.signature(volumes_v1.delete).parameters) == ["client", "volume_id"]
    assert list(inspect.signature(volumes_v2.retype).parameters) == ["client", "volume_id", "opts"]


async def test_wait_for_status_can_wait_for_an_error_status(
    cloud: MockCloud, cinder_v2: Cinder
) -> None:
    _stuck_in(cloud, cinder_v2, "error")
    volume = await volumes_v2.wait_for_status(
        cinder_v2.client, VOLUME_ID, "error", timeout=5, interval=0
    )
    assert volume.status == "error"


async def test_wait_for_delete(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{cinder.base}/volumes/{VOLUME_ID}").mock(
        side_effect=[
            httpx.Response(200, json={"volume": volume_body(cinder.version, status="deleting")}),
            httpx.Response(
                404, json=cinder_error("itemNotFound", 404, "Volume could not be found.")
            ),
        ]
    )
    await cinder.volumes.wait_for_delete(cinder.client, VOLUME_ID, timeout=5, interval=0)
    assert route.call_count == 2


async def test_wait_for_delete_error_deleting(cloud: MockCloud, cinder_v2: Cinder) -> None:
    _stuck_in(cloud, cinder_v2, "error_deleting")
    with pytest.raises(errors.ResourceError) as caught:
        await volumes_v2.wait_for_delete(cinder_v2.client, VOLUME_ID, timeout=5, interval=0)
    assert caught.value.status == "error_deleting"
    assert str(caught.value) == f"volume {VOLUME_ID} went to error_deleting (waiting for deleted)"


# -- metadata --------------------------------------------------------------------------------


async def test_metadata_key_with_special_characters_is_one_segment(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    route = cloud.router.get(f"{cinder_v3.base}/volumes/{VOLUME_ID}/metadata/a%3Fb%20c").respond(
        200, json={"meta": {"a?b c": "x"}}
    )
    assert await volumes_v3.get_metadatum(cinder_v3.client, VOLUME_ID, "a?b c") == "x"
    assert route.call_count == 1


async def test_metadata_key_with_a_slash_is_refused(cloud: MockCloud, cinder_v3: Cinder) -> None:
    """Cinder's WSGI server decodes %2F before routing: the key would be two segments."""
    with pytest.raises(errors.InvalidOptions, match="cannot contain '/'"):
        await volumes_v3.get_metadatum(cinder_v3.client, VOLUME_ID, "a/b")


async def test_metadata_errors(cloud: MockCloud, cinder_v3: Cinder) -> None:
    url = f"{cinder_v3.base}/volumes/{VOLUME_ID}/metadata"
    cloud.router.get(f"{url}/missing").respond(
        404, json=cinder_error("itemNotFound", 404, "Metadata item was not found")
    )
    cloud.router.get(f"{url}/odd").respond(200, json={"meta": {"other": "x"}})
    cloud.router.get(url).respond(200, json={"metadata": ["not", "a", "mapping"]})
    with pytest.raises(errors.NotFound):
        await volumes_v3.get_metadatum(cinder_v3.client, VOLUME_ID, "missing")
    with pytest.raises(errors.ResponseFormatError):
        await volumes_v3.get_metadatum(cinder_v3.client, VOLUME_ID, "odd")
    with pytest.raises(errors.ResponseFormatError):
        await volumes_v3.get_metadata(cinder_v3.client, VOLUME_ID)
    with pytest.raises(errors.InvalidOptions):
        await volumes_v3.delete_metadatum(cinder_v3.client, VOLUME_ID, "")


async def test_reading_the_raw_body_keeps_unknown_fields(
    cloud: MockCloud, cinder_v3: Cinder
) -> None:
    body = volume_body("v3", **{"os-vol-mig-status-attr:name_id": "n-1"})
    cloud.router.get(f"{cinder_v3.base}/volumes/{VOLUME_ID}").respond(
        200, content=json.dumps({"volume": body}).encode()
    )
    volume = await volumes_v3.get(cinder_v3.client, VOLUME_ID)
    assert volume.raw["os-vol-mig-status-attr:name_id"] == "n-1"


def test_create_and_wait_under_trio() -> None:
    async def main() -> None:
        async with MockCloud() as cloud:
            cinder = await openstack.new_block_storage_v3(cloud.provider)
            base = cloud.url("volumev3", "volumes")
            cloud.router.post(base).respond(
                202, json={"volume": volume_body("v3", status="creating")}
            )
            states = iter(["creating", "available", "creating", "error"])
            cloud.router.get(f"{base}/{VOLUME_ID}").mock(
                side_effect=lambda request: httpx.Response(
                    200, json={"volume": volume_body("v3", status=next(states))}
                )
            )
            cloud.router.get(cloud.url("volumev3", "messages")).respond(
                200, json={"messages": [{"id": "m", "user_message": "it broke"}]}
            )
            created = await volumes_v3.create(cinder, volumes_v3.CreateOpts(size=1))
            ready = await volumes_v3.wait_for_status(
                cinder, created.id, "available", timeout=5, interval=0
            )
            assert ready.status == "available"
            with pytest.raises(errors.ResourceError, match="it broke"):
                await volumes_v3.wait_for_status(
                    cinder, created.id, "available", timeout=5, interval=0
                )

    trio.run(main)
