"""Block storage v1 snapshots: point-in-time copies of volumes, and their metadata.

```python
cinder = await openstack.new_block_storage_v1(provider)
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
await snapshots.reset_metadata(cinder, snap.id, {"reason": "upgrade"})
await snapshots.delete(cinder, snap.id)
```

v1 calls ``name`` and ``description`` ``display_name`` and ``display_description``
on the wire; the model and options here translate. v1 listings come in one page.
"""

from __future__ import annotations

import attrs

from ....models import json_key
from ....params import body
from .. import _snapshots
from .._base import METADATA_FUNCTIONS

__all__ = ["CreateOpts", "ListOpts", "Snapshot", "UpdateOpts"]
__all__ += ["create", "delete", "get", "list", "update", "wait_for_delete", "wait_for_status"]
__all__ += METADATA_FUNCTIONS
__all__.sort()


@attrs.frozen
class Snapshot(_snapshots.Snapshot):
    """A v1 snapshot; ``name``/``description`` read ``display_name``/``display_description``."""

    name: str | None = json_key("display_name", default=None)
    description: str | None = json_key("display_description", default=None)


@attrs.frozen
class ListOpts(_snapshots.FilterOpts):
    """Filters for `list()`: name, status, volume_id, all_tenants (admin)."""


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


_v1_snapshots = _snapshots.collection(Snapshot)

list = _v1_snapshots.lister(
    ListOpts, "The snapshots with their details (``GET /snapshots/detail``)."
)
create = _v1_snapshots.creator(
    CreateOpts, "Snapshot a volume (it is ``creating``; see `wait_for_status()`)."
)
get = _v1_snapshots.getter("One snapshot by id; NotFound if there is none.")
update = _v1_snapshots.updater(
    UpdateOpts, "Change a snapshot's name or description (``PUT``); the updated snapshot."
)
delete = _v1_snapshots.deleter("Delete a snapshot (202: it goes ``deleting``, then away).")
wait_for_status = _v1_snapshots.status_waiter(
    "Poll until the snapshot has ``status``; an ``error*`` status raises ResourceError."
)
wait_for_delete = _v1_snapshots.delete_waiter(
    "Poll until the snapshot is gone; ``error_deleting`` raises ResourceError."
)
get_metadata, update_metadata, reset_metadata, get_metadatum, create_metadatum, delete_metadatum = (
    _v1_snapshots.metadata.functions(*METADATA_FUNCTIONS)
)
