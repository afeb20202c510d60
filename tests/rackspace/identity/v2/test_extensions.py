"""rackspace identity/v2/extensions: the shared listing on Rackspace's answer."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.rackspace.identity.v2 import extensions
from aiocloud.service import ServiceClient
from tests.helpers import RAX_IDENTITY, RaxCloud, last_request, rax_error

URL = RAX_IDENTITY + "extensions"
KSKEY = {
    "name": "Rackspace API Key Authentication",
    "namespace": "http://docs.rackspace.com/identity/api/ext/RAX-KSKEY/v1.0",
    "alias": "RAX-KSKEY",
    "updated": "2011-01-22T13:25:27-06:00",
    "description": "Rackspace extensions to Keystone v2.0 API enabling API Key authentication.",
    "links": [
        {
            "rel": "describedby",
            "type": "application/pdf",
            "href": "http://docs.rackspace.com/identity/api/ext/identity-rax-kskey-20111111.pdf",
        }
    ],
}
AUTH = {
    "name": "Rackspace Extended Authentication",
    "namespace": "http://docs.rackspace.com/identity/api/ext/RAX-AUTH/v1.0",
    "alias": "RAX-AUTH",
    "updated": "2012-01-20T14:00:00-06:00",
    "description": "Rackspace extensions to Keystone v2.0 API.",
    "links": [],
}


@pytest.mark.parametrize(
    "body",
    [{"extensions": [KSKEY, AUTH]}, {"extensions": {"values": [KSKEY, AUTH]}}],
    ids=["list", "values"],
)
async def test_list(rax: RaxCloud, identity: ServiceClient, body: object) -> None:
    route = rax.router.get(URL).respond(200, json=body)

    found = await extensions.list(identity).all()

    assert [e.alias for e in found] == ["RAX-KSKEY", "RAX-AUTH"]
    assert found[0].name == "Rackspace API Key Authentication"
    assert found[0].updated == "2011-01-22T13:25:27-06:00"
    assert found[0].links[0].rel == "describedby"
    assert last_request(route).headers["X-Auth-Token"] == "rax-token-1"


async def test_get(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.get(f"{URL}/RAX-KSKEY").respond(200, json={"extension": KSKEY})

    found = await extensions.get(identity, "RAX-KSKEY")

    assert found.namespace == KSKEY["namespace"]
    assert last_request(route).method == "GET"


async def test_get_an_unknown_alias_is_not_found(rax: RaxCloud, identity: ServiceClient) -> None:
    rax.router.get(f"{URL}/RAX-NOPE").respond(
        404, json=rax_error("itemNotFound", 404, "Extension with alias RAX-NOPE not found")
    )
    with pytest.raises(errors.NotFound, match="RAX-NOPE not found"):
        await extensions.get(identity, "RAX-NOPE")
