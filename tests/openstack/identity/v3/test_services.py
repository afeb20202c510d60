"""identity/v3/services: exact requests and parsed results."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.identity.v3 import services
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import FAILURES, Outcome, answer, keystone_error, last_request, sent_json

BASE = "https://cloud.test:5000/v3/services"

COMPUTE = {
    "id": "1999c3",
    "type": "compute",
    "name": "nova",
    "description": "Compute service",
    "enabled": True,
    "links": {"self": f"{BASE}/1999c3"},
}
NETWORK = {**COMPUTE, "id": "2b3f4a", "type": "network", "name": "neutron", "enabled": False}


async def test_list_follows_keystone_links(cloud: MockCloud, identity: ServiceClient) -> None:
    first = cloud.router.get(BASE, params__eq={"type": "compute"}).respond(
        200,
        json={"services": [COMPUTE], "links": {"next": f"{BASE}?type=compute&marker=1999c3"}},
    )
    second = cloud.router.get(BASE, params={"type": "compute", "marker": "1999c3"}).respond(
        200, json={"services": [NETWORK], "links": {"next": None, "self": BASE}}
    )

    found = await services.list(identity, services.ListOpts(type="compute")).all()

    assert [s.id for s in found] == ["1999c3", "2b3f4a"]
    assert found[0] == services.Service(
        id="1999c3", type="compute", name="nova", description="Compute service", enabled=True
    )
    assert found[1].enabled is False
    assert found[0].raw["links"] == {"self": f"{BASE}/1999c3"}
    assert first.call_count == 1
    assert second.call_count == 1
    assert last_request(first).headers["X-Auth-Token"] == FAKE_TOKEN


async def test_create_sends_the_service(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"service": COMPUTE})

    created = await services.create(
        identity,
        services.CreateOpts(
            type="compute", name="nova", description="Compute service", extra={"owner": "ops"}
        ),
    )

    assert sent_json(route) == {
        "service": {
            "type": "compute",
            "name": "nova",
            "description": "Compute service",
            "owner": "ops",
        }
    }
    assert last_request(route).headers["Content-Type"] == "application/json"
    assert created.id == "1999c3"


async def test_get(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/1999c3").respond(200, json={"service": COMPUTE})
    assert (await services.get(identity, "1999c3")).name == "nova"


async def test_update_patches_only_what_is_set(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.patch(f"{BASE}/1999c3").respond(
        200, json={"service": {**COMPUTE, "enabled": False}}
    )

    updated = await services.update(identity, "1999c3", services.UpdateOpts(enabled=False))

    assert sent_json(route) == {"service": {"enabled": False}}
    assert updated.enabled is False


async def test_delete(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.delete(f"{BASE}/1999c3").respond(204)
    await services.delete(identity, "1999c3")
    assert last_request(route).method == "DELETE"


async def test_get_missing_raises_not_found_with_keystone_message(
    cloud: MockCloud, identity: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}/nope").respond(
        404,
        json=keystone_error(404, "Could not find service: nope."),
        headers={"x-openstack-request-id": "req-123"},
    )

    with pytest.raises(errors.NotFound) as caught:
        await services.get(identity, "nope")

    assert caught.value.status_code == 404
    assert caught.value.request_id == "req-123"
    assert caught.value.message == "Could not find service: nope."
    assert FAKE_TOKEN not in str(caught.value)


async def test_create_conflict(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.post(BASE).respond(409, json=keystone_error(409, "Conflict occurred"))
    with pytest.raises(errors.Conflict):
        await services.create(identity, services.CreateOpts(type="compute"))


@pytest.mark.parametrize(("outcome", "error"), FAILURES)
async def test_get_failures(
    cloud: MockCloud, identity: ServiceClient, outcome: Outcome, error: type[Exception]
) -> None:
    answer(cloud.router.get(f"{BASE}/1999c3"), outcome)
    with pytest.raises(error):
        await services.get(identity, "1999c3")


async def test_list_max_items_caps_the_listing(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(
        200, json={"services": [COMPUTE, NETWORK], "links": {"next": f"{BASE}?marker=2b3f4a"}}
    )
    found = await services.list(identity, max_items=1).all()
    assert [s.id for s in found] == ["1999c3"]
    assert route.call_count == 1
