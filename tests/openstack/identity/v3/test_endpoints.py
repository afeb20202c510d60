"""identity/v3/endpoints: exact requests and parsed results."""

from __future__ import annotations

import httpx
import pytest

from aiocloud import errors
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v3 import endpoints
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.conftest import last_request, sent_json

BASE = "https://cloud.test:5000/v3/endpoints"

PUBLIC = {
    "id": "828384",
    "interface": "public",
    "region": "RegionOne",
    "region_id": "RegionOne",
    "service_id": "9242e05f0c23467bbd1cf1f7a6e5e596",
    "url": "http://example.com/identity/",
    "enabled": True,
    "links": {"self": f"{BASE}/828384"},
}
ADMIN = {
    **PUBLIC,
    "id": "601cdc",
    "interface": "admin",
    "url": "http://example.com/identity/admin",
    "enabled": False,
    "links": {"self": f"{BASE}/601cdc"},
}
NO_REGION = {
    **PUBLIC,
    "id": "a1b2c3",
    "region": None,
    "region_id": None,
    "links": {"self": f"{BASE}/a1b2c3"},
}


async def test_list_with_filters_follows_links(cloud: MockCloud, identity: ServiceClient) -> None:
    query = {"interface": "admin", "service_id": "9242e0", "region_id": "RegionOne"}
    first = cloud.router.get(BASE, params__eq=query).respond(
        200,
        json={
            "endpoints": [ADMIN],
            "links": {"next": f"{BASE}?interface=admin&marker=601cdc", "self": BASE},
        },
    )
    second = cloud.router.get(BASE, params__eq={"interface": "admin", "marker": "601cdc"}).respond(
        200, json={"endpoints": [NO_REGION], "links": {"next": None, "self": BASE}}
    )

    found = await endpoints.list(
        identity,
        endpoints.ListOpts(interface=Availability.ADMIN, service_id="9242e0", region="RegionOne"),
    ).all()

    assert first.call_count == 1
    assert second.call_count == 1
    request = last_request(first)
    assert request.method == "GET"
    assert request.url.params.multi_items() == list(query.items())
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert found[0] == endpoints.Endpoint(
        id="601cdc",
        interface=Availability.ADMIN,
        service_id="9242e05f0c23467bbd1cf1f7a6e5e596",
        url="http://example.com/identity/admin",
        region="RegionOne",
        region_id="RegionOne",
        enabled=False,
    )
    assert found[1].region is None and found[1].region_id is None
    assert found[1].raw["links"] == {"self": f"{BASE}/a1b2c3"}


async def test_list_without_filters(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(200, json={"endpoints": [PUBLIC, ADMIN]})
    found = await endpoints.list(identity).all()
    assert str(last_request(route).url) == BASE
    assert [e.interface for e in found] == [Availability.PUBLIC, Availability.ADMIN]


async def test_list_by_service_only(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(200, json={"endpoints": []})
    assert await endpoints.list(identity, endpoints.ListOpts(service_id="svc")).all() == []
    assert last_request(route).url.params.multi_items() == [("service_id", "svc")]


async def test_create_sends_the_endpoint(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"endpoint": PUBLIC})

    created = await endpoints.create(
        identity,
        endpoints.CreateOpts(
            interface=Availability.PUBLIC,
            url="http://example.com/identity/",
            service_id="9242e05f0c23467bbd1cf1f7a6e5e596",
            region="RegionOne",
            enabled=True,
        ),
    )

    request = last_request(route)
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert sent_json(route) == {
        "endpoint": {
            "interface": "public",
            "url": "http://example.com/identity/",
            "service_id": "9242e05f0c23467bbd1cf1f7a6e5e596",
            "region_id": "RegionOne",
            "enabled": True,
        }
    }
    assert created.id == "828384"
    assert created.interface is Availability.PUBLIC


async def test_create_minimal_sends_no_optional_fields(
    cloud: MockCloud, identity: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"endpoint": NO_REGION})
    await endpoints.create(
        identity,
        endpoints.CreateOpts(interface=Availability.INTERNAL, url="http://x/", service_id="s"),
    )
    assert sent_json(route) == {
        "endpoint": {"interface": "internal", "url": "http://x/", "service_id": "s"}
    }


