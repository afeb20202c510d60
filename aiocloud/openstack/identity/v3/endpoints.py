"""Identity v3 endpoints: where a catalog service answers, per interface and region (admin).

ep = await endpoints.create(identity, endpoints.CreateOpts(
    interface=Availability.PUBLIC, url="https://nova:8774/v2.1",
    service_id=svc.id, region="RegionOne"))
async for ep in endpoints.list(identity, endpoints.ListOpts(service_id=svc.id,
                                                            interface=Availability.ADMIN)):
    print(ep.id, ep.interface.value, ep.url)
await endpoints.update(identity, ep.id, endpoints.UpdateOpts(enabled=False))
await endpoints.delete(identity, ep.id)
"""

from __future__ import annotations

from typing import Any

import attrs

from ....endpoints import Availability
from ....models import Model, extract
from ....pagination import LinkedPage, Pager
from ....params import body, build_body, build_query_params, query
from ....service import ServiceClient

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
    """Filters for :func:`list`: by ``interface``, ``service_id`` and ``region`` (id)."""

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


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Endpoint]:
    """The endpoints, optionally filtered (``GET /v3/endpoints``)."""
    return Pager(
        client,
        client.service_url("endpoints"),
        LinkedPage("endpoints", Endpoint),
        params=build_query_params(opts),
        max_items=max_items,
    )


async def create(client: ServiceClient, opts: CreateOpts) -> Endpoint:
    """Create an endpoint (``POST /v3/endpoints``)."""
    answer = await client.json(
        "POST", client.service_url("endpoints"), json=opts.to_body(), ok_codes=(201,)
    )
    return extract(answer, "endpoint", Endpoint)


async def get(client: ServiceClient, endpoint_id: str) -> Endpoint:
    """One endpoint by id."""
    answer = await client.json("GET", client.service_url("endpoints", endpoint_id))
    return extract(answer, "endpoint", Endpoint)


async def update(client: ServiceClient, endpoint_id: str, opts: UpdateOpts) -> Endpoint:
    """Change an endpoint (``PATCH``); returns the updated endpoint."""
    answer = await client.json(
        "PATCH", client.service_url("endpoints", endpoint_id), json=opts.to_body(), ok_codes=(200,)
    )
    return extract(answer, "endpoint", Endpoint)


async def delete(client: ServiceClient, endpoint_id: str) -> None:
    """Delete an endpoint (``DELETE /v3/endpoints/<id>``)."""
    await client.request("DELETE", client.service_url("endpoints", endpoint_id), ok_codes=(204,))
