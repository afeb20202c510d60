"""Compute v2 against the real Nova 26 (fake virt driver), with Glance, Neutron and Cinder.

Servers boot on a network the test creates as the demo user (raw calls on the
network endpoint) and is cleaned up with everything else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import attrs
import pytest

from aiocloud import ProviderClient, ServiceClient, errors, openstack, wait_for
from aiocloud.openstack.compute.v2 import MAX_MICROVERSION, flavors, images, servers
from aiocloud.openstack.compute.v2 import extensions as compute_extensions
from aiocloud.openstack.compute.v2.extensions import diskconfig, keypairs

FLAVOR = "m1.tiny"
OTHER_FLAVOR = "m1.small"
IMAGE = "cirros-fake-raw"
OTHER_IMAGE = "cirros-fake-qcow2"
BOOT_TIMEOUT = 120.0
PUBLIC_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKrRzaRHq8+8M6EHmnGmcfI5j2gSvV4eyqyd8UVaPVwQ "
    "aiocloud@acceptance"
)


@pytest.fixture
async def compute(demo: ProviderClient) -> ServiceClient:
    """The demo user's compute client at the highest microversion both sides support."""
    return await openstack.negotiate_microversion(await openstack.new_compute_v2(demo))


@pytest.fixture
async def network_id(demo: ProviderClient, unique_name: str) -> AsyncIterator[str]:
    """A network with one IPv4 subnet (demo user), deleted with its leftover ports."""
    network = await openstack.new_network_v2(demo)
    body = await network.json(
        "POST", network.service_url("networks"), json={"network": {"name": unique_name}}
    )
    net_id: str = body["network"]["id"]
    try:
        await network.json(
            "POST",
            network.service_url("subnets"),
            json={
                "subnet": {
                    "network_id": net_id,
                    "name": unique_name,
                    "ip_version": 4,
                    "cidr": "10.77.0.0/24",
                }
            },
        )
        yield net_id
    finally:
        ports = await network.json(
            "GET", network.service_url("ports"), params=[("network_id", net_id)]
        )
        for port in ports["ports"]:
            if port.get("device_owner", "").startswith("compute:"):
                continue
            await network.request("DELETE", network.service_url("ports", port["id"]))
        with anyio.fail_after(60):
            while True:  # nova removes its ports asynchronously after a server delete
                try:
                    await network.request("DELETE", network.service_url("networks", net_id))
                    break
                except errors.Conflict:
                    await anyio.sleep(1)


async def test_microversion_negotiation_reaches_the_server_maximum(demo: ProviderClient) -> None:
    plain = await openstack.new_compute_v2(demo)
    version = (await plain.json("GET", plain.endpoint))["version"]
    negotiated = await openstack.negotiate_microversion(plain)
    expected = min(
        openstack.parse_microversion(version["version"]),
        openstack.parse_microversion(MAX_MICROVERSION),
    )
    assert openstack.parse_microversion(negotiated.microversion or "") == expected
    assert negotiated.microversion == "2.93"  # Nova 26 (Zed)
    capped = await openstack.negotiate_microversion(plain, maximum="2.60")
    assert capped.microversion == "2.60"
    with pytest.raises(errors.AiocloudError):
        await openstack.negotiate_microversion(plain, maximum="1.9")


async def test_extensions(compute: ServiceClient) -> None:
    found = {ext.alias: ext for ext in await compute_extensions.list(compute).all()}
    assert {"os-keypairs", "OS-DCF"} <= set(found)
    assert (await compute_extensions.get(compute, "os-keypairs")).name == found["os-keypairs"].name
    with pytest.raises(errors.NotFound):
        await compute_extensions.get(compute, "no-such-extension")


