"""Block storage v2 snapshots: point-in-time copies of volumes, and their metadata.

```python
cinder = await openstack.new_block_storage_v2(provider)
snap = await snapshots.create(cinder, snapshots.CreateOpts(volume_id=vol.id, name="before"))
snap = await snapshots.wait_for_status(cinder, snap.id, "available", timeout=120)
async for snap in snapshots.list(cinder, snapshots.ListOpts(volume_id=vol.id)):
    print(snap.id, snap.name, snap.status)
await snapshots.update_metadata(cinder, snap.id, {"reason": "upgrade"})
await snapshots.delete(cinder, snap.id)
```

The model and options are shared with v3, which adds microversion fields.
"""

from __future__ import annotations

from .. import _snapshots
from .._snapshots import *  # noqa: F403 (the options, metadata and actions v2 shares with v3)
from .._snapshots import Snapshot

__all__ = ["Snapshot", "create", "get", "list", "update", "wait_for_status"]
__all__ += _snapshots.__all__
__all__.sort()

_v2_snapshots = _snapshots.collection(Snapshot)

list = _v2_snapshots.lister(
    _snapshots.ListOpts,
    "The snapshots with their details (``GET /snapshots/detail``), page by page.",
)
create = _v2_snapshots.creator(
    _snapshots.CreateOpts,
    "Snapshot a volume (202: it is ``creating``; see `wait_for_status()`).",
)
get = _v2_snapshots.getter("One snapshot by id; NotFound if there is none.")
update = _v2_snapshots.updater(
    _snapshots.UpdateOpts,
    "Change a snapshot's name or description (``PUT``); the updated snapshot.",
)
wait_for_status = _v2_snapshots.status_waiter(
    "Poll until the snapshot has ``status``; an ``error*`` status raises ResourceError."
)
