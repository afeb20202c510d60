"""rackspace/compute/v2/flavors: Rackspace's flavors and their extra specs."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.rackspace.compute.v2 import flavors
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, last_request

FLAVORS = f"{RAX_COMPUTE}/flavors"


def rax_flavor(flavor_id: str, name: str, **changes: Any) -> dict[str, Any]:
    """A flavor as Rackspace lists it (``OS-FLV-WITH-EXT-SPECS``, ``swap`` as ``""``)."""
    body: dict[str, Any] = {
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "OS-FLV-WITH-EXT-SPECS:extra_specs": {
            "class": "performance1",
            "disk_io_index": "40",
            "number_of_data_disks": "0",
            "policy_class": "performance_flavor",
            "resize_policy_class": "performance_flavor",
        },
        "disk": 20,
        "id": flavor_id,
        "links": [
            {"href": f"{FLAVORS}/{flavor_id}", "rel": "self"},
            {
                "href": f"https://iad.servers.api.rackspacecloud.com/864477/flavors/{flavor_id}",
                "rel": "bookmark",
            },
        ],
        "name": name,
        "ram": 1024,
        "rxtx_factor": 200,
        "swap": "",
        "vcpus": 1,
    }
    body.update(changes)
    return body


async def test_list_reads_rackspace_attributes(cloud: MockCloud, compute: ServiceClient) -> None:
    second = rax_flavor(
        "performance1-2",
        "2 GB Performance",
        disk=40,
        ram=2048,
        rxtx_factor=400,
        vcpus=2,
        **{"OS-FLV-EXT-DATA:ephemeral": 20},
    )
    second["OS-FLV-WITH-EXT-SPECS:extra_specs"]["number_of_data_disks"] = "1"
    route = cloud.router.get(f"{FLAVORS}/detail").respond(
        200, json={"flavors": [rax_flavor("performance1-1", "1 GB Performance"), second]}
    )

    found = await flavors.list(compute, flavors.ListOpts(min_ram=1024, limit=10)).all()

    assert list(last_request(route).url.params.multi_items()) == [
        ("minRam", "1024"),
        ("limit", "10"),
    ]
    first, other = found
    assert isinstance(first, flavors.Flavor)
    assert (first.id, first.ram, first.disk, first.vcpus, first.swap) == (
        "performance1-1",
        1024,
        20,
        1,
        0,
    )
    assert (other.ephemeral, other.rxtx_factor, other.number_of_data_disks) == (20, 400.0, 1)
    assert (first.flavor_class, first.policy_class, first.resize_policy_class) == (
        "performance1",
        "performance_flavor",
        "performance_flavor",
    )
    assert (first.disk_io_index, first.number_of_data_disks) == (40, 0)
    assert first.extra_specs is not None and first.extra_specs["class"] == "performance1"


async def test_get_and_specs_a_flavor_lacks(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{FLAVORS}/2").respond(
        200,
        json={
            "flavor": rax_flavor(
                "2",
                "512MB Standard Instance",
                ram=512,
                rxtx_factor=80,
                **{
                    "OS-FLV-WITH-EXT-SPECS:extra_specs": {
                        "class": "standard1",
                        "policy_class": "standard_flavor",
                    }
                },
            )
        },
    )
    standard = await flavors.get(compute, "2")
    assert (standard.flavor_class, standard.disk_io_index, standard.number_of_data_disks) == (
        "standard1",
        None,
        None,
    )
    assert flavors.Flavor(id="x", name="bare").flavor_class is None


async def test_a_spec_that_is_not_a_number(cloud: MockCloud, compute: ServiceClient) -> None:
    body = rax_flavor("io1-15", "15 GB I/O v1")
    body["OS-FLV-WITH-EXT-SPECS:extra_specs"]["disk_io_index"] = "fast"
    cloud.router.get(f"{FLAVORS}/io1-15").respond(200, json={"flavor": body})
    flavor = await flavors.get(compute, "io1-15")
    with pytest.raises(errors.ResponseFormatError, match="disk_io_index"):
        flavor.disk_io_index  # noqa: B018


async def test_id_from_name(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{FLAVORS}/detail").respond(
        200, json={"flavors": [rax_flavor("general1-1", "1 GB General Purpose v1")]}
    )
    assert await flavors.id_from_name(compute, "1 GB General Purpose v1") == "general1-1"
