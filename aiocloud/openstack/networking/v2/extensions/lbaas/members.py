"""Networking LBaaS v1 members: the back-end addresses of a pool.

```python
member = await members.create(network, members.CreateOpts(
    pool_id=pool.id, address="10.0.0.5", protocol_port=80, weight=2))
await members.update(network, member.id, members.UpdateOpts(admin_state_up=False))
await members.delete(network, member.id)
```
"""

from __future__ import annotations

from typing import Any

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......params import build_body, check_types, query
from ..._base import Paging, neutron_query, paging_last
from ._base import LBaaSResource

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Member",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class Member(LBaaSResource):
    """A member: an address and port in a pool, with its share (``weight``) of the traffic."""

    id: str
    pool_id: str | None = None
    address: str | None = None
    protocol_port: int | None = None
    weight: int | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Member filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    pool_id: str | None = query()
    address: str | None = query()
    protocol_port: int | None = query()
    weight: int | None = query()
    status: str | None = query()
    admin_state_up: bool | None = query()
    tenant_id: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new member of ``pool_id`` at ``address``:``protocol_port``."""

    pool_id: str
    address: str
    protocol_port: int
    weight: int | None = None
    admin_state_up: bool | None = None
    tenant_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        for name in ("pool_id", "address"):
            if not getattr(self, name):
                raise InvalidOptions(name, "is required")
        if not 0 < self.protocol_port < 65536:
            raise InvalidOptions("protocol_port", f"must be 1-65535, not {self.protocol_port}")
        return {"member": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a member; fields left None are not sent."""

    weight: int | None = None
    admin_state_up: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"member": build_body(self)}


_members = Collection(
    Member,
    "member",
    "members",
    path=("lb", "members"),
    update_codes=(200, 202),
    query=neutron_query,
)

list = _members.lister(ListOpts, "The members (``GET /v2.0/lb/members``), page by page.")
create = _members.creator(CreateOpts, "Add a member to a pool (``POST /v2.0/lb/members``).")
get = _members.getter("One member by id.")
update = _members.updater(UpdateOpts, "Change a member (``PUT``); the updated member.")
delete = _members.deleter("Remove a member from its pool.")
