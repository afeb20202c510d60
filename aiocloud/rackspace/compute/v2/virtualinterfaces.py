"""Rackspace virtual interfaces (``os-virtual-interfacesv2``): a server's NICs, one per network.

```python
vif = await virtualinterfaces.create(compute, server.id, net.id)   # attach a network
async for nic in virtualinterfaces.list(compute, server.id):
    print(nic.mac_address, [(ip.network_label, ip.address) for ip in nic.ip_addresses])
await virtualinterfaces.delete(compute, server.id, vif.id)         # detach it
```

A network is attached to a running server by creating a virtual interface
on it and detached by deleting the interface; an isolated network can only
be deleted once no server has an interface on it.
"""

from __future__ import annotations

import attrs

from ...._resource import Collection
from ....errors import InvalidOptions, ResponseFormatError
from ....models import Model, extract_list
from ....openstack.compute.v2.servers import Server
from ....pagination import SinglePage
from ....service import ServiceClient

__all__ = ["IPAddress", "VirtualInterface", "create", "delete", "list"]


@attrs.frozen
class IPAddress(Model):
    """An address of a virtual interface, on the network named ``network_label``."""

    address: str
    network_id: str | None = None
    network_label: str | None = None


@attrs.frozen
class VirtualInterface(Model):
    """A server's NIC on one network: its MAC address and its IP addresses there."""

    id: str
    mac_address: str | None = None
    ip_addresses: tuple[IPAddress, ...] = ()


_servers = Collection(Server, "server", "servers")
_interfaces = _servers.nested(
    Collection(
        VirtualInterface,
        "virtual_interface",
        "virtual_interfaces",
        path=("os-virtual-interfacesv2",),
        page=SinglePage(VirtualInterface, "virtual_interfaces"),
        id_name="interface_id",
        delete_codes=(200, 202, 204),
    )
)

list = _interfaces.lister("list", "A server's virtual interfaces (one page).")
delete = _interfaces.deleter(
    "delete", "Delete a virtual interface: the server leaves that network."
)


async def create(client: ServiceClient, server_id: str, network_id: str) -> VirtualInterface:
    """Attach a server to a network: its new virtual interface on it."""
    if not network_id:
        raise InvalidOptions("network_id", "is required")
    interfaces = _interfaces.of(server_id)
    answer = await client.json(
        "POST",
        interfaces.url(client),
        json={"virtual_interface": {"network_id": network_id}},
        ok_codes=(200, 201, 202),
    )
    created = extract_list(answer, "virtual_interfaces", VirtualInterface)
    if len(created) != 1:
        raise ResponseFormatError(
            f"creating a virtual interface answered {len(created)} virtual_interfaces, not 1"
        )
    return created[0]
