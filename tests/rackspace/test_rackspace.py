"""rackspace: API-key authentication, the catalog's regions and shared types, env, clouds.yaml."""

from __future__ import annotations

import json
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from aiocloud import AuthOptions, EndpointOpts, ProviderClient, errors, openstack, rackspace
from aiocloud.config import load_cloud_config
from aiocloud.rackspace.identity.v2 import tokens
from aiocloud.service import ServiceClient
from tests.helpers import (
    RAX_API_KEY,
    RAX_IDENTITY,
    RAX_REGIONS,
    RaxCloud,
    last_request,
    rax_access,
    rax_error,
    rax_url,
)

New = Callable[[ProviderClient, EndpointOpts | None], Awaitable[ServiceClient]]

# each new_* with the catalog name it picks and the ServiceClient type it gives
SERVICES: list[Any] = [
    pytest.param(rackspace.new_compute_v2, "cloudServersOpenStack", "compute", id="compute"),
    pytest.param(rackspace.new_block_storage_v1, "cloudBlockStorage", "volume", id="volume"),
    pytest.param(rackspace.new_object_storage_v1, "cloudFiles", "object-store", id="files"),
    pytest.param(rackspace.new_object_cdn_v1, "cloudFilesCDN", "rax:object-cdn", id="cdn"),
    pytest.param(rackspace.new_network_v2, "cloudNetworks", "network", id="network"),
]


# -- the token request -----------------------------------------------------------------


async def test_the_api_key_request_is_exactly_rackspaces() -> None:
    async with RaxCloud() as cloud:
        assert len(cloud.router.calls) == 1  # no version discovery
        request = last_request(cloud.token_route)
        assert request.method == "POST"
        assert request.url == "https://identity.api.rackspacecloud.com/v2.0/tokens"
        assert request.headers["Content-Type"] == "application/json"
        assert "X-Auth-Token" not in request.headers
        assert json.loads(request.content) == {
            "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY}}
        }
        assert cloud.provider.token_id == "rax-token-1"
        assert cloud.provider.identity_endpoint == RAX_IDENTITY
        assert cloud.provider.identity_base == "https://identity.api.rackspacecloud.com/"


@pytest.mark.parametrize(
    ("opts", "auth"),
    [
        (
            AuthOptions(username="demo", password="pw-s3cret"),
            {"passwordCredentials": {"username": "demo", "password": "pw-s3cret"}},
        ),
        (
            AuthOptions(username="demo", api_key="k", tenant_id="864477"),
            {
                "RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "k"},
                "tenantId": "864477",
            },
        ),
        (
            AuthOptions(token_id="old-token", tenant_name="864477"),
            {"token": {"id": "old-token"}, "tenantName": "864477"},
        ),
    ],
    ids=["password", "api-key+tenant", "token"],
)
async def test_password_and_token_requests(opts: AuthOptions, auth: dict[str, Any]) -> None:
    async with RaxCloud(opts) as cloud:
        assert json.loads(last_request(cloud.token_route).content) == {"auth": auth}


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("https://identity.api.rackspacecloud.com", RAX_IDENTITY),
        ("https://identity.api.rackspacecloud.com/v2.0", RAX_IDENTITY),
        (rackspace.RACKSPACE_UK_IDENTITY, "https://lon.identity.api.rackspacecloud.com/v2.0/"),
    ],
)
async def test_identity_url_gets_v2_0(endpoint: str, url: str) -> None:
    cloud = RaxCloud(AuthOptions(identity_endpoint=endpoint, username="demo", api_key="k"))
    route = cloud.router.post(url + "tokens").respond(200, json=rax_access())
    async with cloud:
        assert route.call_count == 1
        assert cloud.provider.identity_endpoint == url


@pytest.mark.parametrize(
    ("opts", "field"),
    [
        (AuthOptions(identity_endpoint="https://identity.test/v3", username="d", api_key="k"),
         "identity_endpoint"),
        (AuthOptions(username="demo", api_key="k", password="pw"), "api_key"),
        (AuthOptions(username="demo"), "password"),
        (AuthOptions(api_key="k"), "username"),
        (AuthOptions(username="demo", api_key="k", domain_name="Default"), "domain_name"),
    ],
)  # fmt: skip
async def test_invalid_options_fail_before_any_request(opts: AuthOptions, field: str) -> None:
    cloud = RaxCloud(opts)
    with pytest.raises(errors.InvalidOptions) as caught:
        await cloud.__aenter__()
    assert caught.value.field == field
    assert cloud.router.calls.call_count == 0
    with pytest.raises(errors.InvalidOptions):
        rackspace.RackspaceAuthenticator(opts)


