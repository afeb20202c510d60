"""Networking v2 against the real Neutron, through the Keystone catalog.

Every test registers a delete for what it creates on an AsyncExitStack before
going on, so a failing assertion still leaves the cloud clean.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, suppress

import pytest

from aiocloud import ProviderClient, errors, openstack
from aiocloud.openstack.networking.v2 import apiversions, extensions, networks, ports, subnets
from aiocloud.openstack.networking.v2.extensions import external, provider
from aiocloud.openstack.networking.v2.extensions.layer3 import floatingips, routers
from aiocloud.openstack.networking.v2.extensions.security import groups, rules
from aiocloud.params import EXPLICIT_NULL
from aiocloud.service import ServiceClient

Cleanup = Callable[[Callable[[], Awaitable[None]]], None]


@pytest.fixture
async def cleanup() -> AsyncIterator[Cleanup]:
    """Register deletes; they run last-in first-out, a resource already gone is fine."""
    async with AsyncExitStack() as stack:

        def push(delete: Callable[[], Awaitable[None]]) -> None:
            async def run(*_: object) -> None:
                with suppress(errors.NotFound):
                    await delete()

            stack.push_async_exit(run)

        yield push


@pytest.fixture
async def admin_net(admin: ProviderClient) -> ServiceClient:
    return await openstack.new_network_v2(admin)


@pytest.fixture
async def demo_net(demo: ProviderClient) -> ServiceClient:
    return await openstack.new_network_v2(demo)


def _delete(
    op: Callable[[ServiceClient, str], Awaitable[None]], client: ServiceClient, item_id: str
) -> Callable[[], Awaitable[None]]:
    return lambda: op(client, item_id)


async def test_versions_and_extensions(demo_net: ServiceClient) -> None:
    versions = await apiversions.list_versions(demo_net).all()
    assert "v2.0" in [v.id for v in versions]
    resources = await apiversions.list_version_resources(demo_net, "v2.0").all()
    assert {"networks", "subnets", "ports"} <= {r.collection for r in resources}

    aliases = {e.alias for e in await extensions.list(demo_net).all()}
    assert {"router", "external-net", "provider", "security-group", "binding"} <= aliases
    assert (await extensions.get(demo_net, "router")).name
    with pytest.raises(errors.NotFound):
        await extensions.get(demo_net, "lbaas")


async def test_networks_subnets_ports_paging_and_real_errors(
    demo_net: ServiceClient, cleanup: Cleanup, unique_name: str
) -> None:
    net = await networks.create(demo_net, networks.CreateOpts(name=unique_name, mtu=1400))
    cleanup(_delete(networks.delete, demo_net, net.id))
    assert (net.name, net.mtu, net.status, net.admin_state_up) == (
        unique_name,
        1400,
        "ACTIVE",
        True,
    )

    sub = await subnets.create(
        demo_net,
        subnets.CreateOpts(
            network_id=net.id,
            name=unique_name,
            cidr="10.77.0.0/24",
            gateway_ip=EXPLICIT_NULL,
            allocation_pools=[subnets.AllocationPool("10.77.0.10", "10.77.0.50")],
            dns_nameservers=["192.0.2.53"],
            host_routes=[subnets.HostRoute("192.168.77.0/24", "10.77.0.254")],
        ),
    )
    cleanup(_delete(subnets.delete, demo_net, sub.id))
    assert sub.gateway_ip is None
    assert sub.allocation_pools == (subnets.AllocationPool("10.77.0.10", "10.77.0.50"),)
    assert sub.host_routes == (subnets.HostRoute("192.168.77.0/24", "10.77.0.254"),)

    sub = await subnets.update(
        demo_net, sub.id, subnets.UpdateOpts(gateway_ip="10.77.0.1", dns_nameservers=[])
    )
    assert (sub.gateway_ip, sub.dns_nameservers) == ("10.77.0.1", ())
    assert sub.host_routes  # left alone: None is not sent

    v6 = await subnets.create(
        demo_net,
        subnets.CreateOpts(
            network_id=net.id,
            cidr="fd00:77::/64",
            ip_version=6,
            ipv6_ra_mode="slaac",
            ipv6_address_mode="slaac",
        ),
    )
    cleanup(_delete(subnets.delete, demo_net, v6.id))
    assert (v6.ip_version, v6.ipv6_address_mode) == (6, "slaac")

    created = []
    for last_octet in (20, 21, 22):
        port = await ports.create(
            demo_net,
            ports.CreateOpts(
                network_id=net.id,
                name=f"{unique_name}-{last_octet}",
                fixed_ips=[ports.FixedIP(subnet_id=sub.id, ip_address=f"10.77.0.{last_octet}")],
                allowed_address_pairs=[ports.AddressPair("10.77.0.200")],
            ),
        )
        cleanup(_delete(ports.delete, demo_net, port.id))
        created.append(port)
    # the SLAAC subnet adds an IPv6 address of its own to every port
    assert ports.FixedIP(sub.id, "10.77.0.20") in created[0].fixed_ips
    assert [ip.subnet_id for ip in created[0].fixed_ips] == [sub.id, v6.id]
    assert created[0].allowed_address_pairs[0].mac_address == created[0].mac_address

    # a taken address: Neutron's type and message reach the exception
    with pytest.raises(errors.Conflict) as taken:
        await ports.create(
            demo_net,
            ports.CreateOpts(network_id=net.id, fixed_ips=[ports.FixedIP(sub.id, "10.77.0.20")]),
        )
    assert taken.value.message is not None
    assert taken.value.message.startswith("IpAddressAlreadyAllocated: ")
    assert "10.77.0.20" in taken.value.message
    assert taken.value.request_id

    # a network with ports cannot go
    with pytest.raises(errors.Conflict) as in_use:
        await networks.delete(demo_net, net.id)
    assert in_use.value.message is not None
    assert in_use.value.message.startswith("NetworkInUse: ")

    # paging: one port per page, the Pager follows ports_links to the end
    pages = [
        page.items
        async for page in ports.list(
            demo_net, ports.ListOpts(network_id=net.id, limit=1, sort_key="name", sort_dir="asc")
        ).pages()
    ]
    assert all(len(items) <= 1 for items in pages)
    assert [p.id for items in pages for p in items] == [p.id for p in created]

    by_address = await ports.list(
        demo_net, ports.ListOpts(fixed_ips=[ports.FixedIP(ip_address="10.77.0.21")])
    ).all()
    assert [p.id for p in by_address] == [created[1].id]

    only_names = await ports.list(
        demo_net, ports.ListOpts(network_id=net.id, fields=["name"])
    ).all()
    assert sorted(p.name for p in only_names) == sorted(p.name for p in created)
    assert {p.id for p in only_names} == {p.id for p in created}
    assert all(p.fixed_ips == () for p in only_names)

    moved = await ports.update(
        demo_net,
        created[2].id,
        ports.UpdateOpts(fixed_ips=[ports.FixedIP(sub.id, "10.77.0.30")], allowed_address_pairs=[]),
    )
    assert ports.FixedIP(sub.id, "10.77.0.30") in moved.fixed_ips
    assert ports.FixedIP(sub.id, "10.77.0.22") not in moved.fixed_ips
    assert moved.allowed_address_pairs == ()

    listed = await networks.list(demo_net, networks.ListOpts(name=unique_name)).all()
    assert [n.id for n in listed] == [net.id]
    assert set(listed[0].subnets) == {sub.id, v6.id}

    for port in created:
        await ports.delete(demo_net, port.id)
    with pytest.raises(errors.NotFound) as gone:
        await ports.get(demo_net, created[0].id)
    assert gone.value.message is not None
    assert gone.value.message.startswith("PortNotFound: ")


async def test_bulk_create_and_network_paging(
    demo_net: ServiceClient, cleanup: Cleanup, unique_name: str
) -> None:
    made = await networks.create_bulk(
        demo_net, [networks.CreateOpts(name=f"{unique_name}-{i}") for i in range(3)]
    )
    for net in made:
        cleanup(_delete(networks.delete, demo_net, net.id))
    assert [n.name for n in made] == [f"{unique_name}-{i}" for i in range(3)]

    renamed = await networks.update(
        demo_net, made[0].id, networks.UpdateOpts(description="first", admin_state_up=False)
    )
    assert (renamed.description, renamed.admin_state_up) == ("first", False)

    mine = {n.id for n in made}
    seen = []
    pages = 0
    async for page in networks.list(
        demo_net, networks.ListOpts(limit=2, sort_key="name", sort_dir="asc")
    ).pages():
        pages += 1
        assert len(page.items) <= 2
        seen.extend(n.id for n in page.items if n.id in mine)
    assert seen == [n.id for n in made]
    assert pages >= 2

    with pytest.raises(errors.NotFound) as missing:
        await networks.get(demo_net, "00000000-0000-0000-0000-000000000000")
    assert missing.value.message is not None
    assert missing.value.message.startswith("NetworkNotFound: ")


async def test_external_and_provider_networks_admin(
    admin_net: ServiceClient, cleanup: Cleanup, unique_name: str
) -> None:
    physnet = unique_name  # flat_networks = *: a physnet of our own cannot collide
    public = await networks.create(
        admin_net,
        external.CreateOpts(
            provider.CreateOpts(
                networks.CreateOpts(name=f"{unique_name}-ext"),
                network_type="flat",
                physical_network=physnet,
            ),
            external=True,
        ),
    )
    cleanup(_delete(networks.delete, admin_net, public.id))
    assert external.is_external(public)
    assert provider.extract(public) == provider.NetworkProvider(
        network_type="flat", physical_network=physnet
    )

    listed = await networks.list(
        admin_net, external.ListOpts(networks.ListOpts(name=f"{unique_name}-ext"), external=True)
    ).all()
    assert [n.id for n in listed] == [public.id]
    assert (
        await networks.list(
            admin_net,
            external.ListOpts(networks.ListOpts(name=f"{unique_name}-ext"), external=False),
        ).all()
        == []
    )
    by_physnet = await networks.list(
        admin_net, provider.ListOpts(physical_network=physnet, network_type="flat")
    ).all()
    assert [n.id for n in by_physnet] == [public.id]

    internal = await networks.update(admin_net, public.id, external.UpdateOpts(external=False))
    assert not external.is_external(internal)

    vlan = None
    for _ in range(5):  # another run may hold a VLAN id: try a few
        segmentation_id = random.randint(100, 200)
        try:
            vlan = await networks.create(
                admin_net,
                provider.CreateOpts(
                    networks.CreateOpts(name=f"{unique_name}-vlan"),
                    network_type="vlan",
                    physical_network="physnet1",
                    segmentation_id=segmentation_id,
                ),
            )
            break
        except errors.Conflict:
            continue
    assert vlan is not None
    cleanup(_delete(networks.delete, admin_net, vlan.id))
    assert provider.extract(vlan).segmentation_id == segmentation_id

    multi = await networks.create(
        admin_net,
        provider.CreateOpts(
            networks.CreateOpts(name=f"{unique_name}-multi"),
            segments=[
                provider.Segment(network_type="flat", physical_network=f"{physnet}-2"),
                provider.Segment(network_type="vxlan"),
            ],
        ),
    )
    cleanup(_delete(networks.delete, admin_net, multi.id))
    segments = provider.extract(multi).segments
    assert [s.network_type for s in segments] == ["flat", "vxlan"]
    assert segments[0].physical_network == f"{physnet}-2"
    assert segments[1].segmentation_id is not None

    with pytest.raises(errors.BadRequest) as bad:
        await networks.create(
            admin_net,
            provider.CreateOpts(
                networks.CreateOpts(name=f"{unique_name}-bad"),
                network_type="vlan",
                physical_network="physnet1",
                segmentation_id=5000,
            ),
        )
    assert bad.value.message is not None
    assert bad.value.message.split(":")[0] in ("InvalidInput", "HTTPBadRequest")


async def test_security_groups_and_rules(
    demo_net: ServiceClient, cleanup: Cleanup, unique_name: str
) -> None:
    sg = await groups.create(
        demo_net, groups.CreateOpts(name=unique_name, description="aiocloud acceptance")
    )
    cleanup(_delete(groups.delete, demo_net, sg.id))
    assert {(r.direction, r.ethertype) for r in sg.rules} == {
        ("egress", "IPv4"),
        ("egress", "IPv6"),
    }

    ssh = await rules.create(
        demo_net,
        rules.CreateOpts(
            security_group_id=sg.id,
            direction="ingress",
            ethertype="IPv4",
            protocol="tcp",
            port_range_min=22,
            port_range_max=22,
            remote_ip_prefix="192.0.2.0/24",
        ),
    )
    cleanup(_delete(rules.delete, demo_net, ssh.id))
    peers = await rules.create(
        demo_net,
        rules.CreateOpts(
            security_group_id=sg.id, direction="ingress", protocol="icmp", remote_group_id=sg.id
        ),
    )
    cleanup(_delete(rules.delete, demo_net, peers.id))
    assert (ssh.protocol, ssh.port_range_min, ssh.port_range_max) == ("tcp", 22, 22)
    assert ssh.remote_ip_prefix == "192.0.2.0/24"
    assert peers.remote_group_id == sg.id
    assert peers.ethertype == "IPv4"  # Neutron's default

    with pytest.raises(errors.Conflict) as duplicate:
        await rules.create(
            demo_net,
            rules.CreateOpts(
                security_group_id=sg.id,
                direction="ingress",
                ethertype="IPv4",
                protocol="tcp",
                port_range_min=22,
                port_range_max=22,
                remote_ip_prefix="192.0.2.0/24",
            ),
        )
    assert duplicate.value.message is not None
    assert duplicate.value.message.startswith("SecurityGroupRuleExists: ")

    ingress = await rules.list(
        demo_net, rules.ListOpts(security_group_id=sg.id, direction="ingress")
    ).all()
    assert {r.id for r in ingress} == {ssh.id, peers.id}
    assert (await rules.get(demo_net, ssh.id)).security_group_id == sg.id

    renamed = await groups.update(demo_net, sg.id, groups.UpdateOpts(description="renamed"))
    assert renamed.description == "renamed"
    assert len((await groups.get(demo_net, sg.id)).rules) == 4
    assert [g.id for g in await groups.list(demo_net, groups.ListOpts(name=unique_name)).all()] == [
        sg.id
    ]

    net = await networks.create(demo_net, networks.CreateOpts(name=unique_name))
    cleanup(_delete(networks.delete, demo_net, net.id))
    port = await ports.create(
        demo_net, ports.CreateOpts(network_id=net.id, security_groups=[sg.id])
    )
    cleanup(_delete(ports.delete, demo_net, port.id))
    assert port.security_groups == (sg.id,)
    in_group = await ports.list(demo_net, ports.ListOpts(security_groups=[sg.id])).all()
    assert [p.id for p in in_group] == [port.id]

    with pytest.raises(errors.Conflict) as in_use:
        await groups.delete(demo_net, sg.id)
    assert in_use.value.message is not None
    assert in_use.value.message.startswith("SecurityGroupInUse: ")

    cleared = await ports.update(demo_net, port.id, ports.UpdateOpts(security_groups=[]))
    assert cleared.security_groups == ()
    await rules.delete(demo_net, ssh.id)
    with pytest.raises(errors.NotFound):
        await rules.get(demo_net, ssh.id)


async def test_routers_and_floating_ips(
    admin_net: ServiceClient, cleanup: Cleanup, unique_name: str
) -> None:
    public = await networks.create(
        admin_net,
        external.CreateOpts(
            provider.CreateOpts(
                networks.CreateOpts(name=f"{unique_name}-ext"),
                network_type="flat",
                physical_network=unique_name,
            ),
            external=True,
        ),
    )
    cleanup(_delete(networks.delete, admin_net, public.id))
    public_sub = await subnets.create(
        admin_net,
        subnets.CreateOpts(
            network_id=public.id, cidr="198.51.100.0/24", enable_dhcp=False, name=unique_name
        ),
    )
    cleanup(_delete(subnets.delete, admin_net, public_sub.id))

    private = await networks.create(admin_net, networks.CreateOpts(name=f"{unique_name}-int"))
    cleanup(_delete(networks.delete, admin_net, private.id))
    private_sub = await subnets.create(
        admin_net,
        subnets.CreateOpts(network_id=private.id, cidr="10.78.0.0/24", gateway_ip="10.78.0.1"),
    )
    cleanup(_delete(subnets.delete, admin_net, private_sub.id))
    other_sub = await subnets.create(
        admin_net,
        subnets.CreateOpts(network_id=private.id, cidr="10.79.0.0/24", gateway_ip="10.79.0.1"),
    )
    cleanup(_delete(subnets.delete, admin_net, other_sub.id))

    router = await routers.create(
        admin_net,
        routers.CreateOpts(
            name=unique_name,
            gateway_info=routers.GatewayInfo(
                network_id=public.id,
                enable_snat=False,
                external_fixed_ips=[
                    routers.ExternalFixedIP(subnet_id=public_sub.id, ip_address="198.51.100.5")
                ],
            ),
        ),
    )
    cleanup(_delete(routers.delete, admin_net, router.id))
    assert router.gateway_info is not None
    assert router.gateway_info.network_id == public.id
    assert router.gateway_info.enable_snat is False
    assert router.gateway_info.external_fixed_ips == (
        routers.ExternalFixedIP(public_sub.id, "198.51.100.5"),
    )

    by_subnet = await routers.add_interface(
        admin_net, router.id, routers.InterfaceOpts(subnet_id=private_sub.id)
    )
    cleanup(
        lambda: _remove_interface(
            admin_net, router.id, routers.InterfaceOpts(port_id=by_subnet.port_id)
        )
    )
    assert (by_subnet.id, by_subnet.subnet_id) == (router.id, private_sub.id)

    router_port = await ports.create(
        admin_net,
        ports.CreateOpts(
            network_id=private.id, fixed_ips=[ports.FixedIP(other_sub.id, "10.79.0.1")]
        ),
    )
    cleanup(_delete(ports.delete, admin_net, router_port.id))
    by_port = await routers.add_interface(
        admin_net, router.id, routers.InterfaceOpts(port_id=router_port.id)
    )
    cleanup(
        lambda: _remove_interface(
            admin_net, router.id, routers.InterfaceOpts(port_id=router_port.id)
        )
    )
    assert by_port.subnet_id == other_sub.id

    with pytest.raises(errors.Conflict) as in_use:
        await routers.delete(admin_net, router.id)
    assert in_use.value.message is not None
    assert in_use.value.message.startswith("RouterInUse: ")

    routed = await routers.update(
        admin_net,
        router.id,
        routers.UpdateOpts(routes=[routers.Route("192.168.78.0/24", "10.78.0.99")]),
    )
    assert routed.routes == (routers.Route("192.168.78.0/24", "10.78.0.99"),)
    assert [
        r.id for r in await routers.list(admin_net, routers.ListOpts(name=unique_name)).all()
    ] == [router.id]

    server_port = await ports.create(
        admin_net,
        ports.CreateOpts(network_id=private.id, fixed_ips=[ports.FixedIP(private_sub.id)]),
    )
    cleanup(_delete(ports.delete, admin_net, server_port.id))
    fip = await floatingips.create(
        admin_net, floatingips.CreateOpts(floating_network_id=public.id, description=unique_name)
    )
    cleanup(_delete(floatingips.delete, admin_net, fip.id))
    assert fip.port_id is None
    assert fip.floating_ip_address is not None
    assert fip.floating_ip_address.startswith("198.51.100.")

    fip = await floatingips.associate(admin_net, fip.id, server_port.id)
    assert fip.port_id == server_port.id
    assert fip.fixed_ip_address == server_port.fixed_ips[0].ip_address
    assert fip.router_id == router.id
    found = await floatingips.list(
        admin_net, floatingips.ListOpts(port_id=server_port.id, floating_network_id=public.id)
    ).all()
    assert [f.id for f in found] == [fip.id]

    fip = await floatingips.disassociate(admin_net, fip.id)
    assert (fip.port_id, fip.fixed_ip_address) == (None, None)
    await floatingips.delete(admin_net, fip.id)
    with pytest.raises(errors.NotFound):
        await floatingips.get(admin_net, fip.id)

    await routers.update(admin_net, router.id, routers.UpdateOpts(routes=[]))
    removed = await routers.remove_interface(
        admin_net, router.id, routers.InterfaceOpts(subnet_id=private_sub.id)
    )
    assert removed.port_id == by_subnet.port_id
    await routers.remove_interface(
        admin_net, router.id, routers.InterfaceOpts(port_id=router_port.id)
    )
    cleared = await routers.update(
        admin_net, router.id, routers.UpdateOpts(gateway_info=EXPLICIT_NULL)
    )
    assert cleared.gateway_info is None
    await routers.delete(admin_net, router.id)


async def _remove_interface(
    client: ServiceClient, router_id: str, opts: routers.InterfaceOpts
) -> None:
    with suppress(errors.NotFound):  # already removed by the test, or the router is gone
        await routers.remove_interface(client, router_id, opts)
