"""identity: every linked listing, two pages shaped like Keystone's answers.

v2.0 ``GET /tenants`` answers ``{"tenants": [...], "tenants_links": [...]}``
(keystone's v2 ``format_project_list``; Keystone itself always sent an empty
list there, but the API names ``tenants_links`` the place of a next link).
v3 collections carry ``"links": {"self": url, "previous": null, "next": null}``
(keystone/server/flask/common.py ``wrap_collection``), so ``links.next`` is
where a next page would be announced.
"""

from __future__ import annotations

from typing import Any

from aiocloud import openstack
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v2 import tenants
from aiocloud.openstack.identity.v3 import endpoints, services
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.openstack._paging import requested, serve_pages

V2 = "https://cloud.test:5000/v2.0"
V3 = "https://cloud.test:5000/v3"

TENANT_IDS = (
    "1ae2ccd3c5554a1e8a8f7ab3d0f9d5c1",
    "3a7d4f2b9c8e4d6f8a1b2c3d4e5f6a7b",
    "fc394f2ab2df4114bde39905f800dc57",
)
SERVICE_IDS = ("1999c3", "2b3f4a", "9a8b7c")
ENDPOINT_IDS = ("828384", "601cdc", "a1b2c3")


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


async def test_v3_services_follow_links_next(cloud: MockCloud, identity: ServiceClient) -> None:
    url = f"{V3}/services"
    a, b, c = SERVICE_IDS
    href = f"{url}?type=compute&limit=2&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            "services": [service(a, "compute", "nova"), service(b, "compute", "nova-legacy")],
            "links": {"self": url, "previous": None, "next": href},
        },
        {
            "services": [service(c, "compute", "nova-cells")],
            "links": {"self": url, "previous": None, "next": None},
        },
    )

    found = await services.list(identity, services.ListOpts(type="compute")).all()

    assert requested(route) == [f"{url}?type=compute", href]
    assert [(s.id, s.name) for s in found] == [(a, "nova"), (b, "nova-legacy"), (c, "nova-cells")]


async def test_v3_endpoints_follow_links_next(cloud: MockCloud, identity: ServiceClient) -> None:
    url = f"{V3}/endpoints"
    a, b, c = ENDPOINT_IDS
    href = f"{url}?interface=public&limit=2&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            "endpoints": [
                endpoint(a, "https://cloud.test:8774/v2.1"),
                endpoint(b, "https://cloud.test:9696"),
            ],
            "links": {"self": url, "previous": None, "next": href},
        },
        {
            "endpoints": [endpoint(c, "https://cloud.test:8776/v3")],
            "links": {"self": url, "previous": None, "next": None},
        },
    )

    found = await endpoints.list(identity, endpoints.ListOpts(interface=Availability.PUBLIC)).all()

    assert requested(route) == [f"{url}?interface=public", href]
    assert [(e.id, e.url) for e in found] == [
        (a, "https://cloud.test:8774/v2.1"),
        (b, "https://cloud.test:9696"),
        (c, "https://cloud.test:8776/v3"),
    ]
