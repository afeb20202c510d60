"""identity/v2/tokens: the exact auth bodies, the parsed access and the failures."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import attrs
import pytest

from aiocloud import AuthOptions, EndpointOpts, errors
from aiocloud.auth import TokenProject, TokenUser
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v2 import tokens
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud, catalog_v2
from tests.helpers import FAILURES, Outcome, answer, keystone_error, last_request, sent_json

URL = "https://cloud.test:5000/v2.0/tokens"
BASE = AuthOptions(identity_endpoint="https://cloud.test:5000/v2.0", username="demo")

ACCESS = {
    "access": {
        "token": {
            "id": "aaaaa-bbbbb-ccccc-dddd",
            "expires": "2024-05-01T12:30:00Z",
            "issued_at": "2024-05-01T11:30:00.000000Z",
            "tenant": {
                "id": "fc394f2ab2df4114bde39905f800dc57",
                "name": "demo",
                "description": None,
                "enabled": True,
            },
            "audit_ids": ["ySSBmCBjQ_G4DtHJVwQKxQ"],
        },
        "serviceCatalog": catalog_v2(),
        "user": {
            "id": "ee4dfb6e5540447cb3741905149d9b6e",
            "name": "demo",
            "username": "demo",
            "roles": [{"name": "member"}, {"name": "reader"}],
            "roles_links": [],
        },
        "metadata": {"is_admin": 0, "roles": ["51cc68287d524c759f47c811e6463340"]},
    }
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"password": "s3cret", "tenant_name": "demo"},
            {
                "auth": {
                    "passwordCredentials": {"username": "demo", "password": "s3cret"},
                    "tenantName": "demo",
                }
            },
        ),
        (
            {"password": "s3cret", "tenant_id": "fc394f"},
            {
                "auth": {
                    "passwordCredentials": {"username": "demo", "password": "s3cret"},
                    "tenantId": "fc394f",
                }
            },
        ),
        (
            {"password": "s3cret", "tenant_id": "fc394f", "tenant_name": "ignored"},
            {
                "auth": {
                    "passwordCredentials": {"username": "demo", "password": "s3cret"},
                    "tenantId": "fc394f",
                }
            },
        ),
        (
            {"password": "s3cret"},
            {"auth": {"passwordCredentials": {"username": "demo", "password": "s3cret"}}},
        ),
        (
            {"api_key": "0123abcd", "tenant_id": "fc394f"},
            {
                "auth": {
                    "RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "0123abcd"},
                    "tenantId": "fc394f",
                }
            },
        ),
        (
            {"username": None, "token_id": "old-token", "tenant_name": "demo"},
            {"auth": {"token": {"id": "old-token"}, "tenantName": "demo"}},
        ),
    ],
    ids=["password+name", "password+id", "id-wins", "unscoped", "api-key", "token"],
)
async def test_create_sends_the_exact_body(
    cloud_v2: MockCloud,
    identity_v2: ServiceClient,
    changes: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    route = cloud_v2.token_route.respond(200, json=ACCESS)

    await tokens.create(identity_v2, attrs.evolve(BASE, **changes))

    request = last_request(route)
    assert request.method == "POST"
    assert request.url == URL
    assert sent_json(route) == expected
    assert request.headers["Content-Type"] == "application/json"
    assert "X-Auth-Token" not in request.headers


async def test_create_parses_the_access(cloud_v2: MockCloud, identity_v2: ServiceClient) -> None:
    cloud_v2.token_route.respond(200, json=ACCESS)

    token = await tokens.create(identity_v2, attrs.evolve(BASE, password="s3cret"))

    assert token.id == "aaaaa-bbbbb-ccccc-dddd"
    assert token.expires_at == datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
    assert token.issued_at == datetime(2024, 5, 1, 11, 30, tzinfo=timezone.utc)
    assert token.user == TokenUser(id="ee4dfb6e5540447cb3741905149d9b6e", name="demo")
    assert token.project == TokenProject(id="fc394f2ab2df4114bde39905f800dc57", name="demo")
    assert token.roles == ("member", "reader")
    assert token.role_ids == ("51cc68287d524c759f47c811e6463340",)
    assert token.audit_ids == ("ySSBmCBjQ_G4DtHJVwQKxQ",)
    assert token.methods == ()
    assert (token.domain, token.system) == (None, None)
    assert (
        token.catalog.locate(EndpointOpts(type="compute", availability=Availability.ADMIN))
        == "https://cloud.test:8774/v2.1/"
    )
    assert "aaaaa-bbbbb" not in repr(token)


async def test_create_accepts_203_and_a_minimal_access(
    cloud_v2: MockCloud, identity_v2: ServiceClient
) -> None:
    cloud_v2.token_route.respond(203, json={"access": {"token": {"id": "t-1"}}})

    token = await tokens.create(identity_v2, attrs.evolve(BASE, password="s3cret"))

    assert token.id == "t-1"
    assert token.expires_at is None
    assert token.project is None
    assert token.catalog.entries == ()


async def test_wrong_password_is_unauthorized(
    cloud_v2: MockCloud, identity_v2: ServiceClient
) -> None:
    cloud_v2.token_route.respond(
        401, json=keystone_error(401, "The request you have made requires authentication.")
    )

    with pytest.raises(errors.Unauthorized) as caught:
        await tokens.create(identity_v2, attrs.evolve(BASE, password="wrong-s3cret"))

    assert caught.value.status_code == 401
    assert caught.value.message == "The request you have made requires authentication."
    assert "wrong-s3cret" not in str(caught.value)
    assert "wrong-s3cret" not in repr(caught.value)
    assert cloud_v2.token_route.call_count == 2  # MockCloud's own login, then this one


@pytest.mark.parametrize(
    "body",
    [
        {"token": {"id": "v3-shaped"}},
        {"access": {"token": {}}},
        {"access": {"token": {"id": "t"}, "serviceCatalog": [{}]}},
    ],
    ids=["no-access", "no-id", "bad-catalog"],
)
async def test_unreadable_answers(
    cloud_v2: MockCloud, identity_v2: ServiceClient, body: dict[str, Any]
) -> None:
    cloud_v2.token_route.respond(200, json=body)
    with pytest.raises(errors.ResponseFormatError):
        await tokens.create(identity_v2, attrs.evolve(BASE, password="s3cret"))


@pytest.mark.parametrize(("outcome", "error"), FAILURES)
async def test_failures(
    cloud_v2: MockCloud, identity_v2: ServiceClient, outcome: Outcome, error: type[Exception]
) -> None:
    answer(cloud_v2.token_route, outcome)
    with pytest.raises(error):
        await tokens.create(identity_v2, attrs.evolve(BASE, password="s3cret"))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": None}, "password"),
        ({"username": None, "password": "s3cret"}, "username"),
        ({"password": "s3cret", "api_key": "k"}, "api_key"),
        ({"password": "s3cret", "domain_name": "Default"}, "domain_name"),
        ({"password": "s3cret", "user_id": "u-1"}, "user_id"),
        (
            {"application_credential_id": "a", "application_credential_secret": "s"},
            "application_credential_id",
        ),
    ],
)
async def test_invalid_options_fail_before_any_request(
    cloud_v2: MockCloud, identity_v2: ServiceClient, changes: dict[str, Any], field: str
) -> None:
    before = cloud_v2.token_route.call_count
    with pytest.raises(errors.InvalidOptions) as caught:
        await tokens.create(identity_v2, attrs.evolve(BASE, **changes))
    assert field in str(caught.value)
    assert "s3cret" not in str(caught.value)
    assert cloud_v2.token_route.call_count == before


async def test_mock_cloud_authenticated_with_v2(cloud_v2: MockCloud) -> None:
    assert cloud_v2.provider.token_id == FAKE_TOKEN
    assert sent_json(cloud_v2.token_route) == {
        "auth": {
            "passwordCredentials": {"username": "demo", "password": "demo-secret"},
            "tenantName": "demo",
        }
    }
