"""Networking LBaaS v1 health monitors: how a pool's members are probed.

```python
monitor = await monitors.create(network, monitors.CreateOpts(
    type="HTTP", delay=20, timeout=10, max_retries=3,
    url_path="/health", expected_codes="200-299"))
await pools.associate_monitor(network, pool.id, monitor.id)
await monitors.update(network, monitor.id, monitors.UpdateOpts(delay=30))
await monitors.delete(network, monitor.id)
```
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......models import Model
from ......params import build_body, check_types, query
from ..._base import Paging, neutron_query, paging_last

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Monitor",
    "MonitorPool",
    "MonitorType",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]

MonitorType = Literal["PING", "TCP", "HTTP", "HTTPS"]


@attrs.frozen
class MonitorPool:
    """A pool a monitor is associated with, and the association's status."""

    pool_id: str
    status: str | None = None
    status_description: str | None = None


@attrs.frozen
class Monitor(Model):
    """A health monitor: probe every ``delay`` s, wait ``timeout`` s, ``max_retries`` misses."""

    id: str
    type: str = ""
    delay: int | None = None
    timeout: int | None = None
    max_retries: int | None = None
    http_method: str | None = None
    url_path: str | None = None
    expected_codes: str | None = None
    pools: tuple[MonitorPool, ...] = ()
    admin_state_up: bool = True
    status: str | None = None
    tenant_id: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Health monitor filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    type: str | None = query()
    delay: int | None = query()
    timeout: int | None = query()
    max_retries: int | None = query()
    http_method: str | None = query()
    url_path: str | None = query()
    expected_codes: str | None = query()
    admin_state_up: bool | None = query()
    status: str | None = query()
    tenant_id: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new monitor; HTTP(S) ones need ``url_path`` and ``expected_codes`` ("200-299").

    ``delay`` must be at least ``timeout``; ``max_retries`` is 1-10.
    """

    type: MonitorType
    delay: int
    timeout: int
    max_retries: int
    url_path: str | None = None
    http_method: str | None = None
    expected_codes: str | None = None
    admin_state_up: bool | None = None
    tenant_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.type not in ("PING", "TCP", "HTTP", "HTTPS"):
            raise InvalidOptions("type", f"must be PING, TCP, HTTP or HTTPS, not {self.type!r}")
        if self.type in ("HTTP", "HTTPS"):
            for name in ("url_path", "expected_codes"):
                if not getattr(self, name):
                    raise InvalidOptions(name, f"is required for {self.type} monitors")
        _check_timing(self.delay, self.timeout, self.max_retries)
        return {"health_monitor": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to a monitor (its type cannot change); fields left None are not sent."""

    delay: int | None = None
    timeout: int | None = None
    max_retries: int | None = None
    url_path: str | None = None
    http_method: str | None = None
    expected_codes: str | None = None
    admin_state_up: bool | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        _check_timing(self.delay, self.timeout, self.max_retries)
        return {"health_monitor": build_body(self)}


def _check_timing(delay: int | None, timeout: int | None, max_retries: int | None) -> None:
    if delay is not None and timeout is not None and delay < timeout:
        raise InvalidOptions("delay", f"must be at least timeout ({delay} < {timeout})")
    if max_retries is not None and not 1 <= max_retries <= 10:
        raise InvalidOptions("max_retries", f"must be 1-10, not {max_retries}")


_monitors = Collection(
    Monitor,
    "health_monitor",
    "health_monitors",
    path=("lb", "health_monitors"),
    update_codes=(200, 202),
    query=neutron_query,
)

list = _monitors.lister(
    ListOpts, "The health monitors (``GET /v2.0/lb/health_monitors``), page by page."
)
create = _monitors.creator(
    CreateOpts, "Create a health monitor (``POST /v2.0/lb/health_monitors``)."
)
get = _monitors.getter("One health monitor by id.")
update = _monitors.updater(UpdateOpts, "Change a health monitor (``PUT``); the updated monitor.")
delete = _monitors.deleter("Delete a health monitor.")
