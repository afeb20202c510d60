"""Networking v2 networks: the L2 segments that subnets and ports belong to.

```python
net = await networks.create(network, networks.CreateOpts(name="web"))
async for net in networks.list(network, networks.ListOpts(status="ACTIVE", limit=100)):
    print(net.id, net.name, net.subnets)
a, b = await networks.create_bulk(network, [networks.CreateOpts(name="a"),
                                            networks.CreateOpts(name="b")])
await networks.update(network, net.id, networks.UpdateOpts(name="web-2"))
await networks.delete(network, net.id)
```

Extension attributes (``router:external``, ``provider:*``) stay in ``raw``;
read and set them with `.extensions.external` and `.extensions.provider`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ...._resource import Collection
from ....params import build_body, query
from ._base import Paging, Tagged, neutron_query, paging_last

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
class Network(Tagged):
    """A network: its subnets (ids), state and owner."""

    id: str
    name: str = ""
    admin_state_up: bool = True
    status: str | None = None
    subnets: tuple[str, ...] = ()
    shared: bool = False
    mtu: int | None = None
    port_security_enabled: bool | None = None
    availability_zone_hints: tuple[str, ...] = ()
    availability_zones: tuple[str, ...] = ()
    ipv4_address_scope: str | None = None
    ipv6_address_scope: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Network filters for `list()`, with the paging and sorting of every listing.

    ``tags`` / ``tags_any`` / ``not_tags`` / ``not_tags_any`` take comma-separated tags.
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


@attrs.frozen(kw_only=True)
class _NetworkFields:
    """What options set on a network, created or changed; fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    shared: bool | None = None
    mtu: int | None = None
    port_security_enabled: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"network": build_body(self)}


@attrs.frozen(kw_only=True)
class CreateOpts(_NetworkFields):
    """A new network; every field is optional (``tenant_id``/``project_id``: admin only)."""

    tenant_id: str | None = None
    project_id: str | None = None
    availability_zone_hints: Sequence[str] | None = None


@attrs.frozen(kw_only=True)
class UpdateOpts(_NetworkFields):
    """Changes to a network; fields left None are not sent."""


_networks = Collection(Network, "network", "networks", query=neutron_query)

list = _networks.lister(
    ListOpts, "The networks the caller can see (``GET /v2.0/networks``), page by page."
)
create = _networks.creator(CreateOpts, "Create a network (``POST /v2.0/networks``).")
create_bulk = _networks.bulk_creator(
    CreateOpts, "Create several networks in one request, all or none; in the order given."
)
get = _networks.getter("One network by id; NotFound (``NetworkNotFound``) if there is none.")
update = _networks.updater(UpdateOpts, "Change a network (``PUT``); the updated network.")
delete = _networks.deleter(
    "Delete a network; Conflict (``NetworkInUse``) while ports still use it."
)
