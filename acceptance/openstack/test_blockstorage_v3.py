"""Block storage v3 against the real Cinder 21 (fake driver) through Keystone, with Nova.

Volumes, snapshots and the attach/detach of a volume to a server belong to the
demo user; volume types and the admin actions to the admin. The server boots
with raw ServiceClient calls on the compute and network endpoints, so this file
depends on nothing but block storage. Everything created is deleted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest

from aiocloud import ProviderClient, ServiceClient, errors, openstack, wait_for
from aiocloud.openstack.blockstorage.v3 import apiversions, snapshots, volumes, volumetypes

TIMEOUT = 60.0
SERVER_TIMEOUT = 180.0  # booting waits for Neutron's port binding: slow when the cloud is busy
POLL = 0.5
FLAVOR = "m1.tiny"
IMAGE = "cirros-fake-raw"


async def _cinder(provider: ProviderClient) -> ServiceClient:
    """A v3 client at the server's highest microversion (read from its version document)."""
    client = await openstack.new_block_storage_v3(provider)
    v3 = await apiversions.get(client, "v3")
    assert v3.version
    return client.with_microversion(v3.version)


@pytest.fixture
async def cinder(demo: ProviderClient) -> ServiceClient:
    return await _cinder(demo)


@pytest.fixture
async def cinder_admin(admin: ProviderClient) -> ServiceClient:
    return await _cinder(admin)


async def _delete_volume(cinder: ServiceClient, volume_id: str) -> None:
    try:
        await volumes.delete(cinder, volume_id, volumes.DeleteOpts(cascade=True))
    except errors.NotFound:
        return
    await volumes.wait_for_delete(cinder, volume_id, timeout=TIMEOUT, interval=POLL)


@pytest.fixture
async def volume(cinder: ServiceClient, unique_name: str) -> AsyncIterator[volumes.Volume]:
    """A 1 GiB volume of the demo user, available; deleted (with its snapshots) after."""
    created = await volumes.create(
        cinder,
        volumes.CreateOpts(
            size=1,
            name=unique_name,
            description="aiocloud acceptance",
            metadata={"suite": "aiocloud"},
        ),
    )
    try:
        assert created.status == "creating"
        yield await volumes.wait_for_status(
            cinder, created.id, "available", timeout=TIMEOUT, interval=POLL
        )
    finally:
        await _delete_volume(cinder, created.id)


async def test_api_versions(cinder: ServiceClient) -> None:
    listed = await apiversions.list(cinder)
    current = [v for v in listed if v.status == "CURRENT"]
    assert [v.id for v in current] == ["v3.0"]
    assert current[0].min_version == "3.0"
    assert cinder.microversion == current[0].version


