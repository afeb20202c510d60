"""Identity v3 services: the entries of the service catalog (admin).

```python
svc = await services.create(identity, services.CreateOpts(type="compute", name="nova"))
async for svc in services.list(identity, services.ListOpts(type="compute")):
    print(svc.id, svc.name)
await services.update(identity, svc.id, services.UpdateOpts(enabled=False))
await services.delete(identity, svc.id)
```
"""

from __future__ import annotations

from typing import Any

import attrs

from ...._resource import Collection
from ....models import Model
from ....params import build_body, query

__all__ = [
    "CreateOpts",
    "ListOpts",
    "Service",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class Service(Model):
    """A catalog service: its type (``compute``), name and whether it is enabled."""

    id: str
    type: str
    name: str | None = None
    description: str | None = None
    enabled: bool = True


@attrs.frozen
class ListOpts:
    """Filters for `list()`."""

    type: str | None = query()
    name: str | None = query()


class _ServiceBody:
    """Options sent as ``{"service": {...}}``: the set fields, ``extra``'s attributes merged in."""

    __slots__ = ()

    def to_body(self) -> dict[str, Any]:
        body = build_body(self)
        extra = body.pop("extra", None) or {}
        return {"service": {**extra, **body}}


@attrs.frozen
class CreateOpts(_ServiceBody):
    """A new service: ``type`` is required; ``extra`` holds any further attributes."""

    type: str
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: dict[str, Any] | None = None


@attrs.frozen
class UpdateOpts(_ServiceBody):
    """Changes to a service; fields left None are not sent."""

    type: str | None = None
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: dict[str, Any] | None = None


_services = Collection(Service, "service", "services", update_method="PATCH")

list = _services.lister(
    ListOpts, "The services, optionally filtered by type or name (``GET /v3/services``)."
)
create = _services.creator(CreateOpts, "Create a service (``POST /v3/services``).")
get = _services.getter("One service by id.")
update = _services.updater(UpdateOpts, "Change a service (``PATCH``); returns the updated service.")
delete = _services.deleter("Delete a service (its endpoints go with it).")
