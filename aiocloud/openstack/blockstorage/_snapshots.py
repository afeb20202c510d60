"""Snapshots, shared by block storage v1, v2 and v3 (private: use the versions' modules).

As for volumes, the models and options have the v2 shape: v1 renames
``name``/``description`` to ``display_name``/``display_description``, v3 adds
the fields of its microversions. Each version makes the operations that return
its model from its own `collection()`; the others are made here once.
``__all__`` names what the v2 and v3 modules take from here as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs

from ..._resource import Collection
from ...errors import InvalidOptions
from ...models import Model, json_key
from ...params import build_body, check_types, query
from ...service import ServiceClient
from . import _base
from ._base import METADATA_FUNCTIONS

__all__ = [
    "CreateOpts",
    "ListOpts",
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

S = TypeVar("S", bound="Snapshot")


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


def collection(model: type[S]) -> Collection[S]:
    """The snapshots of one version, read as ``model``."""
    return _base.collection(model, "snapshot", "snapshots")


_snapshots = collection(Snapshot)

delete = _snapshots.deleter("Delete a snapshot (202: it goes ``deleting``, then away).")
wait_for_delete = _snapshots.delete_waiter(
    "Poll until the snapshot is gone; ``error_deleting`` raises ResourceError."
)
get_metadata, update_metadata, reset_metadata, get_metadatum, create_metadatum, delete_metadatum = (
    _snapshots.metadata.functions(*METADATA_FUNCTIONS)
)
force_delete = _snapshots.actor(
    "force_delete",
    {"os-force_delete": {}},
    "Delete the snapshot whatever its status (``os-force_delete``; admin).",
)


async def reset_status(client: ServiceClient, snapshot_id: str, status: str) -> None:
    """Force the snapshot's status, without touching the backend (admin)."""
    if not status:
        raise InvalidOptions("status", "is required")
    await _snapshots.action(client, snapshot_id, {"os-reset_status": {"status": status}})
