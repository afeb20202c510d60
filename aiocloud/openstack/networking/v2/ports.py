"""Networking v2 ports: a network attachment with its MAC, addresses and security groups.

```python
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
```

`FixedIP` and `AddressPair` are read from answers and sent in
options alike. The ``binding:*`` attributes (host, VNIC and VIF type,
profile) are on `Port` when the cloud shows them (admins, usually).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ...._resource import Collection
from ....errors import InvalidOptions
from ....models import json_key
from ....params import body, build_body, build_query_params, check_types, query
from ._base import Paging, Tagged, neutron_query, paging_last

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
class Port(Tagged):
    """A port: where it is attached (device), its addresses and its security groups."""

    id: str
    network_id: str = ""
    name: str = ""
    admin_state_up: bool = True
    status: str | None = None
    mac_address: str | None = None
    fixed_ips: tuple[FixedIP, ...] = ()
    device_id: str = ""
    device_owner: str = ""
    security_groups: tuple[str, ...] = ()
    allowed_address_pairs: tuple[AddressPair, ...] = ()
    port_security_enabled: bool | None = None
    host_id: str | None = json_key("binding:host_id", default=None)
    vnic_type: str | None = json_key("binding:vnic_type", default=None)
    vif_type: str | None = json_key("binding:vif_type", default=None)
    vif_details: dict[str, Any] | None = json_key("binding:vif_details", default=None)
    profile: dict[str, Any] | None = json_key("binding:profile", default=None)


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Port filters for `list()`, with the paging and sorting of every listing.

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

    def to_query(self) -> builtins.list[tuple[str, str]]:
        pairs = build_query_params(self)
        for ip in self.fixed_ips or ():
            if ip.ip_address is not None:
                pairs.append(("fixed_ips", f"ip_address={ip.ip_address}"))
            if ip.subnet_id is not None:
                pairs.append(("fixed_ips", f"subnet_id={ip.subnet_id}"))
        return pairs


@attrs.frozen(kw_only=True)
class _PortFields:
    """What options set on a port, created or changed (``host_id`` etc.: the binding)."""

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


@attrs.frozen(kw_only=True)
class CreateOpts(_PortFields):
    """A new port on ``network_id``; ``host_id``/``vnic_type``/``profile`` set the binding."""

    network_id: str = attrs.field(kw_only=False)
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.network_id:
            raise InvalidOptions("network_id", "is required")
        return super().to_body()


@attrs.frozen(kw_only=True)
class UpdateOpts(_PortFields):
    """Changes to a port; None is not sent, an empty list clears (no security groups)."""


_ports = Collection(Port, "port", "ports", query=neutron_query)

list = _ports.lister(ListOpts, "The ports the caller can see (``GET /v2.0/ports``), page by page.")
create = _ports.creator(
    CreateOpts,
    "Create a port; Conflict (``IpAddressAlreadyAllocated``) if an address asked for is taken.",
)
create_bulk = _ports.bulk_creator(
    CreateOpts, "Create several ports in one request, all or none; in the order given."
)
get = _ports.getter("One port by id; NotFound (``PortNotFound``) if there is none.")
update = _ports.updater(UpdateOpts, "Change a port (``PUT``); the updated port.")
delete = _ports.deleter("Delete a port.")
