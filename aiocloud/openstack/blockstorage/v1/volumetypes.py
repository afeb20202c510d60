"""Block storage v1 volume types: classes of storage and their extra specs.

```python
cinder = await openstack.new_block_storage_v1(admin_provider)
vt = await volumetypes.create(cinder, volumetypes.CreateOpts(
    name="gold", extra_specs={"volume_backend_name": "ssd"}))
await volumetypes.update_extra_spec(cinder, vt.id, "replication", "<is> True")
async for vt in volumetypes.list(cinder):
    print(vt.id, vt.name, vt.extra_specs)
await volumetypes.delete(cinder, vt.id)
```

v1 types have a name and extra specs only (``description`` and ``is_public``
stay None); the listing is one page. Managing types is admin work by default.
"""

from __future__ import annotations

import attrs

from ....pagination import Pager
from ....service import ServiceClient
from .. import _volumetypes
from .._volumetypes import *  # noqa: F403 (what every version has: CRUD and extra specs)
from .._volumetypes import TYPES, VolumeType

__all__ = ["CreateOpts", "list"]
__all__ += _volumetypes.__all__
__all__.sort()


@attrs.frozen
class CreateOpts(_volumetypes.BasicCreateOpts):
    """A new v1 volume type: its name and extra specs."""


def list(client: ServiceClient) -> Pager[VolumeType]:
    """The volume types (``GET /types``), in one page."""
    return TYPES.list(client)
