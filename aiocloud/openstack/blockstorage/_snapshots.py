"""Snapshots, shared by block storage v1, v2 and v3 (private: use the versions' modules).

As for volumes, the models and options have the v2 shape: v1 renames
``name``/``description`` to ``display_name``/``display_description``, v3 adds
the fields of its microversions. Operations that do not depend on a version's
model are defined here once and re-exported by the public modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from ...errors import InvalidOptions
from ...models import Model, json_key
from ...params import build_body, check_types, query
from ...service import ServiceClient
from ...waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT
from ._base import Collection

__all__ = [
    "CreateOpts",
    "FilterOpts",
    "ListOpts",
    "Snapshot",
    "UpdateOpts",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "force_delete",
    "get_metadata",
    "get_metadatum",
    "reset_metadata",
    "reset_status",
    "update_metadata",
    "wait_for_delete",
]


@attrs.frozen
class Snapshot(Model):
    """A point-in-time copy of a volume (the v2 shape; v1 and v3 modules adjust it).

    ``size`` is the volume's size in GiB; ``progress`` (``"100%"``) and
    ``project_id`` come from the ``os-extended-snapshot-attributes`` extension.
    """

    id: str
    status: str
    volume_id: str
    size: int
    name: str | None = None
    description: str | None = None
    metadata: dict[str, str] = attrs.field(factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    progress: str | None = json_key("os-extended-snapshot-attributes:progress", default=None)
    project_id: str | None = json_key("os-extended-snapshot-attributes:project_id", default=None)


@attrs.frozen
class FilterOpts:
    """The filters every version's snapshot listing takes (v1's whole ``ListOpts``)."""

    name: str | None = query()
    status: str | None = query()
    volume_id: str | None = query()
    all_tenants: bool | None = query()


@attrs.frozen
class ListOpts(FilterOpts):
    """Filters, sorting and paging for the v2/v3 listing (``limit`` is the page size)."""

    project_id: str | None = query()
    sort: str | None = query()
    limit: int | None = query()
    offset: int | None = query()
    marker: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new snapshot of ``volume_id``; ``force`` snapshots a volume in use."""

    volume_id: str
    name: str | None = None
    description: str | None = None
    force: bool | None = None
    metadata: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.volume_id:
            raise InvalidOptions("volume_id", "is required")
        return {"snapshot": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a snapshot's name or description; fields left None are not sent."""

    name: str | None = None
    description: str | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        if not inner:
            raise InvalidOptions("name", "set at least one of name, description")
        return {"snapshot": inner}


_snapshots = Collection(Snapshot, "snapshot", "snapshots")


async def delete(client: ServiceClient, snapshot_id: str) -> None:
    """Delete a snapshot (202: it goes ``deleting``, then away)."""
    await _snapshots.delete(client, snapshot_id)


async def wait_for_delete(
    client: ServiceClient,
    snapshot_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> None:
    """Poll until the snapshot is gone; ``error_deleting`` raises ResourceError."""
    await _snapshots.wait_for_delete(
        client,
        snapshot_id,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )


async def get_metadata(client: ServiceClient, snapshot_id: str) -> dict[str, str]:
    """The snapshot's metadata (``GET /snapshots/{id}/metadata``)."""
    return await _snapshots.get_metadata(client, snapshot_id)


async def update_metadata(
    client: ServiceClient, snapshot_id: str, metadata: Mapping[str, str]
) -> dict[str, str]:
    """Add or change the given keys, keep the others (``POST``); all metadata after."""
    return await _snapshots.update_metadata(client, snapshot_id, metadata)


async def reset_metadata(
    client: ServiceClient, snapshot_id: str, metadata: Mapping[str, str]
) -> dict[str, str]:
    """Replace all of the snapshot's metadata (``PUT``; ``{}`` clears it)."""
    return await _snapshots.reset_metadata(client, snapshot_id, metadata)


async def get_metadatum(client: ServiceClient, snapshot_id: str, key: str) -> str:
    """One metadata value (``GET /snapshots/{id}/metadata/{key}``; NotFound if unset)."""
    return await _snapshots.get_metadatum(client, snapshot_id, key)


async def create_metadatum(client: ServiceClient, snapshot_id: str, key: str, value: str) -> str:
    """Set one metadata key (``PUT /snapshots/{id}/metadata/{key}``); the stored value."""
    return await _snapshots.create_metadatum(client, snapshot_id, key, value)


async def delete_metadatum(client: ServiceClient, snapshot_id: str, key: str) -> None:
    """Remove one metadata key."""
    await _snapshots.delete_metadatum(client, snapshot_id, key)


async def reset_status(client: ServiceClient, snapshot_id: str, status: str) -> None:
    """Force the snapshot's status, without touching the backend (admin)."""
    if not status:
        raise InvalidOptions("status", "is required")
    await _snapshots.action(client, snapshot_id, {"os-reset_status": {"status": status}})


async def force_delete(client: ServiceClient, snapshot_id: str) -> None:
    """Delete the snapshot whatever its status (``os-force_delete``; admin)."""
    await _snapshots.action(client, snapshot_id, {"os-force_delete": {}})
