"""Networking v2 subnets: IPv4/IPv6 address blocks of a network.

```python
sub = await subnets.create(network, subnets.CreateOpts(
    network_id=net.id, cidr="10.0.0.0/24", ip_version=4,
    allocation_pools=[subnets.AllocationPool("10.0.0.10", "10.0.0.99")],
    dns_nameservers=["10.0.0.2"],
    host_routes=[subnets.HostRoute("192.168.0.0/16", "10.0.0.254")],
))
await subnets.update(network, sub.id, subnets.UpdateOpts(gateway_ip=EXPLICIT_NULL))
async for sub in subnets.list(network, subnets.ListOpts(network_id=net.id)):
    print(sub.cidr, sub.gateway_ip)
```

``gateway_ip``: None leaves it to Neutron (the first address on create,
unchanged on update); `EXPLICIT_NULL` sends ``null``,
a subnet without gateway. `AllocationPool` and `HostRoute` are
read from answers and sent in options alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import attrs

from ...._resource import Collection
from ....errors import InvalidOptions
from ....params import ExplicitNull, build_body, check_types, query
from ._base import Paging, Tagged, neutron_query, paging_last

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
class Subnet(Tagged):
    """A subnet; ``gateway_ip`` is None when the subnet has no gateway."""

    id: str
    network_id: str = ""
    cidr: str = ""
    ip_version: int = 4
    name: str = ""
    gateway_ip: str | None = None
    enable_dhcp: bool = True
    allocation_pools: tuple[AllocationPool, ...] = ()
    dns_nameservers: tuple[str, ...] = ()
    host_routes: tuple[HostRoute, ...] = ()
    ipv6_ra_mode: str | None = None
    ipv6_address_mode: str | None = None
    subnetpool_id: str | None = None
    service_types: tuple[str, ...] = ()


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Subnet filters for `list()`, with the paging and sorting of every listing."""

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


@attrs.frozen(kw_only=True)
class _SubnetFields:
    """What options set on a subnet, created or changed."""

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


@attrs.frozen(kw_only=True)
class CreateOpts(_SubnetFields):
    """A new subnet of ``network_id``.

    Give ``cidr``, or take a block from ``subnetpool_id`` (with ``prefixlen``)
    or from the default pool (``use_default_subnet_pool``). ``ip_version`` is 4
    or 6; the IPv6 modes need 6.
    """

    network_id: str = attrs.field(kw_only=False)
    cidr: str | None = attrs.field(default=None, kw_only=False)
    ip_version: Literal[4, 6] = attrs.field(default=4, kw_only=False)
    ipv6_ra_mode: IPv6Mode | None = None
    ipv6_address_mode: IPv6Mode | None = None
    subnetpool_id: str | None = None
    prefixlen: int | None = None
    use_default_subnet_pool: bool | None = None
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
        return super().to_body()


@attrs.frozen(kw_only=True)
class UpdateOpts(_SubnetFields):
    """Changes to a subnet; None is not sent, empty lists clear, EXPLICIT_NULL drops the gateway."""


def _check_ipv6_modes(opts: CreateOpts) -> None:
    modes = (("ipv6_ra_mode", opts.ipv6_ra_mode), ("ipv6_address_mode", opts.ipv6_address_mode))
    for name, mode in modes:
        if mode is None:
            continue
        if opts.ip_version != 6:
            raise InvalidOptions(name, "needs ip_version 6")
        if mode not in _IPV6_MODES:
            raise InvalidOptions(name, f"must be one of {', '.join(_IPV6_MODES)}")


_subnets = Collection(Subnet, "subnet", "subnets", query=neutron_query)

list = _subnets.lister(
    ListOpts, "The subnets the caller can see (``GET /v2.0/subnets``), page by page."
)
create = _subnets.creator(CreateOpts, "Create a subnet (``POST /v2.0/subnets``).")
create_bulk = _subnets.bulk_creator(
    CreateOpts, "Create several subnets in one request, all or none; in the order given."
)
get = _subnets.getter("One subnet by id; NotFound (``SubnetNotFound``) if there is none.")
update = _subnets.updater(UpdateOpts, "Change a subnet (``PUT``); the updated subnet.")
delete = _subnets.deleter(
    "Delete a subnet; Conflict (``SubnetInUse``) while ports have addresses on it."
)