async def test_flavors_extra_specs_and_access(
    admin: ProviderClient, demo: ProviderClient, unique_name: str
) -> None:
    admin_compute = await openstack.negotiate_microversion(await openstack.new_compute_v2(admin))
    demo_compute = await openstack.new_compute_v2(demo)

    tiny = await flavors.get(demo_compute, await flavors.id_from_name(demo_compute, FLAVOR))
    assert (tiny.name, tiny.vcpus, tiny.ram, tiny.disk, tiny.swap) == ("m1.tiny", 1, 512, 1, 0)
    big_enough = await flavors.list(demo_compute, flavors.ListOpts(min_ram=2048)).all()
    assert big_enough and all(f.ram >= 2048 for f in big_enough)
    paged = await flavors.list(demo_compute, flavors.ListOpts(limit=2)).all()
    assert len(paged) == len(await flavors.list(demo_compute).all()) >= 5

    created = await flavors.create(
        admin_compute,
        flavors.CreateOpts(
            name=unique_name,
            ram=128,
            vcpus=1,
            disk=1,
            ephemeral=1,
            is_public=False,
            description="acceptance",
        ),
    )
    try:
        assert (created.is_public, created.ephemeral, created.description) == (
            False,
            1,
            "acceptance",
        )
        updated = await flavors.update(admin_compute, created.id, flavors.UpdateOpts("changed"))
        assert updated.description == "changed"

        specs = await flavors.create_extra_specs(
            admin_compute, created.id, {"hw:cpu_policy": "shared", "aiocloud:test": "1"}
        )
        assert specs == {"hw:cpu_policy": "shared", "aiocloud:test": "1"}
        assert await flavors.update_extra_spec(admin_compute, created.id, "aiocloud:test", "2") == {
            "aiocloud:test": "2"
        }
        assert await flavors.get_extra_spec(admin_compute, created.id, "aiocloud:test") == "2"
        await flavors.delete_extra_spec(admin_compute, created.id, "aiocloud:test")
        assert await flavors.list_extra_specs(admin_compute, created.id) == {
            "hw:cpu_policy": "shared"
        }
        with pytest.raises(errors.NotFound):
            await flavors.get_extra_spec(admin_compute, created.id, "aiocloud:test")

        assert demo.token is not None and demo.token.project is not None
        demo_project = demo.token.project.id
        with pytest.raises(errors.NotFound):  # private: invisible to demo
            await flavors.get(demo_compute, created.id)
        access = await flavors.add_access(admin_compute, created.id, demo_project)
        assert [(a.flavor_id, a.tenant_id) for a in access] == [(created.id, demo_project)]
        assert (await flavors.get(demo_compute, created.id)).name == unique_name
        assert await flavors.list_access(admin_compute, created.id) == access
        assert await flavors.remove_access(admin_compute, created.id, demo_project) == []
        with pytest.raises(errors.NotFound):  # public flavors have no access list
            await flavors.list_access(admin_compute, tiny.id)
        with pytest.raises(errors.Forbidden):
            await flavors.delete(demo_compute, created.id)
    finally:
        await flavors.delete(admin_compute, created.id)
    with pytest.raises(errors.NotFound):
        await flavors.get(admin_compute, created.id)


async def test_images(compute: ServiceClient) -> None:
    image_id = await images.id_from_name(compute, IMAGE)
    image = await images.get(compute, image_id)  # sent at 2.35: the proxy is gone after it
    assert (image.name, image.status) == (IMAGE, "ACTIVE")
    assert image.size == 1024 * 1024
    listed = await images.list(compute, images.ListOpts(status="ACTIVE", limit=1)).all()
    assert {IMAGE, OTHER_IMAGE} <= {i.name for i in listed}
    with pytest.raises(errors.InvalidOptions, match="image_name"):
        await images.id_from_name(compute, "no-such-image")
    with pytest.raises(errors.NotFound):
        await images.get(compute, "00000000-0000-4000-8000-000000000000")


async def test_keypairs(compute: ServiceClient, unique_name: str) -> None:
    generated = await keypairs.create(compute, keypairs.CreateOpts(name=unique_name))
    imported = await keypairs.import_key(compute, unique_name + "-imp", PUBLIC_KEY)
    try:
        assert generated.private_key is not None
        assert "PRIVATE KEY" in generated.private_key
        assert generated.private_key not in repr(generated)
        assert generated.type == "ssh"
        assert imported.public_key == PUBLIC_KEY and imported.private_key is None
        names = {kp.name for kp in await keypairs.list(compute, keypairs.ListOpts(limit=1)).all()}
        assert {unique_name, unique_name + "-imp"} <= names
        got = await keypairs.get(compute, unique_name)
        assert (got.fingerprint, got.private_key) == (generated.fingerprint, None)
        assert got.id is not None and got.created_at is not None
        with pytest.raises(errors.Conflict):
            await keypairs.import_key(compute, unique_name, PUBLIC_KEY)
    finally:
        await keypairs.delete(compute, unique_name)
        await keypairs.delete(compute, unique_name + "-imp")
    with pytest.raises(errors.NotFound):
        await keypairs.get(compute, unique_name)


