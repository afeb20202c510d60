"""Identity v3 services: the entries of the service catalog (admin).

svc = await services.create(identity, services.CreateOpts(type="compute", name="nova"))
async for svc in services.list(identity, services.ListOpts(type="compute")):
    print(svc.id, svc.name)
await services.update(identity, svc.id, services.UpdateOpts(enabled=False))
await services.delete(identity, svc.id)
"""

from __future__ import annotations

from typing import Any

import attrs

from ....models import Model, extract
from ....pagination import LinkedPage, Pager
from ....params import build_body, build_query_params, query
from ....service import ServiceClient

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
    """Filters for :func:`list`."""

    type: str | None = query()
    name: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new service: ``type`` is required; ``extra`` holds any further attributes."""

    type: str
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: dict[str, Any] | None = None

    def to_body(self) -> dict[str, Any]:
        return {"service": _with_extra(build_body(self))}


@attrs.frozen
class UpdateOpts:
    """Changes to a service; fields left None are not sent."""

    type: str | None = None
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: dict[str, Any] | None = None

    def to_body(self) -> dict[str, Any]:
        return {"service": _with_extra(build_body(self))}


def _with_extra(body: dict[str, Any]) -> dict[str, Any]:
    extra = body.pop("extra", None) or {}
    return {**extra, **body}


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Service]:
    """The services, optionally filtered by type or name (``GET /v3/services``)."""
    return Pager(
        client,
        client.service_url("services"),
        LinkedPage("services", Service),
        params=build_query_params(opts),
        max_items=max_items,
    )


async def create(client: ServiceClient, opts: CreateOpts) -> Service:
    """Create a service (``POST /v3/services``)."""
    body = await client.json(
        "POST", client.service_url("services"), json=opts.to_body(), ok_codes=(201,)
    )
    return extract(body, "service", Service)


async def get(client: ServiceClient, service_id: str) -> Service:
    """One service by id."""
    body = await client.json("GET", client.service_url("services", service_id))
    return extract(body, "service", Service)


async def update(client: ServiceClient, service_id: str, opts: UpdateOpts) -> Service:
    """Change a service (``PATCH``); returns the updated service."""
    body = await client.json(
        "PATCH", client.service_url("services", service_id), json=opts.to_body(), ok_codes=(200,)
    )
    return extract(body, "service", Service)


async def delete(client: ServiceClient, service_id: str) -> None:
    """Delete a service (its endpoints go with it)."""
    await client.request("DELETE", client.service_url("services", service_id), ok_codes=(204,))
