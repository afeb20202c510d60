"""Identity v3 endpoints: where a catalog service answers, per interface and region (admin).

```python
ep = await endpoints.create(identity, endpoints.CreateOpts(
    interface=Availability.PUBLIC, url="https://nova:8774/v2.1",
    service_id=svc.id, region="RegionOne"))
async for ep in endpoints.list(identity, endpoints.ListOpts(service_id=svc.id,
                                                            interface=Availability.ADMIN)):
    print(ep.id, ep.interface.value, ep.url)
await endpoints.update(identity, ep.id, endpoints.UpdateOpts(enabled=False))
await endpoints.delete(identity, ep.id)
```
"""

from __future__ import annotations

from typing import Any

import attrs

from ...._resource import Collection
from ....endpoints import Availability
from ....models import Model
from ....params import body, build_body, query

__all__ = [
    "CreateOpts",
    "Endpoint",
    "ListOpts",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class Endpoint(Model):
    """One URL of a service for one interface; ``region`` is the region's id.

    Keystone sends both ``region_id`` and the older ``region`` (the same id).
    """

    id: str
    interface: Availability
    service_id: str
    url: str
    region: str | None = None
    region_id: str | None = None
    enabled: bool = True
    name: str | None = None


@attrs.frozen
class ListOpts:
    """Filters for `list()`: by ``interface``, ``service_id`` and ``region`` (id)."""

    interface: Availability | None = query()
    service_id: str | None = query()
    region: str | None = query("region_id")


@attrs.frozen
class CreateOpts:
    """A new endpoint: ``interface``, ``url`` and ``service_id`` are required.

    ``region`` is the region's id (sent as ``region_id``).
    """

    interface: Availability
    url: str
    service_id: str
    region: str | None = body("region_id")
    enabled: bool | None = None
    name: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"endpoint": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """Changes to an endpoint; fields left None are not sent."""

    interface: Availability | None = None
    url: str | None = None
    service_id: str | None = None
    region: str | None = body("region_id")
    enabled: bool | None = None
    name: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"endpoint": build_body(self)}


_endpoints = Collection(Endpoint, "endpoint", "endpoints", update_method="PATCH")

list = _endpoints.lister(ListOpts, "The endpoints, optionally filtered (``GET /v3/endpoints``).")
create = _endpoints.creator(CreateOpts, "Create an endpoint (``POST /v3/endpoints``).")
get = _endpoints.getter("One endpoint by id.")
update = _endpoints.updater(
    UpdateOpts, "Change an endpoint (``PATCH``); returns the updated endpoint."
)
delete = _endpoints.deleter("Delete an endpoint (``DELETE /v3/endpoints/<id>``).")
