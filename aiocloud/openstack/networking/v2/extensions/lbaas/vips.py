"""Networking LBaaS v1 VIPs: the address clients connect to, in front of one pool.

```python
vip = await vips.create(network, vips.CreateOpts(
    name="web", subnet_id=sub.id, protocol="HTTP", protocol_port=80, pool_id=pool.id,
    persistence=vips.SessionPersistence(type="APP_COOKIE", cookie_name="session")))
await vips.update(network, vip.id, vips.UpdateOpts(persistence=EXPLICIT_NULL))  # none
await vips.delete(network, vip.id)
```
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......models import json_key
from ......params import ExplicitNull, body, build_body, check_types, query
from ..._base import Paging, neutron_query, paging_last
from ._base import LBaaSResource
from .pools import LBProtocol

__all__ = [
    "VIP",
    "CreateOpts",
    "ListOpts",
    "PersistenceType",
    "SessionPersistence",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]

PersistenceType = Literal["SOURCE_IP", "HTTP_COOKIE", "APP_COOKIE"]


@attrs.frozen
class SessionPersistence:
    """Keep a client on one member: by source address or by cookie (``APP_COOKIE`` names it)."""

    type: str
    cookie_name: str | None = None


@attrs.frozen
class VIP(LBaaSResource):
    """A virtual IP: ``address``:``protocol_port`` on ``subnet_id``, balanced over ``pool_id``."""

    id: str
    name: str = ""
    description: str | None = None
    subnet_id: str | None = None
    address: str | None = None
    port_id: str | None = None
    protocol: str | None = None
    protocol_port: int | None = None
    pool_id: str | None = None
    persistence: SessionPersistence | None = json_key("session_persistence", default=None)
    connection_limit: int | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """VIP filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    name: str | None = query()
    status: str | None = query()
    subnet_id: str | None = query()
    address: str | None = query()
    port_id: str | None = query()
    protocol: str | None = query()
    protocol_port: int | None = query()
    pool_id: str | None = query()
    connection_limit: int | None = query()
    admin_state_up: bool | None = query()
    tenant_id: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new VIP for ``pool_id`` (a pool has at most one); ``connection_limit`` -1 is none."""

    name: str
    subnet_id: str
    protocol: LBProtocol
    protocol_port: int
    pool_id: str
    address: str | None = None
    description: str | None = None
    persistence: SessionPersistence | None = body("session_persistence")
    connection_limit: int | None = None
    admin_state_up: bool | None = None
    tenant_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        for name in ("name", "subnet_id", "protocol", "pool_id"):
            if not getattr(self, name):
                raise InvalidOptions(name, "is required")
        if not 0 < self.protocol_port < 65536:
            raise InvalidOptions("protocol_port", f"must be 1-65535, not {self.protocol_port}")
        _check_persistence(self.persistence)
        return {"vip": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a VIP: ``persistence=EXPLICIT_NULL`` turns persistence off."""

    name: str | None = None
    description: str | None = None
    pool_id: str | None = None
    persistence: SessionPersistence | ExplicitNull | None = body("session_persistence")
    connection_limit: int | None = None
    admin_state_up: bool | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if isinstance(self.persistence, SessionPersistence):
            _check_persistence(self.persistence)
        return {"vip": build_body(self)}


def _check_persistence(persistence: SessionPersistence | None) -> None:
    if persistence is None:
        return
    if persistence.type not in ("SOURCE_IP", "HTTP_COOKIE", "APP_COOKIE"):
        raise InvalidOptions(
            "persistence",
            f"type must be SOURCE_IP, HTTP_COOKIE or APP_COOKIE, not {persistence.type!r}",
        )
    if persistence.type == "APP_COOKIE" and not persistence.cookie_name:
        raise InvalidOptions("persistence", "APP_COOKIE needs a cookie_name")


_vips = Collection(
    VIP, "vip", "vips", path=("lb", "vips"), update_codes=(200, 202), query=neutron_query
)

list = _vips.lister(ListOpts, "The VIPs (``GET /v2.0/lb/vips``), page by page.")
create = _vips.creator(CreateOpts, "Create a VIP; Conflict if the pool already has one.")
get = _vips.getter("One VIP by id.")
update = _vips.updater(UpdateOpts, "Change a VIP (``PUT``); the updated VIP.")
delete = _vips.deleter("Delete a VIP.")
