"""blockstorage v1/v2/v3 volume and snapshot metadata: the same six operations on both."""

from __future__ import annotations

import pytest

from aiocloud.testing import MockCloud
from tests.helpers import SNAPSHOT_ID, VOLUME_ID, Cinder, sent_json


@pytest.mark.parametrize(
    ("resource", "item_id"), [("volumes", VOLUME_ID), ("snapshots", SNAPSHOT_ID)]
)
async def test_metadata_operations(
    cloud: MockCloud, cinder: Cinder, resource: str, item_id: str
) -> None:
    url = f"{cinder.base}/{resource}/{item_id}/metadata"
    listed = cloud.router.get(url).respond(200, json={"metadata": {"a": "1", "b": "2"}})
    merged = cloud.router.post(url).respond(200, json={"metadata": {"a": "1", "b": "3"}})
    replaced = cloud.router.put(url).respond(200, json={"metadata": {"c": "4"}})
    item = cloud.router.get(f"{url}/a").respond(200, json={"meta": {"a": "1"}})
    created = cloud.router.put(f"{url}/d").respond(200, json={"meta": {"d": "5"}})
    deleted = cloud.router.delete(f"{url}/d").respond(200)

    client, module = cinder.client, getattr(cinder, resource)
    assert await module.get_metadata(client, item_id) == {"a": "1", "b": "2"}
    assert await module.update_metadata(client, item_id, {"b": "3"}) == {"a": "1", "b": "3"}
    assert sent_json(merged) == {"metadata": {"b": "3"}}
    assert await module.reset_metadata(client, item_id, {"c": "4"}) == {"c": "4"}
    assert sent_json(replaced) == {"metadata": {"c": "4"}}
    assert await module.get_metadatum(client, item_id, "a") == "1"
    assert await module.create_metadatum(client, item_id, "d", "5") == "5"
    assert sent_json(created) == {"meta": {"d": "5"}}
    await module.delete_metadatum(client, item_id, "d")
    assert deleted.call_count == 1
    assert listed.call_count == 1
    assert item.call_count == 1
