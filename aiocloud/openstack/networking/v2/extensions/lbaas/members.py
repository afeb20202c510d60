"""Networking LBaaS v1 members: the back-end addresses of a pool.

member = await members.create(network, members.CreateOpts(
    pool_id=pool.id, address="10.0.0.5", protocol_port=80, weight=2))
await members.update(network, member.id, members.UpdateOpts(admin_state_up=False))
await members.delete(network, member.id)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ......errors import InvalidOptions
from ......models import Model
from ......pagination import Pager
from ......params import build_body, check_types, query
from ......service import ServiceClient
from ..._base import BodyBuilder, Collection, QueryBuilder

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
class Member(Model):
    """A member: an address and port in a pool, with its share (``weight``) of the traffic."""

    id: str
    pool_id: str | None = None
    address: str | None = None
    protocol_port: int | None = None
    weight: int | None = None
    admin_state_up: bool = True
    status: str | None = None
    status_description: str | None = None
    tenant_id: str | None = None


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for :func:`list` (``limit`` is the page size)."""

    id: str | None = query()
    pool_id: str | None = query()
    address: str | None = query()
    protocol_port: int | None = query()
    weight: int | None = query()
    status: str | None = query()
    admin_state_up: bool | None = query()
    tenant_id: str | None = query()
    fields: Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()


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


_members = Collection(Member, "member", "members", path=("lb", "members"), update_codes=(200, 202))


def list(
    client: ServiceClient,
    opts: ListOpts | QueryBuilder | None = None,
    *,
    max_items: int | None = None,
) -> Pager[Member]:
    """The members (``GET /v2.0/lb/members``), page by page."""
    return _members.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Member:
    """Add a member to a pool (``POST /v2.0/lb/members``)."""
    return await _members.create(client, opts)


async def get(client: ServiceClient, member_id: str) -> Member:
    """One member by id."""
    return await _members.get(client, member_id)


async def update(client: ServiceClient, member_id: str, opts: UpdateOpts | BodyBuilder) -> Member:
    """Change a member (``PUT``); the updated member."""
    return await _members.update(client, member_id, opts)


async def delete(client: ServiceClient, member_id: str) -> None:
    """Remove a member from its pool."""
    await _members.delete(client, member_id)
