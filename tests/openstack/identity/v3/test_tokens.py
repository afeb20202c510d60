"""identity/v3/tokens: every auth method and scope, exact bodies, get/validate/revoke."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import attrs
import httpx
import pytest

from aiocloud import AuthOptions, EndpointOpts, errors
from aiocloud.auth import TokenDomain, TokenProject, TokenUser
from aiocloud.openstack.identity.v3 import tokens
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud, catalog_v3
from tests.helpers import Outcome, answer, failures, keystone_error, last_request, sent_json

URL = "https://cloud.test:5000/v3/auth/tokens"
SUBJECT = "gAAAAABsubject-token"
ENDPOINT = "https://cloud.test:5000/v3"

TOKEN = {
    "token": {
        "methods": ["password"],
        "expires_at": "2024-05-01T12:30:00.000000Z",
        "issued_at": "2024-05-01T11:30:00.000000Z",
        "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"],
        "user": {
            "id": "ee4dfb6e5540447cb3741905149d9b6e",
            "name": "demo",
            "domain": {"id": "default", "name": "Default"},
            "password_expires_at": None,
        },
        "project": {
            "id": "fc394f2ab2df4114bde39905f800dc57",
            "name": "demo",
            "domain": {"id": "default", "name": "Default"},
        },
        "is_domain": False,
        "roles": [
            {"id": "51cc68287d524c759f47c811e6463340", "name": "member"},
            {"id": "9fe2ff9ee4384b1894a90878d3e92bab", "name": "reader"},
        ],
        "catalog": catalog_v3(),
    }
}

PASSWORD_USER = {"name": "demo", "domain": {"name": "Default"}, "password": "s3cret"}


def password_identity(user: dict[str, Any]) -> dict[str, Any]:
    return {"methods": ["password"], "password": {"user": user}}


CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "password-domain-name-project-name",
        {"username": "demo", "password": "s3cret", "domain_name": "Default", "tenant_name": "demo"},
        {
            "identity": password_identity(PASSWORD_USER),
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}},
        },
    ),
    (
        "password-domain-id-project-id",
        {"username": "demo", "password": "s3cret", "domain_id": "default", "tenant_id": "fc39"},
        {
            "identity": password_identity(
                {"name": "demo", "domain": {"id": "default"}, "password": "s3cret"}
            ),
            "scope": {"project": {"id": "fc39"}},
        },
    ),
    (
        "password-project-in-other-domain",
        {
            "username": "demo",
            "password": "s3cret",
            "domain_name": "Default",
            "tenant_name": "ops",
            "project_domain_id": "d-ops",
        },
        {
            "identity": password_identity(PASSWORD_USER),
            "scope": {"project": {"name": "ops", "domain": {"id": "d-ops"}}},
        },
    ),
    (
        "password-user-id-domain-scope",
        {"user_id": "ee4d", "password": "s3cret", "scope_domain_id": "default"},
        {
            "identity": password_identity({"id": "ee4d", "password": "s3cret"}),
            "scope": {"domain": {"id": "default"}},
        },
    ),
    (
        "password-domain-scope-by-name",
        {
            "username": "demo",
            "password": "s3cret",
            "domain_name": "Default",
            "scope_domain_name": "Default",
        },
        {
            "identity": password_identity(PASSWORD_USER),
            "scope": {"domain": {"name": "Default"}},
        },
    ),
    (
        "password-system-scope",
        {"user_id": "ee4d", "password": "s3cret", "system_scope": "all"},
        {
            "identity": password_identity({"id": "ee4d", "password": "s3cret"}),
            "scope": {"system": {"all": True}},
        },
    ),
    (
        "password-unscoped",
        {"username": "demo", "password": "s3cret", "domain_name": "Default"},
        {"identity": password_identity(PASSWORD_USER)},
    ),
    (
        "token-project-id",
        {"token_id": "old-token", "tenant_id": "fc39"},
        {
            "identity": {"methods": ["token"], "token": {"id": "old-token"}},
            "scope": {"project": {"id": "fc39"}},
        },
    ),
    (
        "token-project-name",
        {"token_id": "old-token", "tenant_name": "demo", "project_domain_name": "Default"},
        {
            "identity": {"methods": ["token"], "token": {"id": "old-token"}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}},
        },
    ),
    (
        "application-credential-id",
        {"application_credential_id": "ac-1", "application_credential_secret": "s3cret"},
        {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": "ac-1", "secret": "s3cret"},
            }
        },
    ),
    (
        "application-credential-name-user",
        {
            "application_credential_name": "backup",
            "application_credential_secret": "s3cret",
            "username": "demo",
            "domain_id": "default",
        },
        {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": {
                    "name": "backup",
                    "secret": "s3cret",
                    "user": {"name": "demo", "domain": {"id": "default"}},
                },
            }
        },
    ),
    (
        "application-credential-name-user-id",
        {
            "application_credential_name": "backup",
            "application_credential_secret": "s3cret",
            "user_id": "ee4d",
        },
        {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": {
                    "name": "backup",
                    "secret": "s3cret",
                    "user": {"id": "ee4d"},
                },
            }
        },
    ),
    (
        # an application credential carries its own scope: none is sent
        "application-credential-ignores-scope",
        {
            "application_credential_id": "ac-1",
            "application_credential_secret": "s3cret",
            "tenant_id": "fc39",
        },
        {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": "ac-1", "secret": "s3cret"},
            }
        },
    ),
]


@pytest.mark.parametrize(("fields", "auth"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_create_sends_the_exact_body(
    cloud: MockCloud, identity: ServiceClient, fields: dict[str, Any], auth: dict[str, Any]
) -> None:
    route = cloud.token_route.respond(201, json=TOKEN, headers={"X-Subject-Token": SUBJECT})

    token = await tokens.create(identity, AuthOptions(identity_endpoint=ENDPOINT, **fields))

    request = last_request(route)
    assert request.method == "POST"
    assert request.url == URL
    assert request.headers["Content-Type"] == "application/json"
    assert "X-Auth-Token" not in request.headers
    assert sent_json(route) == {"auth": auth}
    assert token.id == SUBJECT


async def test_create_parses_the_token(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.token_route.respond(201, json=TOKEN, headers={"X-Subject-Token": SUBJECT})

    token = await tokens.create(identity, cloud.auth_options)

    assert token.id == SUBJECT
    assert token.expires_at == datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    assert token.issued_at == datetime(2024, 5, 1, 11, 30, tzinfo=timezone.utc)
    assert token.methods == ("password",)
    assert token.roles == ("member", "reader")
    default = TokenDomain(id="default", name="Default")
    assert token.user == TokenUser(
        id="ee4dfb6e5540447cb3741905149d9b6e", name="demo", domain=default
    )
    assert token.project == TokenProject(
        id="fc394f2ab2df4114bde39905f800dc57", name="demo", domain=default
    )
    assert token.role_ids == (
        "51cc68287d524c759f47c811e6463340",
        "9fe2ff9ee4384b1894a90878d3e92bab",
    )
    assert token.audit_ids == ("3T2dc1CGQxyJsHdDu1xkcw",)
    assert (token.domain, token.system) == (None, None)
    assert token.catalog.locate(EndpointOpts(type="network")) == "https://cloud.test:9696/"
    assert SUBJECT not in repr(token) and SUBJECT not in str(token)


async def test_create_without_subject_token_header(
    cloud: MockCloud, identity: ServiceClient
) -> None:
    cloud.token_route.respond(201, json=TOKEN)
    with pytest.raises(errors.ResponseFormatError, match="X-Subject-Token"):
        await tokens.create(identity, cloud.auth_options)


async def test_create_wrong_password(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.token_route.respond(
        401,
        json=keystone_error(401, "The request you have made requires authentication."),
        headers={"x-openstack-request-id": "req-401"},
    )
    opts = attrs.evolve(cloud.auth_options, password="wrong-s3cret")

    with pytest.raises(errors.Unauthorized) as caught:
        await tokens.create(identity, opts)

    assert caught.value.request_id == "req-401"
    assert "wrong-s3cret" not in str(caught.value)
    assert "wrong-s3cret" not in repr(caught.value)
    assert cloud.token_route.call_count == 2  # the MockCloud login, then this one only


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(201, content=b"{not json", headers={"X-Subject-Token": SUBJECT}),
        httpx.Response(201, json={"access": {}}, headers={"X-Subject-Token": SUBJECT}),
        httpx.Response(
            201,
            json={"token": {"catalog": [{"type": "compute", "endpoints": [{"url": "x"}]}]}},
            headers={"X-Subject-Token": SUBJECT},
        ),
        httpx.Response(
            201, json={"token": {"expires_at": "soon"}}, headers={"X-Subject-Token": SUBJECT}
        ),
    ],
    ids=["malformed", "v2-shaped", "bad-catalog", "bad-expiry"],
)
async def test_create_unreadable_answers(
    cloud: MockCloud, identity: ServiceClient, answer: httpx.Response
) -> None:
    cloud.token_route.mock(return_value=answer)
    with pytest.raises(errors.ResponseFormatError):
        await tokens.create(identity, cloud.auth_options)


@pytest.mark.parametrize(("outcome", "error"), failures(201))
async def test_create_failures(
    cloud: MockCloud, identity: ServiceClient, outcome: Outcome, error: type[Exception]
) -> None:
    answer(cloud.token_route, outcome)
    with pytest.raises(error):
        await tokens.create(identity, cloud.auth_options)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"username": "demo", "password": "s3cret"}, "domain_name"),
        ({"username": "demo", "domain_name": "Default"}, "password"),
        ({"user_id": "u", "password": "s3cret", "api_key": "k"}, "api_key"),
        ({"user_id": "u", "username": "demo", "password": "s3cret"}, "username"),
        ({"application_credential_id": "ac-1"}, "application_credential_secret"),
        ({"application_credential_name": "n", "application_credential_secret": "s"}, "username"),
        ({"token_id": "t", "tenant_name": "demo"}, "project_domain_name"),
        ({"token_id": "t", "tenant_id": "p", "system_scope": "all"}, "system_scope"),
    ],
)
async def test_invalid_options_fail_before_any_request(
    cloud: MockCloud, identity: ServiceClient, fields: dict[str, Any], field: str
) -> None:
    before = cloud.token_route.call_count
    with pytest.raises(errors.InvalidOptions) as caught:
        await tokens.create(identity, AuthOptions(identity_endpoint=ENDPOINT, **fields))
    assert field in str(caught.value)
    assert "s3cret" not in str(caught.value)
    assert cloud.token_route.call_count == before


async def test_get_sends_both_tokens(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.get(URL).respond(200, json=TOKEN, headers={"X-Subject-Token": SUBJECT})

    info = await tokens.get(identity, SUBJECT)

    request = last_request(route)
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert request.headers["X-Subject-Token"] == SUBJECT
    assert request.content == b""
    assert info.id == SUBJECT
    assert info.user is not None and info.user.name == "demo"
    assert info.roles == ("member", "reader")


async def test_get_without_subject_header_in_answer_keeps_the_asked_id(
    cloud: MockCloud, identity: ServiceClient
) -> None:
    cloud.router.get(URL).respond(200, json=TOKEN)
    assert (await tokens.get(identity, SUBJECT)).id == SUBJECT


async def test_get_unknown_token_is_not_found(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(URL).respond(404, json=keystone_error(404, "Failed to validate token"))
    with pytest.raises(errors.NotFound) as caught:
        await tokens.get(identity, SUBJECT)
    assert SUBJECT not in str(caught.value)
    assert FAKE_TOKEN not in str(caught.value)


async def test_get_malformed_json(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.get(URL).respond(200, content=b"{", headers={"X-Subject-Token": SUBJECT})
    with pytest.raises(errors.ResponseFormatError):
        await tokens.get(identity, SUBJECT)


@pytest.mark.parametrize(("status", "valid"), [(200, True), (204, True), (404, False)])
async def test_validate(
    cloud: MockCloud, identity: ServiceClient, status: int, valid: bool
) -> None:
    route = cloud.router.head(URL).respond(status)

    assert await tokens.validate(identity, SUBJECT) is valid

    request = last_request(route)
    assert request.method == "HEAD"
    assert request.headers["X-Subject-Token"] == SUBJECT
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN


@pytest.mark.parametrize(
    ("status", "error"),
    [(403, errors.Forbidden), (500, errors.InternalServerError), (409, errors.Conflict)],
)
async def test_validate_other_failures_raise(
    cloud: MockCloud, identity: ServiceClient, status: int, error: type[errors.HTTPError]
) -> None:
    cloud.router.head(URL).respond(status)
    with pytest.raises(error):
        await tokens.validate(identity, SUBJECT)


async def test_validate_transport_failures(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.head(URL)
    route.mock(side_effect=httpx.RemoteProtocolError("peer closed"))
    with pytest.raises(errors.ConnectionFailed):
        await tokens.validate(identity, SUBJECT)
    route.mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(errors.TimedOut):
        await tokens.validate(identity, SUBJECT)


async def test_revoke(cloud: MockCloud, identity: ServiceClient) -> None:
    route = cloud.router.delete(URL).respond(204)

    await tokens.revoke(identity, SUBJECT)

    request = last_request(route)
    assert request.method == "DELETE"
    assert request.headers["X-Subject-Token"] == SUBJECT
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN


async def test_revoke_unknown_token(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.delete(URL).respond(404, json=keystone_error(404, "Could not find token"))
    with pytest.raises(errors.NotFound):
        await tokens.revoke(identity, SUBJECT)


async def test_revoke_unexpected_success_code(cloud: MockCloud, identity: ServiceClient) -> None:
    cloud.router.delete(URL).respond(200, json={})
    with pytest.raises(errors.UnexpectedResponseCode):
        await tokens.revoke(identity, SUBJECT)


@pytest.mark.parametrize(
    ("scope", "domain", "system"),
    [
        ({"domain": {"id": "d-1", "name": "Engineering"}}, TokenDomain("d-1", "Engineering"), None),
        ({"system": {"all": True}}, None, "all"),
    ],
    ids=["domain", "system"],
)
async def test_domain_and_system_scoped_tokens(
    cloud: MockCloud,
    identity: ServiceClient,
    scope: dict[str, Any],
    domain: TokenDomain | None,
    system: str | None,
) -> None:
    body = {"token": {**{k: v for k, v in TOKEN["token"].items() if k != "project"}, **scope}}
    cloud.token_route.respond(201, json=body, headers={"X-Subject-Token": SUBJECT})

    token = await tokens.create(identity, cloud.auth_options)

    assert (token.project, token.domain, token.system) == (None, domain, system)
