"""Block storage v3 snapshots: v2's operations, and the fields later microversions add.

```python
cinder = (await openstack.new_block_storage_v3(provider)).with_microversion("3.41")
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
print(snap.user_id)                                   # shown from 3.41
await snapshots.create_metadatum(cinder, snap.id, "reason", "upgrade")
await snapshots.delete(cinder, snap.id)
```

From 3.66 ``force`` is no longer needed to snapshot a volume in use (and
``force=False`` is refused). When a waited-for snapshot goes to an ``error*``
status, the ResourceError carries Cinder's user message about it.
"""

from __future__ import annotations

import attrs

from .. import _snapshots
from .._snapshots import *  # noqa: F403 (the options, metadata and actions v3 shares with v2)

__all__ = ["Snapshot", "create", "get", "list", "update", "wait_for_status"]
__all__ += _snapshots.__all__
__all__.sort()


@attrs.frozen
class Snapshot(_snapshots.Snapshot):
    """A v3 snapshot: v2's fields plus ``group_snapshot_id`` (3.14), ``user_id`` (3.41)
    and ``consumes_quota`` (3.65), None before those microversions."""

    group_snapshot_id: str | None = None
    user_id: str | None = None
    consumes_quota: bool | None = None


_v3_snapshots = _snapshots.collection(Snapshot)

list = _v3_snapshots.lister(
    _snapshots.ListOpts,
    "The snapshots with their details (``GET /snapshots/detail``), page by page.",
)
create = _v3_snapshots.creator(
    _snapshots.CreateOpts,
    "Snapshot a volume (202: it is ``creating``; see `wait_for_status()`).",
)
get = _v3_snapshots.getter("One snapshot by id; NotFound if there is none.")
update = _v3_snapshots.updater(
    _snapshots.UpdateOpts,
    "Change a snapshot's name or description (``PUT``); the updated snapshot.",
)
wait_for_status = _v3_snapshots.status_waiter(
    """Poll until the snapshot has ``status``; the snapshot then.

    An ``error*`` status raises ResourceError whose ``fault`` is Cinder's
    newest user message about it; running out of time raises WaitTimeout.
    """
)
