"""compute/v2 microversions: negotiation up to MAX_MICROVERSION and the version helpers."""

from __future__ import annotations

import pytest

from aiocloud import errors, openstack
from aiocloud.openstack.compute.v2 import MAX_MICROVERSION, _base
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, last_request

ZED = {
    "version": {
        "id": "v2.1",
        "status": "CURRENT",
        "version": "2.93",
        "min_version": "2.1",
        "updated": "2013-07-23T11:33:21Z",
        "links": [{"rel": "self", "href": f"{COMPUTE}/"}],
    }
}


async def test_negotiation_takes_the_server_maximum_below_the_library_one(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.get(f"{COMPUTE}/").respond(200, json=ZED)
    negotiated = await openstack.negotiate_microversion(compute)
    assert negotiated.microversion == "2.93"
    assert last_request(route).headers["X-Auth-Token"]
    assert (await openstack.negotiate_microversion(compute, maximum="2.60")).microversion == "2.60"
    assert compute.microversion is None  # the original client is unchanged


async def test_negotiation_stops_at_the_library_maximum(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    future = {"version": {**ZED["version"], "version": "2.120"}}
    cloud.router.get(f"{COMPUTE}/").respond(200, json=future)
    negotiated = await openstack.negotiate_microversion(compute)
    assert negotiated.microversion == MAX_MICROVERSION == "2.96"
    assert openstack.library_max_microversion("compute") == MAX_MICROVERSION
    assert openstack.library_max_microversion("object-store") is None


async def test_negotiation_failures(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(f"{COMPUTE}/").respond(200, json=ZED)
    with pytest.raises(errors.AiocloudError, match=r"2\.1-2\.93"):
        await openstack.negotiate_microversion(compute, maximum="1.5")
    route.respond(200, json={"version": {"id": "v2.0", "version": "", "min_version": ""}})
    assert (await openstack.negotiate_microversion(compute)).microversion is None
    route.respond(200, json={"versions": []})
    with pytest.raises(errors.ResponseFormatError):
        await openstack.negotiate_microversion(compute)


def test_version_helpers(compute: ServiceClient) -> None:
    assert compute.at_least("2.1") and not compute.at_least("2.2")
    assert compute.with_microversion("2.45").at_least("2.45")
    assert not compute.with_microversion("2.9").at_least("2.10")  # not text order
    assert compute.with_microversion("latest").at_least("2.96")
    assert _base.at_most(compute, "2.35") is compute
    assert _base.at_most(compute.with_microversion("2.20"), "2.35").microversion == "2.20"
    assert _base.at_most(compute.with_microversion("latest"), "2.35").microversion == "2.35"
    with pytest.raises(errors.InvalidOptions):
        compute.with_microversion("two")