async def _wait(compute: ServiceClient, server_id: str, status: str) -> servers.Server:
    return await servers.wait_for_status(
        compute, server_id, status, timeout=BOOT_TIMEOUT, interval=0.3, max_interval=1.0
    )


async def test_server_lifecycle_and_actions(
    demo: ProviderClient, compute: ServiceClient, network_id: str, unique_name: str
) -> None:
    await keypairs.import_key(compute, unique_name, PUBLIC_KEY)
    base = servers.CreateOpts(
        name=unique_name,
        flavor_name=FLAVOR,
        image_name=IMAGE,
        networks=[servers.Network(uuid=network_id)],
        metadata={"role": "acceptance"},
        user_data="#!/bin/sh\necho hello\n",
        tags=["aiocloud"],
        description="booted by aiocloud",
    )
    created: list[servers.Server] = []
    try:
        async with anyio.create_task_group() as group:  # boot two servers side by side

            async def boot(suffix: str) -> None:
                opts = diskconfig.CreateOptsExt(
                    keypairs.CreateOptsExt(
                        attrs.evolve(base, name=unique_name + suffix), key_name=unique_name
                    ),
                    diskconfig.DiskConfig.MANUAL,
                )
                created.append(await servers.create(compute, opts))

            group.start_soon(boot, "-a")
            group.start_soon(boot, "-b")
        assert all(s.admin_pass for s in created) and all(s.links for s in created)
        first, second = sorted(created, key=lambda s: s.id)
        server = await _wait(compute, first.id, "ACTIVE")
        await _wait(compute, second.id, "ACTIVE")

        # what a booted server looks like at the negotiated microversion
        assert server.name in (unique_name + "-a", unique_name + "-b")
        assert (server.key_name, server.metadata, server.tags) == (
            unique_name,
            {"role": "acceptance"},
            ("aiocloud",),
        )
        assert server.flavor is not None and server.flavor.original_name == FLAVOR
        assert server.image is not None and server.image.id == await images.id_from_name(
            compute, IMAGE
        )
        assert diskconfig.disk_config(server) is diskconfig.DiskConfig.MANUAL
        assert server.vm_state == "active" and server.power_state == 1
        assert server.created is not None and server.launched_at is not None
        assert server.locked is False and server.description == "booted by aiocloud"
        [address] = next(iter(server.addresses.values()))
        assert address.addr.startswith("10.77.0.") and address.version == 4
        assert address.type == "fixed" and address.mac_addr
        # the same server at microversion 2.1: flavor by id, no tags
        old = await servers.get(compute.with_microversion(None), server.id)
        assert old.flavor is not None and old.flavor.id == "1" and old.tags is None

        # listing: paging with limit=1 follows servers_links
        pages = [
            len(page.items)
            async for page in servers.list(
                compute, servers.ListOpts(name=unique_name, limit=1)
            ).pages()
        ]
        assert pages[:2] == [1, 1] and sum(pages) == 2
        tagged = await servers.list(compute, servers.ListOpts(tags=["aiocloud"])).all()
        assert {s.id for s in tagged} >= {first.id, second.id}

        # one server at a time: the all-in-one Nova answers synchronous calls
        # (interface and volume attach) late when it is busy with another server
        other = await servers.get(compute, second.id)
        await _addresses_interfaces_and_console(compute, other, network_id)
        await _metadata_and_update(compute, server.id, unique_name)
        await _power_actions(compute, server.id)
        await _resize_rebuild_image(compute, server.id, unique_name)
        await _rescue_shelve_password(compute, server.id)
        await _volume_attach_detach(demo, compute, other.id, unique_name)

        # an action in the wrong state: Nova's conflictingRequest
        with pytest.raises(errors.Conflict, match="confirmResize"):
            await servers.confirm_resize(compute, other.id)
    finally:
        for made in created:
            await servers.delete(compute, made.id)
        await keypairs.delete(compute, unique_name)
        for made in created:
            await servers.wait_for_delete(
                compute, made.id, timeout=BOOT_TIMEOUT, interval=0.3, max_interval=1.0
            )
    for made in created:
        with pytest.raises(errors.NotFound):
            await servers.get(compute, made.id)


