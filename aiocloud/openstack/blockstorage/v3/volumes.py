"""Block storage v3 volumes: v2's operations plus what v3 microversions add.

cinder = (await openstack.new_block_storage_v3(provider)).with_microversion("3.59")
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(sort="created_at:desc")):
    print(vol.id, vol.name, vol.status, vol.volume_type_id)
await volumes.revert_to_snapshot(cinder, vol.id, snapshot_id)     # 3.40+
await volumes.delete(cinder, vol.id, volumes.DeleteOpts(cascade=True))

A client without a microversion speaks 3.0. Options that need a later one
say so in their ``MICROVERSIONS`` and are refused, before any request, with
a message naming the field. When a waited-for volume goes to an ``error*``
status, the ResourceError carries Cinder's user message about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from ....pagination import Pager
from ....params import query
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .. import _volumes
from .._base import BodyBuilder, Collection, require_microversion
from .._volumes import (
    Attachment,
    AttachOpts,
    ConnectionInfo,
    Connector,
    ListOpts,
    ResetStatusOpts,
    RetypeOpts,
    UpdateOpts,
    VolumeImage,
    attach,
    begin_detaching,
    create_metadatum,
    delete,
    delete_metadatum,
    detach,
    extend,
    force_delete,
    get_metadata,
    get_metadatum,
    initialize_connection,
    reserve,
    reset_metadata,
    reset_status,
    retype,
    roll_detaching,
    set_bootable,
    set_readonly,
    terminate_connection,
    unreserve,
    update_metadata,
    upload_to_image,
    wait_for_delete,
)

__all__ = [
    "AttachOpts",
    "Attachment",
    "ConnectionInfo",
    "Connector",
    "CreateOpts",
    "DeleteOpts",
    "ListOpts",
    "ResetStatusOpts",
    "RetypeOpts",
    "UpdateOpts",
    "UploadImageOpts",
    "Volume",
    "VolumeImage",
    "attach",
    "begin_detaching",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach",
    "extend",
    "force_delete",
    "get",
    "get_metadata",
    "get_metadatum",
    "initialize_connection",
    "list",
    "reserve",
    "reset_metadata",
    "reset_status",
    "retype",
    "revert_to_snapshot",
    "roll_detaching",
    "set_bootable",
    "set_readonly",
    "terminate_connection",
    "unreserve",
    "update",
    "update_metadata",
    "upload_to_image",
    "wait_for_delete",
    "wait_for_status",
]


@attrs.frozen
class Volume(_volumes.Volume):
    """A v3 volume: v2's fields plus those later microversions show (None before them).

    ``group_id`` 3.13, ``provider_id`` 3.21 (admin), ``service_uuid`` and
    ``shared_targets`` 3.48, ``cluster_name`` 3.61 (admin), ``volume_type_id``
    3.63, ``encryption_key_id`` 3.64, ``consumes_quota`` 3.65.
    """

    group_id: str | None = None
    provider_id: str | None = None
    service_uuid: str | None = None
    shared_targets: bool | None = None
    cluster_name: str | None = None
    volume_type_id: str | None = None
    encryption_key_id: str | None = None
    consumes_quota: bool | None = None


@attrs.frozen
class CreateOpts(_volumes.CreateOpts):
    """A new v3 volume; it may also restore a backup (3.47) or join a group (3.13).

    v3 has no ``multiattach`` option: a multiattach volume type makes one.
    """

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"group_id": "3.13", "backup_id": "3.47"}

    backup_id: str | None = None
    group_id: str | None = None


@attrs.frozen
class DeleteOpts(_volumes.DeleteOpts):
    """How to delete a volume: ``cascade`` (its snapshots too), ``force`` (3.23, admin)."""

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"force": "3.23"}

    force: bool | None = query()


@attrs.frozen
class UploadImageOpts(_volumes.UploadImageOpts):
    """The image a volume is copied to; ``visibility`` and ``protected`` need 3.1."""

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"visibility": "3.1", "protected": "3.1"}

    visibility: str | None = None
    protected: bool | None = None


_collection = Collection(Volume, "volume", "volumes")


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Volume]:
    """The volumes with their details (``GET /volumes/detail``), page by page."""
    return _collection.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Volume:
    """Create a volume (202: it is ``creating``; see :func:`wait_for_status`)."""
    return await _collection.create(client, opts)


async def get(client: ServiceClient, volume_id: str) -> Volume:
    """One volume by id; NotFound if there is none."""
    return await _collection.get(client, volume_id)


async def update(client: ServiceClient, volume_id: str, opts: UpdateOpts | BodyBuilder) -> Volume:
    """Change a volume's name, description or metadata (``PUT``); the updated volume."""
    return await _collection.update(client, volume_id, opts)


async def wait_for_status(
    client: ServiceClient,
    volume_id: str,
    status: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> Volume:
    """Poll until the volume has ``status``; the volume then.

    An ``error*`` status raises ResourceError whose ``fault`` is Cinder's
    newest user message about the volume (``"extend volume:Volume Driver
    failed to extend volume."``); running out of time raises WaitTimeout.
    """
    return await _collection.wait_for_status(
        client,
        volume_id,
        status,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )


async def revert_to_snapshot(client: ServiceClient, volume_id: str, snapshot_id: str) -> None:
    """Roll the volume back to its latest snapshot (``revert``, 3.40; it goes ``reverting``)."""
    require_microversion(client, "3.40", "snapshot_id")
    await _collection.action(client, volume_id, {"revert": {"snapshot_id": snapshot_id}})
