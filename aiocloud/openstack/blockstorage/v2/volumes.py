"""Block storage v2 volumes: create, list, change and delete them, and the ``os-*`` actions.

```python
cinder = await openstack.new_block_storage_v2(provider)
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(status="available", limit=100)):
    print(vol.id, vol.name, vol.size, [a.server_id for a in vol.attachments])
await volumes.update_metadata(cinder, vol.id, {"tier": "gold"})
await volumes.extend(cinder, vol.id, 20)
await volumes.delete(cinder, vol.id, volumes.DeleteOpts(cascade=True))
```

The model and most options are shared with v3 (which adds microversion fields);
``attach``/``detach``/``reserve``/... are Cinder's own bookkeeping: attaching a
volume to a server goes through Nova (``compute.v2``), which calls them.
"""

from __future__ import annotations

import attrs

from .. import _volumes
from .._volumes import *  # noqa: F403 (the options, metadata and actions v2 shares with v3)
from .._volumes import DeleteOpts, UploadImageOpts, Volume

__all__ = ["CreateOpts", "DeleteOpts", "UploadImageOpts", "Volume"]
__all__ += ["create", "get", "list", "update", "wait_for_status"]
__all__ += _volumes.__all__
__all__.sort()


@attrs.frozen
class CreateOpts(_volumes.CreateOpts):
    """A new v2 volume; ``multiattach`` lets it attach to several servers at once."""

    multiattach: bool | None = None


_v2_volumes = _volumes.collection(Volume)

list = _v2_volumes.lister(
    _volumes.ListOpts, "The volumes with their details (``GET /volumes/detail``), page by page."
)
create = _v2_volumes.creator(
    CreateOpts, "Create a volume (202: it is ``creating``; see `wait_for_status()`)."
)
get = _v2_volumes.getter("One volume by id; NotFound if there is none.")
update = _v2_volumes.updater(
    _volumes.UpdateOpts,
    "Change a volume's name, description or metadata (``PUT``); the updated volume.",
)
wait_for_status = _v2_volumes.status_waiter(
    """Poll until the volume has ``status``; the volume then.

    An ``error*`` status (``error``, ``error_extending``, ...) raises
    ResourceError; running out of time raises WaitTimeout.
    """
)