async def _addresses_interfaces_and_console(
    compute: ServiceClient, server: servers.Server, network_id: str
) -> None:
    by_network = await servers.list_addresses(compute, server.id)  # no OS-EXT-IPS here
    assert {net: [(a.addr, a.version) for a in found] for net, found in by_network.items()} == {
        net: [(a.addr, a.version) for a in found] for net, found in server.addresses.items()
    }
    name = next(iter(by_network))
    assert await servers.list_addresses_by_network(compute, server.id, name) == by_network[name]

    [interface] = await servers.list_interfaces(compute, server.id).all()
    assert interface.net_id == network_id and interface.fixed_ips[0].ip_address.startswith("10.77")
    assert await servers.get_interface(compute, server.id, interface.port_id) == interface
    extra = await servers.attach_interface(
        compute, server.id, servers.AttachInterfaceOpts(net_id=network_id)
    )
    assert extra.net_id == network_id and extra.port_id != interface.port_id
    await servers.detach_interface(compute, server.id, extra.port_id)

    async def detached() -> bool:
        return len(await servers.list_interfaces(compute, server.id).all()) == 1

    await wait_for(detached, 30, 0.5)

    assert "FAKE CONSOLE OUTPUT" in await servers.get_console_output(compute, server.id)
    assert await servers.get_console_output(compute, server.id, length=1) == "LAST LINE"
    with pytest.raises(errors.BadRequest, match="novnc"):  # this cloud has no VNC proxy
        await servers.get_vnc_console(compute, server.id)


async def _metadata_and_update(compute: ServiceClient, server_id: str, name: str) -> None:
    assert await servers.metadata(compute, server_id) == {"role": "acceptance"}
    assert await servers.update_metadata(compute, server_id, {"tier": "web"}) == {
        "role": "acceptance",
        "tier": "web",
    }
    await servers.create_metadatum(compute, server_id, "owner", "ci")
    assert await servers.metadatum(compute, server_id, "owner") == "ci"
    await servers.delete_metadatum(compute, server_id, "tier")
    with pytest.raises(errors.NotFound):
        await servers.metadatum(compute, server_id, "tier")
    assert await servers.reset_metadata(compute, server_id, {"only": "this"}) == {"only": "this"}
    assert await servers.metadata(compute, server_id) == {"only": "this"}

    updated = await servers.update(
        compute, server_id, servers.UpdateOpts(name=name + "-renamed", description="renamed")
    )
    assert (updated.name, updated.description) == (name + "-renamed", "renamed")
    ipv4 = await servers.update(compute, server_id, servers.UpdateOpts(access_ipv4="192.0.2.7"))
    assert ipv4.access_ipv4 == "192.0.2.7"


