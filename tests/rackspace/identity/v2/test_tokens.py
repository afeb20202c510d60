"""rackspace identity/v2/tokens: API-key bodies, Rackspace's access, validate, revoke, errors."""

from __future__ import annotations

import traceback
from datetime import datetime, timezone
from typing import Any

import attrs
import httpx
import pytest

from aiocloud import AuthOptions, EndpointOpts, errors, rackspace
from aiocloud.auth import Token, TokenProject, TokenUser
from aiocloud.rackspace.identity.v2 import tokens
from aiocloud.service import ServiceClient
from tests.helpers import (
    FAILURES,
    RAX_API_KEY,
    RAX_IDENTITY,
    RAX_TENANT,
    Outcome,
    RaxCloud,
    answer,
    last_request,
    rax_error,
    rax_url,
    sent_json,
)

URL = RAX_IDENTITY + "tokens"
KEY = AuthOptions(identity_endpoint=RAX_IDENTITY, username="demo", api_key=RAX_API_KEY)
OTHER = "4f3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d"

VALIDATED = {
    "access": {
        "token": {
            "id": OTHER,
            "expires": "2014-12-18T16:35:06.123-06:00",
            "tenant": {"id": RAX_TENANT, "name": RAX_TENANT},
            "RAX-AUTH:authenticatedBy": ["PASSWORD"],
        },
        "user": {
            "id": "172157",
            "name": "other",
            "RAX-AUTH:defaultRegion": "LON",
            "roles": [{"id": "3", "name": "identity:default", "description": "Default Role."}],
        },
    }
}


def _shown(error: BaseException) -> str:
    """Everything a user could print of ``error``."""
    return "".join([str(error), repr(error), *traceback.format_exception(error)])


@pytest.mark.parametrize(
    ("changes", "auth"),
    [
        ({}, {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY}}),
        (
            {"tenant_name": RAX_TENANT},
            {
                "RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": RAX_API_KEY},
                "tenantName": RAX_TENANT,
            },
        ),
        (
            {"api_key": None, "password": "pw-s3cret", "tenant_id": RAX_TENANT},
            {
                "passwordCredentials": {"username": "demo", "password": "pw-s3cret"},
                "tenantId": RAX_TENANT,
            },
        ),
        (
            {"api_key": None, "username": None, "token_id": OTHER, "tenant_id": RAX_TENANT},
            {"token": {"id": OTHER}, "tenantId": RAX_TENANT},
        ),
    ],
    ids=["api-key", "api-key+tenant-name", "password+tenant-id", "token+tenant-id"],
)
async def test_create_sends_rackspaces_body(
    rax: RaxCloud, identity: ServiceClient, changes: dict[str, Any], auth: dict[str, Any]
) -> None:
    token = await tokens.create(identity, attrs.evolve(KEY, **changes))

    request = last_request(rax.token_route)
    assert (request.method, str(request.url)) == ("POST", URL)
    assert sent_json(rax.token_route) == {"auth": auth}
    assert "X-Auth-Token" not in request.headers
    assert token.id == "rax-token-2"
    assert tokens.build_auth_body(attrs.evolve(KEY, **changes)) == {"auth": auth}


async def test_create_reads_rackspaces_access(rax: RaxCloud, identity: ServiceClient) -> None:
    token = await tokens.create(identity, KEY)

    assert token.project == TokenProject(id=RAX_TENANT, name=RAX_TENANT)
    assert token.user == TokenUser(id="172157", name="demo")
    assert token.roles == ("identity:default", "checkmate", "object-store:default")
    assert tokens.default_region(token) == "DFW"
    compute = EndpointOpts(type="compute", name="cloudServersOpenStack", region="HKG")
    assert token.catalog.locate(compute) == rax_url("cloudServersOpenStack", "HKG") + "/"
    assert RAX_API_KEY not in repr(token)


def test_default_region_is_none_without_it() -> None:
    assert tokens.default_region(Token(id="t")) is None
    user = TokenUser(id="u", raw={"id": "u", "RAX-AUTH:defaultRegion": ""})
    assert tokens.default_region(Token(id="t", user=user)) is None


