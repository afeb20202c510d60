"""networking/v2/apiversions: the version document and a version's resources."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import apiversions
from aiocloud.pagination import Link
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON

ROOT = "https://cloud.test:9696/"


async def test_list_versions_reads_the_root(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(ROOT).respond(
        200,
        json={
            "versions": [
                {
                    "status": "CURRENT",
                    "id": "v2.0",
                    "links": [{"href": f"{NEUTRON}/", "rel": "self"}],
                }
            ]
        },
    )

    versions = await apiversions.list_versions(network).all()

    assert versions == [
        apiversions.APIVersion(
            id="v2.0", status="CURRENT", links=(Link(href=f"{NEUTRON}/", rel="self"),)
        )
    ]
    assert route.call_count == 1


async def test_list_version_resources(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(f"{NEUTRON}/").respond(
        200,
        json={
            "resources": [
                {
                    "links": [{"href": f"{NEUTRON}/subnets", "rel": "self"}],
                    "name": "subnet",
                    "collection": "subnets",
                },
                {
                    "links": [{"href": f"{NEUTRON}/networks", "rel": "self"}],
                    "name": "network",
                    "collection": "networks",
                },
            ]
        },
    )

    resources = await apiversions.list_version_resources(network, "v2.0").all()

    assert [(r.name, r.collection) for r in resources] == [
        ("subnet", "subnets"),
        ("network", "networks"),
    ]
    assert route.call_count == 1


async def test_versioned_catalog_url_still_finds_the_root(cloud: MockCloud) -> None:
    client = ServiceClient(cloud.provider, f"{NEUTRON}/", type="network")
    route = cloud.router.get(ROOT).respond(200, json={"versions": []})
    assert await apiversions.list_versions(client).all() == []
    assert route.call_count == 1


async def test_unexpected_shape(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(ROOT).respond(200, json={"version": {"id": "v2.0"}})
    with pytest.raises(errors.ResponseFormatError, match="versions"):
        await apiversions.list_versions(network).all()