async def test_get(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.get(f"{BASE}/828384").respond(200, json={"endpoint": PUBLIC})
    endpoint = await endpoints.get(identity, "828384")
    assert last_request(route).method == "GET"
    assert endpoint.url == "http://example.com/identity/"
    assert endpoint.enabled is True


async def test_update_patches_only_what_is_set(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.patch(f"{BASE}/828384").respond(
        200, json={"endpoint": {**PUBLIC, "interface": "internal", "enabled": False}}
    )

    updated = await endpoints.update(
        identity,
        "828384",
        endpoints.UpdateOpts(interface=Availability.INTERNAL, enabled=False),
    )

    assert last_request(route).method == "PATCH"
    assert sent_json(route) == {"endpoint": {"interface": "internal", "enabled": False}}
    assert updated.interface is Availability.INTERNAL
    assert updated.enabled is False


async def test_update_region_and_url(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.patch(f"{BASE}/828384").respond(200, json={"endpoint": PUBLIC})
    await endpoints.update(
        identity, "828384", endpoints.UpdateOpts(url="http://new/", region="RegionTwo")
    )
    assert sent_json(route) == {"endpoint": {"url": "http://new/", "region_id": "RegionTwo"}}


async def test_delete(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.delete(f"{BASE}/828384").respond(204)
    await endpoints.delete(identity, "828384")
    request = last_request(route)
    assert request.method == "DELETE"
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN


async def test_get_missing_raises_not_found(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/nope").respond(
        404,
        json={
            "error": {
                "code": 404,
                "message": "Could not find endpoint: nope.",
                "title": "Not Found",
            }
        },
        headers={"x-openstack-request-id": "req-404"},
    )
    with pytest.raises(errors.NotFound) as caught:
        await endpoints.get(identity, "nope")
    assert caught.value.request_id == "req-404"
    assert caught.value.message == "Could not find endpoint: nope."
    assert FAKE_TOKEN not in str(caught.value)


async def test_delete_missing_raises_not_found(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.delete(f"{BASE}/nope").respond(
        404, json={"error": {"code": 404, "message": "Could not find endpoint: nope."}}
    )
    with pytest.raises(errors.NotFound):
        await endpoints.delete(identity, "nope")


async def test_create_bad_request_and_conflict(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.post(BASE)
    opts = endpoints.CreateOpts(interface=Availability.PUBLIC, url="http://x/", service_id="nope")
    route.respond(
        400,
        json={
            "error": {
                "code": 400,
                "message": "Invalid input for field 'service_id'.",
                "title": "Bad Request",
            }
        },
    )
    with pytest.raises(errors.BadRequest):
        await endpoints.create(identity, opts)
    route.respond(
        409, json={"error": {"code": 409, "message": "Conflict occurred", "title": "Conflict"}}
    )
    with pytest.raises(errors.Conflict):
        await endpoints.create(identity, opts)


async def test_forbidden_for_non_admin(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(BASE).respond(
        403,
        json={
            "error": {
                "code": 403,
                "message": "You are not authorized to perform the requested action: "
                "identity:list_endpoints.",
                "title": "Forbidden",
            }
        },
    )
    with pytest.raises(errors.Forbidden):
        await endpoints.list(identity).all()


async def test_server_error_and_malformed_json(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/boom").respond(500, text="Internal Server Error")
    cloud.router.get(f"{BASE}/bad").respond(200, content=b"{not json")
    cloud.router.get(f"{BASE}/odd").respond(200, json={"endpoint": {**PUBLIC, "interface": "x"}})
    cloud.router.get(f"{BASE}/short").respond(200, json={"endpoint": {"id": "828384"}})
    cloud.router.get(BASE).respond(200, json={"endpoint": [PUBLIC]})
    with pytest.raises(errors.InternalServerError):
        await endpoints.get(identity, "boom")
    with pytest.raises(errors.ResponseFormatError):
        await endpoints.get(identity, "bad")
    with pytest.raises(errors.ResponseFormatError):
        await endpoints.get(identity, "odd")
    with pytest.raises(errors.ResponseFormatError):
        await endpoints.get(identity, "short")
    with pytest.raises(errors.ResponseFormatError):
        await endpoints.list(identity).all()


async def test_dropped_connection(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/gone").mock(side_effect=httpx.RemoteProtocolError("peer closed"))
    cloud.router.delete(f"{BASE}/gone").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(errors.ConnectionFailed):
        await endpoints.get(identity, "gone")
    with pytest.raises(errors.ConnectionFailed):
        await endpoints.delete(identity, "gone")


async def test_timeout(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(BASE).mock(side_effect=httpx.ReadTimeout("timed out"))
    cloud.router.patch(f"{BASE}/slow").mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(errors.TimedOut):
        await endpoints.list(identity).all()
    with pytest.raises(errors.TimedOut):
        await endpoints.update(identity, "slow", endpoints.UpdateOpts(enabled=True))