async def _power_actions(compute: ServiceClient, server_id: str) -> None:
    await servers.reboot(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.reboot(compute, server_id, servers.RebootOpts(type=servers.RebootType.HARD))
    await _wait(compute, server_id, "ACTIVE")
    await servers.stop(compute, server_id)
    assert (await _wait(compute, server_id, "SHUTOFF")).power_state == 4
    await servers.start(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.pause(compute, server_id)
    await _wait(compute, server_id, "PAUSED")
    await servers.unpause(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.suspend(compute, server_id)
    await _wait(compute, server_id, "SUSPENDED")
    await servers.resume(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.lock(compute, server_id, reason="acceptance")
    locked = await servers.get(compute, server_id)
    assert (locked.locked, locked.locked_reason) == (True, "acceptance")
    await servers.unlock(compute, server_id)
    assert (await servers.get(compute, server_id)).locked is False


async def _resize_rebuild_image(compute: ServiceClient, server_id: str, name: str) -> None:
    await servers.resize(compute, server_id, servers.ResizeOpts(flavor_name=OTHER_FLAVOR))
    resized = await _wait(compute, server_id, "VERIFY_RESIZE")
    assert resized.flavor is not None and resized.flavor.original_name == OTHER_FLAVOR
    await servers.confirm_resize(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.resize(
        compute,
        server_id,
        diskconfig.ResizeOptsExt(
            servers.ResizeOpts(flavor_name=FLAVOR), diskconfig.DiskConfig.AUTO
        ),
    )
    await _wait(compute, server_id, "VERIFY_RESIZE")
    await servers.revert_resize(compute, server_id)
    reverted = await _wait(compute, server_id, "ACTIVE")
    assert reverted.flavor is not None and reverted.flavor.original_name == OTHER_FLAVOR

    rebuilt = await servers.rebuild(
        compute,
        server_id,
        diskconfig.RebuildOptsExt(
            servers.RebuildOpts(image_name=OTHER_IMAGE, name=name + "-rebuilt"),
            diskconfig.DiskConfig.AUTO,
        ),
    )
    assert rebuilt.name == name + "-rebuilt"
    server = await _wait(compute, server_id, "ACTIVE")
    assert server.image is not None
    assert server.image.id == await images.id_from_name(compute, OTHER_IMAGE)
    assert diskconfig.disk_config(server) is diskconfig.DiskConfig.AUTO

    image_id = await servers.create_image(
        compute, server_id, servers.CreateImageOpts(name=name + "-snap", metadata={"k": "v"})
    )
    try:
        snapshot = await images.get(compute, image_id)
        assert snapshot.name == name + "-snap" and snapshot.metadata["k"] == "v"
        await _wait(compute, server_id, "ACTIVE")
    finally:
        await images.delete(compute, image_id)
    with pytest.raises(errors.NotFound):
        await images.get(compute, image_id)


async def _rescue_shelve_password(compute: ServiceClient, server_id: str) -> None:
    password = await servers.rescue(compute, server_id, servers.RescueOpts(admin_pass="Rescue-1"))
    assert password == "Rescue-1"
    await _wait(compute, server_id, "RESCUE")
    await servers.unrescue(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")
    await servers.change_admin_password(compute, server_id, "New-Password-1")
    await _wait(compute, server_id, "ACTIVE")
    await servers.shelve(compute, server_id)
    await _wait(compute, server_id, "SHELVED_OFFLOADED")
    await servers.unshelve(compute, server_id)
    await _wait(compute, server_id, "ACTIVE")


async def _volume_attach_detach(
    demo: ProviderClient, compute: ServiceClient, server_id: str, name: str
) -> None:
    volumes = await openstack.new_block_storage_v3(demo)
    body = await volumes.json(
        "POST", volumes.service_url("volumes"), json={"volume": {"size": 1, "name": name}}
    )
    volume_id: str = body["volume"]["id"]

    async def volume_is(status: str) -> None:
        async def reached() -> bool:
            answer = await volumes.json("GET", volumes.service_url("volumes", volume_id))
            return bool(answer["volume"]["status"] == status)

        await wait_for(reached, 60, 0.5)

    try:
        await volume_is("available")
        attachment = await servers.attach_volume(
            compute, server_id, servers.AttachVolumeOpts(volume_id, delete_on_termination=False)
        )
        assert (attachment.volume_id, attachment.server_id) == (volume_id, server_id)
        await volume_is("in-use")
        [listed] = await servers.list_volume_attachments(compute, server_id).all()
        assert listed.volume_id == volume_id and listed.attachment_id  # 2.89+: attachment_id
        assert listed.device == attachment.device
        got = await servers.get_volume_attachment(compute, server_id, volume_id)
        assert got == listed
        assert [v.id for v in (await servers.get(compute, server_id)).volumes_attached] == [
            volume_id
        ]
        await servers.detach_volume(compute, server_id, volume_id)
        await volume_is("available")
        assert await servers.list_volume_attachments(compute, server_id).all() == []
    finally:
        await volumes.request("DELETE", volumes.service_url("volumes", volume_id))

        async def volume_gone() -> bool:
            try:
                await volumes.json("GET", volumes.service_url("volumes", volume_id))
            except errors.NotFound:
                return True
            return False

        await wait_for(volume_gone, 60, 0.5)
