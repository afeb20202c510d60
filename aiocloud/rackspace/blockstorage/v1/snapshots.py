"""Rackspace Cloud Block Storage snapshots: point-in-time, incremental copies of volumes.

```python
snap = await snapshots.create(
    cbs, snapshots.CreateOpts(volume_id=vol.id, name="nightly", force=True)
)
snap = await snapshots.wait_for_status(cbs, snap.id, "available", timeout=1800)
print(snap.progress)                               # "100%"
await snapshots.delete(cbs, snap.id)
```

Cloud Block Storage speaks Cinder's v1 API: everything here is OpenStack's
(`aiocloud.openstack.blockstorage.v1.snapshots`). A volume attached to a server
(``in-use``) is snapshotted only with ``force=True`` (else BadRequest); flush its
writes (unmount its file systems) first. Rackspace has no snapshot metadata calls.
"""

from __future__ import annotations

from ....openstack.blockstorage.v1.snapshots import (
    CreateOpts,
    ListOpts,
    Snapshot,
    UpdateOpts,
    create,
    delete,
    get,
    list,
    update,
    wait_for_delete,
    wait_for_status,
)

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Snapshot",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
    "wait_for_delete",
    "wait_for_status",
]
