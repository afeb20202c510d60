"""identity/v2/tenants: paging over tenants_links, exact queries, failures."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.identity.v2 import tenants
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import FAILURES, Outcome, answer, keystone_error, last_request

BASE = "https://cloud.test:5000/v2.0/tenants"

DEMO = {"id": "1234", "name": "demo", "description": "A demo tenant", "enabled": True}
ADMIN = {"id": "3456", "name": "admin", "description": None, "enabled": True}
OLD = {"id": "5678", "name": "old", "enabled": False}


async def test_list_follows_tenants_links(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    first = cloud_v2.router.get(BASE, params__eq={"limit": "2"}).respond(
        200,
        json={
            "tenants": [DEMO, ADMIN],
            "tenants_links": [{"href": f"{BASE}?limit=2&marker=3456", "rel": "next"}],
        },
    )
    second = cloud_v2.router.get(BASE, params__eq={"limit": "2", "marker": "3456"}).respond(
        200, json={"tenants": [OLD], "tenants_links": []}
    )

    found = await tenants.list(identity_v2, tenants.ListOpts(limit=2)).all()

    assert found == [
        tenants.Tenant(id="1234", name="demo", description="A demo tenant", enabled=True),
        tenants.Tenant(id="3456", name="admin", description=None, enabled=True),
        tenants.Tenant(id="5678", name="old", description=None, enabled=False),
    ]
    assert found[2].raw == OLD
    assert first.call_count == 1
    assert second.call_count == 1
    request = last_request(first)
    assert request.method == "GET"
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN


async def test_list_sends_marker_and_limit(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    route = cloud_v2.router.get(BASE).respond(200, json={"tenants": [OLD]})

    found = await tenants.list(identity_v2, tenants.ListOpts(marker="3456", limit=10)).all()

    assert [t.id for t in found] == ["5678"]
    assert last_request(route).url.params.multi_items() == [("marker", "3456"), ("limit", "10")]


async def test_list_without_options_sends_no_query(
    cloud_v2: MockCloud, identity_v2: ServiceClient
) -> None:
    route = cloud_v2.router.get(BASE).respond(200, json={"tenants": [], "tenants_links": []})
    assert await tenants.list(identity_v2).all() == []
    assert str(last_request(route).url) == BASE


async def test_pages_keep_the_headers(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    cloud_v2.router.get(BASE).respond(
        200, json={"tenants": [DEMO]}, headers={"x-openstack-request-id": "req-7"}
    )
    pages = [page async for page in tenants.list(identity_v2).pages()]
    assert len(pages) == 1
    assert pages[0].headers["x-openstack-request-id"] == "req-7"


async def test_repeated_next_link_raises(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    cloud_v2.router.get(BASE).respond(
        200,
        json={"tenants": [DEMO], "tenants_links": [{"href": BASE, "rel": "next"}]},
    )
    with pytest.raises(errors.PaginationLoop):
        await tenants.list(identity_v2).all()


@pytest.mark.parametrize(
    "body",
    [{"projects": [DEMO]}, {"tenants": [{"name": "no id"}]}, {"tenants": {"id": "1234"}}],
    ids=["wrong-key", "no-id", "not-a-list"],
)
async def test_unreadable_answers(
    cloud_v2: MockCloud, identity_v2: ServiceClient, body: dict[str, Any]
) -> None:
    cloud_v2.router.get(BASE).respond(200, json=body)
    with pytest.raises(errors.ResponseFormatError):
        await tenants.list(identity_v2).all()


UNAUTHORIZED = keystone_error(401, "The request you have made requires authentication.")


@pytest.mark.parametrize(
    ("outcome", "error"),
    [
        pytest.param(httpx.Response(401, json=UNAUTHORIZED), errors.Unauthorized, id="401"),
        pytest.param(httpx.Response(404, json=keystone_error(404, "x")), errors.NotFound, id="404"),
        *FAILURES,
    ],
)
async def test_failures(
    cloud_v2: MockCloud, identity_v2: ServiceClient, outcome: Outcome, error: type[Exception]
) -> None:
    answer(cloud_v2.router.get(BASE), outcome)
    with pytest.raises(error):
        await tenants.list(identity_v2).all()
