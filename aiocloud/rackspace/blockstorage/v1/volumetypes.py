"""Rackspace Cloud Block Storage volume types: ``SATA`` and ``SSD``, to list and read.

```python
async for vt in volumetypes.list(cbs):
    print(vt.id, vt.name)                          # 1 SATA, then 2 SSD
ssd = await volumetypes.get(cbs, "2")
```

The requests are OpenStack's v1 ones (`aiocloud.openstack.blockstorage.v1.volumetypes`);
Rackspace numbers its two types (``"id": 1``), which `VolumeType` reads as the
string ``"1"``. The types are Rackspace's to manage: there is no create or delete.
"""

from __future__ import annotations

from typing import Any, cast

import attrs

from ...._resource import Collection
from ....errors import ResponseFormatError
from ....openstack.blockstorage import _volumetypes
from ....pagination import Pager
from ....service import ServiceClient

__all__ = ["VolumeType", "get", "list"]


def _id_text(value: Any) -> str:
    """A type's id as text: Rackspace sends a number, Cinder a UUID string."""
    if type(value) is int or type(value) is str:
        return str(value)
    raise ResponseFormatError(f"expected a string or an integer, got {value!r:.50}")


@attrs.frozen
class VolumeType(_volumetypes.VolumeType):
    """A volume type (``SATA`` or ``SSD``) and its extra specs; ``id`` as text."""

    id: str = attrs.field(converter=_id_text, kw_only=True)


_types = cast("Collection[VolumeType]", attrs.evolve(_volumetypes.TYPES, model=VolumeType))

get = _types.getter('One volume type by id (``"1"``: SATA); NotFound if there is none.')


def list(client: ServiceClient) -> Pager[VolumeType]:
    """The volume types (``GET /types``): SATA and SSD, in one page."""
    return _types.list(client)
