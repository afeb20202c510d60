"""Networking v2 security groups: named sets of rules that ports are put in.

A new group allows all egress (Neutron adds those rules); add ingress rules
with :mod:`.rules`, and put ports in groups with ``ports.UpdateOpts(security_groups=...)``.

sg = await groups.create(network, groups.CreateOpts(name="web", description="http in"))
for rule in sg.rules:
    print(rule.direction, rule.ethertype)
await groups.update(network, sg.id, groups.UpdateOpts(name="web-2"))
await groups.delete(network, sg.id)      # Conflict (SecurityGroupInUse) while ports use it
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import attrs

from ......errors import InvalidOptions
from ......models import Model, json_key
from ......pagination import Pager
from ......params import build_body, check_types, query
from ......service import ServiceClient
from ..._base import BodyBuilder, Collection, QueryBuilder
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
class SecGroup(Model):
    """A security group and its rules (``security_group_rules``)."""

    id: str
    name: str = ""
    description: str | None = None
    rules: tuple[SecGroupRule, ...] = json_key("security_group_rules", default=())
    stateful: bool | None = None
    shared: bool | None = None
    tenant_id: str | None = None
    project_id: str | None = None
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision_number: int | None = None


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for :func:`list` (``limit`` is the page size)."""

    id: str | None = query()
    name: str | None = query()
    description: str | None = query()
    stateful: bool | None = query()
    shared: bool | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    tags: str | None = query()
    fields: Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()


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


_groups = Collection(SecGroup, "security_group", "security_groups", path=("security-groups",))


def list(
    client: ServiceClient,
    opts: ListOpts | QueryBuilder | None = None,
    *,
    max_items: int | None = None,
) -> Pager[SecGroup]:
    """The security groups the caller can see (``GET /v2.0/security-groups``), page by page."""
    return _groups.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> SecGroup:
    """Create a security group, with Neutron's default egress rules."""
    return await _groups.create(client, opts)


async def get(client: ServiceClient, group_id: str) -> SecGroup:
    """One security group by id; NotFound (``SecurityGroupNotFound``) if there is none."""
    return await _groups.get(client, group_id)


async def update(client: ServiceClient, group_id: str, opts: UpdateOpts | BodyBuilder) -> SecGroup:
    """Change a security group (``PUT``); the updated group."""
    return await _groups.update(client, group_id, opts)


async def delete(client: ServiceClient, group_id: str) -> None:
    """Delete a security group; Conflict (``SecurityGroupInUse``) while ports are in it."""
    await _groups.delete(client, group_id)
