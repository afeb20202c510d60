"""Networking v2 ports: a network attachment with its MAC, addresses and security groups.

port = await ports.create(network, ports.CreateOpts(
    network_id=net.id,
    fixed_ips=[ports.FixedIP(subnet_id=sub.id, ip_address="10.0.0.20")],
    security_groups=[sg.id],
    allowed_address_pairs=[ports.AddressPair("10.0.0.200")],
))
await ports.update(network, port.id, ports.UpdateOpts(security_groups=[]))   # none at all
async for port in ports.list(network, ports.ListOpts(
        fixed_ips=[ports.FixedIP(ip_address="10.0.0.20")])):
    print(port.id, port.mac_address, port.host_id)

:class:`FixedIP` and :class:`AddressPair` are read from answers and sent in
options alike. The ``binding:*`` attributes (host, VNIC and VIF type,
profile) are on :class:`Port` when the cloud shows them (admins, usually).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs

from ....errors import InvalidOptions
from ....models import Model, json_key
from ....pagination import Pager
from ....params import body, build_body, build_query_params, check_types, query
from ....service import ServiceClient
from ._base import BodyBuilder, Collection, QueryBuilder

__all__ = [
    "AddressPair",
    "CreateOpts",
    "FixedIP",
    "ListOpts",
    "Port",
    "UpdateOpts",
    "create",
    "create_bulk",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class FixedIP:
    """An address of a port: on create, give the subnet, the address or both."""

    subnet_id: str | None = None
    ip_address: str | None = None


@attrs.frozen
class AddressPair:
    """An extra address (or CIDR) the port may send from; the MAC defaults to the port's."""

    ip_address: str
    mac_address: str | None = None


@attrs.frozen
class Port(Model):
    """A port: where it is attached (device), its addresses and its security groups."""

    id: str
    network_id: str = ""
    name: str = ""
    description: str | None = None
    admin_state_up: bool = True
    status: str | None = None
    mac_address: str | None = None
    fixed_ips: tuple[FixedIP, ...] = ()
    device_id: str = ""
    device_owner: str = ""
    security_groups: tuple[str, ...] = ()
    allowed_address_pairs: tuple[AddressPair, ...] = ()
    port_security_enabled: bool | None = None
    tenant_id: str | None = None
    project_id: str | None = None
    host_id: str | None = json_key("binding:host_id", default=None)
    vnic_type: str | None = json_key("binding:vnic_type", default=None)
    vif_type: str | None = json_key("binding:vif_type", default=None)
    vif_details: dict[str, Any] | None = json_key("binding:vif_details", default=None)
    profile: dict[str, Any] | None = json_key("binding:profile", default=None)
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision_number: int | None = None


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for :func:`list` (``limit`` is the page size).

    ``fixed_ips`` matches ports by address and/or subnet
    (``?fixed_ips=ip_address=10.0.0.5``); ``security_groups`` by group ids.
    """

    id: str | None = query()
    name: str | None = query()
    description: str | None = query()
    network_id: str | None = query()
    status: str | None = query()
    admin_state_up: bool | None = query()
    mac_address: str | None = query()
    device_id: str | None = query()
    device_owner: str | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()
    security_groups: Sequence[str] | None = query()
    host_id: str | None = query("binding:host_id")
    fixed_ips: Sequence[FixedIP] | None = None
    tags: str | None = query()
    fields: Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()

    def to_query(self) -> builtins.list[tuple[str, str]]:
        pairs = build_query_params(self)
        for ip in self.fixed_ips or ():
            if ip.ip_address is not None:
                pairs.append(("fixed_ips", f"ip_address={ip.ip_address}"))
            if ip.subnet_id is not None:
                pairs.append(("fixed_ips", f"subnet_id={ip.subnet_id}"))
        return pairs


@attrs.frozen
class CreateOpts:
    """A new port on ``network_id``; ``host_id``/``vnic_type``/``profile`` set the binding."""

    network_id: str
    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    mac_address: str | None = None
    fixed_ips: Sequence[FixedIP] | None = None
    device_id: str | None = None
    device_owner: str | None = None
    security_groups: Sequence[str] | None = None
    allowed_address_pairs: Sequence[AddressPair] | None = None
    port_security_enabled: bool | None = None
    tenant_id: str | None = None
    project_id: str | None = None
    host_id: str | None = body("binding:host_id")
    vnic_type: str | None = body("binding:vnic_type")
    profile: Mapping[str, Any] | None = body("binding:profile")

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.network_id:
            raise InvalidOptions("network_id", "is required")
        return {"port": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a port; None is not sent, an empty list clears (no security groups)."""

    name: str | None = None
    description: str | None = None
    admin_state_up: bool | None = None
    mac_address: str | None = None
    fixed_ips: Sequence[FixedIP] | None = None
    device_id: str | None = None
    device_owner: str | None = None
    security_groups: Sequence[str] | None = None
    allowed_address_pairs: Sequence[AddressPair] | None = None
    port_security_enabled: bool | None = None
    host_id: str | None = body("binding:host_id")
    vnic_type: str | None = body("binding:vnic_type")
    profile: Mapping[str, Any] | None = body("binding:profile")

    def to_body(self) -> dict[str, Any]:
        return {"port": build_body(self)}


_ports = Collection(Port, "port", "ports")


def list(
    client: ServiceClient,
    opts: ListOpts | QueryBuilder | None = None,
    *,
    max_items: int | None = None,
) -> Pager[Port]:
    """The ports the caller can see (``GET /v2.0/ports``), page by page."""
    return _ports.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Port:
    """Create a port; Conflict (``IpAddressAlreadyAllocated``) if an address asked for is taken."""
    return await _ports.create(client, opts)


async def create_bulk(
    client: ServiceClient, opts: Iterable[CreateOpts | BodyBuilder]
) -> builtins.list[Port]:
    """Create several ports in one request, all or none; in the order given."""
    return await _ports.create_bulk(client, opts)


async def get(client: ServiceClient, port_id: str) -> Port:
    """One port by id; NotFound (``PortNotFound``) if there is none."""
    return await _ports.get(client, port_id)


async def update(client: ServiceClient, port_id: str, opts: UpdateOpts | BodyBuilder) -> Port:
    """Change a port (``PUT``); the updated port."""
    return await _ports.update(client, port_id, opts)


async def delete(client: ServiceClient, port_id: str) -> None:
    """Delete a port."""
    await _ports.delete(client, port_id)
