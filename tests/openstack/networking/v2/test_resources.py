"""networking/v2: what every resource module does alike, run across all of them.

Reading and deleting one item, refusing an empty id or bad options before any
request, and carrying Neutron's error type and message: the same for every
collection, so one table each. What a resource sends and reads (its options'
bodies, its model's fields) stays in its own test module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import attrs
import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import networks, ports, subnets
from aiocloud.openstack.networking.v2.extensions.layer3 import floatingips, routers
from aiocloud.openstack.networking.v2.extensions.lbaas import members, monitors, pools, vips
from aiocloud.openstack.networking.v2.extensions.security import groups, rules
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, neutron_error

ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
OTHER_ID = "72741b06-df4d-4715-b142-276b6bce75ab"


@attrs.frozen
class Resource:
    """A resource module, where its collection lives below ``/v2.0`` and its JSON key."""

    module: ModuleType
    path: str
    singular: str


RESOURCES = [
    Resource(networks, "networks", "network"),
    Resource(subnets, "subnets", "subnet"),
    Resource(ports, "ports", "port"),
    Resource(routers, "routers", "router"),
    Resource(floatingips, "floatingips", "floatingip"),
    Resource(groups, "security-groups", "security_group"),
    Resource(rules, "security-group-rules", "security_group_rule"),
    Resource(pools, "lb/pools", "pool"),
    Resource(members, "lb/members", "member"),
    Resource(monitors, "lb/health_monitors", "health_monitor"),
    Resource(vips, "lb/vips", "vip"),
]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.singular)
async def test_get_and_delete_one_item(
    cloud: MockCloud, network: ServiceClient, resource: Resource
) -> None:
    url = f"{NEUTRON}/{resource.path}/{ID}"
    read = cloud.router.get(url).respond(200, json={resource.singular: {"id": ID}})
    deleted = cloud.router.delete(url).respond(204)

    got = await resource.module.get(network, ID)
    assert await resource.module.delete(network, ID) is None

    assert got.id == ID
    assert got.raw == {"id": ID}
    assert read.call_count == 1
    assert deleted.call_count == 1


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.singular)
async def test_empty_id_is_rejected_before_any_request(
    cloud: MockCloud, network: ServiceClient, resource: Resource
) -> None:
    route = cloud.router.route(url__startswith=NEUTRON).respond(204)
    calls = [resource.module.get, resource.module.delete]
    if hasattr(resource.module, "update"):
        opts = resource.module.UpdateOpts()
        calls.append(lambda client, item_id: resource.module.update(client, item_id, opts))
    for call in calls:
        with pytest.raises(errors.InvalidOptions) as caught:
            await call(network, "")
        assert caught.value.field == f"{resource.singular}_id"
    assert route.call_count == 0


Send = Callable[[ServiceClient, Any], Awaitable[object]]


@pytest.mark.parametrize(
    ("send", "opts", "field"),
    [
        (subnets.create, subnets.CreateOpts(network_id="", cidr="10.0.0.0/24"), "network_id"),
        (subnets.create, subnets.CreateOpts(network_id=ID), "cidr"),
        (subnets.create, subnets.CreateOpts(ID, "10.0.0.0/24", ip_version=5), "ip_version"),  # type: ignore[arg-type]
        (
            subnets.create,
            subnets.CreateOpts(ID, "10.0.0.0/24", ipv6_ra_mode="slaac"),
            "ipv6_ra_mode",
        ),
        (
            subnets.create,
            subnets.CreateOpts(ID, "2001:db8::/64", 6, ipv6_address_mode="dhcp"),  # type: ignore[arg-type]
            "ipv6_address_mode",
        ),
        (ports.create, ports.CreateOpts(network_id=""), "network_id"),
        (
            floatingips.create,
            floatingips.CreateOpts(floating_network_id=""),
            "floating_network_id",
        ),
        (groups.create, groups.CreateOpts(name=""), "name"),
        (rules.create, rules.CreateOpts("", "ingress"), "security_group_id"),
        (rules.create, rules.CreateOpts(ID, "inbound"), "direction"),  # type: ignore[arg-type]
        (rules.create, rules.CreateOpts(ID, "ingress", ethertype="ipv4"), "ethertype"),  # type: ignore[arg-type]
        (
            rules.create,
            rules.CreateOpts(ID, "ingress", remote_ip_prefix="0.0.0.0/0", remote_group_id="g"),
            "remote_ip_prefix",
        ),
        (rules.create, rules.CreateOpts(ID, "ingress", port_range_min=22), "protocol"),
        (
            rules.create,
            rules.CreateOpts(ID, "ingress", protocol="tcp", port_range_min=90, port_range_max=80),
            "port_range_min",
        ),
        (
            pools.create,
            pools.CreateOpts(subnet_id="", protocol="HTTP", lb_method="ROUND_ROBIN"),
            "subnet_id",
        ),
        (
            members.create,
            members.CreateOpts(pool_id="", address="192.0.2.14", protocol_port=80),
            "pool_id",
        ),
        (
            members.create,
            members.CreateOpts(pool_id=ID, address="", protocol_port=80),
            "address",
        ),
        (
            members.create,
            members.CreateOpts(pool_id=ID, address="192.0.2.14", protocol_port=0),
            "protocol_port",
        ),
        (
            monitors.create,
            monitors.CreateOpts(type="HTTP", delay=20, timeout=10, max_retries=3),
            "url_path",
        ),
        (
            monitors.create,
            monitors.CreateOpts(type="HTTPS", delay=20, timeout=10, max_retries=3, url_path="/"),
            "expected_codes",
        ),
        (
            monitors.create,
            monitors.CreateOpts(type="PING", delay=1, timeout=10, max_retries=3),
            "delay",
        ),
        (
            monitors.create,
            monitors.CreateOpts(type="TCP", delay=10, timeout=5, max_retries=11),
            "max_retries",
        ),
        (
            monitors.create,
            monitors.CreateOpts(type="UDP", delay=10, timeout=5, max_retries=3),  # type: ignore[arg-type]
            "type",
        ),
        (
            lambda client, opts: monitors.update(client, ID, opts),
            monitors.UpdateOpts(delay=1, timeout=10),
            "delay",
        ),
        (
            vips.create,
            vips.CreateOpts(
                "v", ID, "TCP", 80, OTHER_ID, persistence=vips.SessionPersistence("APP_COOKIE")
            ),
            "persistence",
        ),
        (
            vips.create,
            vips.CreateOpts(
                "v", ID, "TCP", 80, OTHER_ID, persistence=vips.SessionPersistence("STICKY")
            ),
            "persistence",
        ),
        (vips.create, vips.CreateOpts("v", ID, "TCP", 70000, OTHER_ID), "protocol_port"),
    ],
)
async def test_bad_options_are_rejected_before_any_request(
    cloud: MockCloud, network: ServiceClient, send: Send, opts: object, field: str
) -> None:
    route = cloud.router.route(url__startswith=NEUTRON).respond(201, json={})
    with pytest.raises(errors.InvalidOptions) as caught:
        await send(network, opts)
    assert caught.value.field == field
    assert route.call_count == 0


@attrs.frozen
class Refusal:
    """A call Neutron refuses: the request it sends, and the error Neutron answers."""

    call: Callable[[ServiceClient], Awaitable[object]]
    method: str
    path: str
    status: int
    kind: str
    message: str
    error: type[errors.HTTPError]


def _address_conflict(kind: str, message: str) -> Refusal:
    """A port asking for an address (or MAC) that is taken."""
    return Refusal(
        lambda client: ports.create(
            client, ports.CreateOpts(ID, fixed_ips=[ports.FixedIP(ip_address="10.0.0.1")])
        ),
        "POST",
        "ports",
        409,
        kind,
        message,
        errors.Conflict,
    )


REFUSALS = [
    Refusal(
        lambda client: networks.delete(client, ID),
        "DELETE",
        f"networks/{ID}",
        409,
        "NetworkInUse",
        f"Unable to complete operation on network {ID}. There are one or more ports "
        "still in use on the network, id for these ports is: 882db47c.",
        errors.Conflict,
    ),
    Refusal(
        lambda client: subnets.delete(client, ID),
        "DELETE",
        f"subnets/{ID}",
        409,
        "SubnetInUse",
        f"Unable to complete operation on subnet {ID}: One or more ports have an IP "
        "allocation from this subnet.",
        errors.Conflict,
    ),
    Refusal(
        lambda client: subnets.create(client, subnets.CreateOpts(ID, "10.0.0.0/24")),
        "POST",
        "subnets",
        400,
        "InvalidInput",
        "Invalid input for operation: Requested subnet with cidr: 10.0.0.0/24 overlaps.",
        errors.BadRequest,
    ),
    Refusal(
        lambda client: ports.get(client, ID),
        "GET",
        f"ports/{ID}",
        404,
        "PortNotFound",
        f"Port {ID} could not be found.",
        errors.NotFound,
    ),
    _address_conflict(
        "IpAddressInUse",
        f"Unable to complete operation for network {ID}. The IP address 10.0.0.1 is in use.",
    ),
    _address_conflict(
        "IpAddressAlreadyAllocated", f"IP address 10.0.0.1 already allocated in subnet {OTHER_ID}"
    ),
    _address_conflict(
        "MacAddressInUse",
        f"Unable to complete operation for network {ID}. "
        "The mac address fa:16:3e:c9:cb:f0 is in use.",
    ),
    Refusal(
        lambda client: routers.add_interface(client, ID, routers.InterfaceOpts(subnet_id=OTHER_ID)),
        "PUT",
        f"routers/{ID}/add_router_interface",
        400,
        "BadRequest",
        f"Bad router request: Router already has a port on subnet {OTHER_ID}.",
        errors.BadRequest,
    ),
    Refusal(
        lambda client: routers.delete(client, ID),
        "DELETE",
        f"routers/{ID}",
        409,
        "RouterInUse",
        f"Router {ID} still has ports",
        errors.Conflict,
    ),
    Refusal(
        lambda client: routers.get(client, ID),
        "GET",
        f"routers/{ID}",
        404,
        "RouterNotFound",
        f"Router {ID} could not be found",
        errors.NotFound,
    ),
    Refusal(
        lambda client: floatingips.associate(client, ID, OTHER_ID),
        "PUT",
        f"floatingips/{ID}",
        404,
        "ExternalGatewayForFloatingIPNotFound",
        f"External network {OTHER_ID} is not reachable from subnet "
        "a2f1f29d-571b-4533-907f-5803ab96ead1.  Therefore, cannot associate Port "
        f"{ID} with a Floating IP.",
        errors.NotFound,
    ),
    Refusal(
        lambda client: floatingips.create(client, floatingips.CreateOpts(OTHER_ID)),
        "POST",
        "floatingips",
        409,
        "IpAddressGenerationFailure",
        f"No more IP addresses available on network {OTHER_ID}.",
        errors.Conflict,
    ),
    Refusal(
        lambda client: groups.delete(client, ID),
        "DELETE",
        f"security-groups/{ID}",
        409,
        "SecurityGroupInUse",
        f"Security Group {ID} in use.",
        errors.Conflict,
    ),
    Refusal(
        lambda client: groups.get(client, ID),
        "GET",
        f"security-groups/{ID}",
        404,
        "SecurityGroupNotFound",
        f"Security group {ID} does not exist",
        errors.NotFound,
    ),
    Refusal(
        lambda client: rules.create(client, rules.CreateOpts(ID, "ingress")),
        "POST",
        "security-group-rules",
        409,
        "SecurityGroupRuleExists",
        f"Security group rule already exists. Rule id is {OTHER_ID}.",
        errors.Conflict,
    ),
    Refusal(
        lambda client: pools.associate_monitor(client, ID, OTHER_ID),
        "POST",
        f"lb/pools/{ID}/health_monitors",
        409,
        "PoolMonitorAssociationExists",
        f"Monitor {OTHER_ID} is already associated with Pool {ID}",
        errors.Conflict,
    ),
    Refusal(
        lambda client: members.create(client, members.CreateOpts(ID, "192.0.2.14", 8080)),
        "POST",
        "lb/members",
        409,
        "MemberExists",
        f"Member with address 192.0.2.14 and port 8080 already present in pool {ID}",
        errors.Conflict,
    ),
    Refusal(
        lambda client: vips.create(client, vips.CreateOpts("v", ID, "TCP", 80, OTHER_ID)),
        "POST",
        "lb/vips",
        409,
        "VipExists",
        f"Another Vip already exists for pool {OTHER_ID}",
        errors.Conflict,
    ),
]


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda refusal: refusal.kind)
async def test_refusals_carry_neutron_type_and_message(
    cloud: MockCloud, network: ServiceClient, refusal: Refusal
) -> None:
    route = cloud.router.route(method=refusal.method, url=f"{NEUTRON}/{refusal.path}").respond(
        refusal.status, json=neutron_error(refusal.kind, refusal.message)
    )

    with pytest.raises(refusal.error) as caught:
        await refusal.call(network)

    assert caught.value.status_code == refusal.status
    assert caught.value.message == f"{refusal.kind}: {refusal.message}"
    assert route.call_count == 1
