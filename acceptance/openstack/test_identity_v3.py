"""Identity v3 against the real Keystone."""

from __future__ import annotations

import attrs
import pytest

from aiocloud import AuthOptions, ProviderClient, errors, openstack
from aiocloud.openstack.identity.v3 import services, tokens


async def test_password_auth_with_project_scope(admin: ProviderClient) -> None:
    token = admin.token
    assert token is not None
    assert token.project is not None and token.project["name"]
    assert "admin" in token.roles
    assert token.expires_at is not None


async def test_version_discovery_from_unversioned_url(admin_options: AuthOptions) -> None:
    root = admin_options.identity_endpoint.rstrip("/").removesuffix("/v3")  # type: ignore[union-attr]
    opts = attrs.evolve(admin_options, identity_endpoint=root)
    async with openstack.authenticated_client(opts) as provider:
        assert provider.identity_endpoint is not None
        assert provider.identity_endpoint.endswith("/v3/")


async def test_token_get_validate_revoke(admin: ProviderClient, demo: ProviderClient) -> None:
    identity = await openstack.new_identity_v3(admin)
    assert demo.token_id is not None
    info = await tokens.get(identity, demo.token_id)
    assert info.user is not None and info.user["name"] == "demo"
    assert await tokens.validate(identity, demo.token_id)
    await tokens.revoke(identity, demo.token_id)
    assert not await tokens.validate(identity, demo.token_id)


async def test_reauth_after_the_token_is_revoked(
    admin: ProviderClient, demo: ProviderClient
) -> None:
    identity = await openstack.new_identity_v3(admin)
    demo_identity = await openstack.new_identity_v3(demo)
    stale = demo.token_id
    assert stale is not None
    await tokens.revoke(identity, stale)
    # the demo provider meets a 401, re-authenticates once and retries
    body = await demo_identity.json("GET", demo_identity.service_url("auth", "projects"))
    assert [p["name"] for p in body["projects"]] == ["demo"]
    assert demo.token_id != stale


async def test_wrong_password_is_unauthorized(admin_options: AuthOptions) -> None:
    opts = attrs.evolve(admin_options, password="wrong")
    with pytest.raises(errors.Unauthorized):
        await openstack.authenticated_client(opts)


async def test_services_and_endpoints_crud(admin: ProviderClient, unique_name: str) -> None:
    identity = await openstack.new_identity_v3(admin)
    created = await services.create(
        identity, services.CreateOpts(type=unique_name, name=unique_name, description="test")
    )
    try:
        listed = await services.list(identity, services.ListOpts(type=unique_name)).all()
        assert [s.id for s in listed] == [created.id]
        updated = await services.update(identity, created.id, services.UpdateOpts(enabled=False))
        assert updated.enabled is False
        assert (await services.get(identity, created.id)).description == "test"
    finally:
        await services.delete(identity, created.id)
    with pytest.raises(errors.NotFound):
        await services.get(identity, created.id)
