"""compute/v2/servers metadata: all of it, one key, quotas and escaped keys."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import SERVER, SERVER_ID, nova_error, sent_json


async def test_metadata(cloud: MockCloud, compute: ServiceClient) -> None:
    listed = cloud.router.get(f"{SERVER}/metadata").respond(200, json={"metadata": {"a": "1"}})
    reset = cloud.router.put(f"{SERVER}/metadata").respond(200, json={"metadata": {"b": "2"}})
    updated = cloud.router.post(f"{SERVER}/metadata").respond(
        200, json={"metadata": {"b": "2", "c": "3"}}
    )
    one = cloud.router.get(f"{SERVER}/metadata/b").respond(200, json={"meta": {"b": "2"}})
    put_one = cloud.router.put(f"{SERVER}/metadata/d").respond(200, json={"meta": {"d": "4"}})
    deleted = cloud.router.delete(f"{SERVER}/metadata/d").respond(204)
    cloud.router.get(f"{SERVER}/metadata/zz").respond(
        404, json=nova_error(404, "itemNotFound", "Metadata item was not found")
    )

    assert await servers.metadata(compute, SERVER_ID) == {"a": "1"}
    assert await servers.reset_metadata(compute, SERVER_ID, {"b": "2"}) == {"b": "2"}
    assert sent_json(reset) == {"metadata": {"b": "2"}}
    assert await servers.update_metadata(compute, SERVER_ID, {"c": "3"}) == {"b": "2", "c": "3"}
    assert sent_json(updated) == {"metadata": {"c": "3"}}
    assert await servers.metadatum(compute, SERVER_ID, "b") == "2"
    await servers.create_metadatum(compute, SERVER_ID, "d", "4")
    assert sent_json(put_one) == {"meta": {"d": "4"}}
    await servers.delete_metadatum(compute, SERVER_ID, "d")
    assert (listed.call_count, one.call_count, deleted.call_count) == (1, 1, 1)
    with pytest.raises(errors.NotFound, match="Metadata item was not found"):
        await servers.metadatum(compute, SERVER_ID, "zz")


async def test_metadata_over_quota_and_bad_keys(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(f"{SERVER}/metadata").respond(
        403, json=nova_error(403, "forbidden", "Quota exceeded for metadata_items")
    )
    cloud.router.put(f"{SERVER}/metadata/k").respond(
        400, json=nova_error(400, "badRequest", "Request body and URI mismatch")
    )
    with pytest.raises(errors.Forbidden, match="metadata_items"):
        await servers.update_metadata(compute, SERVER_ID, {"k": "v"})
    with pytest.raises(errors.BadRequest, match="mismatch"):
        await servers.create_metadatum(compute, SERVER_ID, "k", "v")


async def test_metadata_keys_are_escaped(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.delete(f"{SERVER}/metadata/a%3Fb%20c").respond(204)
    await servers.delete_metadatum(compute, SERVER_ID, "a?b c")
    assert route.call_count == 1
