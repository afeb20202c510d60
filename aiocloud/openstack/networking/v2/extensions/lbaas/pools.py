"""Networking LBaaS v1 pools: the members a VIP balances over, and their health monitors.

```python
pool = await pools.create(network, pools.CreateOpts(
    name="web", subnet_id=sub.id, protocol="HTTP", lb_method="ROUND_ROBIN"))
await pools.associate_monitor(network, pool.id, monitor.id)
await pools.disassociate_monitor(network, pool.id, monitor.id)
await pools.delete(network, pool.id)
```
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......models import json_key
from ......params import build_body, check_types, query
from ......service import ServiceClient
from ..._base import Paging, neutron_query, paging_last
from ._base import LBaaSResource

__all__ = [
    "CreateOpts",
    "LBMethod",
    "LBProtocol",
    "ListOpts",
    "Pool",
    "UpdateOpts",
    "associate_monitor",
    "create",
    "delete",
    "disassociate_monitor",
    "get",
    "list",
    "update",
]

LBMethod = Literal["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP"]
LBProtocol = Literal["TCP", "HTTP", "HTTPS"]


@attrs.frozen
class Pool(LBaaSResource):
    """A pool: how it balances (``lb_method``), its members and monitors (ids)."""

    id: str
    name: str = ""
    description: str | None = None
    lb_method: str | None = None
    protocol: str | None = None
    subnet_id: str | None = None
    vip_id: str | None = None
    member_ids: tuple[str, ...] = json_key("members", default=())
    monitor_ids: tuple[str, ...] = json_key("health_monitors", default=())
    provider: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Pool filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    name: str | None = query()
    status: str | None = query()
    lb_method: str | None = query()
    protocol: str | None = query()
    subnet_id: str | None = query()
    vip_id: str | None = query()
    admin_state_up: bool | None = query()
    tenant_id: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new pool on ``subnet_id``, balancing ``protocol`` traffic with ``lb_method``."""

    subnet_id: str
    protocol: LBProtocol
    lb_method: LBMethod
    name: str | None = None
    description: str | None = None
    provider: str | None = None
    admin_state_up: bool | None = None
    tenant_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        for name in ("subnet_id", "protocol", "lb_method"):
            if not getattr(self, name):
                raise InvalidOptions(name, "is required")
        return {"pool": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a pool; fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    lb_method: LBMethod | None = None
    admin_state_up: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"pool": build_body(self)}


_pools = Collection(
    Pool, "pool", "pools", path=("lb", "pools"), update_codes=(200, 202), query=neutron_query
)

list = _pools.lister(ListOpts, "The pools (``GET /v2.0/lb/pools``), page by page.")
create = _pools.creator(CreateOpts, "Create a pool (``POST /v2.0/lb/pools``).")
get = _pools.getter("One pool by id.")
update = _pools.updater(UpdateOpts, "Change a pool (``PUT``); the updated pool.")
delete = _pools.deleter("Delete a pool.")


async def associate_monitor(client: ServiceClient, pool_id: str, monitor_id: str) -> None:
    """Let a health monitor watch the pool's members (``POST .../health_monitors``)."""
    if not monitor_id:
        raise InvalidOptions("monitor_id", "is required")
    await client.request(
        "POST",
        _pools.item_url(client, pool_id, "health_monitors"),
        json={"health_monitor": {"id": monitor_id}},
        ok_codes=(201,),
    )


async def disassociate_monitor(client: ServiceClient, pool_id: str, monitor_id: str) -> None:
    """Stop a health monitor watching the pool (``DELETE .../health_monitors/<id>``)."""
    if not monitor_id:
        raise InvalidOptions("monitor_id", "is required")
    await client.request(
        "DELETE", _pools.item_url(client, pool_id, "health_monitors", monitor_id), ok_codes=(204,)
    )
