"""Rackspace Cloud Block Storage volumes: ``SATA`` or ``SSD``, in the sizes Rackspace allows.

```python
cbs = await rackspace.new_block_storage_v1(provider)
vol = await volumes.create(cbs, volumes.CreateOpts(size=100, name="db", volume_type=volumes.SSD))
vol = await volumes.wait_for_status(cbs, vol.id, "available", timeout=300)
await volumes.update(cbs, vol.id, volumes.UpdateOpts(name="db-data"))
await volumes.delete(cbs, vol.id)
```

Cloud Block Storage speaks Cinder's v1 API: the model, the options and every
operation but `create()` are OpenStack's (`aiocloud.openstack.blockstorage.v1.volumes`).
What Rackspace adds is checked by `CreateOpts` before anything is sent: a volume
is ``SATA`` (the default, 75 to 1024 GB) or ``SSD`` (50 to 1024 GB). Attaching a
volume to a server is a compute call (``os-volume_attachments``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ....errors import InvalidOptions
from ....openstack.blockstorage.v1 import volumes as _openstack
from ....openstack.blockstorage.v1.volumes import (
    Attachment,
    ListOpts,
    UpdateOpts,
    Volume,
    delete,
    get,
    list,
    update,
    wait_for_delete,
    wait_for_status,
)
from ....service import ServiceClient

__all__ = [
    "SATA",
    "SIZE_LIMITS",
    "SSD",
    "Attachment",
    "CreateOpts",
    "ListOpts",
    "UpdateOpts",
    "Volume",
    "create",
    "delete",
    "get",
    "list",
    "update",
    "wait_for_delete",
    "wait_for_status",
]

SATA = "SATA"
"""Standard performance volumes: Rackspace's default type."""

SSD = "SSD"
"""High performance volumes."""

SIZE_LIMITS: Mapping[str, tuple[int, int]] = MappingProxyType({SATA: (75, 1024), SSD: (50, 1024)})
"""The smallest and the largest size, in GB, of a volume of each type."""

_ANY_TYPE = (min(lo for lo, _ in SIZE_LIMITS.values()), max(hi for _, hi in SIZE_LIMITS.values()))
"""The sizes some type allows: what a copy of a source of unknown type is checked against."""


@attrs.frozen
class CreateOpts(_openstack.CreateOpts):
    """A new volume: OpenStack's v1 options, of type ``SATA`` or ``SSD`` and a size it allows.

    ``volume_type`` left None is ``SATA``, as on Rackspace, except for a copy of a
    snapshot or volume (``snapshot_id``, ``source_volid``): it keeps its source's
    type, which Cinder asks to omit. ``size`` (GB) may then be left out too.
    """

    def to_body(self) -> dict[str, Any]:
        body = super().to_body()
        if self.volume_type is None and (self.snapshot_id or self.source_volid):
            _check_size(self.size, "a", _ANY_TYPE)
            return body
        kind = SATA if self.volume_type is None else self.volume_type
        if kind not in SIZE_LIMITS:
            raise InvalidOptions(
                "volume_type", f"Rackspace volumes are {SATA!r} or {SSD!r}, not {kind!r}"
            )
        _check_size(self.size, f"a {kind}", SIZE_LIMITS[kind])
        return {**body, "volume": {**body["volume"], "volume_type": kind}}


def _check_size(size: int | None, volume: str, limits: tuple[int, int]) -> None:
    low, high = limits
    if size is not None and not low <= size <= high:
        raise InvalidOptions("size", f"{volume} volume is {low} to {high} GB, not {size}")


async def create(client: ServiceClient, opts: CreateOpts) -> Volume:
    """Create a volume (it is ``creating``; see `wait_for_status()`); 413 over the quota."""
    return await _openstack.create(client, opts)
