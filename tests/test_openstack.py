"""openstack: authenticate (v3, v2.0, discovery), service constructors, microversions."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from aiocloud import AuthOptions, Availability, EndpointOpts, errors, openstack
from aiocloud.openstack.blockstorage import v3 as blockstorage_v3
from aiocloud.testing import FAKE_TOKEN, PROJECT_ID, MockCloud, token_v3_body

ROOT = "https://keystone.test:5000/"


def _router_with_v3(router_cloud: MockCloud) -> None:
    router_cloud.router.post(f"{ROOT}v3/auth/tokens").respond(
        201, json=token_v3_body(), headers={"X-Subject-Token": FAKE_TOKEN}
    )


async def test_versioned_url_authenticates_with_exactly_one_request() -> None:
    cloud = MockCloud()
    async with cloud:
        assert len(cloud.router.calls) == 1
        request = cloud.router.calls.last.request
        assert request.url == "https://cloud.test:5000/v3/auth/tokens"
        assert "X-Auth-Token" not in request.headers
        assert json.loads(request.content) == {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": "demo",
                            "domain": {"name": "Default"},
                            "password": "demo-secret",
                        }
                    },
                },
                "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}},
            }
        }
        assert cloud.provider.token_id == FAKE_TOKEN
        assert cloud.provider.identity_base == "https://cloud.test:5000/"
        assert cloud.provider.identity_endpoint == "https://cloud.test:5000/v3/"


async def test_identity_v2_authentication_and_catalog() -> None:
    async with MockCloud("v2.0") as cloud:
        body = json.loads(cloud.token_route.calls.last.request.content)
        assert body == {
            "auth": {
                "passwordCredentials": {"username": "demo", "password": "demo-secret"},
                "tenantName": "demo",
            }
        }
        compute = await openstack.new_compute_v2(cloud.provider)
        assert compute.endpoint == "https://cloud.test:8774/v2.1/"
        identity = await openstack.new_identity_v2(cloud.provider)
        assert identity.endpoint == "https://cloud.test:5000/v2.0/"


async def test_version_discovery_picks_v3() -> None:
    cloud = MockCloud()
    cloud.router.get(ROOT).respond(
        300,
        json={
            "versions": {
                "values": [
                    {
                        "id": "v3.14",
                        "status": "stable",
                        "links": [{"rel": "self", "href": f"{ROOT}v3/"}],
                    },
                    {
                        "id": "v2.0",
                        "status": "deprecated",
                        "links": [{"rel": "self", "href": f"{ROOT}v2.0/"}],
                    },
                ]
            }
        },
    )
    _router_with_v3(cloud)
    provider = openstack.new_client(ROOT, transport=cloud.transport)
    opts = AuthOptions(identity_endpoint=ROOT, user_id="u", password="p", tenant_id=PROJECT_ID)
    await openstack.authenticate(provider, opts)
    assert provider.identity_endpoint == f"{ROOT}v3/"
    assert len(cloud.router.calls) == 2
    await provider.aclose()


async def test_discovery_of_v2_only_cloud() -> None:
    cloud = MockCloud()
    cloud.router.get(ROOT).respond(
        200, json={"versions": {"values": [{"id": "v2.0", "status": "stable", "links": []}]}}
    )
    provider = openstack.new_client(ROOT, transport=cloud.transport)
    cloud.router.post(f"{ROOT}v2.0/tokens").respond(
        200, json={"access": {"token": {"id": "t2", "expires": "2099-01-01T00:00:00Z"}}}
    )
    await openstack.authenticate(provider, AuthOptions(username="u", password="p"))
    assert provider.token_id == "t2"
    await provider.aclose()


async def test_invalid_options_rejected_before_any_request() -> None:
    cloud = MockCloud()
    provider = openstack.new_client(f"{ROOT}v3", transport=cloud.transport)
    with pytest.raises(errors.InvalidOptions):
        await openstack.authenticate(provider, AuthOptions(username="u", password="p"))
    assert len(cloud.router.calls) == 0
    await provider.aclose()


async def test_service_constructors(cloud: MockCloud) -> None:
    provider = cloud.provider
    network = await openstack.new_network_v2(provider)
    assert network.endpoint == "https://cloud.test:9696/"
    assert network.resource_base_url() == "https://cloud.test:9696/v2.0/"
    assert network.service_url("networks", "a b") == "https://cloud.test:9696/v2.0/networks/a%20b"
    swift = await openstack.new_object_storage_v1(provider, EndpointOpts(region="RegionOne"))
    assert swift.endpoint == f"https://cloud.test:8080/v1/AUTH_{PROJECT_ID}/"
    assert (await openstack.new_block_storage_v1(provider)).endpoint.endswith(f"/v1/{PROJECT_ID}/")
    assert (await openstack.new_block_storage_v2(provider)).endpoint.endswith(f"/v2/{PROJECT_ID}/")
    v3 = await openstack.new_block_storage_v3(provider)
    assert v3.endpoint.endswith(f"/v3/{PROJECT_ID}/")
    assert v3.type == "volumev3"
    with pytest.raises(errors.EndpointNotFound):
        await openstack.new_compute_v2(provider, EndpointOpts(region="Mars"))


async def test_negotiate_microversion_and_headers(cloud: MockCloud) -> None:
    compute = await openstack.new_compute_v2(cloud.provider)
    cloud.router.get(compute.endpoint).respond(
        200, json={"version": {"id": "v2.1", "version": "2.93", "min_version": "2.1"}}
    )
    negotiated = await openstack.negotiate_microversion(compute, maximum="2.79")
    assert negotiated.microversion == "2.79"
    route = cloud.router.get(compute.service_url("servers")).respond(200, json={"servers": []})
    await negotiated.json("GET", compute.service_url("servers"))
    headers = route.calls.last.request.headers
    assert headers["X-OpenStack-Nova-API-Version"] == "2.79"
    assert headers["OpenStack-API-Version"] == "compute 2.79"


async def test_authenticated_client_is_awaitable_and_a_context_manager() -> None:
    cloud = MockCloud()
    opts = cloud.auth_options
    provider = await openstack.authenticated_client(opts, transport=cloud.transport)
    assert provider.token_id == FAKE_TOKEN
    await provider.aclose()
    async with openstack.authenticated_client(opts, transport=cloud.transport) as provider:
        assert provider.token_id == FAKE_TOKEN
    assert provider.token_id == FAKE_TOKEN


async def test_authenticated_client_from_clouds_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cloud = MockCloud()
    (tmp_path / "clouds.yaml").write_text(
        "clouds:\n  test:\n    region_name: RegionOne\n    auth:\n"
        "      auth_url: https://cloud.test:5000/v3\n      username: demo\n"
        "      password: pw\n      user_domain_name: Default\n      project_id: p1\n"
    )
    monkeypatch.chdir(tmp_path)
    async with openstack.authenticated_client(cloud="test", transport=cloud.transport) as provider:
        assert provider.endpoint_opts.region == "RegionOne"
        assert (await openstack.new_compute_v2(provider)).endpoint.startswith("https://cloud.test")
    with pytest.raises(errors.InvalidOptions, match="known: test"):
        await openstack.authenticated_client(cloud="prod", transport=cloud.transport)


async def test_clouds_yaml_endpoint_overrides_and_merged_endpoint_opts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cloud = MockCloud()
    (tmp_path / "clouds.yaml").write_text(
        "clouds:\n  test:\n    region_name: RegionTwo\n    interface: internal\n"
        "    object_store_endpoint_override: https://swift.test/v1/AUTH_%(project_id)s\n"
        "    identity_endpoint_override: https://keystone.internal:5000/v3\n"
        "    auth:\n      auth_url: https://cloud.test:5000/v3\n      username: demo\n"
        "      password: pw\n      user_domain_name: Default\n      project_id: p1\n"
    )
    monkeypatch.chdir(tmp_path)
    async with openstack.authenticated_client(cloud="test", transport=cloud.transport) as provider:
        swift = await openstack.new_object_storage_v1(provider)
        assert swift.endpoint == f"https://swift.test/v1/AUTH_{PROJECT_ID}/"
        identity = await openstack.new_identity_v3(provider)
        assert identity.endpoint == "https://keystone.internal:5000/v3/"
        with pytest.raises(errors.EndpointNotFound) as caught:
            await openstack.new_compute_v2(provider, EndpointOpts(name="nova"))
        message = str(caught.value)
        assert "internal interface in region 'RegionTwo'" in message
        assert "regions offering its internal interface: RegionOne" in message


async def test_identity_clients_follow_endpoint_opts() -> None:
    cloud = MockCloud()
    catalog = token_v3_body()
    for endpoint in catalog["token"]["catalog"][0]["endpoints"]:
        if endpoint["interface"] == "admin":
            endpoint["url"] = "https://keystone-admin.test:35357/v3"
    cloud.token_route.side_effect = None
    cloud.token_route.respond(201, json=catalog, headers={"X-Subject-Token": FAKE_TOKEN})
    async with cloud:
        public = await openstack.new_identity_v3(cloud.provider)
        assert public.endpoint == "https://cloud.test:5000/v3/"
        admin = await openstack.new_identity_v2(
            cloud.provider, EndpointOpts(availability=Availability.ADMIN)
        )
        assert admin.endpoint == "https://keystone-admin.test:35357/v2.0/"
        with pytest.raises(errors.EndpointNotFound):
            await openstack.new_identity_v3(cloud.provider, EndpointOpts(region="Mars"))


async def test_block_storage_microversion_is_capped_at_what_aiocloud_knows(
    cloud: MockCloud,
) -> None:
    volume = await openstack.new_block_storage_v3(cloud.provider)
    cloud.router.get("https://cloud.test:8776/v3/").respond(
        200, json={"versions": [{"id": "v3.0", "version": "3.99", "min_version": "3.0"}]}
    )
    negotiated = await openstack.negotiate_microversion(volume)
    assert negotiated.microversion == blockstorage_v3.MAX_MICROVERSION == "3.70"
    url = volume.service_url("volumes")
    cloud.router.get(url).respond(
        406,
        json={
            "computeFault": {
                "code": 406,
                "message": "Version 3.70 is not supported by the API. Minimum is 3.0 and "
                "maximum is 3.60.",
            }
        },
    )
    with pytest.raises(errors.UnsupportedMicroversion, match=r"maximum is 3\.60"):
        await negotiated.json("GET", url)


def test_a_misspelt_client_option_is_refused_at_once() -> None:
    with pytest.raises(TypeError, match=r"'max_concurency'.*'max_concurrency'"):
        openstack.authenticated_client(
            AuthOptions(identity_endpoint=ROOT),
            max_concurency=3,  # type: ignore[call-arg]
        )
    with pytest.raises(TypeError, match="'verfy'"):
        openstack.new_client(ROOT, verfy=False)  # type: ignore[call-arg]


async def test_failed_authentication_closes_the_client() -> None:
    cloud = MockCloud()
    cloud.token_route.respond(401, json={"error": {"message": "bad password", "code": 401}})
    with pytest.raises(errors.Unauthorized, match="bad password"):
        await openstack.authenticated_client(cloud.auth_options, transport=cloud.transport)


async def test_dropped_connection_during_auth() -> None:
    cloud = MockCloud()
    cloud.token_route.mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(errors.ConnectionFailed):
        await openstack.authenticated_client(cloud.auth_options, transport=cloud.transport)


async def test_invalid_options_rejected_before_discovery() -> None:
    cloud = MockCloud()
    provider = openstack.new_client(ROOT, transport=cloud.transport)
    with pytest.raises(errors.InvalidOptions) as caught:
        await openstack.authenticate(provider, AuthOptions(password="p"))
    assert caught.value.field == "username"
    assert len(cloud.router.calls) == 0
    await provider.aclose()


async def test_negotiate_microversion_reads_cinder_version_root(cloud: MockCloud) -> None:
    volume = await openstack.new_block_storage_v3(cloud.provider)
    route = cloud.router.get("https://cloud.test:8776/v3/").respond(
        200,
        json={
            "versions": [
                {"id": "v3.0", "status": "CURRENT", "version": "3.70", "min_version": "3.0"}
            ]
        },
    )
    negotiated = await openstack.negotiate_microversion(volume, maximum="3.60")
    assert route.call_count == 1
    assert negotiated.microversion == "3.60"
    assert negotiated.provider is volume.provider