async def test_get_validates_another_token(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.get(f"{URL}/{OTHER}").respond(200, json=VALIDATED)

    token = await tokens.get(identity, OTHER)

    request = last_request(route)
    assert request.method == "GET"
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert not request.url.query
    assert token.id == OTHER
    assert token.expires_at == datetime(2014, 12, 18, 22, 35, 6, 123000, tzinfo=timezone.utc)
    assert tokens.default_region(token) == "LON"
    assert token.catalog.entries == ()


async def test_get_and_validate_with_belongs_to(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.get(f"{URL}/{OTHER}").respond(203, json=VALIDATED)

    assert await tokens.validate(identity, OTHER, belongs_to=RAX_TENANT)

    assert last_request(route).url.params.multi_items() == [("belongsTo", RAX_TENANT)]


async def test_validate_is_false_for_an_unknown_token(
    rax: RaxCloud, identity: ServiceClient
) -> None:
    rax.router.get(f"{URL}/{OTHER}").respond(
        404, json=rax_error("itemNotFound", 404, "Token not found.")
    )

    assert not await tokens.validate(identity, OTHER)

    with pytest.raises(errors.NotFound) as caught:
        await tokens.get(identity, OTHER)
    shown = "".join(
        [str(caught.value), repr(caught.value), *traceback.format_exception(caught.value)]
    )
    assert OTHER not in shown  # the token id in the URL is fingerprinted
    assert "Token not found." in shown


async def test_validate_without_the_admin_role_is_forbidden(
    rax: RaxCloud, identity: ServiceClient
) -> None:
    rax.router.get(f"{URL}/{OTHER}").respond(
        403, json=rax_error("forbidden", 403, "Not Authorized")
    )
    with pytest.raises(errors.Forbidden, match="Not Authorized"):
        await tokens.validate(identity, OTHER)


async def test_revoke_the_providers_own_token(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.delete(URL).respond(204)

    await tokens.revoke(identity)

    request = last_request(route)
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert request.content == b""


async def test_revoke_another_token(rax: RaxCloud, identity: ServiceClient) -> None:
    route = rax.router.delete(f"{URL}/{OTHER}").respond(204)
    await tokens.revoke(identity, OTHER)
    assert route.call_count == 1
    rax.router.delete(f"{URL}/gone").respond(
        404, json=rax_error("itemNotFound", 404, "Token not found.")
    )
    with pytest.raises(errors.NotFound):
        await tokens.revoke(identity, "gone")


async def test_after_revoking_its_own_token_the_provider_reauthenticates(
    rax: RaxCloud, identity: ServiceClient
) -> None:
    rax.router.delete(URL).respond(204)
    await tokens.revoke(identity)
    tenants = rax.router.get(RAX_IDENTITY + "tenants").mock(
        side_effect=lambda request: httpx.Response(
            401 if request.headers["X-Auth-Token"] == "rax-token-1" else 200,
            json={"tenants": []},
        )
    )
    await identity.json("GET", identity.service_url("tenants"))
    assert [c.request.headers["X-Auth-Token"] for c in tenants.calls] == [
        "rax-token-1",
        "rax-token-2",
    ]


@pytest.mark.parametrize("token_id", ["", "a/b", ".."])
async def test_a_token_id_that_is_not_one_segment_is_refused(
    rax: RaxCloud, identity: ServiceClient, token_id: str
) -> None:
    before = len(rax.router.calls)
    with pytest.raises(errors.InvalidOptions):
        await tokens.get(identity, token_id)
    with pytest.raises(errors.InvalidOptions):
        await tokens.revoke(identity, token_id)
    assert len(rax.router.calls) == before


async def test_a_bad_api_key_is_unauthorized(rax: RaxCloud, identity: ServiceClient) -> None:
    rax.token_route.mock(
        return_value=httpx.Response(
            401, json=rax_error("unauthorized", 401, "Username or api key is invalid.")
        )
    )
    with pytest.raises(errors.Unauthorized) as caught:
        await tokens.create(identity, KEY)
    shown = "".join(
        [str(caught.value), repr(caught.value), *traceback.format_exception(caught.value)]
    )
    assert "Username or api key is invalid." in shown
    assert RAX_API_KEY not in shown


async def test_over_limit_is_request_entity_too_large(
    rax: RaxCloud, identity: ServiceClient
) -> None:
    rax.token_route.mock(
        return_value=httpx.Response(
            413,
            headers={"Retry-After": "30"},
            json=rax_error("overLimit", 413, "Too many authentication attempts."),
        )
    )
    with pytest.raises(errors.RequestEntityTooLarge, match="Too many authentication"):
        await tokens.create(identity, KEY)


async def test_a_user_disabled_is_forbidden(rax: RaxCloud, identity: ServiceClient) -> None:
    rax.token_route.mock(
        return_value=httpx.Response(403, json=rax_error("userDisabled", 403, "User disabled"))
    )
    with pytest.raises(errors.Forbidden, match="User disabled"):
        await tokens.create(identity, KEY)


@pytest.mark.parametrize(("outcome", "error"), FAILURES)
async def test_failures(
    rax: RaxCloud, identity: ServiceClient, outcome: Outcome, error: type[Exception]
) -> None:
    answer(rax.token_route, outcome)
    with pytest.raises(error):
        await tokens.create(identity, KEY)


async def test_a_default_region_the_catalog_lacks_is_reported() -> None:
    async with RaxCloud(default_region="SYD", regions=("DFW", "ORD")) as cloud:
        with pytest.raises(errors.EndpointNotFound, match=r"region 'SYD'.*DFW, ORD"):
            await rackspace.new_compute_v2(cloud.provider)
