"""identity: every linked listing, two pages shaped like Keystone's answers.

v2.0 ``GET /tenants`` answers ``{"tenants": [...], "tenants_links": [...]}``
(keystone's v2 ``format_project_list``; Keystone itself always sent an empty
list there, but the API names ``tenants_links`` the place of a next link).
v3 collections carry ``"links": {"self": url, "previous": null, "next": null}``
(keystone/server/flask/common.py ``wrap_collection``), so ``links.next`` is
where a next page would be announced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from aiocloud import openstack
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v2 import tenants
from aiocloud.openstack.identity.v3 import endpoints, services
from aiocloud.pagination import Pager
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import requested, serve_pages

V2 = "https://cloud.test:5000/v2.0"
V3 = "https://cloud.test:5000/v3"

TENANT_IDS = (
    "1ae2ccd3c5554a1e8a8f7ab3d0f9d5c1",
    "3a7d4f2b9c8e4d6f8a1b2c3d4e5f6a7b",
    "fc394f2ab2df4114bde39905f800dc57",
)
SERVICE_IDS = ("1999c3", "2b3f4a", "9a8b7c")
NAMES = ("nova", "nova-legacy", "nova-cells")
ENDPOINT_IDS = ("828384", "601cdc", "a1b2c3")
URLS = ("https://cloud.test:8774/v2.1", "https://cloud.test:9696", "https://cloud.test:8776/v3")


def tenant(tenant_id: str, name: str) -> dict[str, Any]:
    """api-ref (identity v2): list tenants response."""
    return {"id": tenant_id, "name": name, "description": f"{name} tenant", "enabled": True}


def service(service_id: str, kind: str, name: str) -> dict[str, Any]:
    """api-ref (identity v3): list services response."""
    return {
        "description": f"{name} service",
        "enabled": True,
        "id": service_id,
        "links": {"self": f"{V3}/services/{service_id}"},
        "name": name,
        "type": kind,
    }


def endpoint(endpoint_id: str, url: str) -> dict[str, Any]:
    """api-ref (identity v3): list endpoints response."""
    return {
        "enabled": True,
        "id": endpoint_id,
        "interface": "public",
        "links": {"self": f"{V3}/endpoints/{endpoint_id}"},
        "region": "RegionOne",
        "region_id": "RegionOne",
        "service_id": "9242e05f0c23467bbd1cf1f7a6e5e596",
        "url": url,
    }


async def test_v2_tenants_follow_tenants_links() -> None:
    url = f"{V2}/tenants"
    a, b, c = TENANT_IDS
    href = f"{url}?limit=2&marker={b}"
    async with MockCloud("v2.0") as cloud:
        identity = await openstack.new_identity_v2(cloud.provider)
        route = serve_pages(
            cloud.router,
            url,
            {
                "tenants": [tenant(a, "admin"), tenant(b, "demo")],
                "tenants_links": [{"href": href, "rel": "next"}],
            },
            {"tenants": [tenant(c, "ops")], "tenants_links": []},
        )

        found = await tenants.list(identity, tenants.ListOpts(limit=2)).all()

    assert requested(route) == [f"{url}?limit=2", href]
    assert [(t.id, t.name) for t in found] == [(a, "admin"), (b, "demo"), (c, "ops")]


V3_LISTINGS = [
    pytest.param(
        lambda c: services.list(c, services.ListOpts(type="compute")),
        "services",
        "type=compute",
        "name",
        [service(a, "compute", name) for a, name in zip(SERVICE_IDS, NAMES, strict=True)],
        id="services",
    ),
    pytest.param(
        lambda c: endpoints.list(c, endpoints.ListOpts(interface=Availability.PUBLIC)),
        "endpoints",
        "interface=public",
        "url",
        [endpoint(a, url) for a, url in zip(ENDPOINT_IDS, URLS, strict=True)],
        id="endpoints",
    ),
]


@pytest.mark.parametrize(("listing", "plural", "query", "field", "items"), V3_LISTINGS)
async def test_v3_listings_follow_links_next(
    cloud: MockCloud,
    identity: ServiceClient,
    listing: Callable[[ServiceClient], Pager[Any]],
    plural: str,
    query: str,
    field: str,
    items: list[dict[str, Any]],
) -> None:
    url = f"{V3}/{plural}"
    href = f"{url}?{query}&limit=2&marker={items[1]['id']}"
    route = serve_pages(
        cloud.router,
        url,
        {plural: items[:2], "links": {"self": url, "previous": None, "next": href}},
        {plural: items[2:], "links": {"self": url, "previous": None, "next": None}},
    )

    found = await listing(identity).all()

    assert requested(route) == [f"{url}?{query}", href]
    assert [(item.id, getattr(item, field)) for item in found] == [
        (item["id"], item[field]) for item in items
    ]
