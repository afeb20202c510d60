"""networking/v2/extensions: Neutron's extension list through the shared module."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import extensions
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, neutron_error

ROUTER: dict[str, Any] = {
    "updated": "2012-07-20T10:00:00-00:00",
    "name": "Neutron L3 Router",
    "links": [],
    "alias": "router",
    "description": "Router abstraction for basic L3 forwarding between L2 Neutron networks "
    "and access to external networks via a NAT gateway.",
}
EXTERNAL = {
    "updated": "2013-01-14T10:00:00-00:00",
    "name": "Neutron external network",
    "links": [],
    "alias": "external-net",
    "description": "Adds external network attribute to network resource.",
}


async def test_list(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(f"{NEUTRON}/extensions").respond(
        200, json={"extensions": [ROUTER, EXTERNAL]}
    )
    found = await extensions.list(network).all()
    assert [e.alias for e in found] == ["router", "external-net"]
    assert found[0].name == "Neutron L3 Router"
    assert route.call_count == 1


async def test_get_and_missing(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{NEUTRON}/extensions/router").respond(200, json={"extension": ROUTER})
    cloud.router.get(f"{NEUTRON}/extensions/lbaas").respond(
        404, json=neutron_error("HTTPNotFound", "Extension with alias lbaas does not exist")
    )

    got = await extensions.get(network, "router")
    assert got == extensions.Extension(
        alias="router",
        name="Neutron L3 Router",
        description=ROUTER["description"],
        updated="2012-07-20T10:00:00-00:00",
    )
    with pytest.raises(errors.NotFound, match="alias lbaas does not exist"):
        await extensions.get(network, "lbaas")
