"""Block storage v2 snapshots: point-in-time copies of volumes, and their metadata.

cinder = await openstack.new_block_storage_v2(provider)
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
async for snap in snapshots.list(cinder, snapshots.ListOpts(volume_id=vol.id)):
    print(snap.id, snap.name, snap.status)
await snapshots.update_metadata(cinder, snap.id, {"reason": "upgrade"})
await snapshots.delete(cinder, snap.id)

The model and options are shared with v3, which adds microversion fields.
"""

from __future__ import annotations

from ....pagination import Pager
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .._base import BodyBuilder, Collection
from .._snapshots import (
    CreateOpts,
    ListOpts,
    Snapshot,
    UpdateOpts,
    create_metadatum,
    delete,
    delete_metadatum,
    force_delete,
    get_metadata,
    get_metadatum,
    reset_metadata,
    reset_status,
    update_metadata,
    wait_for_delete,
)

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Snapshot",
    "UpdateOpts",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "force_delete",
    "get",
    "get_metadata",
    "get_metadatum",
    "list",
    "reset_metadata",
    "reset_status",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]

_collection = Collection(Snapshot, "snapshot", "snapshots")


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Snapshot]:
    """The snapshots with their details (``GET /snapshots/detail``), page by page."""
    return _collection.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Snapshot:
    """Snapshot a volume (202: it is ``creating``; see :func:`wait_for_status`)."""
    return await _collection.create(client, opts)


async def get(client: ServiceClient, snapshot_id: str) -> Snapshot:
    """One snapshot by id; NotFound if there is none."""
    return await _collection.get(client, snapshot_id)


async def update(
    client: ServiceClient, snapshot_id: str, opts: UpdateOpts | BodyBuilder
) -> Snapshot:
    """Change a snapshot's name or description (``PUT``); the updated snapshot."""
    return await _collection.update(client, snapshot_id, opts)


async def wait_for_status(
    client: ServiceClient,
    snapshot_id: str,
    status: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> Snapshot:
    """Poll until the snapshot has ``status``; an ``error*`` status raises ResourceError."""
    return await _collection.wait_for_status(
        client,
        snapshot_id,
        status,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )
