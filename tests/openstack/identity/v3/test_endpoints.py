"""identity/v3/endpoints: exact requests and parsed results."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import httpx
import pytest
import respx

from aiocloud import errors
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v3 import endpoints
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import FAILURES, Outcome, answer, keystone_error, last_request, sent_json

BASE = "https://cloud.test:5000/v3/endpoints"


def endpoint(endpoint_id: str, **changes: Any) -> dict[str, Any]:
    """An endpoint as Keystone shows it (a public one in RegionOne), with ``changes``."""
    return {
        "id": endpoint_id,
        "interface": "public",
        "region": "RegionOne",
        "region_id": "RegionOne",
        "service_id": "9242e05f0c23467bbd1cf1f7a6e5e596",
        "url": "http://example.com/identity/",
        "enabled": True,
        "links": {"self": f"{BASE}/{endpoint_id}"},
        **changes,
    }


PUBLIC = endpoint("828384")
ADMIN = endpoint(
    "601cdc", interface="admin", url="http://example.com/identity/admin", enabled=False
)
NO_REGION = endpoint("a1b2c3", region=None, region_id=None)


class Call(NamedTuple):
    """One operation: its method, its URL and a call of it."""

    method: str
    url: str
    run: Callable[[ServiceClient], Awaitable[Any]]

    def route(self, cloud: MockCloud) -> respx.Route:
        """The route the operation's request goes to."""
        return cloud.router.route(method=self.method, url=self.url)


CALLS = {
    "list": Call("GET", BASE, lambda c: endpoints.list(c).all()),
    "get": Call("GET", f"{BASE}/828384", lambda c: endpoints.get(c, "828384")),
    "create": Call(
        "POST",
        BASE,
        lambda c: endpoints.create(
            c,
            endpoints.CreateOpts(interface=Availability.PUBLIC, url="http://x/", service_id="s"),
        ),
    ),
    "update": Call(
        "PATCH",
        f"{BASE}/828384",
        lambda c: endpoints.update(c, "828384", endpoints.UpdateOpts(enabled=True)),
    ),
    "delete": Call("DELETE", f"{BASE}/828384", lambda c: endpoints.delete(c, "828384")),
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


@pytest.mark.parametrize(
    ("call", "status", "message", "error"),
    [
        ("get", 404, "Could not find endpoint: 828384.", errors.NotFound),
        ("delete", 404, "Could not find endpoint: 828384.", errors.NotFound),
        ("create", 400, "Invalid input for field 'service_id'.", errors.BadRequest),
        ("create", 409, "Conflict occurred", errors.Conflict),
        (
            "list",
            403,
            "You are not authorized to perform the requested action: identity:list_endpoints.",
            errors.Forbidden,
        ),
    ],
)
async def test_refusals_carry_keystone_message(
    cloud: MockCloud,
    identity: ServiceClient,
    call: str,
    status: int,
    message: str,
    error: type[errors.HTTPError],
) -> None:
    CALLS[call].route(cloud).respond(
        status, json=keystone_error(status, message), headers={"x-openstack-request-id": "req-9"}
    )
    with pytest.raises(error) as caught:
        await CALLS[call].run(identity)
    assert caught.value.request_id == "req-9"
    assert caught.value.message == message
    assert FAKE_TOKEN not in str(caught.value)


@pytest.mark.parametrize(("outcome", "error"), FAILURES)
@pytest.mark.parametrize("call", ["list", "get", "update"])
async def test_failures(
    cloud: MockCloud, identity: ServiceClient, call: str, outcome: Outcome, error: type[Exception]
) -> None:
    answer(CALLS[call].route(cloud), outcome)
    with pytest.raises(error):
        await CALLS[call].run(identity)


async def test_delete_connection_refused(cloud: MockCloud, identity: ServiceClient) -> None:
    CALLS["delete"].route(cloud).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(errors.ConnectionFailed):
        await endpoints.delete(identity, "828384")


@pytest.mark.parametrize(
    ("call", "body"),
    [
        ("get", {"endpoint": {**PUBLIC, "interface": "x"}}),
        ("get", {"endpoint": {"id": "828384"}}),
        ("list", {"endpoint": [PUBLIC]}),
    ],
    ids=["unknown-interface", "no-url", "wrong-key"],
)
async def test_unreadable_answers(
    cloud: MockCloud, identity: ServiceClient, call: str, body: dict[str, Any]
) -> None:
    CALLS[call].route(cloud).respond(200, json=body)
    with pytest.raises(errors.ResponseFormatError):
        await CALLS[call].run(identity)
