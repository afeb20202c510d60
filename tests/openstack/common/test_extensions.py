"""common/extensions: the shared extensions listing, exact requests and parsed results."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import attrs
import httpx
import pytest

from aiocloud import ProviderClient, errors, openstack
from aiocloud.openstack.common import extensions
from aiocloud.openstack.compute.v2 import extensions as compute_extensions
from aiocloud.openstack.identity.v2 import extensions as identity_v2_extensions
from aiocloud.openstack.networking.v2 import extensions as network_extensions
from aiocloud.pagination import Link
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import last_request

COMPUTE = "https://cloud.test:8774/v2.1/extensions"
NETWORK = "https://cloud.test:9696/v2.0/extensions"
IDENTITY_V2 = "https://cloud.test:5000/v2.0"

KEYPAIRS = {
    "alias": "os-keypairs",
    "description": "Keypair Support.",
    "links": [],
    "name": "Keypairs",
    "namespace": "http://docs.openstack.org/compute/ext/fake_xml",
    "updated": "2014-12-03T00:00:00Z",
}
DISK_CONFIG = {
    "alias": "OS-DCF",
    "description": "Disk Management Extension.",
    "links": [
        {"href": "https://docs.openstack.org/api-ref/compute/", "rel": "describedby"},
    ],
    "name": "DiskConfig",
    "namespace": "http://docs.openstack.org/compute/ext/fake_xml",
    "updated": "2014-12-03T00:00:00Z",
}
# Neutron dropped "namespace" from its extension descriptors.
ROUTER = {
    "alias": "router",
    "description": "Router abstraction for basic L3 forwarding between L2 Neutron networks",
    "links": [],
    "name": "Neutron L3 Router",
    "updated": "2012-07-20T10:00:00-00:00",
}


async def test_list_is_one_page_of_every_extension(cloud: MockCloud) -> None:
    route = cloud.router.get(COMPUTE).respond(200, json={"extensions": [KEYPAIRS, DISK_CONFIG]})
    compute = await openstack.new_compute_v2(cloud.provider)

    found = await extensions.list(compute).all()

    assert route.call_count == 1
    request = last_request(route)
    assert request.method == "GET"
    assert request.url == COMPUTE
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    keypairs = extensions.Extension(
        alias="os-keypairs",
        name="Keypairs",
        description="Keypair Support.",
        namespace="http://docs.openstack.org/compute/ext/fake_xml",
        updated="2014-12-03T00:00:00Z",
        links=(),
    )
    assert found == [
        keypairs,
        attrs.evolve(
            keypairs,
            alias="OS-DCF",
            name="DiskConfig",
            description="Disk Management Extension.",
            links=(Link(href="https://docs.openstack.org/api-ref/compute/", rel="describedby"),),
        ),
    ]
    assert found[1].raw == DISK_CONFIG


async def test_list_under_the_networking_resource_base(cloud: MockCloud) -> None:
    route = cloud.router.get(NETWORK).respond(200, json={"extensions": [ROUTER]})
    network = await openstack.new_network_v2(cloud.provider)

    pages = [page async for page in extensions.list(network).pages()]

    assert route.call_count == 1
    assert len(pages) == 1
    assert pages[0].items[0].alias == "router"
    assert pages[0].items[0].namespace is None
    assert pages[0].items[0].updated == "2012-07-20T10:00:00-00:00"


async def test_list_reads_keystone_v2_values_shape(cloud: MockCloud) -> None:
    cloud.router.get(COMPUTE).respond(200, json={"extensions": {"values": [KEYPAIRS]}})
    compute = await openstack.new_compute_v2(cloud.provider)
    assert [e.alias for e in await extensions.list(compute).all()] == ["os-keypairs"]


async def test_list_empty(cloud: MockCloud) -> None:
    cloud.router.get(COMPUTE).respond(200, json={"extensions": []})
    compute = await openstack.new_compute_v2(cloud.provider)
    assert await extensions.list(compute).all() == []


@pytest.mark.parametrize(
    "body",
    [
        {"extension": []},
        {"extensions": {"value": []}},
        {"extensions": "none"},
        {"extensions": [{"name": "no alias"}]},
        [KEYPAIRS],
    ],
)
async def test_list_rejects_unexpected_shapes(cloud: MockCloud, body: object) -> None:
    cloud.router.get(COMPUTE).respond(200, json=body)
    compute = await openstack.new_compute_v2(cloud.provider)
    with pytest.raises(errors.ResponseFormatError):
        await extensions.list(compute).all()


async def test_get_by_alias(cloud: MockCloud) -> None:
    route = cloud.router.get(f"{COMPUTE}/os-keypairs").respond(200, json={"extension": KEYPAIRS})
    compute = await openstack.new_compute_v2(cloud.provider)

    ext = await extensions.get(compute, "os-keypairs")

    assert last_request(route).method == "GET"
    assert ext.alias == "os-keypairs"
    assert ext.name == "Keypairs"
    assert ext.raw == KEYPAIRS


async def test_get_quotes_the_alias(cloud: MockCloud) -> None:
    route = cloud.router.get(url__regex=r"/extensions/").respond(200, json={"extension": KEYPAIRS})
    compute = await openstack.new_compute_v2(cloud.provider)
    await extensions.get(compute, "a?b c")
    assert last_request(route).url.raw_path == b"/v2.1/extensions/a%3Fb%20c"


async def test_get_missing_is_not_found(cloud: MockCloud) -> None:
    cloud.router.get(f"{NETWORK}/lbaas").respond(
        404,
        json={
            "NeutronError": {
                "type": "ExtensionNotFound",
                "message": "Extension with alias lbaas does not exist",
                "detail": "",
            }
        },
        headers={"x-openstack-request-id": "req-9"},
    )
    network = await openstack.new_network_v2(cloud.provider)
    with pytest.raises(errors.NotFound) as caught:
        await extensions.get(network, "lbaas")
    assert caught.value.request_id == "req-9"
    assert "Extension with alias lbaas does not exist" in (caught.value.message or "")


async def compute_client(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_compute_v2(cloud.provider)


async def identity_v2_client(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, f"{IDENTITY_V2}/", type="identity")


@pytest.mark.parametrize(
    ("outcome", "error"),
    [
        (httpx.Response(500, text="Internal Server Error"), errors.InternalServerError),
        (httpx.Response(200, content=b"{not json"), errors.ResponseFormatError),
        (httpx.RemoteProtocolError("closed"), errors.ConnectionFailed),
        (httpx.ReadTimeout("timed out"), errors.TimedOut),
    ],
    ids=["500", "malformed", "dropped", "timeout"],
)
@pytest.mark.parametrize(
    "call",
    [lambda m, c: m.list(c).all(), lambda m, c: m.get(c, "os-keypairs")],
    ids=["list", "get"],
)
@pytest.mark.parametrize(
    ("module", "base", "client"),
    [
        (extensions, COMPUTE, compute_client),
        (identity_v2_extensions, f"{IDENTITY_V2}/extensions", identity_v2_client),
    ],
    ids=["compute", "identity-v2"],
)
async def test_failures(
    cloud: MockCloud,
    module: ModuleType,
    base: str,
    client: Callable[[MockCloud], Awaitable[ServiceClient]],
    call: Callable[[ModuleType, ServiceClient], Awaitable[Any]],
    outcome: httpx.Response | Exception,
    error: type[Exception],
) -> None:
    route = cloud.router.get(url__startswith=base)
    if isinstance(outcome, Exception):
        route.mock(side_effect=outcome)
    else:
        route.mock(return_value=outcome)
    service = await client(cloud)
    with pytest.raises(error):
        await call(module, service)


async def test_get_refuses_a_listing(cloud: MockCloud) -> None:
    cloud.router.get(f"{COMPUTE}/os-keypairs").respond(200, json={"extensions": [KEYPAIRS]})
    compute = await openstack.new_compute_v2(cloud.provider)
    with pytest.raises(errors.ResponseFormatError):
        await extensions.get(compute, "os-keypairs")


@pytest.mark.parametrize(
    ("module", "new_client", "url"),
    [
        (compute_extensions, openstack.new_compute_v2, COMPUTE),
        (network_extensions, openstack.new_network_v2, NETWORK),
    ],
    ids=["compute", "networking"],
)
async def test_service_modules_read_through_the_shared_one(
    cloud: MockCloud,
    module: ModuleType,
    new_client: Callable[[ProviderClient], Awaitable[ServiceClient]],
    url: str,
) -> None:
    cloud.router.get(url).respond(200, json={"extensions": [KEYPAIRS, ROUTER]})
    cloud.router.get(f"{url}/os-keypairs").respond(200, json={"extension": KEYPAIRS})
    cloud.router.get(f"{url}/nope").respond(
        404, json={"itemNotFound": {"code": 404, "message": "The resource could not be found."}}
    )
    client = await new_client(cloud.provider)

    found = await module.list(client).all()
    keypairs = await module.get(client, "os-keypairs")

    assert [(e.alias, e.name) for e in found] == [
        ("os-keypairs", "Keypairs"),
        ("router", "Neutron L3 Router"),
    ]
    assert (keypairs.description, keypairs.updated) == ("Keypair Support.", "2014-12-03T00:00:00Z")
    assert keypairs == await extensions.get(client, "os-keypairs")
    with pytest.raises(errors.NotFound):
        await module.get(client, "nope")


async def test_list_malformed_json(cloud: MockCloud) -> None:
    cloud.router.get(NETWORK).respond(200, content=b'{"extensions": [')
    network = await openstack.new_network_v2(cloud.provider)
    with pytest.raises(errors.ResponseFormatError):
        await extensions.list(network).all()
