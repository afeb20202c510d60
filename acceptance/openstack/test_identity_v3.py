"""Identity v3 against the real Keystone."""

from __future__ import annotations

import attrs
import pytest

from aiocloud import AuthOptions, ProviderClient, errors, openstack
from aiocloud.endpoints import Availability
from aiocloud.openstack.identity.v3 import endpoints, services, tokens


async def test_password_auth_with_project_scope(admin: ProviderClient) -> None:
    token = admin.token
    assert token is not None
    assert token.project is not None and token.project.name
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
    assert info.user is not None and info.user.name == "demo"
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


async def test_endpoints_crud(admin: ProviderClient, unique_name: str) -> None:
    identity = await openstack.new_identity_v3(admin)
    service = await services.create(identity, services.CreateOpts(type=unique_name))
    try:
        url = f"http://127.0.0.1:1/{unique_name}"
        created = await endpoints.create(
            identity,
            endpoints.CreateOpts(
                interface=Availability.PUBLIC, url=url, service_id=service.id, region="RegionOne"
            ),
        )
        try:
            assert created.interface is Availability.PUBLIC
            assert created.region_id == "RegionOne"
            assert created.service_id == service.id
            assert created.url == url
            assert created.enabled is True

            by_service = endpoints.ListOpts(service_id=service.id)
            assert [e.id for e in await endpoints.list(identity, by_service).all()] == [created.id]
            filtered = endpoints.ListOpts(service_id=service.id, interface=Availability.ADMIN)
            assert await endpoints.list(identity, filtered).all() == []

            updated = await endpoints.update(
                identity,
                created.id,
                endpoints.UpdateOpts(
                    interface=Availability.INTERNAL, url=url + "/v2", enabled=False
                ),
            )
            assert updated.interface is Availability.INTERNAL
            assert updated.url == url + "/v2"
            assert updated.enabled is False
            fetched = await endpoints.get(identity, created.id)
            assert fetched == updated
            internal = endpoints.ListOpts(service_id=service.id, interface=Availability.INTERNAL)
            assert [e.id for e in await endpoints.list(identity, internal).all()] == [created.id]
        finally:
            await endpoints.delete(identity, created.id)
        with pytest.raises(errors.NotFound):
            await endpoints.get(identity, created.id)
        with pytest.raises(errors.NotFound):
            await endpoints.delete(identity, created.id)
    finally:
        await services.delete(identity, service.id)


async def test_endpoints_need_admin(demo: ProviderClient) -> None:
    identity = await openstack.new_identity_v3(demo)
    with pytest.raises(errors.Forbidden):
        await endpoints.list(identity).all()
