"""rackspace/compute/v2/networks: isolated networks (``os-networksv2``)."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.rackspace.compute.v2 import networks
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, sent_json

NETWORKS = f"{RAX_COMPUTE}/os-networksv2"
NET_ID = "1f84c238-b05a-4374-a0cb-aa6140032cd1"


async def test_list_has_the_shared_networks_without_cidr(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(NETWORKS).respond(
        200,
        json={
            "networks": [
                {"cidr": "192.168.0.0/24", "id": NET_ID, "label": "new_network"},
                {"id": "00000000-0000-0000-0000-000000000000", "label": "public"},
                {"id": "11111111-1111-1111-1111-111111111111", "label": "private"},
            ]
        },
    )
    found = await networks.list(compute).all()
    assert found == [
        networks.Network(id=NET_ID, label="new_network", cidr="192.168.0.0/24"),
        networks.Network(id="00000000-0000-0000-0000-000000000000", label="public"),
        networks.Network(id="11111111-1111-1111-1111-111111111111", label="private"),
    ]


@pytest.mark.parametrize("cidr", ["192.168.100.0/24", "10.0.0.0/8", "fd00:ab::/64"])
async def test_create(cloud: MockCloud, compute: ServiceClient, cidr: str) -> None:
    route = cloud.router.post(NETWORKS).respond(
        200, json={"network": {"label": "backend", "cidr": cidr, "id": NET_ID}}
    )
    created = await networks.create(compute, networks.CreateOpts(label="backend", cidr=cidr))
    assert sent_json(route) == {"network": {"label": "backend", "cidr": cidr}}
    assert created == networks.Network(id=NET_ID, label="backend", cidr=cidr)


@pytest.mark.parametrize(
    ("label", "cidr", "field", "reason"),
    [
        ("", "192.168.0.0/24", "label", "is required"),
        ("net", "192.168.0.0", "cidr", "needs a prefix length"),
        ("net", "192.168.0.5/24", "cidr", "host bits set: the network is 192.168.0.0/24"),
        ("net", "192.168.300.0/24", "cidr", "is not an IPv4 or IPv6 network"),
        ("net", "192.30.250.00/18", "cidr", "is not an IPv4 or IPv6 network"),
        ("net", "10.0.0.0/33", "cidr", "is not an IPv4 or IPv6 network"),
        ("net", "fd00::1/64", "cidr", "host bits set"),
        ("net", " 10.0.0.0/8", "cidr", "is not an IPv4 or IPv6 network"),
        ("net", "", "cidr", "needs a prefix length"),
    ],
)
async def test_create_checks_before_sending(
    compute: ServiceClient, label: str, cidr: str, field: str, reason: str
) -> None:
    with pytest.raises(errors.InvalidOptions, match=reason) as caught:
        await networks.create(compute, networks.CreateOpts(label=label, cidr=cidr))
    assert caught.value.field == field


async def test_get_and_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{NETWORKS}/{NET_ID}").respond(
        200, json={"network": {"label": "new_network", "cidr": "192.168.0.0/24", "id": NET_ID}}
    )
    assert (await networks.get(compute, NET_ID)).cidr == "192.168.0.0/24"
    deleted = cloud.router.delete(f"{NETWORKS}/{NET_ID}").respond(202)
    await networks.delete(compute, NET_ID)
    assert deleted.called
    with pytest.raises(errors.InvalidOptions, match="network_id"):
        await networks.get(compute, "")