async def test_volume_types_extra_specs_and_access(
    cinder_admin: ServiceClient, cinder: ServiceClient, demo: ProviderClient, unique_name: str
) -> None:
    assert demo.token is not None and demo.token.project is not None
    demo_project = demo.token.project.id
    vt = await volumetypes.create(
        cinder_admin,
        volumetypes.CreateOpts(
            name=unique_name,
            description="aiocloud acceptance",
            is_public=False,
            extra_specs={"aiocloud:suite": "acceptance"},
        ),
    )
    try:
        assert vt.is_public is False
        assert vt.extra_specs == {"aiocloud:suite": "acceptance"}
        fetched = await volumetypes.get(cinder_admin, vt.id)
        assert (fetched.name, fetched.description) == (unique_name, "aiocloud acceptance")
        updated = await volumetypes.update(
            cinder_admin, vt.id, volumetypes.UpdateOpts(description="changed")
        )
        assert updated.description == "changed"

        # scoped keys: the scheduler matches unscoped ones against backend capabilities
        specs = {"aiocloud:a": "1", "aiocloud:b": "2"}
        assert await volumetypes.create_extra_specs(cinder_admin, vt.id, specs) == specs
        assert await volumetypes.get_extra_spec(cinder_admin, vt.id, "aiocloud:a") == "1"
        assert await volumetypes.update_extra_spec(cinder_admin, vt.id, "aiocloud:a", "3") == "3"
        await volumetypes.delete_extra_spec(cinder_admin, vt.id, "aiocloud:b")
        assert await volumetypes.list_extra_specs(cinder_admin, vt.id) == {
            "aiocloud:suite": "acceptance",
            "aiocloud:a": "3",
        }
        with pytest.raises(errors.NotFound):
            await volumetypes.get_extra_spec(cinder_admin, vt.id, "aiocloud:b")

        # private: the demo project sees it only once it is shared
        assert vt.id not in [t.id async for t in volumetypes.list(cinder)]
        await volumetypes.add_access(cinder_admin, vt.id, demo_project)
        with pytest.raises(errors.Conflict):
            await volumetypes.add_access(cinder_admin, vt.id, demo_project)
        access = await volumetypes.list_access(cinder_admin, vt.id)
        assert [(a.volume_type_id, a.project_id) for a in access] == [(vt.id, demo_project)]
        assert vt.id in [t.id async for t in volumetypes.list(cinder)]
        private = [
            t async for t in volumetypes.list(cinder_admin, volumetypes.ListOpts(is_public=False))
        ]
        assert vt.id in [t.id for t in private]

        # a volume of the type, then the type cannot go while the volume lives
        typed = await volumes.create(
            cinder, volumes.CreateOpts(size=1, name=unique_name, volume_type=vt.id)
        )
        try:
            typed = await volumes.wait_for_status(
                cinder, typed.id, "available", timeout=TIMEOUT, interval=POLL
            )
            assert typed.volume_type == unique_name
            assert typed.volume_type_id == vt.id
            with pytest.raises(errors.BadRequest):
                await volumetypes.delete(cinder_admin, vt.id)
        finally:
            await _delete_volume(cinder, typed.id)

        await volumetypes.remove_access(cinder_admin, vt.id, demo_project)
        assert await volumetypes.list_access(cinder_admin, vt.id) == []
        with pytest.raises(errors.Forbidden):
            await volumetypes.create(cinder, volumetypes.CreateOpts(name=unique_name + "-demo"))
    finally:
        await volumetypes.delete(cinder_admin, vt.id)
    with pytest.raises(errors.NotFound):
        await volumetypes.get(cinder_admin, vt.id)


async def test_volume_crud_metadata_and_errors(
    cinder: ServiceClient, volume: volumes.Volume, unique_name: str
) -> None:
    assert volume.name == unique_name
    assert volume.size == 1
    assert volume.metadata == {"suite": "aiocloud"}
    assert volume.bootable is False
    assert volume.consumes_quota is True  # a 3.65 field: the microversion was sent

    by_name = await volumes.list(cinder, volumes.ListOpts(name=unique_name)).all()
    assert [v.id for v in by_name] == [volume.id]
    by_meta = volumes.list(cinder, volumes.ListOpts(metadata={"suite": "aiocloud"}))
    assert volume.id in [v.id async for v in by_meta]
    newest = await volumes.list(
        cinder, volumes.ListOpts(sort="created_at:desc", limit=1), max_items=3
    ).all()
    assert 1 <= len(newest) <= 3

    updated = await volumes.update(
        cinder, volume.id, volumes.UpdateOpts(name=unique_name + "-2", description="renamed")
    )
    assert (updated.name, updated.description) == (unique_name + "-2", "renamed")

    assert await volumes.update_metadata(cinder, volume.id, {"tier": "gold"}) == {
        "suite": "aiocloud",
        "tier": "gold",
    }
    assert await volumes.get_metadatum(cinder, volume.id, "tier") == "gold"
    assert await volumes.create_metadatum(cinder, volume.id, "zone", "a/b c") == "a/b c"
    await volumes.delete_metadatum(cinder, volume.id, "suite")
    assert await volumes.get_metadata(cinder, volume.id) == {"tier": "gold", "zone": "a/b c"}
    assert await volumes.reset_metadata(cinder, volume.id, {"only": "this"}) == {"only": "this"}
    with pytest.raises(errors.NotFound):
        await volumes.get_metadatum(cinder, volume.id, "tier")

    await volumes.set_bootable(cinder, volume.id, True)
    assert (await volumes.get(cinder, volume.id)).bootable is True

    with pytest.raises(errors.BadRequest):
        await volumes.create(cinder, volumes.CreateOpts(size=0))
    with pytest.raises(errors.RequestEntityTooLarge) as over_quota:
        await volumes.create(cinder, volumes.CreateOpts(size=100_000))
    assert "quota" in str(over_quota.value)
    with pytest.raises(errors.NotFound):
        await volumes.get(cinder, "00000000-0000-0000-0000-000000000000")


async def test_snapshots(cinder: ServiceClient, volume: volumes.Volume, unique_name: str) -> None:
    created = await snapshots.create(
        cinder,
        snapshots.CreateOpts(volume_id=volume.id, name=unique_name, metadata={"k": "v"}),
    )
    try:
        snap = await snapshots.wait_for_status(
            cinder, created.id, "available", timeout=TIMEOUT, interval=POLL
        )
        assert (snap.volume_id, snap.size, snap.name) == (volume.id, 1, unique_name)
        assert snap.user_id is not None  # 3.41
        listed = await snapshots.list(cinder, snapshots.ListOpts(volume_id=volume.id)).all()
        assert [s.id for s in listed] == [snap.id]

        updated = await snapshots.update(
            cinder, snap.id, snapshots.UpdateOpts(description="before the change")
        )
        assert updated.description == "before the change"
        assert await snapshots.update_metadata(cinder, snap.id, {"k2": "v2"}) == {
            "k": "v",
            "k2": "v2",
        }
        assert await snapshots.create_metadatum(cinder, snap.id, "k", "new") == "new"
        assert await snapshots.get_metadatum(cinder, snap.id, "k") == "new"
        await snapshots.delete_metadatum(cinder, snap.id, "k2")
        assert await snapshots.reset_metadata(cinder, snap.id, {"x": "y"}) == {"x": "y"}
        assert await snapshots.get_metadata(cinder, snap.id) == {"x": "y"}

        # a volume with snapshots is only deleted with cascade
        with pytest.raises(errors.BadRequest):
            await volumes.delete(cinder, volume.id)
    finally:
        await snapshots.delete(cinder, created.id)
    await snapshots.wait_for_delete(cinder, created.id, timeout=TIMEOUT, interval=POLL)
    with pytest.raises(errors.NotFound):
        await snapshots.get(cinder, created.id)


async def test_extend_and_admin_reset_status(
    cinder: ServiceClient, cinder_admin: ServiceClient, volume: volumes.Volume
) -> None:
    await volumes.extend(cinder, volume.id, 2)
    failed: errors.ResourceError | None = None
    try:
        extended = await volumes.wait_for_status(
            cinder, volume.id, "available", timeout=TIMEOUT, interval=POLL
        )
    except errors.ResourceError as exc:
        failed = exc
    if failed is None:  # a driver that extends
        assert extended.size == 2
        return
    # the fake driver cannot extend: the error carries Cinder's user message saying so
    assert failed.status == "error_extending"
    assert failed.fault is not None and "extend" in failed.fault
    with pytest.raises(errors.Forbidden):
        await volumes.reset_status(cinder, volume.id, volumes.ResetStatusOpts(status="available"))
    await volumes.reset_status(cinder_admin, volume.id, volumes.ResetStatusOpts(status="available"))
    reset = await volumes.get(cinder, volume.id)
    assert (reset.status, reset.size) == ("available", 1)


async def test_attach_bookkeeping_and_connection(
    cinder: ServiceClient, volume: volumes.Volume
) -> None:
    async def status() -> str:
        return (await volumes.get(cinder, volume.id)).status

    await volumes.reserve(cinder, volume.id)
    assert await status() == "attaching"
    await volumes.unreserve(cinder, volume.id)
    assert await status() == "available"

    info = await volumes.initialize_connection(
        cinder, volume.id, volumes.Connector(host="bm-1", initiator="iqn.2026-11.test:bm-1")
    )
    assert info.driver_volume_type
    await volumes.terminate_connection(cinder, volume.id, volumes.Connector(host="bm-1"))

    await volumes.reserve(cinder, volume.id)
    await volumes.attach(
        cinder, volume.id, volumes.AttachOpts(mountpoint="/dev/sdb", host_name="bm-1")
    )
    attached = await volumes.wait_for_status(
        cinder, volume.id, "in-use", timeout=TIMEOUT, interval=POLL
    )
    (attachment,) = attached.attachments
    assert (attachment.volume_id, attachment.device) == (volume.id, "/dev/sdb")
    assert attachment.server_id is None
    assert attachment.attachment_id and attachment.attached_at is not None

    await volumes.begin_detaching(cinder, volume.id)
    assert await status() == "detaching"
    await volumes.roll_detaching(cinder, volume.id)
    assert await status() == "in-use"
    await volumes.detach(cinder, volume.id, attachment.attachment_id)
    detached = await volumes.wait_for_status(
        cinder, volume.id, "available", timeout=TIMEOUT, interval=POLL
    )
    assert detached.attachments == ()


# -- a server on the real Nova, with raw compute and network calls ---------------------------


async def _find_id(client: ServiceClient, path: str, key: str, name: str) -> str:
    body = await client.json("GET", client.service_url(path))
    ids = [item["id"] for item in body[key] if item["name"] == name]
    assert len(ids) == 1, f"expected one {key[:-1]} named {name}, found {len(ids)}"
    found: str = ids[0]
    return found


@pytest.fixture
async def network_id(demo: ProviderClient, unique_name: str) -> AsyncIterator[str]:
    """A demo network with one IPv4 subnet, deleted once Nova has released its ports."""
    network = await openstack.new_network_v2(demo)
    body = await network.json(
        "POST", network.service_url("networks"), json={"network": {"name": unique_name}}
    )
    net_id: str = body["network"]["id"]
    try:
        await network.json(
            "POST",
            network.service_url("subnets"),
            json={
                "subnet": {
                    "network_id": net_id,
                    "name": unique_name,
                    "ip_version": 4,
                    "cidr": "10.78.0.0/24",
                }
            },
        )
        yield net_id
    finally:
        with anyio.fail_after(SERVER_TIMEOUT):
            while True:  # Nova deletes the server's port shortly after the server
                try:
                    await network.request("DELETE", network.service_url("networks", net_id))
                    break
                except errors.Conflict:
                    await anyio.sleep(POLL)


@pytest.fixture
async def server_id(demo: ProviderClient, network_id: str, unique_name: str) -> AsyncIterator[str]:
    """An ACTIVE server of the demo user (m1.tiny, cirros-fake-raw), deleted after."""
    compute = await openstack.new_compute_v2(demo)  # 2.1: the image proxy is still there
    flavor = await _find_id(compute, "flavors", "flavors", FLAVOR)
    image = await _find_id(compute, "images", "images", IMAGE)
    body = await compute.json(
        "POST",
        compute.service_url("servers"),
        json={
            "server": {
                "name": unique_name,
                "imageRef": image,
                "flavorRef": flavor,
                "networks": [{"uuid": network_id}],
            }
        },
    )
    sid: str = body["server"]["id"]
    try:

        async def active() -> bool:
            server: dict[str, Any] = (
                await compute.json("GET", compute.service_url("servers", sid))
            )["server"]
            if server["status"] == "ERROR":
                raise errors.ResourceError(f"server {sid} failed: {server.get('fault')}")
            return server["status"] == "ACTIVE"

        await wait_for(active, timeout=SERVER_TIMEOUT, interval=POLL)
        yield sid
    finally:
        await compute.request("DELETE", compute.service_url("servers", sid), ok_codes=(204,))

        async def gone() -> bool:
            try:
                await compute.json("GET", compute.service_url("servers", sid))
            except errors.NotFound:
                return True
            return False

        await wait_for(gone, timeout=SERVER_TIMEOUT, interval=POLL)


async def test_attach_and_detach_through_nova(
    demo: ProviderClient, cinder: ServiceClient, volume: volumes.Volume, server_id: str
) -> None:
    compute = await openstack.new_compute_v2(demo)
    attachments_url = compute.service_url("servers", server_id, "os-volume_attachments")
    body = await compute.json(
        "POST", attachments_url, json={"volumeAttachment": {"volumeId": volume.id}}
    )
    nova_attachment = body["volumeAttachment"]

    in_use = await volumes.wait_for_status(
        cinder, volume.id, "in-use", timeout=TIMEOUT, interval=POLL
    )
    (attachment,) = in_use.attachments
    assert attachment.server_id == server_id == nova_attachment["serverId"]
    assert attachment.volume_id == volume.id == nova_attachment["volumeId"]
    assert attachment.id == nova_attachment["id"]
    assert attachment.device == nova_attachment["device"]
    assert attachment.attachment_id and attachment.attached_at is not None

    # Cinder 21 refuses to delete an attached volume with 400 (not 409)
    with pytest.raises(errors.BadRequest, match="attached"):
        await volumes.delete(cinder, volume.id)

    await compute.request(
        "DELETE", compute.service_url("servers", server_id, "os-volume_attachments", volume.id)
    )
    detached = await volumes.wait_for_status(
        cinder, volume.id, "available", timeout=TIMEOUT, interval=POLL
    )
    assert detached.attachments == ()
