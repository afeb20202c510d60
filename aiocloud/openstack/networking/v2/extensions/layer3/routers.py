"""Networking v2 routers (``router``, ``extraroute``, ``ext-gw-mode``): L3 between networks.

A router joins subnets (its interfaces) and leads out through the gateway on
an external network, with source NAT unless ``enable_snat=False``:

```python
router = await routers.create(network, routers.CreateOpts(
    name="edge",
    gateway_info=routers.GatewayInfo(
        network_id=public.id,
        external_fixed_ips=[routers.ExternalFixedIP(subnet_id=public_subnet.id)],
    ),
))
await routers.add_interface(network, router.id, routers.InterfaceOpts(subnet_id=sub.id))
await routers.update(network, router.id, routers.UpdateOpts(
    routes=[routers.Route("192.168.0.0/24", "10.0.0.254")]))
await routers.update(network, router.id, routers.UpdateOpts(gateway_info=EXPLICIT_NULL))
await routers.remove_interface(network, router.id, routers.InterfaceOpts(subnet_id=sub.id))
await routers.delete(network, router.id)
```
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ......_resource import Collection, require_one_of
from ......models import Model, json_key, structure
from ......params import ExplicitNull, body, build_body, query
from ......service import ServiceClient
from ..._base import Paging, Tagged, neutron_query, paging_last

__all__ = [
    "CreateOpts",
    "ExternalFixedIP",
    "GatewayInfo",
    "InterfaceInfo",
    "InterfaceOpts",
    "ListOpts",
    "Route",
    "Router",
    "UpdateOpts",
    "add_interface",
    "create",
    "delete",
    "get",
    "list",
    "remove_interface",
    "update",
]


@attrs.frozen
class ExternalFixedIP:
    """An address of the router's gateway port: by subnet, by address or both."""

    subnet_id: str | None = None
    ip_address: str | None = None


@attrs.frozen
class GatewayInfo:
    """The router's way out: its external network, SNAT and gateway addresses."""

    network_id: str
    enable_snat: bool | None = None
    external_fixed_ips: Sequence[ExternalFixedIP] | None = None


@attrs.frozen
class Route:
    """A static route of the router (``extraroute``)."""

    destination: str
    nexthop: str


@attrs.frozen
class Router(Tagged):
    """A router; ``gateway_info`` is None while it has no external gateway."""

    id: str
    name: str = ""
    status: str | None = None
    admin_state_up: bool = True
    gateway_info: GatewayInfo | None = json_key("external_gateway_info", default=None)
    routes: tuple[Route, ...] = ()
    distributed: bool | None = None
    ha: bool | None = None
    availability_zone_hints: tuple[str, ...] = ()
    availability_zones: tuple[str, ...] = ()
    flavor_id: str | None = None


@attrs.frozen
class InterfaceInfo(Model):
    """What adding or removing an interface answers: the router, port and subnet(s)."""

    id: str
    subnet_id: str
    port_id: str
    subnet_ids: tuple[str, ...] = ()
    network_id: str | None = None
    tenant_id: str | None = None
    project_id: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Router filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    name: str | None = query()
    description: str | None = query()
    status: str | None = query()
    admin_state_up: bool | None = query()
    distributed: bool | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    tags: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new router, with its gateway if ``gateway_info`` is given."""

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    distributed: bool | None = None
    ha: bool | None = None
    gateway_info: GatewayInfo | None = body("external_gateway_info")
    availability_zone_hints: Sequence[str] | None = None
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"router": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a router; None is not sent.

    ``gateway_info=EXPLICIT_NULL`` removes the gateway, ``routes=[]`` every static route.
    """

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    distributed: bool | None = None
    gateway_info: GatewayInfo | ExplicitNull | None = body("external_gateway_info")
    routes: Sequence[Route] | None = None

    def to_body(self) -> dict[str, Any]:
        return {"router": build_body(self)}


@attrs.frozen
class InterfaceOpts:
    """Which interface: a subnet (Neutron makes the port) or an existing port.

    Adding takes exactly one of them; removing takes either or both.
    """

    subnet_id: str | None = None
    port_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        return build_body(self)


_routers = Collection(Router, "router", "routers", query=neutron_query)

list = _routers.lister(
    ListOpts, "The routers the caller can see (``GET /v2.0/routers``), page by page."
)
create = _routers.creator(CreateOpts, "Create a router (``POST /v2.0/routers``).")
get = _routers.getter("One router by id; NotFound (``RouterNotFound``) if there is none.")
update = _routers.updater(UpdateOpts, "Change a router (``PUT``); the updated router.")
delete = _routers.deleter("Delete a router; Conflict (``RouterInUse``) while it has interfaces.")


async def add_interface(
    client: ServiceClient, router_id: str, opts: InterfaceOpts
) -> InterfaceInfo:
    """Attach a subnet or a port (``PUT .../add_router_interface``)."""
    require_one_of(opts, "subnet_id", "port_id", exactly=True)
    return await _interface(client, router_id, "add_router_interface", opts)


async def remove_interface(
    client: ServiceClient, router_id: str, opts: InterfaceOpts
) -> InterfaceInfo:
    """Detach a subnet or a port (``PUT .../remove_router_interface``)."""
    require_one_of(opts, "subnet_id", "port_id")
    return await _interface(client, router_id, "remove_router_interface", opts)


async def _interface(
    client: ServiceClient, router_id: str, action: str, opts: InterfaceOpts
) -> InterfaceInfo:
    url = _routers.item_url(client, router_id, action)
    body = await client.json("PUT", url, json=opts.to_body(), ok_codes=(200,))
    return structure(body, InterfaceInfo)
