"""Block storage v1 snapshots: point-in-time copies of volumes, and their metadata.

cinder = await openstack.new_block_storage_v1(provider)
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
await snapshots.reset_metadata(cinder, snap.id, {"reason": "upgrade"})
await snapshots.delete(cinder, snap.id)

v1 calls ``name`` and ``description`` ``display_name`` and ``display_description``
on the wire; the model and options here translate. v1 listings come in one page.
"""

from __future__ import annotations

import attrs

from ....models import json_key
from ....pagination import Pager
from ....params import body
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .. import _snapshots
from .._base import BodyBuilder, Collection
from .._snapshots import (
    create_metadatum,
    delete,
    delete_metadatum,
    get_metadata,
    get_metadatum,
    reset_metadata,
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
    "get",
    "get_metadata",
    "get_metadatum",
    "list",
    "reset_metadata",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]


@attrs.frozen
class Snapshot(_snapshots.Snapshot):
    """A v1 snapshot; ``name``/``description`` read ``display_name``/``display_description``."""

    name: str | None = json_key("display_name", default=None)
    description: str | None = json_key("display_description", default=None)


@attrs.frozen
class ListOpts(_snapshots.FilterOpts):
    """Filters for :func:`list`: name, status, volume_id, all_tenants (admin)."""


@attrs.frozen
class CreateOpts(_snapshots.CreateOpts):
    """A new v1 snapshot of ``volume_id``; ``force`` snapshots a volume in use."""

    name: str | None = body("display_name")
    description: str | None = body("display_description")


@attrs.frozen
class UpdateOpts(_snapshots.UpdateOpts):
    """Changes to a v1 snapshot's name or description."""

    name: str | None = body("display_name")
    description: str | None = body("display_description")


_collection = Collection(Snapshot, "snapshot", "snapshots")


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Snapshot]:
    """The snapshots with their details (``GET /snapshots/detail``)."""
    return _collection.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Snapshot:
    """Snapshot a volume (it is ``creating``; see :func:`wait_for_status`)."""
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