async def test_new_client_then_authenticate_like_gophercloud() -> None:
    cloud = RaxCloud()
    provider = rackspace.new_client(transport=cloud.transport)
    assert provider.identity_endpoint == RAX_IDENTITY
    async with provider:
        await rackspace.authenticate(provider, AuthOptions(username="demo", api_key=RAX_API_KEY))
        assert provider.token_id == "rax-token-1"
        compute = await rackspace.new_compute_v2(provider)
        assert compute.endpoint == rax_url("cloudServersOpenStack", "DFW") + "/"


async def test_a_bad_key_is_unauthorized_and_not_shown() -> None:
    cloud = RaxCloud()
    cloud.token_route.mock(
        return_value=httpx.Response(
            401, json=rax_error("unauthorized", 401, "Username or api key is invalid.")
        )
    )
    with pytest.raises(errors.Unauthorized) as caught:
        await cloud.__aenter__()
    error = caught.value
    assert error.status_code == 401
    assert error.message == "unauthorized: Username or api key is invalid."
    shown = "".join([str(error), repr(error), *traceback.format_exception(error)])
    assert RAX_API_KEY not in shown
    assert cloud.token_route.call_count == 1  # a refused key is not retried


async def test_an_unauthenticated_provider_says_how_to_authenticate() -> None:
    provider = rackspace.new_client()
    with pytest.raises(errors.AiocloudError, match=r"rackspace\.authenticate"):
        await rackspace.new_compute_v2(provider)
    await provider.aclose()


# -- the catalog: regions, names, shared types -----------------------------------------


@pytest.mark.parametrize(("new", "name", "service_type"), SERVICES)
async def test_services_in_the_default_region(new: New, name: str, service_type: str) -> None:
    async with RaxCloud() as cloud:
        client = await new(cloud.provider, None)
        assert client.endpoint == rax_url(name, "DFW") + "/"
        assert client.type == service_type
        assert tokens.default_region(cloud.provider.token) == "DFW"  # type: ignore[arg-type]


@pytest.mark.parametrize("region", RAX_REGIONS)
@pytest.mark.parametrize(("new", "name", "service_type"), SERVICES)
async def test_an_explicit_region_wins(new: New, name: str, service_type: str, region: str) -> None:
    async with RaxCloud() as cloud:
        client = await new(cloud.provider, EndpointOpts(region=region))
        assert client.endpoint == rax_url(name, region) + "/"


async def test_the_providers_region_wins_over_the_users_default() -> None:
    async with RaxCloud(client_options={"endpoint_opts": EndpointOpts(region="SYD")}) as cloud:
        compute = await rackspace.new_compute_v2(cloud.provider)
        assert compute.endpoint == rax_url("cloudServersOpenStack", "SYD") + "/"
        lon = await rackspace.new_compute_v2(cloud.provider, EndpointOpts(region="LON"))
        assert lon.endpoint == rax_url("cloudServersOpenStack", "LON") + "/"


async def test_cloud_networks_resources_live_under_v2_0() -> None:
    async with RaxCloud() as cloud:
        network = await rackspace.new_network_v2(cloud.provider)
        assert network.service_url("networks") == (
            "https://dfw.networks.api.rackspacecloud.com/v2.0/networks"
        )


async def test_a_region_the_service_lacks_lists_the_regions() -> None:
    async with RaxCloud() as cloud:
        with pytest.raises(errors.EndpointNotFound) as caught:
            await rackspace.new_compute_v2(cloud.provider, EndpointOpts(region="MARS"))
        assert "DFW, HKG, IAD, LON, ORD, SYD" in str(caught.value)


