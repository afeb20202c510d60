"""Safety and defaults against the real cloud: no secret in DEBUG logs, no request to a
resource the caller did not name, typed tokens, clouds.yaml parity, and what the
defaults do with many calls at once.

Everything a test makes is named ``unique_name`` and deleted at the end.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import anyio
import httpx
import pytest

from aiocloud import AuthOptions, Availability, EndpointOpts, ProviderClient, errors, openstack
from aiocloud.openstack.blockstorage.v3 import volumetypes
from aiocloud.openstack.identity.v3 import tokens
from aiocloud.openstack.networking.v2 import networks, ports, subnets
from aiocloud.openstack.objectstorage.v1 import accounts, containers, objects
from aiocloud.provider import HttpBackend
from aiocloud.service import ServiceClient

from .conftest import purge


async def test_dot_names_never_reach_another_resource(swift: ServiceClient, container: str) -> None:
    await objects.create(swift, container, "keep", b"kept")
    for name in (".", "..", "./x", "a/../keep"):
        with pytest.raises(errors.InvalidOptions):
            await objects.delete(swift, container, name)
        with pytest.raises(errors.InvalidOptions):
            await objects.get(swift, container, name)
    for name in (".", ".."):
        with pytest.raises(errors.InvalidOptions):
            await containers.delete(swift, name)
    assert await objects.list(swift, container).all() == ["keep"]
    assert (await containers.get(swift, container)).object_count == 1


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
async def test_debug_logs_hold_no_secret(
    demo_options: AuthOptions,
    unique_name: str,
    caplog: pytest.LogCaptureFixture,
    backend: HttpBackend,
) -> None:
    account_key, container_key, sync_key = (f"{unique_name}-{k}" for k in ("ak", "ck", "sk"))
    caplog.set_level(logging.DEBUG)
    async with openstack.authenticated_client(demo_options, http_backend=backend) as provider:
        token_id = provider.token_id
        swift = await openstack.new_object_storage_v1(provider)
        await containers.create(swift, unique_name)
        try:
            await accounts.update(swift, accounts.UpdateOpts(temp_url_key=account_key))
            await containers.update(
                swift,
                unique_name,
                containers.UpdateOpts(temp_url_key=container_key, sync_key=sync_key),
            )
            await accounts.get(swift)
            await objects.create(swift, unique_name, "o", b"data")
            url = await objects.create_temp_url(
                swift, unique_name, "o", objects.TempURLOpts(ttl=60)
            )
            async with httpx.AsyncClient() as plain:
                assert (await plain.get(url)).content == b"data"
            with pytest.raises(errors.NotFound):
                await objects.get(swift, unique_name, "missing")
        finally:
            await accounts.update(swift, accounts.UpdateOpts(temp_url_key=""))
            await purge(swift, unique_name)
    signature = httpx.URL(url).params["temp_url_sig"]
    secrets = [demo_options.password, token_id, account_key, container_key, sync_key, signature]
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert "aiocloud.wire" in {record.name for record in caplog.records}
    for secret in secrets:
        assert secret and secret not in logged


async def test_bulk_delete_reads_every_legal_name(swift: ServiceClient, container: str) -> None:
    names = ["é" * 512, "50% off", " leading", "tab\tinside", "a/b/c", "plain"]
    for name in names:
        await objects.create(swift, container, name, b"x")

    result = await objects.bulk_delete(swift, container, names)

    assert (result.ok, result.deleted) == (True, len(names))
    assert await objects.list(swift, container).all() == []


async def test_volume_types_list_across_pages(admin: ProviderClient, unique_name: str) -> None:
    cinder = await openstack.new_block_storage_v3(admin)
    created = [
        await volumetypes.create(cinder, volumetypes.CreateOpts(name=f"{unique_name}-{i}"))
        for i in range(3)
    ]
    try:
        paged = await volumetypes.list(cinder, volumetypes.ListOpts(limit=1)).all()
        whole = await volumetypes.list(cinder).all()
        assert len(paged) == len(whole) >= 3
        assert {t.id for t in created} <= {t.id for t in paged}
    finally:
        for volume_type in created:
            await volumetypes.delete(cinder, volume_type.id)


async def test_block_storage_microversions(demo: ProviderClient) -> None:
    cinder = await openstack.new_block_storage_v3(demo)
    negotiated = await openstack.negotiate_microversion(cinder)
    assert negotiated.microversion is not None
    assert openstack.parse_microversion(negotiated.microversion) <= (3, 70)
    with pytest.raises(errors.UnsupportedMicroversion):
        await cinder.with_microversion("3.999").json("GET", cinder.service_url("volumes"))


async def test_typed_token_of_a_project_scope(admin: ProviderClient) -> None:
    token = admin.token
    assert token is not None and token.project is not None and token.user is not None
    assert token.project.name == os.environ.get("OS_PROJECT_NAME", "admin")
    assert token.project.domain is not None and token.project.domain.id
    assert token.user.name and token.user.domain is not None
    assert len(token.role_ids) == len(token.roles) >= 1
    assert token.audit_ids
    assert (token.domain, token.system) == (None, None)


async def test_identity_endpoint_opts_reach_the_admin_interface(admin: ProviderClient) -> None:
    identity = await openstack.new_identity_v3(admin, EndpointOpts(availability=Availability.ADMIN))
    assert identity.endpoint.endswith("/v3/")
    assert admin.token_id is not None
    assert await tokens.validate(identity, admin.token_id)


async def test_clouds_yaml_overrides_and_settings(
    demo_options: AuthOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swift_root = "http://127.0.0.1:8080/v1/AUTH_%(project_id)s"
    (tmp_path / "clouds.yaml").write_text(
        "clouds:\n  peer:\n"
        f"    regions: [{os.environ.get('OS_REGION_NAME', 'RegionOne')}]\n"
        "    api_timeout: 30\n"
        f"    object_store_endpoint_override: {swift_root}\n"
        "    auth:\n"
        f"      auth_url: {demo_options.identity_endpoint}\n"
        f"      username: {demo_options.username}\n"
        f"      password: {demo_options.password}\n"
        f"      project_name: {demo_options.tenant_name}\n"
        "      user_domain_name: Default\n"
        "      project_domain_name: Default\n"
    )
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(tmp_path / "clouds.yaml"))
    async with openstack.authenticated_client(cloud="peer") as provider:
        assert provider.token is not None and provider.token.project is not None
        swift = await openstack.new_object_storage_v1(provider)
        project_id = provider.token.project.id
        assert swift.endpoint == swift_root.replace("%(project_id)s", project_id) + "/"
        assert (await accounts.get(swift)).container_count >= 0
        with pytest.raises(errors.EndpointNotFound, match="regions offering"):
            await openstack.new_compute_v2(provider, EndpointOpts(region="Nowhere"))


async def test_a_hundred_port_creates_at_once_with_the_defaults(
    demo: ProviderClient, unique_name: str
) -> None:
    neutron = await openstack.new_network_v2(demo)
    network = await networks.create(neutron, networks.CreateOpts(name=unique_name))
    try:
        subnet = await subnets.create(
            neutron,
            subnets.CreateOpts(network_id=network.id, cidr="10.99.0.0/24", ip_version=4),
        )
        failures: list[BaseException] = []

        async def create(index: int) -> None:
            try:
                await ports.create(
                    neutron,
                    ports.CreateOpts(
                        network_id=network.id,
                        name=f"{unique_name}-{index}",
                        fixed_ips=[ports.FixedIP(subnet_id=subnet.id)],
                    ),
                )
            except errors.AiocloudError as exc:
                failures.append(exc)

        async with anyio.create_task_group() as tasks:
            for index in range(100):
                tasks.start_soon(create, index)
        assert failures == []
        made = await ports.list(neutron, ports.ListOpts(network_id=network.id)).all()
        assert len([p for p in made if p.name.startswith(unique_name)]) == 100
    finally:
        for port in await ports.list(neutron, ports.ListOpts(network_id=network.id)).all():
            if not port.device_owner:
                await ports.delete(neutron, port.id)
        await networks.delete(neutron, network.id)
