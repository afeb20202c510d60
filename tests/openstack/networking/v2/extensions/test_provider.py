"""networking/v2/extensions/provider: one physical mapping or several segments."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import networks
from aiocloud.openstack.networking.v2.extensions import provider
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, sent_json

BASE = f"{NEUTRON}/networks"
NET_ID = "4e8e5957-649f-477b-9e5b-f1f75b21c03c"
VLAN = {
    "admin_state_up": True,
    "id": NET_ID,
    "name": "net1",
    "provider:network_type": "vlan",
    "provider:physical_network": "physnet1",
    "provider:segmentation_id": 1000,
    "router:external": False,
    "shared": False,
    "status": "ACTIVE",
    "subnets": [],
    "tenant_id": PROJECT,
}
MULTI = {
    "admin_state_up": True,
    "id": NET_ID,
    "name": "net1",
    "segments": [
        {
            "provider:network_type": "vlan",
            "provider:physical_network": "physnet1",
            "provider:segmentation_id": 1000,
        },
        {
            "provider:network_type": "vxlan",
            "provider:physical_network": None,
            "provider:segmentation_id": 2000,
        },
    ],
    "shared": False,
    "status": "ACTIVE",
    "subnets": [],
    "tenant_id": PROJECT,
}


async def test_create_single_segment(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": VLAN})

    net = await networks.create(
        network,
        provider.CreateOpts(
            networks.CreateOpts(name="net1"),
            network_type="vlan",
            physical_network="physnet1",
            segmentation_id=1000,
        ),
    )

    assert sent_json(route) == {
        "network": {
            "name": "net1",
            "provider:network_type": "vlan",
            "provider:physical_network": "physnet1",
            "provider:segmentation_id": 1000,
        }
    }
    assert provider.extract(net) == provider.NetworkProvider(
        network_type="vlan", physical_network="physnet1", segmentation_id=1000
    )


async def test_create_multi_segment(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": MULTI})

    net = await networks.create(
        network,
        provider.CreateOpts(
            networks.CreateOpts(name="net1"),
            segments=[
                provider.Segment(
                    network_type="vlan", physical_network="physnet1", segmentation_id=1000
                ),
                provider.Segment(network_type="vxlan", segmentation_id=2000),
            ],
        ),
    )

    assert sent_json(route) == {
        "network": {
            "name": "net1",
            "segments": [
                {
                    "provider:network_type": "vlan",
                    "provider:physical_network": "physnet1",
                    "provider:segmentation_id": 1000,
                },
                {"provider:network_type": "vxlan", "provider:segmentation_id": 2000},
            ],
        }
    }
    found = provider.extract(net)
    assert found.network_type is None
    assert found.segments == (
        provider.Segment(network_type="vlan", physical_network="physnet1", segmentation_id=1000),
        provider.Segment(network_type="vxlan", segmentation_id=2000),
    )


async def test_segments_and_single_attributes_exclude_each_other(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": VLAN})
    opts = provider.CreateOpts(network_type="vlan", segments=[provider.Segment("vxlan")])
    with pytest.raises(errors.InvalidOptions, match="segments"):
        await networks.create(network, opts)
    assert route.call_count == 0


async def test_update_segmentation_id(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{NET_ID}").respond(
        200, json={"network": {**VLAN, "provider:segmentation_id": 1001}}
    )
    net = await networks.update(network, NET_ID, provider.UpdateOpts(segmentation_id=1001))
    assert sent_json(route) == {"network": {"provider:segmentation_id": 1001}}
    assert provider.extract(net).segmentation_id == 1001


async def test_list_filters(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(200, json={"networks": [VLAN]})
    await networks.list(
        network,
        provider.ListOpts(
            networks.ListOpts(shared=False), network_type="vlan", segmentation_id=1000
        ),
    ).all()
    assert sorted(last_request(route).url.params.multi_items()) == [
        ("provider:network_type", "vlan"),
        ("provider:segmentation_id", "1000"),
        ("shared", "false"),
    ]


async def test_extraction_of_a_network_without_provider_attributes(
    cloud: MockCloud, network: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}/{NET_ID}").respond(200, json={"network": {"id": NET_ID}})
    net = await networks.get(network, NET_ID)
    assert provider.extract(net) == provider.NetworkProvider()