async def test_shared_types_without_a_name_are_ambiguous_and_named() -> None:
    async with RaxCloud() as cloud:
        locate = cloud.provider.endpoint_locator
        assert locate is not None
        with pytest.raises(errors.AmbiguousEndpoint) as caught:
            await locate(EndpointOpts(type="rax:load-balancer"))
        message = str(caught.value)
        assert "'cloudLoadBalancers', 'cloudLoadBalancersNext' share the type" in message
        assert "set EndpointOpts.name" in message
        named = EndpointOpts(type="rax:load-balancer", name="cloudLoadBalancersNext")
        assert await locate(named) == rax_url("cloudLoadBalancersNext", "DFW") + "/"


async def test_without_a_default_region_both_computes_are_named() -> None:
    async with RaxCloud(default_region=None) as cloud:
        with pytest.raises(errors.AmbiguousEndpoint) as caught:
            await openstack.new_compute_v2(cloud.provider)
        assert "'cloudServers', 'cloudServersOpenStack' share the type" in str(caught.value)
        with pytest.raises(errors.AmbiguousEndpoint, match="6 compute endpoints"):
            await rackspace.new_compute_v2(cloud.provider)  # named, but in six regions
        iad = await rackspace.new_compute_v2(cloud.provider, EndpointOpts(region="IAD"))
        assert iad.endpoint == rax_url("cloudServersOpenStack", "IAD") + "/"


async def test_the_default_region_picks_the_regional_compute() -> None:
    async with RaxCloud() as cloud:  # cloudServers (first gen) has no region
        compute = await openstack.new_compute_v2(cloud.provider)
        assert compute.endpoint == rax_url("cloudServersOpenStack", "DFW") + "/"


async def test_global_services_are_found_without_a_region() -> None:
    async with RaxCloud() as cloud:
        locate = cloud.provider.endpoint_locator
        assert locate is not None
        assert await locate(EndpointOpts(type="rax:dns")) == rax_url("cloudDNS") + "/"
        first_gen = EndpointOpts(name="cloudServers")
        compute = await rackspace.new_compute_v2(cloud.provider, first_gen)
        assert compute.endpoint == rax_url("cloudServers") + "/"


async def test_another_type_is_not_given_rackspaces_name() -> None:
    async with RaxCloud() as cloud:
        dns = await rackspace.new_compute_v2(cloud.provider, EndpointOpts(type="rax:dns"))
        assert dns.endpoint == rax_url("cloudDNS") + "/"


async def test_identity_v2_is_under_the_identity_base() -> None:
    async with RaxCloud() as cloud:
        identity = await rackspace.new_identity_v2(cloud.provider)
        assert identity.endpoint == RAX_IDENTITY


# -- reauthentication ------------------------------------------------------------------


async def test_a_401_reauthenticates_with_the_api_key_and_resends() -> None:
    async with RaxCloud() as cloud:
        compute = await rackspace.new_compute_v2(cloud.provider)
        url = compute.service_url("flavors")
        seen: list[str] = []

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(request.headers["X-Auth-Token"])
            if len(seen) == 1:
                return httpx.Response(401, json=rax_error("unauthorized", 401, "expired"))
            return httpx.Response(200, json={"flavors": []})

        cloud.router.get(url).mock(side_effect=answer)
        assert await compute.json("GET", url) == {"flavors": []}
        assert seen == ["rax-token-1", "rax-token-2"]
        assert cloud.token_route.call_count == 2
        assert json.loads(last_request(cloud.token_route).content) == {
            "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY}}
        }


async def test_a_token_about_to_expire_is_renewed_before_the_request() -> None:
    async with RaxCloud(expires_in=30) as cloud:  # inside the 60 s refresh margin
        compute = await rackspace.new_compute_v2(cloud.provider)
        route = cloud.router.get(compute.service_url("flavors")).respond(200, json={})
        await compute.json("GET", compute.service_url("flavors"))
        assert cloud.token_route.call_count == 2
        assert last_request(route).headers["X-Auth-Token"] == "rax-token-2"


async def test_without_allow_reauth_a_401_is_raised() -> None:
    opts = AuthOptions(username="demo", api_key=RAX_API_KEY, allow_reauth=False)
    async with RaxCloud(opts) as cloud:
        compute = await rackspace.new_compute_v2(cloud.provider)
        cloud.router.get(compute.service_url("flavors")).respond(401)
        with pytest.raises(errors.Unauthorized):
            await compute.json("GET", compute.service_url("flavors"))
        assert cloud.token_route.call_count == 1


# -- the environment and clouds.yaml ---------------------------------------------------


