"""Block storage v1 volumes: create, list, change and delete them, and their metadata.

```python
cinder = await openstack.new_block_storage_v1(provider)
vol = await volumes.create(cinder, volumes.CreateOpts(size=10, name="data"))
vol = await volumes.wait_for_status(cinder, vol.id, "available", timeout=120)
async for vol in volumes.list(cinder, volumes.ListOpts(status="available")):
    print(vol.id, vol.name, vol.size)
await volumes.update(cinder, vol.id, volumes.UpdateOpts(description="scratch"))
await volumes.delete(cinder, vol.id)
```

v1 calls ``name`` and ``description`` ``display_name`` and ``display_description``
on the wire; the models and options here translate, so the Python names are
those of v2 and v3. v1 listings come in one page; the ``os-*`` actions are in v2+.
"""

from __future__ import annotations

import attrs

from ....models import json_key
from ....params import body
from .. import _volumes
from .._base import METADATA_FUNCTIONS
from .._volumes import Attachment

__all__ = ["Attachment", "CreateOpts", "ListOpts", "UpdateOpts", "Volume"]
__all__ += ["create", "delete", "get", "list", "update", "wait_for_delete", "wait_for_status"]
__all__ += METADATA_FUNCTIONS
__all__.sort()


@attrs.frozen
class Volume(_volumes.Volume):
    """A v1 volume; ``name``/``description`` read ``display_name``/``display_description``."""

    name: str | None = json_key("display_name", default=None)
    description: str | None = json_key("display_description", default=None)


@attrs.frozen
class ListOpts(_volumes.FilterOpts):
    """Filters for `list()`: name, status, metadata, all_tenants (admin)."""


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


_v1_volumes = _volumes.collection(Volume)

list = _v1_volumes.lister(ListOpts, "The volumes with their details (``GET /volumes/detail``).")
create = _v1_volumes.creator(
    CreateOpts, "Create a volume (it is ``creating``; see `wait_for_status()`)."
)
get = _v1_volumes.getter("One volume by id; NotFound if there is none.")
update = _v1_volumes.updater(
    UpdateOpts, "Change a volume's name, description or metadata (``PUT``); the updated volume."
)
delete = _v1_volumes.deleter("Delete a volume (202); Conflict or BadRequest while it is in use.")
wait_for_status = _v1_volumes.status_waiter(
    "Poll until the volume has ``status``; an ``error*`` status raises ResourceError."
)
wait_for_delete = _v1_volumes.delete_waiter(
    "Poll until the volume is gone; ``error_deleting`` raises ResourceError."
)
get_metadata, update_metadata, reset_metadata, get_metadatum, create_metadatum, delete_metadatum = (
    _v1_volumes.metadata.functions(*METADATA_FUNCTIONS)
)
