"""blockstorage apiversions: the version documents at the root of the Cinder endpoint."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.blockstorage.v1 import apiversions as apiversions_v1
from aiocloud.openstack.blockstorage.v2 import apiversions as apiversions_v2
from aiocloud.openstack.blockstorage.v3 import apiversions as apiversions_v3
from aiocloud.pagination import Link
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ROOT, Cinder


def version(vid: str, status: str, version: str = "", min_version: str = "") -> dict[str, Any]:
    major = vid.split(".")[0]
    return {
        "id": vid,
        "links": [
            {"href": "https://docs.openstack.org/", "rel": "describedby", "type": "text/html"},
            {"href": f"{ROOT}/{major}/", "rel": "self"},
        ],
        "media-types": [
            {
                "base": "application/json",
                "type": f"application/vnd.openstack.volume+json;version={major[1:]}",
            }
        ],
        "min_version": min_version,
        "status": status,
        "updated": "2022-08-31T00:00:00Z",
        "version": version,
    }


ALL = {
    "versions": [
        version("v1.0", "DEPRECATED"),
        version("v2.0", "DEPRECATED"),
        version("v3.0", "CURRENT", "3.70", "3.0"),
    ]
}


async def test_list_reads_the_root_multiple_choices(cloud: MockCloud, cinder: Cinder) -> None:
    route = cloud.router.get(f"{ROOT}/").respond(300, json=ALL)

    module = {"v1": apiversions_v1, "v2": apiversions_v2, "v3": apiversions_v3}[cinder.version]
    versions = await module.list(cinder.client)

    assert route.call_count == 1
    assert [(v.id, v.status) for v in versions] == [
        ("v1.0", "DEPRECATED"),
        ("v2.0", "DEPRECATED"),
        ("v3.0", "CURRENT"),
    ]
    v3 = versions[2]
    assert (v3.min_version, v3.version) == ("3.0", "3.70")
    assert v3.links[1] == Link(href=f"{ROOT}/v3/", rel="self")
    assert v3.media_types[0]["base"] == "application/json"
    assert v3.updated is not None and v3.updated.year == 2022


async def test_get_v3_from_a_versions_list(cloud: MockCloud, cinder_v3: Cinder) -> None:
    route = cloud.router.get(f"{ROOT}/v3/").respond(
        200, json={"versions": [version("v3.0", "CURRENT", "3.70", "3.0")]}
    )
    found = await apiversions_v3.get(cinder_v3.client, "v3")
    assert found.id == "v3.0"
    assert found.version == "3.70"
    assert route.call_count == 1
    assert (await apiversions_v3.get(cinder_v3.client, "v3.0")).id == "v3.0"


async def test_get_v1_from_a_version_object(cloud: MockCloud, cinder_v1: Cinder) -> None:
    cloud.router.get(f"{ROOT}/v1/").respond(
        200, json={"version": version("v1.0", "CURRENT") | {"updated": "2012-01-04T11:33:21Z"}}
    )
    found = await apiversions_v1.get(cinder_v1.client, "v1/")
    assert found.id == "v1.0"
    assert found.status == "CURRENT"


async def test_get_errors(cloud: MockCloud, cinder_v2: Cinder) -> None:
    cloud.router.get(f"{ROOT}/v2/").respond(
        200, json={"versions": [version("v3.0", "CURRENT", "3.70", "3.0")]}
    )
    cloud.router.get(f"{ROOT}/v9/").respond(404, text="404 Not Found")
    with pytest.raises(errors.ResponseFormatError, match=r"v3\.0"):
        await apiversions_v2.get(cinder_v2.client, "v2")
    with pytest.raises(errors.NotFound):
        await apiversions_v2.get(cinder_v2.client, "v9")
    with pytest.raises(errors.InvalidOptions):
        await apiversions_v2.get(cinder_v2.client, "latest")


@pytest.mark.parametrize(
    ("endpoint", "root"),
    [
        ("https://cloud.test:8776/v3/abc123", "https://cloud.test:8776/"),
        ("https://cloud.test:8776/v2/abc123/", "https://cloud.test:8776/"),
        ("https://cloud.test:8776/v3", "https://cloud.test:8776/"),
        ("https://cloud.test/volume/v3.0/abc", "https://cloud.test/volume/"),
        ("https://cloud.test:8776/", "https://cloud.test:8776/"),
    ],
)
async def test_root_url(cloud: MockCloud, endpoint: str, root: str) -> None:
    client = ServiceClient(cloud.provider, endpoint, type="volumev3")
    assert apiversions_v3.root_url(client) == root
