"""identity/v2/extensions: Keystone v2.0's nested {"extensions": {"values": [...]}}."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.common import extensions as common
from aiocloud.openstack.identity.v2 import extensions
from aiocloud.pagination import Link
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import keystone_error, last_request

BASE = "https://cloud.test:5000/v2.0/extensions"

KSADM_DESCRIPTION = "OpenStack extensions to Keystone v2.0 API enabling Administrative Operations."
KSADM = {
    "updated": "2013-07-11T17:14:00-00:00",
    "name": "OpenStack Keystone Admin",
    "links": [
        {
            "href": "https://github.com/openstack/identity-api",
            "type": "text/html",
            "rel": "describedby",
        }
    ],
    "namespace": "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0",
    "alias": "OS-KSADM",
    "description": KSADM_DESCRIPTION,
}
S3 = {
    "updated": "2013-07-07T12:00:0-00:00",
    "name": "OpenStack S3 API",
    "links": [],
    "namespace": "http://docs.openstack.org/identity/api/ext/s3tokens/v1.0",
    "alias": "s3tokens",
    "description": "OpenStack S3 API.",
}


async def test_list_reads_the_values_shape(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    route = cloud_v2.router.get(BASE).respond(200, json={"extensions": {"values": [KSADM, S3]}})

    found = await extensions.list(identity_v2).all()

    request = last_request(route)
    assert request.method == "GET"
    assert str(request.url) == BASE
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert route.call_count == 1
    assert [e.alias for e in found] == ["OS-KSADM", "s3tokens"]
    assert found[0] == common.Extension(
        alias="OS-KSADM",
        name="OpenStack Keystone Admin",
        description=KSADM_DESCRIPTION,
        namespace="http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0",
        updated="2013-07-11T17:14:00-00:00",
        links=(Link(href="https://github.com/openstack/identity-api", rel="describedby"),),
    )
    assert found[0].raw["links"][0]["type"] == "text/html"
    # Keystone's unparseable timestamp is kept as sent instead of failing the listing.
    assert found[1].updated == "2013-07-07T12:00:0-00:00"


async def test_list_also_reads_the_flat_shape(
    cloud_v2: MockCloud, identity_v2: ServiceClient
) -> None:
    cloud_v2.router.get(BASE).respond(200, json={"extensions": [S3]})
    assert [e.alias for e in await extensions.list(identity_v2).all()] == ["s3tokens"]


async def test_get(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    route = cloud_v2.router.get(f"{BASE}/OS-KSADM").respond(200, json={"extension": KSADM})

    ext = await extensions.get(identity_v2, "OS-KSADM")

    assert last_request(route).method == "GET"
    assert isinstance(ext, extensions.Extension)
    assert ext.name == "OpenStack Keystone Admin"


async def test_get_missing(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    cloud_v2.router.get(f"{BASE}/OS-NOPE").respond(
        404, json=keystone_error(404, "Could not find extension: OS-NOPE.")
    )
    with pytest.raises(errors.NotFound) as caught:
        await extensions.get(identity_v2, "OS-NOPE")
    assert caught.value.message == "Could not find extension: OS-NOPE."


async def test_get_refuses_a_listing(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    cloud_v2.router.get(f"{BASE}/OS-KSADM").respond(200, json={"extensions": {"values": [KSADM]}})
    with pytest.raises(errors.ResponseFormatError):
        await extensions.get(identity_v2, "OS-KSADM")
