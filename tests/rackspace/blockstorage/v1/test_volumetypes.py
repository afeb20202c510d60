"""Rackspace Cloud Block Storage volume types: SATA and SSD, numbered, read only."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import volumetypes as openstack_volumetypes
from aiocloud.rackspace.blockstorage.v1 import volumetypes
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import last_request, query_of

RACKSPACE_TYPES = [
    {"id": 1, "name": "SATA", "extra_specs": {}},
    {"id": 2, "name": "SSD", "extra_specs": {}},
]
"""``GET /types`` as Rackspace's API reference shows it: numbered ids."""


async def test_list_reads_numbered_types(cloud: MockCloud, cbs: ServiceClient) -> None:
    route = cloud.router.get(f"{cbs.endpoint}types").respond(
        200, json={"volume_types": RACKSPACE_TYPES}
    )

    found = await volumetypes.list(cbs).all()

    assert route.call_count == 1
    assert query_of(route) == []
    assert last_request(route).headers["X-Auth-Token"] == FAKE_TOKEN
    assert [(t.id, t.name, t.extra_specs) for t in found] == [("1", "SATA", {}), ("2", "SSD", {})]
    assert all(isinstance(t, volumetypes.VolumeType) for t in found)
    assert isinstance(found[0], openstack_volumetypes.VolumeType)
    assert found[0].raw["id"] == 1


async def test_get_by_number(cloud: MockCloud, cbs: ServiceClient) -> None:
    cloud.router.get(f"{cbs.endpoint}types/2").respond(
        200, json={"volume_type": {"id": 2, "name": "SSD", "extra_specs": {}}}
    )
    ssd = await volumetypes.get(cbs, "2")
    assert (ssd.id, ssd.name) == ("2", "SSD")


async def test_a_string_id_reads_as_sent(cloud: MockCloud, cbs: ServiceClient) -> None:
    type_id = "6685584b-1eac-4da6-b5c3-555430cf68ff"
    cloud.router.get(f"{cbs.endpoint}types/{type_id}").respond(
        200, json={"volume_type": {"id": type_id, "name": "SATA", "extra_specs": {}}}
    )
    assert (await volumetypes.get(cbs, type_id)).id == type_id


@pytest.mark.parametrize("bad_id", [True, 1.5, None, [1], {"id": 1}])
async def test_an_id_of_another_kind_is_a_format_error(
    cloud: MockCloud, cbs: ServiceClient, bad_id: Any
) -> None:
    cloud.router.get(f"{cbs.endpoint}types/1").respond(
        200, json={"volume_type": {"id": bad_id, "name": "SATA", "extra_specs": {}}}
    )
    with pytest.raises(errors.ResponseFormatError) as caught:
        await volumetypes.get(cbs, "1")
    assert "VolumeType.id" in str(caught.value)


async def test_errors(cloud: MockCloud, cbs: ServiceClient) -> None:
    cloud.router.get(f"{cbs.endpoint}types/9").respond(
        404, json={"itemNotFound": {"code": 404, "message": "Volume type 9 could not be found."}}
    )
    cloud.router.get(f"{cbs.endpoint}types").respond(200, content=b'{"volume_types": [')
    with pytest.raises(errors.NotFound) as caught:
        await volumetypes.get(cbs, "9")
    assert caught.value.message == "itemNotFound: Volume type 9 could not be found."
    with pytest.raises(errors.ResponseFormatError):
        await volumetypes.list(cbs).all()
    with pytest.raises(errors.InvalidOptions):
        await volumetypes.get(cbs, "")


def test_types_are_read_only() -> None:
    assert volumetypes.__all__ == ["VolumeType", "get", "list"]
    assert not hasattr(volumetypes, "create")
    assert not hasattr(volumetypes, "delete")
