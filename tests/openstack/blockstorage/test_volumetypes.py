"""blockstorage v1/v2/v3 volume types: CRUD, extra specs and project access."""

from __future__ import annotations

from urllib.parse import parse_qsl

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import volumetypes as volumetypes_v1
from aiocloud.openstack.blockstorage.v2 import volumetypes as volumetypes_v2
from aiocloud.openstack.blockstorage.v3 import volumetypes as volumetypes_v3
from aiocloud.testing import PROJECT_ID, MockCloud
from tests.helpers import TYPE_ID, Cinder, cinder_error, last_request, sent_json, type_body

OTHER_ID = "96c3bda7-c82a-4f50-be73-ca7621794835"


async def test_list_v1_one_page(cloud: MockCloud, cinder_v1: Cinder) -> None:
    route = cloud.router.get(f"{cinder_v1.base}/types").respond(
        200,
        json={
            "volume_types": [
                {"id": TYPE_ID, "name": "vol-type-001", "extra_specs": {"capabilities": "gpu"}},
                {"id": OTHER_ID, "name": "vol-type-002", "extra_specs": {}},
            ]
        },
    )

    found = await volumetypes_v1.list(cinder_v1.client).all()

    assert [(t.id, t.name, t.extra_specs) for t in found] == [
        (TYPE_ID, "vol-type-001", {"capabilities": "gpu"}),
        (OTHER_ID, "vol-type-002", {}),
    ]
    assert found[0].description is None
    assert found[0].is_public is None
    assert route.call_count == 1
    assert last_request(route).url.query == b""


async def test_list_v2plus_filters_and_pages(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = cloud.router.get(f"{cinder_v2plus.base}/types").respond(
        200, json={"volume_types": [type_body(), type_body(id=OTHER_ID, is_public=False)]}
    )
    opts = cinder_v2plus.volumetypes.ListOpts(is_public=False, sort="name:asc", limit=2)

    found = await cinder_v2plus.volumetypes.list(cinder_v2plus.client, opts).all()

    assert parse_qsl(last_request(route).url.query.decode()) == [
        ("is_public", "false"),
        ("sort", "name:asc"),
        ("limit", "2"),
    ]
    assert [t.is_public for t in found] == [True, False]
    assert found[0].description == "volume type 0001"


async def test_list_follows_volume_type_links(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    """Cinder puts a types listing's next link under ``volume_type_links``."""
    url = f"{cinder_v2plus.base}/types"
    second = f"{url}?limit=1&marker={TYPE_ID}"
    route = cloud.router.get(url__startswith=url)
    route.side_effect = [
        httpx.Response(
            200,
            json={
                "volume_types": [type_body()],
                "volume_type_links": [{"href": second, "rel": "next"}],
            },
        ),
        httpx.Response(200, json={"volume_types": [type_body(id=OTHER_ID)]}),
    ]
    opts = cinder_v2plus.volumetypes.ListOpts(limit=1)

    found = await cinder_v2plus.volumetypes.list(cinder_v2plus.client, opts).all()

    assert [t.id for t in found] == [TYPE_ID, OTHER_ID]
    assert [str(call.request.url) for call in route.calls] == [f"{url}?limit=1", second]


async def test_create_v1(cloud: MockCloud, cinder_v1: Cinder) -> None:
    route = cloud.router.post(f"{cinder_v1.base}/types").respond(
        200, json={"volume_type": {"id": TYPE_ID, "name": "gold", "extra_specs": {"a": "b"}}}
    )
    created = await volumetypes_v1.create(
        cinder_v1.client, volumetypes_v1.CreateOpts(name="gold", extra_specs={"a": "b"})
    )
    assert sent_json(route) == {"volume_type": {"name": "gold", "extra_specs": {"a": "b"}}}
    assert created.id == TYPE_ID
    assert not hasattr(volumetypes_v1.CreateOpts(name="x"), "is_public")


async def test_create_v2plus(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = cloud.router.post(f"{cinder_v2plus.base}/types").respond(
        200, json={"volume_type": type_body(name="gold", is_public=False)}
    )
    volumetypes = cinder_v2plus.volumetypes
    created = await volumetypes.create(
        cinder_v2plus.client,
        volumetypes.CreateOpts(
            name="gold",
            description="SSD",
            is_public=False,
            extra_specs={"volume_backend_name": "ssd"},
        ),
    )
    assert sent_json(route) == {
        "volume_type": {
            "name": "gold",
            "description": "SSD",
            "os-volume-type-access:is_public": False,
            "extra_specs": {"volume_backend_name": "ssd"},
        }
    }
    assert created.is_public is False


async def test_create_without_name_is_refused(cloud: MockCloud, cinder: Cinder) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await cinder.volumetypes.create(cinder.client, cinder.volumetypes.CreateOpts(name=""))
    assert caught.value.field == "name"


async def test_get_and_delete(cloud: MockCloud, cinder: Cinder) -> None:
    cloud.router.get(f"{cinder.base}/types/{TYPE_ID}").respond(
        200, json={"volume_type": type_body()}
    )
    route = cloud.router.delete(f"{cinder.base}/types/{TYPE_ID}").respond(202)
    assert (await cinder.volumetypes.get(cinder.client, TYPE_ID)).name == "vol-type-001"
    await cinder.volumetypes.delete(cinder.client, TYPE_ID)
    assert route.call_count == 1


async def test_update_v2plus(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    route = cloud.router.put(f"{cinder_v2plus.base}/types/{TYPE_ID}").respond(
        200, json={"volume_type": type_body(description="new", is_public=True)}
    )
    volumetypes = cinder_v2plus.volumetypes
    updated = await volumetypes.update(
        cinder_v2plus.client, TYPE_ID, volumetypes.UpdateOpts(description="new", is_public=True)
    )
    assert sent_json(route) == {"volume_type": {"description": "new", "is_public": True}}
    assert updated.description == "new"
    with pytest.raises(errors.InvalidOptions):
        await volumetypes.update(cinder_v2plus.client, TYPE_ID, volumetypes.UpdateOpts())
    assert not hasattr(volumetypes_v1, "update")


async def test_extra_specs(cloud: MockCloud, cinder: Cinder) -> None:
    url = f"{cinder.base}/types/{TYPE_ID}/extra_specs"
    cloud.router.get(url).respond(200, json={"extra_specs": {"capabilities": "gpu"}})
    created = cloud.router.post(url).respond(
        200, json={"extra_specs": {"key1": "value1", "key2": "value2"}}
    )
    cloud.router.get(f"{url}/capabilities").respond(200, json={"capabilities": "gpu"})
    updated = cloud.router.put(f"{url}/capabilities").respond(200, json={"capabilities": "cpu"})
    deleted = cloud.router.delete(f"{url}/capabilities").respond(202)

    client, volumetypes = cinder.client, cinder.volumetypes
    assert await volumetypes.list_extra_specs(client, TYPE_ID) == {"capabilities": "gpu"}
    assert await volumetypes.create_extra_specs(
        client, TYPE_ID, {"key1": "value1", "key2": "value2"}
    ) == {"key1": "value1", "key2": "value2"}
    assert sent_json(created) == {"extra_specs": {"key1": "value1", "key2": "value2"}}
    assert await volumetypes.get_extra_spec(client, TYPE_ID, "capabilities") == "gpu"
    assert await volumetypes.update_extra_spec(client, TYPE_ID, "capabilities", "cpu") == "cpu"
    assert sent_json(updated) == {"capabilities": "cpu"}
    await volumetypes.delete_extra_spec(client, TYPE_ID, "capabilities")
    assert deleted.call_count == 1


async def test_extra_specs_errors(cloud: MockCloud, cinder_v3: Cinder) -> None:
    url = f"{cinder_v3.base}/types/{TYPE_ID}/extra_specs"
    cloud.router.get(f"{url}/missing").respond(
        404,
        json=cinder_error(
            "itemNotFound",
            404,
            f"Volume Type {TYPE_ID} has no extra specs with key missing.",
        ),
    )
    cloud.router.get(f"{url}/odd").respond(200, json={"other": "x"})
    cloud.router.get(url).respond(200, json={"specs": {}})
    client = cinder_v3.client
    with pytest.raises(errors.NotFound, match="no extra specs with key missing"):
        await volumetypes_v3.get_extra_spec(client, TYPE_ID, "missing")
    with pytest.raises(errors.ResponseFormatError):
        await volumetypes_v3.get_extra_spec(client, TYPE_ID, "odd")
    with pytest.raises(errors.ResponseFormatError):
        await volumetypes_v3.list_extra_specs(client, TYPE_ID)
    with pytest.raises(errors.InvalidOptions):
        await volumetypes_v3.create_extra_specs(client, TYPE_ID, {})
    with pytest.raises(errors.InvalidOptions):
        await volumetypes_v3.update_extra_spec(client, TYPE_ID, "", "x")


async def test_access(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    base = cinder_v2plus.base
    cloud.router.get(f"{base}/types/{TYPE_ID}/os-volume-type-access").respond(
        200, json={"volume_type_access": [{"volume_type_id": TYPE_ID, "project_id": PROJECT_ID}]}
    )
    action = cloud.router.post(f"{base}/types/{TYPE_ID}/action").respond(202)
    volumetypes, client = cinder_v2plus.volumetypes, cinder_v2plus.client

    access = await volumetypes.list_access(client, TYPE_ID)
    assert access == [volumetypes.VolumeTypeAccess(volume_type_id=TYPE_ID, project_id=PROJECT_ID)]
    await volumetypes.add_access(client, TYPE_ID, PROJECT_ID)
    assert sent_json(action) == {"addProjectAccess": {"project": PROJECT_ID}}
    await volumetypes.remove_access(client, TYPE_ID, PROJECT_ID)
    assert sent_json(action) == {"removeProjectAccess": {"project": PROJECT_ID}}
    with pytest.raises(errors.InvalidOptions):
        await volumetypes.add_access(client, TYPE_ID, "")


async def test_errors(cloud: MockCloud, cinder: Cinder) -> None:
    base = cinder.base
    cloud.router.get(f"{base}/types/nope").respond(
        404, json=cinder_error("itemNotFound", 404, "Volume type nope could not be found.")
    )
    cloud.router.post(f"{base}/types").respond(
        409, json=cinder_error("conflictingRequest", 409, "Volume Type gold already exists.")
    )
    cloud.router.delete(f"{base}/types/{TYPE_ID}").respond(
        400,
        json=cinder_error(
            "badRequest", 400, "Target volume type is still in use. Volume Type is in use."
        ),
    )
    volumetypes = cinder.volumetypes
    with pytest.raises(errors.NotFound):
        await volumetypes.get(cinder.client, "nope")
    with pytest.raises(errors.Conflict, match="already exists"):
        await volumetypes.create(cinder.client, volumetypes.CreateOpts(name="gold"))
    with pytest.raises(errors.BadRequest, match="still in use"):
        await volumetypes.delete(cinder.client, TYPE_ID)


async def test_add_access_twice_conflicts(cloud: MockCloud, cinder_v3: Cinder) -> None:
    cloud.router.post(f"{cinder_v3.base}/types/{TYPE_ID}/action").respond(
        409,
        json=cinder_error(
            "conflictingRequest",
            409,
            f"Volume type access for {TYPE_ID} / {PROJECT_ID} combination already exists.",
        ),
    )
    with pytest.raises(errors.Conflict):
        await volumetypes_v3.add_access(cinder_v3.client, TYPE_ID, PROJECT_ID)


def test_v2_and_v3_share_the_volume_type_model() -> None:
    assert volumetypes_v3.VolumeType is volumetypes_v2.VolumeType
    assert volumetypes_v1.VolumeType is volumetypes_v2.VolumeType
