"""Block storage v2 volumes: create, list, change and delete them, and the ``os-*`` actions.

cinder = await openstack.new_block_storage_v2(provider)
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(status="available", limit=100)):
    print(vol.id, vol.name, vol.size, [a.server_id for a in vol.attachments])
await volumes.update_metadata(cinder, vol.id, {"tier": "gold"})
await volumes.extend(cinder, vol.id, 20)
await volumes.delete(cinder, vol.id, volumes.DeleteOpts(cascade=True))

The model and most options are shared with v3 (which adds microversion fields);
``attach``/``detach``/``reserve``/... are Cinder's own bookkeeping: attaching a
volume to a server goes through Nova (``compute.v2``), which calls them.
"""

from __future__ import annotations

import attrs

from ....pagination import Pager
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .. import _volumes
from .._base import BodyBuilder, Collection
from .._volumes import (
    Attachment,
    AttachOpts,
    ConnectionInfo,
    Connector,
    DeleteOpts,
    ListOpts,
    ResetStatusOpts,
    RetypeOpts,
    UpdateOpts,
    UploadImageOpts,
    Volume,
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
class CreateOpts(_volumes.CreateOpts):
    """A new v2 volume; ``multiattach`` lets it attach to several servers at once."""

    multiattach: bool | None = None


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

    An ``error*`` status (``error``, ``error_extending``, ...) raises
    ResourceError; running out of time raises WaitTimeout.
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
