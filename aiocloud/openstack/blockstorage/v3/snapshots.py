"""Block storage v3 snapshots: v2's operations, and the fields later microversions add.

cinder = (await openstack.new_block_storage_v3(provider)).with_microversion("3.41")
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
print(snap.user_id)                                   # shown from 3.41
await snapshots.create_metadatum(cinder, snap.id, "reason", "upgrade")
await snapshots.delete(cinder, snap.id)

From 3.66 ``force`` is no longer needed to snapshot a volume in use (and
``force=False`` is refused). When a waited-for snapshot goes to an ``error*``
status, the ResourceError carries Cinder's user message about it.
"""

from __future__ import annotations

import attrs

from ....pagination import Pager
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .. import _snapshots
from .._base import BodyBuilder, Collection
from .._snapshots import (
    CreateOpts,
    ListOpts,
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


@attrs.frozen
class Snapshot(_snapshots.Snapshot):
    """A v3 snapshot: v2's fields plus ``group_snapshot_id`` (3.14), ``user_id`` (3.41)
    and ``consumes_quota`` (3.65), None before those microversions."""

    group_snapshot_id: str | None = None
    user_id: str | None = None
    consumes_quota: bool | None = None


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
    """Poll until the snapshot has ``status``; the snapshot then.

    An ``error*`` status raises ResourceError whose ``fault`` is Cinder's
    newest user message about it; running out of time raises WaitTimeout.
    """
    return await _collection.wait_for_status(
        client,
        snapshot_id,
        status,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )
