"""AuthOptions: validation before any request, secrets hidden, OS_* environment."""

from __future__ import annotations

import httpx
import pytest

from aiocloud import AuthOptions, errors, openstack
from aiocloud.testing import MockCloud

URL = "https://keystone:5000/v3"


@pytest.mark.parametrize(
    ("opts", "version", "field"),
    [
        (AuthOptions(), "v3", "identity_endpoint"),
        (AuthOptions(identity_endpoint=URL, username="u", domain_name="D"), "v3", "password"),
        (AuthOptions(identity_endpoint=URL, username="u", password="p"), "v3", "domain_name"),
        (AuthOptions(identity_endpoint=URL, password="p"), "v3", "username"),
        (
            AuthOptions(identity_endpoint=URL, username="u", password="p", api_key="k"),
            "v3",
            "api_key",
        ),
        (AuthOptions(identity_endpoint=URL, user_id="1", api_key="k"), "v3", "api_key"),
        (
            AuthOptions(identity_endpoint=URL, user_id="1", password="p", token_id="t"),
            "v3",
            "token_id",
        ),
        (
            AuthOptions(identity_endpoint=URL, user_id="1", username="u", password="p"),
            "v3",
            "username",
        ),
        (
            AuthOptions(identity_endpoint=URL, application_credential_id="a"),
            "v3",
            "application_credential_secret",
        ),
        (
            AuthOptions(identity_endpoint=URL, application_credential_secret="s"),
            "v3",
            "application_credential_id",
        ),
        (
            AuthOptions(identity_endpoint=URL, user_id="1", password="p", tenant_name="x"),
            "v3",
            "project_domain_name",
        ),
        (
            AuthOptions(
                identity_endpoint=URL, user_id="1", password="p", tenant_id="x", system_scope="all"
            ),
            "v3",
            "system_scope",
        ),
        (AuthOptions(identity_endpoint=URL, password="p"), "v2.0", "username"),
        (AuthOptions(identity_endpoint=URL, username="u"), "v2.0", "password"),
        (
            AuthOptions(identity_endpoint=URL, username="u", password="p", domain_name="D"),
            "v2.0",
            "domain_name",
        ),
        (AuthOptions(identity_endpoint=URL, user_id="1", password="p"), "v2.0", "user_id"),
    ],
)
def test_invalid_combinations_name_the_field(opts: AuthOptions, version: str, field: str) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        opts.validate(version)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("opts", "version"),
    [
        (
            AuthOptions(
                identity_endpoint=URL, username="u", password="p", domain_name="D", tenant_name="t"
            ),
            "v3",
        ),
        (AuthOptions(identity_endpoint=URL, user_id="1", password="p", tenant_id="t"), "v3"),
        (AuthOptions(identity_endpoint=URL, token_id="tok"), "v3"),
        (
            AuthOptions(
                identity_endpoint=URL,
                application_credential_id="a",
                application_credential_secret="s",
            ),
            "v3",
        ),
        (
            AuthOptions(
                identity_endpoint=URL,
                application_credential_name="a",
                username="u",
                domain_id="default",
                application_credential_secret="s",
            ),
            "v3",
        ),
        (AuthOptions(identity_endpoint=URL, user_id="1", password="p", system_scope="all"), "v3"),
        (AuthOptions(identity_endpoint=URL, username="u", api_key="k", tenant_id="t"), "v2.0"),
        (AuthOptions(identity_endpoint=URL, token_id="tok", tenant_name="t"), "v2.0"),
    ],
)
def test_valid_combinations(opts: AuthOptions, version: str) -> None:
    opts.validate(version)  # type: ignore[arg-type]


def test_secrets_are_not_in_repr_or_str() -> None:
    opts = AuthOptions(
        identity_endpoint=URL,
        username="u",
        password="hunter2",
        api_key="key-123",
        token_id="tok-456",
        application_credential_secret="app-789",
    )
    for text in (repr(opts), str(opts)):
        for secret in ("hunter2", "key-123", "tok-456", "app-789"):
            assert secret not in text
    assert "password=<set>" in repr(opts)


def test_validation_errors_do_not_contain_secrets() -> None:
    opts = AuthOptions(identity_endpoint=URL, username="u", password="hunter2", api_key="k-1")
    with pytest.raises(errors.InvalidOptions) as caught:
        opts.validate("v3")
    assert "hunter2" not in str(caught.value)
    assert "k-1" not in str(caught.value)


def test_from_env_reads_os_variables() -> None:
    opts = AuthOptions.from_env(
        {
            "OS_AUTH_URL": URL,
            "OS_USERNAME": "demo",
            "OS_PASSWORD": "pw",
            "OS_PROJECT_NAME": "demo",
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_ID": "default",
            "OS_APPLICATION_CREDENTIAL_ID": "app",
        }
    )
    assert opts.identity_endpoint == URL
    assert opts.username == "demo"
    assert opts.password == "pw"
    assert opts.tenant_name == "demo"
    assert opts.domain_name == "Default"
    assert opts.project_domain_id == "default"
    assert opts.application_credential_id == "app"
    assert opts.allow_reauth is True


def test_from_env_tenant_variables_and_domain_scope() -> None:
    opts = AuthOptions.from_env({"OS_TENANT_ID": "t1", "OS_TOKEN": "tok"})
    assert opts.tenant_id == "t1"
    assert opts.token_id == "tok"
    scoped = AuthOptions.from_env({"OS_DOMAIN_NAME": "Default", "OS_USER_ID": "u"})
    assert scoped.scope_domain_name == "Default"


async def test_options_made_by_hand_renew_the_token_by_default() -> None:
    """A service built from AuthOptions(...) keeps working past the first token's expiry."""
    cloud = MockCloud()
    opts = AuthOptions(
        identity_endpoint=cloud.identity_url,
        username="demo",
        password="demo-secret",
        domain_name="Default",
        tenant_name="demo",
    )
    assert opts.allow_reauth is True
    url = "https://cloud.test:8774/v2.1/servers"
    cloud.router.get(url).mock(side_effect=[httpx.Response(401), httpx.Response(200, json={})])
    async with openstack.authenticated_client(opts, transport=cloud.transport) as provider:
        assert (await provider.request("GET", url)).status_code == 200
    assert cloud.token_route.call_count == 2
