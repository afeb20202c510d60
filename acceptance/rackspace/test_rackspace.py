"""Rackspace identity v2.0, the catalog, Cloud Servers and Cloud Files, against mimic."""

from __future__ import annotations

import anyio
import pytest

from aiocloud import AuthOptions, EndpointOpts, ProviderClient, ServiceClient, errors, rackspace
from aiocloud.rackspace.compute.v2 import flavors, keypairs, servers
from aiocloud.rackspace.identity.v2 import tokens
from aiocloud.rackspace.objectstorage.v1 import containers, objects

from .conftest import RAX_AUTH_URL

IMAGE = "09c45f7e-05d3-4e82-8e1f-d070566db701"  # an image mimic lists (it does not check)
FLAVOR = "performance1-1"
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKrRzaRHq8+8M6EHmnGmcfI5j2gSvV4eyqyd8UVaPVwQ"


async def test_api_key_and_password_both_authenticate(user: str) -> None:
    for credentials in ({"api_key": "an-api-key"}, {"password": "a-password"}):
        opts = AuthOptions(identity_endpoint=RAX_AUTH_URL, username=user, **credentials)
        async with rackspace.authenticated_client(opts) as provider:
            assert provider.token is not None
            assert tokens.default_region(provider.token) == "DFW"
            assert provider.token.user is not None
            assert provider.token.user.name == user
            assert "an-api-key" not in repr(provider) + repr(opts)


async def test_services_are_found_by_name_in_the_default_region_or_another(
    provider: ProviderClient,
) -> None:
    compute = await rackspace.new_compute_v2(provider)
    assert "/DFW/" in compute.endpoint
    ord_compute = await rackspace.new_compute_v2(provider, EndpointOpts(region="ORD"))
    assert "/ORD/" in ord_compute.endpoint
    files = await rackspace.new_object_storage_v1(provider)
    assert "/DFW/" in files.endpoint
    # two services share the type "compute": without a name the lookup is ambiguous
    with pytest.raises(errors.AmbiguousEndpoint, match="cloudServersOpenStack"):
        await provider.endpoint_locator(EndpointOpts("compute", region="DFW"))  # type: ignore[misc]
    with pytest.raises(errors.EndpointNotFound, match="ORD"):
        await rackspace.new_compute_v2(provider, EndpointOpts(region="SYD"))


async def test_flavors_and_keypairs(compute: ServiceClient, user: str) -> None:
    listed = await flavors.list(compute).all()
    assert FLAVOR in {flavor.id for flavor in listed}
    flavor = await flavors.get(compute, FLAVOR)
    assert flavor.ram > 0
    assert await flavors.id_from_name(compute, flavor.name) == FLAVOR

    created = await keypairs.create(
        compute, keypairs.CreateOpts(name=user, public_key=f"{PUBLIC_KEY} {user}")
    )
    try:
        assert created.name == user
        assert user in {pair.name for pair in await keypairs.list(compute).all()}
    finally:
        await keypairs.delete(compute, user)
    assert user not in {pair.name for pair in await keypairs.list(compute).all()}


async def test_a_server_with_rackspace_options_from_create_to_delete(
    compute: ServiceClient, user: str
) -> None:
    opts = servers.CreateOpts(
        name=user,
        image_ref=IMAGE,
        flavor_ref=FLAVOR,
        disk_config=servers.DiskConfig.MANUAL,
        metadata={"role": "web"},
        networks=[
            servers.Network(uuid=servers.PUBLIC_NET),
            servers.Network(uuid=servers.SERVICE_NET),
        ],
        personality=[servers.Personality("/etc/motd", "hello\n")],
    )
    server = await servers.create(compute, opts)
    try:
        assert server.admin_pass
        server = await servers.wait_for_status(
            compute, server.id, "ACTIVE", timeout=60, interval=0.5
        )
        assert server.name == user
        assert server.metadata == {"role": "web"}
        assert user in {s.name for s in await servers.list(compute).all()}
        assert await servers.metadata(compute, server.id) == {"role": "web"}
        assert await servers.list_addresses(compute, server.id)

        await servers.reboot(compute, server.id, servers.RebootOpts(type=servers.RebootType.SOFT))
        await servers.wait_for_status(compute, server.id, "ACTIVE", timeout=60, interval=0.5)
        await servers.change_admin_password(compute, server.id, "n3w-Passw0rd")
    finally:
        await servers.delete(compute, server.id)
    await servers.wait_for_delete(compute, server.id, timeout=60, interval=0.5)
    with pytest.raises(errors.NotFound):
        await servers.get(compute, server.id)


async def test_cloud_files_basics(provider: ProviderClient, user: str) -> None:
    files = await rackspace.new_object_storage_v1(provider)
    await containers.create(files, user)
    await objects.create(files, user, "hello.txt", b"hello, cloud files")
    async with objects.download(files, user, "hello.txt") as download:
        assert await download.read() == b"hello, cloud files"


async def test_concurrent_requests_share_one_token(provider: ProviderClient) -> None:
    compute = await rackspace.new_compute_v2(provider)
    token = provider.token_id

    async def get() -> None:
        await flavors.get(compute, FLAVOR)

    async with anyio.create_task_group() as group:
        for _ in range(20):
            group.start_soon(get)
    assert provider.token_id == token
