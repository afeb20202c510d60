"""Block storage v3 volumes: v2's operations plus what v3 microversions add.

```python
cinder = (await openstack.new_block_storage_v3(provider)).with_microversion("3.59")
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(sort="created_at:desc")):
    print(vol.id, vol.name, vol.status, vol.volume_type_id)
await volumes.revert_to_snapshot(cinder, vol.id, snapshot_id)     # 3.40+
await volumes.delete(cinder, vol.id, volumes.DeleteOpts(cascade=True))
```

A client without a microversion speaks 3.0. Options that need a later one
say so in their ``MICROVERSIONS`` and are refused, before any request, with
a message naming the field. When a waited-for volume goes to an ``error*``
status, the ResourceError carries Cinder's user message about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from ...._resource import require_microversion
from ....params import query
from ....service import ServiceClient
from .. import _volumes
from .._volumes import *  # noqa: F403 (the options, metadata and actions v3 shares with v2)

__all__ = ["CreateOpts", "DeleteOpts", "UploadImageOpts", "Volume"]
__all__ += ["create", "get", "list", "revert_to_snapshot", "update", "wait_for_status"]
__all__ += _volumes.__all__
__all__.sort()


@attrs.frozen
class Volume(_volumes.Volume):
    """A v3 volume: v2's fields plus those later microversions show (None before them).

    ``group_id`` 3.13, ``provider_id`` 3.21 (admin), ``service_uuid`` and
    ``shared_targets`` 3.48, ``cluster_name`` 3.61 (admin), ``volume_type_id``
    3.63, ``encryption_key_id`` 3.64, ``consumes_quota`` 3.65.
    """

    group_id: str | None = None
    provider_id: str | None = None
    service_uuid: str | None = None
    shared_targets: bool | None = None
    cluster_name: str | None = None
    volume_type_id: str | None = None
    encryption_key_id: str | None = None
    consumes_quota: bool | None = None


@attrs.frozen
class CreateOpts(_volumes.CreateOpts):
    """A new v3 volume; it may also restore a backup (3.47) or join a group (3.13).

    v3 has no ``multiattach`` option: a multiattach volume type makes one.
    """

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"group_id": "3.13", "backup_id": "3.47"}

    backup_id: str | None = None
    group_id: str | None = None


@attrs.frozen
class DeleteOpts(_volumes.DeleteOpts):
    """How to delete a volume: ``cascade`` (its snapshots too), ``force`` (3.23, admin)."""

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"force": "3.23"}

    force: bool | None = query()


@attrs.frozen
class UploadImageOpts(_volumes.UploadImageOpts):
    """The image a volume is copied to; ``visibility`` and ``protected`` need 3.1."""

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {"visibility": "3.1", "protected": "3.1"}

    visibility: str | None = None
    protected: bool | None = None


_v3_volumes = _volumes.collection(Volume)

list = _v3_volumes.lister(
    _volumes.ListOpts, "The volumes with their details (``GET /volumes/detail``), page by page."
)
create = _v3_volumes.creator(
    CreateOpts, "Create a volume (202: it is ``creating``; see `wait_for_status()`)."
)
get = _v3_volumes.getter("One volume by id; NotFound if there is none.")
update = _v3_volumes.updater(
    _volumes.UpdateOpts,
    "Change a volume's name, description or metadata (``PUT``); the updated volume.",
)
wait_for_status = _v3_volumes.status_waiter(
    """Poll until the volume has ``status``; the volume then.

    An ``error*`` status raises ResourceError whose ``fault`` is Cinder's
    newest user message about the volume (``"extend volume:Volume Driver
    failed to extend volume."``); running out of time raises WaitTimeout.
    """
)


async def revert_to_snapshot(client: ServiceClient, volume_id: str, snapshot_id: str) -> None:
    """Roll the volume back to its latest snapshot (``revert``, 3.40; it goes ``reverting``)."""
    require_microversion(client, "3.40", "snapshot_id")
    await _v3_volumes.action(client, volume_id, {"revert": {"snapshot_id": snapshot_id}})
