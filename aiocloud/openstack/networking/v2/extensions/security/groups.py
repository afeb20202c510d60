"""Networking v2 security groups: named sets of rules that ports are put in.

A new group allows all egress (Neutron adds those rules); add ingress rules
with `.rules`, and put ports in groups with ``ports.UpdateOpts(security_groups=...)``.

```python
sg = await groups.create(network, groups.CreateOpts(name="web", description="http in"))
for rule in sg.rules:
    print(rule.direction, rule.ethertype)
await groups.update(network, sg.id, groups.UpdateOpts(name="web-2"))
await groups.delete(network, sg.id)      # Conflict (SecurityGroupInUse) while ports use it
```
"""

from __future__ import annotations

from typing import Any

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......models import json_key
from ......params import build_body, check_types, query
from ..._base import Paging, Tagged, neutron_query, paging_last
from .rules import SecGroupRule

__all__ = [
    "CreateOpts",
    "ListOpts",
    "SecGroup",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class SecGroup(Tagged):
    """A security group and its rules (``security_group_rules``)."""

    id: str
    name: str = ""
    rules: tuple[SecGroupRule, ...] = json_key("security_group_rules", default=())
    stateful: bool | None = None
    shared: bool | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Security group filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    name: str | None = query()
    description: str | None = query()
    stateful: bool | None = query()
    shared: bool | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    tags: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new security group; ``stateful=False`` makes it stateless (no connection tracking)."""

    name: str
    description: str | None = None
    stateful: bool | None = None
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"security_group": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a security group; fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    stateful: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"security_group": build_body(self)}


_groups = Collection(
    SecGroup, "security_group", "security_groups", path=("security-groups",), query=neutron_query
)

list = _groups.lister(
    ListOpts,
    "The security groups the caller can see (``GET /v2.0/security-groups``), page by page.",
)
create = _groups.creator(
    CreateOpts, "Create a security group, with Neutron's default egress rules."
)
get = _groups.getter(
    "One security group by id; NotFound (``SecurityGroupNotFound``) if there is none."
)
update = _groups.updater(UpdateOpts, "Change a security group (``PUT``); the updated group.")
delete = _groups.deleter(
    "Delete a security group; Conflict (``SecurityGroupInUse``) while ports are in it."
)
