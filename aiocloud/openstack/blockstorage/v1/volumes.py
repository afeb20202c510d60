"""Block storage v1 volumes: create, list, change and delete them, and their metadata.

cinder = await openstack.new_block_storage_v1(provider)
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(status="available")):
    print(vol.id, vol.name, vol.size)
await volumes.update(cinder, vol.id, volumes.UpdateOpts(description="scratch"))
await volumes.delete(cinder, vol.id)

v1 calls ``name`` and ``description`` ``display_name`` and ``display_description``
on the wire; the models and options here translate, so the Python names are
those of v2 and v3. v1 listings come in one page; the ``os-*`` actions are in v2+.
"""

from __future__ import annotations

import attrs

from ....models import json_key
from ....pagination import Pager
from ....params import body
from ....service import ServiceClient
from ....waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from .. import _volumes
from .._base import BodyBuilder, Collection
from .._volumes import (
    Attachment,
    create_metadatum,
    delete_metadatum,
    get_metadata,
    get_metadatum,
    reset_metadata,
    update_metadata,
    wait_for_delete,
)

__all__ = [
    "Attachment",
    "CreateOpts",
    "ListOpts",
    "UpdateOpts",
    "Volume",
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
class Volume(_volumes.Volume):
    """A v1 volume; ``name``/``description`` read ``display_name``/``display_description``."""

    name: str | None = json_key("display_name", default=None)
    description: str | None = json_key("display_description", default=None)


@attrs.frozen
class ListOpts(_volumes.FilterOpts):
    """Filters for :func:`list`: name, status, metadata, all_tenants (admin)."""


@attrs.frozen
class CreateOpts(_volumes.CreateOpts):
    """A new v1 volume: ``size`` in GiB, and where its data comes from."""

    name: str | None = body("display_name")
    description: str | None = body("display_description")


@attrs.frozen
class UpdateOpts(_volumes.UpdateOpts):
    """Changes to a v1 volume; fields left None are not sent."""

    name: str | None = body("display_name")
    description: str | None = body("display_description")


_collection = Collection(Volume, "volume", "volumes")


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Volume]:
    """The volumes with their details (``GET /volumes/detail``)."""
    return _collection.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Volume:
    """Create a volume (it is ``creating``; see :func:`wait_for_status`)."""
    return await _collection.create(client, opts)


async def get(client: ServiceClient, volume_id: str) -> Volume:
    """One volume by id; NotFound if there is none."""
    return await _collection.get(client, volume_id)


async def update(client: ServiceClient, volume_id: str, opts: UpdateOpts | BodyBuilder) -> Volume:
    """Change a volume's name, description or metadata (``PUT``); the updated volume."""
    return await _collection.update(client, volume_id, opts)


async def delete(client: ServiceClient, volume_id: str) -> None:
    """Delete a volume (202); Conflict or BadRequest while it is in use."""
    await _collection.delete(client, volume_id)


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
    """Poll until the volume has ``status``; an ``error*`` status raises ResourceError."""
    return await _collection.wait_for_status(
        client,
        volume_id,
        status,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )
