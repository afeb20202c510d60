"""Network interfaces (Neutron ports) attached to a server (``/servers/{id}/os-interface``)."""

from __future__ import annotations

from typing import Any

import attrs

from ....._resource import Collection
from .....errors import InvalidOptions
from .....models import Model
from .....pagination import SinglePage
from .....params import build_body, check_types
from ._base import _servers


@attrs.frozen
class FixedIP(Model):
    """An address of a port on one subnet."""

    ip_address: str
    subnet_id: str | None = None


@attrs.frozen
class Interface(Model):
    """A network interface (a Neutron port) attached to a server; ``tag`` from 2.70."""

    port_id: str
    net_id: str | None = None
    mac_addr: str | None = None
    port_state: str | None = None
    fixed_ips: tuple[FixedIP, ...] = ()
    tag: str | None = None


@attrs.frozen
class AttachInterfaceOpts:
    """An interface to attach: an existing ``port_id``, or a port on ``net_id``.

    ``fixed_ip`` (with ``net_id``) asks for that address; ``tag`` needs 2.49.
    """

    port_id: str | None = None
    net_id: str | None = None
    fixed_ip: str | None = None
    tag: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.port_id is not None and self.net_id is not None:
            raise InvalidOptions("port_id", "give port_id or net_id, not both")
        if self.fixed_ip is not None and self.net_id is None:
            raise InvalidOptions("fixed_ip", "needs net_id")
        attachment: dict[str, Any] = build_body(attrs.evolve(self, fixed_ip=None))
        if self.fixed_ip is not None:
            attachment["fixed_ips"] = [{"ip_address": self.fixed_ip}]
        return {"interfaceAttachment": attachment}


_interfaces = _servers.nested(
    Collection(
        Interface,
        "interfaceAttachment",
        "interfaceAttachments",
        path=("os-interface",),
        page=SinglePage(Interface, "interfaceAttachments"),
        id_name="port_id",
        create_codes=(200,),
        delete_codes=(202,),
    )
)

list_interfaces = _interfaces.lister(
    "list_interfaces", "The network interfaces (ports) of a server."
)
attach_interface = _interfaces.creator(
    "attach_interface",
    AttachInterfaceOpts,
    "Attach a port (or a new port on a network) to a server.",
)
get_interface = _interfaces.getter("get_interface", "One interface of a server, by port id.")
detach_interface = _interfaces.deleter("detach_interface", "Detach an interface (asynchronously).")
