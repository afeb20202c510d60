"""compute/v2/flavors: listing, CRUD, extra specs and access, shaped like Nova's answers."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import flavors
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, last_request, nova_error, sent_json

FLAVORS = f"{COMPUTE}/flavors"


def flavor_body(flavor_id: str = "1", name: str = "m1.tiny", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": flavor_id,
        "name": name,
        "ram": 512,
        "disk": 1,
        "swap": "",
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "OS-FLV-DISABLED:disabled": False,
        "vcpus": 1,
        "os-flavor-access:is_public": True,
        "rxtx_factor": 1.0,
        "links": [
            {"href": f"{FLAVORS}/{flavor_id}", "rel": "self"},
            {"href": f"https://cloud.test:8774/flavors/{flavor_id}", "rel": "bookmark"},
        ],
    }
    body.update(changes)
    return body


async def test_list_pages_and_filters(cloud: MockCloud, compute: ServiceClient) -> None:
    first = cloud.router.get(f"{FLAVORS}/detail", params={"minRam": "256"}).respond(
        200,
        json={
            "flavors": [flavor_body()],
            "flavors_links": [{"href": f"{FLAVORS}/detail?limit=1&marker=1", "rel": "next"}],
        },
    )
    second = cloud.router.get(f"{FLAVORS}/detail", params={"marker": "1"}).respond(
        200, json={"flavors": [flavor_body("2", "m1.small", ram=2048, swap=0, rxtx_factor="")]}
    )

    found = await flavors.list(
        compute,
        flavors.ListOpts(
            min_disk=1, min_ram=256, is_public=flavors.AccessType.ALL, sort_key="name", limit=1
        ),
    ).all()

    assert list(last_request(first).url.params.multi_items()) == [
        ("minDisk", "1"),
        ("minRam", "256"),
        ("is_public", "None"),
        ("sort_key", "name"),
        ("limit", "1"),
    ]
    assert second.call_count == 1
    tiny, small = found
    assert tiny == flavors.Flavor(
        id="1",
        name="m1.tiny",
        ram=512,
        vcpus=1,
        disk=1,
        swap=0,  # Nova sends "" for no swap before 2.75
        ephemeral=0,
        is_public=True,
        disabled=False,
        rxtx_factor=1.0,
        links=tiny.links,
    )
    assert [link.rel for link in tiny.links] == ["self", "bookmark"]
    assert (small.ram, small.swap, small.rxtx_factor) == (2048, 0, None)


async def test_get_with_later_microversion_fields(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{FLAVORS}/7").respond(
        200,
        json={
            "flavor": flavor_body(
                "7",
                "gold",
                swap=1024,
                description="dedicated",
                extra_specs={"hw:cpu_policy": "dedicated"},
            )
        },
    )
    gold = await flavors.get(compute, "7")
    assert (gold.swap, gold.description, gold.extra_specs) == (
        1024,
        "dedicated",
        {"hw:cpu_policy": "dedicated"},
    )


async def test_get_missing(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{FLAVORS}/nope").respond(
        404, json=nova_error(404, "itemNotFound", "Flavor nope could not be found.")
    )
    with pytest.raises(errors.NotFound, match="Flavor nope could not be found"):
        await flavors.get(compute, "nope")


async def test_id_from_name(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{FLAVORS}/detail").respond(
        200, json={"flavors": [flavor_body(), flavor_body("2", "m1.small")]}
    )
    assert await flavors.id_from_name(compute, "m1.small") == "2"
    with pytest.raises(errors.InvalidOptions, match=r"no flavor is named 'm1\.huge'"):
        await flavors.id_from_name(compute, "m1.huge")


async def test_create_update_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    created = cloud.router.post(FLAVORS).respond(
        200,
        json={"flavor": flavor_body("gold-id", "gold", **{"os-flavor-access:is_public": False})},
    )
    updated = cloud.router.put(f"{FLAVORS}/gold-id").respond(
        200, json={"flavor": flavor_body("gold-id", "gold", description=None)}
    )
    deleted = cloud.router.delete(f"{FLAVORS}/gold-id").respond(202)

    gold = await flavors.create(
        compute,
        flavors.CreateOpts(
            name="gold",
            ram=4096,
            vcpus=2,
            disk=20,
            id="gold-id",
            swap=512,
            ephemeral=10,
            rxtx_factor=2.0,
            is_public=False,
            description="dedicated",
        ),
    )
    assert sent_json(created) == {
        "flavor": {
            "name": "gold",
            "ram": 4096,
            "vcpus": 2,
            "disk": 20,
            "id": "gold-id",
            "swap": 512,
            "OS-FLV-EXT-DATA:ephemeral": 10,
            "rxtx_factor": 2.0,
            "os-flavor-access:is_public": False,
            "description": "dedicated",
        }
    }
    assert gold.is_public is False
    await flavors.update(compute, "gold-id", flavors.UpdateOpts(description=None))
    assert sent_json(updated) == {"flavor": {"description": None}}
    await flavors.delete(compute, "gold-id")
    assert deleted.call_count == 1


@pytest.mark.parametrize(
    ("status", "kind", "exception"),
    [
        (409, "conflictingRequest", errors.Conflict),
        (403, "forbidden", errors.Forbidden),
        (400, "badRequest", errors.BadRequest),
    ],
)
async def test_create_errors(
    cloud: MockCloud,
    compute: ServiceClient,
    status: int,
    kind: str,
    exception: type[errors.HTTPError],
) -> None:
    cloud.router.post(FLAVORS).respond(status, json=nova_error(status, kind, "no"))
    with pytest.raises(exception, match=f"{kind}: no"):
        await flavors.create(compute, flavors.CreateOpts(name="x", ram=1, vcpus=1, disk=1))


async def test_extra_specs(cloud: MockCloud, compute: ServiceClient) -> None:
    base = f"{FLAVORS}/7/os-extra_specs"
    cloud.router.get(base).respond(200, json={"extra_specs": {"a": "1", "b": "2"}})
    created = cloud.router.post(base).respond(200, json={"extra_specs": {"c": "3"}})
    cloud.router.get(f"{base}/a").respond(200, json={"a": "1"})
    cloud.router.get(f"{base}/wrong").respond(200, json={"other": "1"})
    updated = cloud.router.put(f"{base}/a").respond(200, json={"a": "9"})
    deleted = cloud.router.delete(f"{base}/a").respond(200)
    cloud.router.get(f"{base}/zz").respond(
        404, json=nova_error(404, "itemNotFound", "Flavor 7 has no extra specs with key zz.")
    )

    assert await flavors.list_extra_specs(compute, "7") == {"a": "1", "b": "2"}
    assert await flavors.create_extra_specs(compute, "7", {"c": "3"}) == {"c": "3"}
    assert sent_json(created) == {"extra_specs": {"c": "3"}}
    assert await flavors.get_extra_spec(compute, "7", "a") == "1"
    assert await flavors.update_extra_spec(compute, "7", "a", "9") == {"a": "9"}
    assert sent_json(updated) == {"a": "9"}
    await flavors.delete_extra_spec(compute, "7", "a")
    assert deleted.call_count == 1
    with pytest.raises(errors.NotFound, match="no extra specs with key zz"):
        await flavors.get_extra_spec(compute, "7", "zz")
    with pytest.raises(errors.ResponseFormatError):
        await flavors.get_extra_spec(compute, "7", "wrong")


async def test_access(cloud: MockCloud, compute: ServiceClient) -> None:
    access = {"flavor_access": [{"flavor_id": "7", "tenant_id": "proj-1"}]}
    cloud.router.get(f"{FLAVORS}/7/os-flavor-access").respond(200, json=access)
    action = cloud.router.post(f"{FLAVORS}/7/action")
    action.respond(200, json=access)
    cloud.router.get(f"{FLAVORS}/1/os-flavor-access").respond(
        404, json=nova_error(404, "itemNotFound", "Access list not available for public flavors.")
    )

    expected = [flavors.FlavorAccess(flavor_id="7", tenant_id="proj-1")]
    assert await flavors.list_access(compute, "7") == expected
    assert await flavors.add_access(compute, "7", "proj-1") == expected
    assert sent_json(action) == {"addTenantAccess": {"tenant": "proj-1"}}
    action.respond(200, json={"flavor_access": []})
    assert await flavors.remove_access(compute, "7", "proj-1") == []
    assert sent_json(action) == {"removeTenantAccess": {"tenant": "proj-1"}}
    with pytest.raises(errors.NotFound, match="public flavors"):
        await flavors.list_access(compute, "1")


async def test_add_access_twice_is_a_conflict(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(f"{FLAVORS}/7/action").respond(
        409,
        json=nova_error(
            409, "conflictingRequest", "Flavor access already exists for flavor 7 and project p"
        ),
    )
    with pytest.raises(errors.Conflict, match="already exists"):
        await flavors.add_access(compute, "7", "p")
