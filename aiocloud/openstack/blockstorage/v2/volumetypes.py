"""Block storage v2 volume types: classes of storage, their extra specs and who may use them.

```python
cinder = await openstack.new_block_storage_v2(admin_provider)
vt = await volumetypes.create(cinder, volumetypes.CreateOpts(
    name="gold", description="SSD", is_public=False, extra_specs={"volume_backend_name": "ssd"}))
await volumetypes.update_extra_spec(cinder, vt.id, "replication", "<is> True")
await volumetypes.add_access(cinder, vt.id, project_id)
async for vt in volumetypes.list(cinder):
    print(vt.id, vt.name, vt.extra_specs)
await volumetypes.delete(cinder, vt.id)
```

Types are the same in v2 and v3. Creating, changing and deleting them is
admin work by default; a private type is seen only by the projects it is
shared with.
"""

from __future__ import annotations

import builtins
from typing import Any

import attrs

from ....errors import InvalidOptions
from ....models import Model, extract_list
from ....params import body, build_body, query
from ....service import ServiceClient
from .. import _volumetypes
from .._volumetypes import *  # noqa: F403 (what every version has: CRUD and extra specs)
from .._volumetypes import TYPES

__all__ = ["CreateOpts", "ListOpts", "UpdateOpts", "VolumeTypeAccess"]
__all__ += ["add_access", "list", "list_access", "remove_access", "update"]
__all__ += _volumetypes.__all__
__all__.sort()


@attrs.frozen
class VolumeTypeAccess(Model):
    """One project allowed to use a private volume type."""

    volume_type_id: str
    project_id: str


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for the v2/v3 listing.

    ``is_public`` (admin): True public types only, False private ones only;
    left None an admin sees both, others the public ones and those shared with them.
    """

    is_public: bool | None = query()
    sort: str | None = query()
    limit: int | None = query()
    offset: int | None = query()
    marker: str | None = query()


@attrs.frozen
class CreateOpts(_volumetypes.BasicCreateOpts):
    """A new volume type (v2+); ``is_public=False`` makes it private (see `add_access()`)."""

    description: str | None = None
    is_public: bool | None = body("os-volume-type-access:is_public")


@attrs.frozen
class UpdateOpts:
    """Changes to a volume type (v2+); fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    is_public: bool | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        if not inner:
            raise InvalidOptions("name", "set at least one of name, description, is_public")
        return {"volume_type": inner}


list = TYPES.lister(
    ListOpts, "The volume types the caller may use (``GET /types``; v2+ pages with ``opts``)."
)
update = TYPES.updater(
    UpdateOpts, "Change a volume type (v2+, ``PUT /types/{id}``, admin); the updated type."
)


async def list_access(client: ServiceClient, type_id: str) -> builtins.list[VolumeTypeAccess]:
    """The projects a private type is shared with (v2+; a public type answers 404)."""
    answer = await client.json("GET", TYPES.item_url(client, type_id, "os-volume-type-access"))
    return extract_list(answer, "volume_type_access", VolumeTypeAccess)


async def add_access(client: ServiceClient, type_id: str, project_id: str) -> None:
    """Share a private type with a project (v2+; 409 if it already is)."""
    if not project_id:
        raise InvalidOptions("project_id", "is required")
    await TYPES.action(client, type_id, {"addProjectAccess": {"project": project_id}})


async def remove_access(client: ServiceClient, type_id: str, project_id: str) -> None:
    """Stop sharing a private type with a project (v2+)."""
    if not project_id:
        raise InvalidOptions("project_id", "is required")
    await TYPES.action(client, type_id, {"removeProjectAccess": {"project": project_id}})
