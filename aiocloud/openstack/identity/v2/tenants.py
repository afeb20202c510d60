"""Identity v2.0 tenants: the projects the token's user may use (``GET /v2.0/tenants``).

async for tenant in tenants.list(identity, tenants.ListOpts(limit=100)):
    print(tenant.id, tenant.name, tenant.enabled)

A v2.0 token can be scoped to one of them with ``AuthOptions(tenant_id=...)``.
"""

from __future__ import annotations

import attrs

from ....models import Model
from ....pagination import LinkedPage, Pager
from ....params import build_query_params, query
from ....service import ServiceClient

__all__ = ["ListOpts", "Tenant", "list"]


@attrs.frozen
class Tenant(Model):
    """A tenant (a v3 "project"): id, name, description and whether it is enabled."""

    id: str
    name: str
    description: str | None = None
    enabled: bool = True


@attrs.frozen
class ListOpts:
    """Paging of :func:`list`: ``limit`` tenants per request, starting after ``marker``."""

    marker: str | None = query()
    limit: int | None = query()


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Tenant]:
    """The tenants, page by page following ``tenants_links`` rel=next."""
    return Pager(
        client,
        client.service_url("tenants"),
        LinkedPage("tenants", Tenant),
        params=build_query_params(opts),
        max_items=max_items,
    )
