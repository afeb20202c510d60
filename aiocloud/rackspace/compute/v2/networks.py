"""Rackspace isolated networks (Cloud Networks through Cloud Servers, ``os-networksv2``).

```python
net = await networks.create(compute, networks.CreateOpts(label="backend", cidr="192.168.3.0/24"))
async for n in networks.list(compute):      # PublicNet and ServiceNet too, without a CIDR
    print(n.id, n.label, n.cidr)
await servers.create(compute, servers.CreateOpts(..., networks=[
    servers.Network(uuid=servers.PUBLIC_NET), servers.Network(uuid=net.id)]))
await networks.delete(compute, net.id)       # Conflict while a server is attached to it
```

The older Nova-network view of Cloud Networks; a server is attached to a
network at boot, or later with a virtual interface (`.virtualinterfaces`).
"""

from __future__ import annotations

import ipaddress
from typing import Any

import attrs

from ...._resource import Collection
from ....errors import InvalidOptions
from ....models import Model
from ....pagination import Pager, SinglePage
from ....params import check_types
from ....service import ServiceClient

__all__ = ["CreateOpts", "Network", "create", "delete", "get", "list"]


@attrs.frozen
class Network(Model):
    """A network: ``label`` is its name (``public`` for PublicNet, ``private`` for ServiceNet).

    ``cidr`` is None for PublicNet and ServiceNet, which are Rackspace's.
    """

    id: str
    label: str | None = None
    cidr: str | None = None


@attrs.frozen
class CreateOpts:
    """A new isolated network: a ``label`` and a ``cidr`` (IPv4 or IPv6: 192.168.0.0/24)."""

    label: str
    cidr: str

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.label:
            raise InvalidOptions("label", "is required")
        _check_cidr(self.cidr)
        return {"network": {"label": self.label, "cidr": self.cidr}}


def _check_cidr(cidr: str) -> None:
    """Reject what is not an IPv4 or IPv6 network with its prefix length."""
    if "/" not in cidr:
        raise InvalidOptions("cidr", f"{cidr!r} needs a prefix length, like 192.168.0.0/24")
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        raise InvalidOptions("cidr", f"{cidr!r} is not an IPv4 or IPv6 network") from None
    if ipaddress.ip_interface(cidr).ip != network.network_address:
        raise InvalidOptions("cidr", f"{cidr!r} has host bits set: the network is {network}")


_networks = Collection(
    Network,
    "network",
    "networks",
    path=("os-networksv2",),
    page=SinglePage(Network, "networks"),
    create_codes=(200, 201, 202),
    delete_codes=(202, 204),
)

create = _networks.creator(CreateOpts, "Create an isolated network.")
get = _networks.getter("One network by id.")
delete = _networks.deleter("Delete an isolated network; Conflict while a server is attached to it.")


def list(client: ServiceClient) -> Pager[Network]:
    """The account's networks, PublicNet and ServiceNet included (one page)."""
    return _networks.list(client)
