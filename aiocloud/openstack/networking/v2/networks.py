"""Networking v2 networks: the L2 segments that subnets and ports belong to.

net = await networks.create(network, networks.CreateOpts(name="web"))
async for net in networks.list(network, networks.ListOpts(status="ACTIVE", limit=100)):
    print(net.id, net.name, net.subnets)
a, b = await networks.create_bulk(network, [networks.CreateOpts(name="a"),
                                            networks.CreateOpts(name="b")])
await networks.update(network, net.id, networks.UpdateOpts(name="web-2"))
await networks.delete(network, net.id)

Extension attributes (``router:external``, ``provider:*``) stay in ``raw``;
read and set them with :mod:`.extensions.external` and :mod:`.extensions.provider`.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import attrs

from ....models import Model
from ....pagination import Pager
from ....params import build_body, query
from ....service import ServiceClient
from ._base import BodyBuilder, Collection, QueryBuilder

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Network",
    "UpdateOpts",
    "create",
    "create_bulk",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class Network(Model):
    """A network: its subnets (ids), state and owner."""

    id: str
    name: str = ""
    description: str | None = None
    admin_state_up: bool = True
    status: str | None = None
    subnets: tuple[str, ...] = ()
    shared: bool = False
    tenant_id: str | None = None
    project_id: str | None = None
    mtu: int | None = None
    port_security_enabled: bool | None = None
    availability_zone_hints: tuple[str, ...] = ()
    availability_zones: tuple[str, ...] = ()
    ipv4_address_scope: str | None = None
    ipv6_address_scope: str | None = None
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision_number: int | None = None


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for :func:`list` (``limit`` is the page size).

    ``tags`` / ``tags_any`` / ``not_tags`` / ``not_tags_any`` take comma-separated
    tags; ``fields`` limits the attributes returned (``id`` is always asked for;
    the model's other attributes then take their defaults).
    """

    id: str | None = query()
    name: str | None = query()
    description: str | None = query()
    status: str | None = query()
    admin_state_up: bool | None = query()
    shared: bool | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    mtu: int | None = query()
    tags: str | None = query()
    tags_any: str | None = query("tags-any")
    not_tags: str | None = query("not-tags")
    not_tags_any: str | None = query("not-tags-any")
    fields: Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new network; every field is optional (``tenant_id``/``project_id``: admin only)."""

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    shared: bool | None = None
    tenant_id: str | None = None
    project_id: str | None = None
    mtu: int | None = None
    port_security_enabled: bool | None = None
    availability_zone_hints: Sequence[str] | None = None

    def to_body(self) -> dict[str, Any]:
        return {"network": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a network; fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    shared: bool | None = None
    mtu: int | None = None
    port_security_enabled: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"network": build_body(self)}


_networks = Collection(Network, "network", "networks")


def list(
    client: ServiceClient,
    opts: ListOpts | QueryBuilder | None = None,
    *,
    max_items: int | None = None,
) -> Pager[Network]:
    """The networks the caller can see (``GET /v2.0/networks``), page by page."""
    return _networks.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Network:
    """Create a network (``POST /v2.0/networks``)."""
    return await _networks.create(client, opts)


async def create_bulk(
    client: ServiceClient, opts: Iterable[CreateOpts | BodyBuilder]
) -> builtins.list[Network]:
    """Create several networks in one request, all or none; in the order given."""
    return await _networks.create_bulk(client, opts)


async def get(client: ServiceClient, network_id: str) -> Network:
    """One network by id; NotFound (``NetworkNotFound``) if there is none."""
    return await _networks.get(client, network_id)


async def update(client: ServiceClient, network_id: str, opts: UpdateOpts | BodyBuilder) -> Network:
    """Change a network (``PUT``); the updated network."""
    return await _networks.update(client, network_id, opts)


async def delete(client: ServiceClient, network_id: str) -> None:
    """Delete a network; Conflict (``NetworkInUse``) while ports still use it."""
    await _networks.delete(client, network_id)
