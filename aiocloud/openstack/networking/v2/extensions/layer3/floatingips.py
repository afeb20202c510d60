"""Networking v2 floating IPs (``router``): public addresses NATed to a port.

A floating IP comes from an external network and reaches a port through a
router whose gateway is on that network:

```python
fip = await floatingips.create(network, floatingips.CreateOpts(floating_network_id=public.id))
fip = await floatingips.associate(network, fip.id, port.id)
async for fip in floatingips.list(network, floatingips.ListOpts(port_id=port.id)):
    print(fip.floating_ip_address, "->", fip.fixed_ip_address)
await floatingips.disassociate(network, fip.id)
await floatingips.delete(network, fip.id)
```
"""

from __future__ import annotations

from typing import Any

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......params import EXPLICIT_NULL, ExplicitNull, build_body, check_types, query
from ......service import ServiceClient
from ..._base import Paging, Tagged, neutron_query, paging_last

__all__ = [
    "CreateOpts",
    "FloatingIP",
    "ListOpts",
    "UpdateOpts",
    "associate",
    "create",
    "delete",
    "disassociate",
    "get",
    "list",
    "update",
]


@attrs.frozen
class FloatingIP(Tagged):
    """A floating IP; ``port_id`` and ``fixed_ip_address`` are None while it is free."""

    id: str
    floating_network_id: str = ""
    floating_ip_address: str | None = None
    port_id: str | None = None
    fixed_ip_address: str | None = None
    router_id: str | None = None
    status: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Floating IP filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    description: str | None = query()
    floating_network_id: str | None = query()
    floating_ip_address: str | None = query()
    port_id: str | None = query()
    fixed_ip_address: str | None = query()
    router_id: str | None = query()
    status: str | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    tags: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new floating IP from ``floating_network_id``, associated at once if ``port_id`` is set.

    ``floating_ip_address`` asks for a given address, ``subnet_id`` for one of
    that external subnet; ``fixed_ip_address`` picks among the port's addresses.
    """

    floating_network_id: str
    floating_ip_address: str | None = None
    subnet_id: str | None = None
    port_id: str | None = None
    fixed_ip_address: str | None = None
    description: str | None = None
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.floating_network_id:
            raise InvalidOptions("floating_network_id", "is required")
        return {"floatingip": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a floating IP: ``port_id=EXPLICIT_NULL`` disassociates it."""

    port_id: str | ExplicitNull | None = None
    fixed_ip_address: str | None = None
    description: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"floatingip": build_body(self)}


_floatingips = Collection(FloatingIP, "floatingip", "floatingips", query=neutron_query)

list = _floatingips.lister(
    ListOpts, "The floating IPs the caller can see (``GET /v2.0/floatingips``), page by page."
)
create = _floatingips.creator(CreateOpts, "Allocate a floating IP (``POST /v2.0/floatingips``).")
get = _floatingips.getter(
    "One floating IP by id; NotFound (``FloatingIPNotFound``) if there is none."
)
update = _floatingips.updater(
    UpdateOpts, "Change a floating IP (``PUT``); the updated floating IP."
)
delete = _floatingips.deleter("Release a floating IP.")


async def associate(
    client: ServiceClient, floatingip_id: str, port_id: str, fixed_ip_address: str | None = None
) -> FloatingIP:
    """Point a floating IP at a port (and one of its addresses, if it has several)."""
    if not port_id:
        raise InvalidOptions("port_id", "is required")
    opts = UpdateOpts(port_id=port_id, fixed_ip_address=fixed_ip_address)
    return await _floatingips.update(client, floatingip_id, opts)


async def disassociate(client: ServiceClient, floatingip_id: str) -> FloatingIP:
    """Detach a floating IP from its port (``port_id: null``); it stays allocated."""
    return await _floatingips.update(client, floatingip_id, UpdateOpts(port_id=EXPLICIT_NULL))
