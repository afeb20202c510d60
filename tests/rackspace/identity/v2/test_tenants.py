"""rackspace identity/v2/tenants: OpenStack's listing on Rackspace's answer."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.identity.v2 import tenants as openstack_tenants
from aiocloud.rackspace.identity.v2 import tenants
from aiocloud.service import ServiceClient
from tests.helpers import RAX_IDENTITY, RAX_TENANT, RaxCloud, last_request, rax_error

URL = RAX_IDENTITY + "tenants"
ACCOUNT = {"id": RAX_TENANT, "name": RAX_TENANT, "enabled": True, "RAX-AUTH:domainId": "864477"}
FILES = {"id": "MossoCloudFS_530f8649", "name": "MossoCloudFS_530f8649", "enabled": True}


def test_the_module_is_openstacks() -> None:
    assert tenants.list is openstack_tenants.list
    assert tenants.Tenant is openstack_tenants.Tenant


async def test_list(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.get(URL).respond(
        200, json={"tenants": [ACCOUNT, FILES], "tenants_links": []}
    )

    found = await tenants.list(identity).all()

    assert [(t.id, t.name, t.enabled) for t in found] == [
        (RAX_TENANT, RAX_TENANT, True),
        ("MossoCloudFS_530f8649", "MossoCloudFS_530f8649", True),
    ]
    assert found[0].raw["RAX-AUTH:domainId"] == "864477"
    request = last_request(route)
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert not request.url.query


async def test_list_with_limit_and_marker(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.get(URL).respond(200, json={"tenants": [FILES]})
    await tenants.list(identity, tenants.ListOpts(marker=RAX_TENANT, limit=1)).all()
    assert last_request(route).url.params.multi_items() == [
        ("marker", RAX_TENANT),
        ("limit", "1"),
    ]


@pytest.mark.parametrize(
    ("status", "kind", "error"),
    [(403, "forbidden", errors.Forbidden), (413, "overLimit", errors.RequestEntityTooLarge)],
)
async def test_list_errors(
    rax: RaxCloud, identity: ServiceClient, status: int, kind: str, error: type[Exception]
) -> None:
    rax.router.get(URL).respond(status, json=rax_error(kind, status, "no"))
    with pytest.raises(error):
        await tenants.list(identity).all()