def test_rax_environment() -> None:
    opts = rackspace.auth_options_from_env(
        {"RAX_USERNAME": "demo", "RAX_API_KEY": "k", "RAX_TENANT_ID": "864477"}
    )
    assert (opts.username, opts.api_key, opts.tenant_id) == ("demo", "k", "864477")
    assert opts.identity_endpoint == RAX_IDENTITY
    assert opts.password is None


def test_an_api_key_wins_over_a_password_and_auth_url_is_read() -> None:
    env = {
        "RAX_USERNAME": "demo",
        "RAX_API_KEY": "k",
        "RAX_PASSWORD": "pw",
        "RAX_AUTH_URL": "https://lon.identity.api.rackspacecloud.com",
        "OS_PROJECT_ID": "not-read",
    }
    opts = rackspace.auth_options_from_env(env)
    assert (opts.api_key, opts.password, opts.tenant_id) == ("k", None, None)
    assert opts.identity_endpoint == rackspace.RACKSPACE_UK_IDENTITY


def test_os_environment_when_no_rax_credentials() -> None:
    env = {"OS_USERNAME": "demo", "OS_PASSWORD": "pw", "OS_TENANT_NAME": "864477"}
    opts = rackspace.auth_options_from_env(env)
    assert (opts.username, opts.password, opts.tenant_name) == ("demo", "pw", "864477")
    assert opts.identity_endpoint == RAX_IDENTITY


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "RAX_USERNAME"),
        ({"RAX_API_KEY": "k"}, "RAX_USERNAME"),
        ({"RAX_USERNAME": "demo"}, "RAX_API_KEY"),
        ({"OS_USERNAME": "demo"}, "RAX_API_KEY"),
    ],
)
def test_missing_environment_names_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        rackspace.auth_options_from_env(env)
    assert caught.value.field == variable


async def test_authenticated_client_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RAX_USERNAME", "RAX_API_KEY", "RAX_PASSWORD", "OS_USERNAME", "OS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    cloud = RaxCloud()
    with pytest.raises(errors.InvalidOptions, match="RAX_USERNAME"):
        await rackspace.authenticated_client(transport=cloud.transport)
    assert cloud.router.calls.call_count == 0
    monkeypatch.setenv("RAX_USERNAME", "demo")
    monkeypatch.setenv("RAX_API_KEY", RAX_API_KEY)
    monkeypatch.setenv("RAX_REGION", "ORD")
    async with rackspace.authenticated_client(transport=cloud.transport) as provider:
        assert provider.endpoint_opts.region == "ORD"
        files = await rackspace.new_object_storage_v1(provider)
        assert files.endpoint == rax_url("cloudFiles", "ORD") + "/"
    assert json.loads(last_request(cloud.token_route).content) == {
        "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY}}
    }


CLOUDS_YAML = """\
clouds:
  rax:
    profile: rackspace
    auth_type: rackspace_apikey
    auth:
      username: demo
      api_key: {key}
    region_name: IAD
"""


async def test_clouds_yaml_with_the_rackspace_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clouds.yaml").write_text(CLOUDS_YAML.format(key=RAX_API_KEY))
    monkeypatch.chdir(tmp_path)
    config = load_cloud_config("rax", {})
    assert config.auth.identity_endpoint == RAX_IDENTITY
    assert config.auth.api_key == RAX_API_KEY
    assert RAX_API_KEY not in repr(config)
    cloud = RaxCloud()
    async with rackspace.authenticated_client(cloud="rax", transport=cloud.transport) as provider:
        compute = await rackspace.new_compute_v2(provider)
        assert compute.endpoint == rax_url("cloudServersOpenStack", "IAD") + "/"
    assert json.loads(last_request(cloud.token_route).content) == {
        "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY}}
    }


async def test_clouds_yaml_without_auth_url_defaults_to_rackspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clouds.yaml").write_text(
        "clouds:\n  mine:\n    auth:\n      username: demo\n      password: pw\n"
    )
    monkeypatch.chdir(tmp_path)
    cloud = RaxCloud()
    async with rackspace.authenticated_client(cloud="mine", transport=cloud.transport) as provider:
        assert provider.identity_endpoint == RAX_IDENTITY
        assert provider.endpoint_opts.region is None
        assert (await rackspace.new_compute_v2(provider)).endpoint.startswith("https://dfw.")
