"""Networking v2 subnets: IPv4/IPv6 address blocks of a network.

sub = await subnets.create(network, subnets.CreateOpts(
    network_id=net.id, cidr="10.0.0.0/24", ip_version=4,
    allocation_pools=[subnets.AllocationPool("10.0.0.10", "10.0.0.99")],
    dns_nameservers=["10.0.0.2"],
    host_routes=[subnets.HostRoute("192.168.0.0/16", "10.0.0.254")],
))
await subnets.update(network, sub.id, subnets.UpdateOpts(gateway_ip=EXPLICIT_NULL))
async for sub in subnets.list(network, subnets.ListOpts(network_id=net.id)):
    print(sub.cidr, sub.gateway_ip)

``gateway_ip``: None leaves it to Neutron (the first address on create,
unchanged on update); :data:`~aiocloud.params.EXPLICIT_NULL` sends ``null``,
a subnet without gateway. :class:`AllocationPool` and :class:`HostRoute` are
read from answers and sent in options alike.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Literal

import attrs

from ....errors import InvalidOptions
from ....models import Model
from ....pagination import Pager
from ....params import ExplicitNull, build_body, check_types, query
from ....service import ServiceClient
from ._base import BodyBuilder, Collection, QueryBuilder

__all__ = [
    "AllocationPool",
    "CreateOpts",
    "HostRoute",
    "IPv6Mode",
    "ListOpts",
    "Subnet",
    "UpdateOpts",
    "create",
    "create_bulk",
    "delete",
    "get",
    "list",
    "update",
]

IPv6Mode = Literal["slaac", "dhcpv6-stateful", "dhcpv6-stateless"]
"""``ipv6_ra_mode`` / ``ipv6_address_mode`` values."""

_IPV6_MODES = ("slaac", "dhcpv6-stateful", "dhcpv6-stateless")


@attrs.frozen
class AllocationPool:
    """A range of addresses Neutron hands out to ports (both ends included)."""

    start: str
    end: str


@attrs.frozen
class HostRoute:
    """A static route DHCP announces to the subnet's hosts."""

    destination: str
    nexthop: str


@attrs.frozen
class Subnet(Model):
    """A subnet; ``gateway_ip`` is None when the subnet has no gateway."""

    id: str
    network_id: str = ""
    cidr: str = ""
    ip_version: int = 4
    name: str = ""
    description: str | None = None
    gateway_ip: str | None = None
    enable_dhcp: bool = True
    allocation_pools: tuple[AllocationPool, ...] = ()
    dns_nameservers: tuple[str, ...] = ()
    host_routes: tuple[HostRoute, ...] = ()
    ipv6_ra_mode: str | None = None
    ipv6_address_mode: str | None = None
    subnetpool_id: str | None = None
    service_types: tuple[str, ...] = ()
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
    network_id: str | None = query()
    ip_version: int | None = query()
    cidr: str | None = query()
    gateway_ip: str | None = query()
    enable_dhcp: bool | None = query()
    ipv6_ra_mode: str | None = query()
    ipv6_address_mode: str | None = query()
    subnetpool_id: str | None = query()
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
    """A new subnet of ``network_id``.

    Give ``cidr``, or take a block from ``subnetpool_id`` (with ``prefixlen``)
    or from the default pool (``use_default_subnet_pool``). ``ip_version`` is 4
    or 6; the IPv6 modes need 6.
    """

    network_id: str
    cidr: str | None = None
    ip_version: Literal[4, 6] = 4
    name: str | None = None
    description: str | None = None
    gateway_ip: str | ExplicitNull | None = None
    enable_dhcp: bool | None = None
    allocation_pools: Sequence[AllocationPool] | None = None
    dns_nameservers: Sequence[str] | None = None
    host_routes: Sequence[HostRoute] | None = None
    ipv6_ra_mode: IPv6Mode | None = None
    ipv6_address_mode: IPv6Mode | None = None
    subnetpool_id: str | None = None
    prefixlen: int | None = None
    use_default_subnet_pool: bool | None = None
    service_types: Sequence[str] | None = None
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.network_id:
            raise InvalidOptions("network_id", "is required")
        if self.ip_version not in (4, 6):
            raise InvalidOptions("ip_version", f"must be 4 or 6, not {self.ip_version!r}")
        if self.cidr is None and self.subnetpool_id is None and not self.use_default_subnet_pool:
            raise InvalidOptions("cidr", "give a cidr, a subnetpool_id or use_default_subnet_pool")
        _check_ipv6_modes(self)
        return {"subnet": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a subnet; None is not sent, empty lists clear, EXPLICIT_NULL drops the gateway."""

    name: str | None = None
    description: str | None = None
    gateway_ip: str | ExplicitNull | None = None
    enable_dhcp: bool | None = None
    allocation_pools: Sequence[AllocationPool] | None = None
    dns_nameservers: Sequence[str] | None = None
    host_routes: Sequence[HostRoute] | None = None
    service_types: Sequence[str] | None = None

    def to_body(self) -> dict[str, Any]:
        return {"subnet": build_body(self)}


def _check_ipv6_modes(opts: CreateOpts) -> None:
    modes = (("ipv6_ra_mode", opts.ipv6_ra_mode), ("ipv6_address_mode", opts.ipv6_address_mode))
    for name, mode in modes:
        if mode is None:
            continue
        if opts.ip_version != 6:
            raise InvalidOptions(name, "needs ip_version 6")
        if mode not in _IPV6_MODES:
            raise InvalidOptions(name, f"must be one of {', '.join(_IPV6_MODES)}")


_subnets = Collection(Subnet, "subnet", "subnets")


def list(
    client: ServiceClient,
    opts: ListOpts | QueryBuilder | None = None,
    *,
    max_items: int | None = None,
) -> Pager[Subnet]:
    """The subnets the caller can see (``GET /v2.0/subnets``), page by page."""
    return _subnets.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: CreateOpts | BodyBuilder) -> Subnet:
    """Create a subnet (``POST /v2.0/subnets``)."""
    return await _subnets.create(client, opts)


async def create_bulk(
    client: ServiceClient, opts: Iterable[CreateOpts | BodyBuilder]
) -> builtins.list[Subnet]:
    """Create several subnets in one request, all or none; in the order given."""
    return await _subnets.create_bulk(client, opts)


async def get(client: ServiceClient, subnet_id: str) -> Subnet:
    """One subnet by id; NotFound (``SubnetNotFound``) if there is none."""
    return await _subnets.get(client, subnet_id)


async def update(client: ServiceClient, subnet_id: str, opts: UpdateOpts | BodyBuilder) -> Subnet:
    """Change a subnet (``PUT``); the updated subnet."""
    return await _subnets.update(client, subnet_id, opts)


async def delete(client: ServiceClient, subnet_id: str) -> None:
    """Delete a subnet; Conflict (``SubnetInUse``) while ports have addresses on it."""
    await _subnets.delete(client, subnet_id)
