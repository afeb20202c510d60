"""networking/v2/extensions/external: router:external wrapped around network options."""

from __future__ import annotations

import attrs
import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import networks
from aiocloud.openstack.networking.v2.extensions import external, provider
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, sent_json

BASE = f"{NEUTRON}/networks"
NET_ID = "8d05a1b1-297a-46ca-8974-17debf51ca3c"
PUBLIC = {
    "admin_state_up": True,
    "id": NET_ID,
    "name": "ext_net",
    "router:external": True,
    "shared": False,
    "status": "ACTIVE",
    "subnets": [],
    "tenant_id": PROJECT,
    "project_id": PROJECT,
}


async def test_create_wraps_the_base_options(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": PUBLIC})

    net = await networks.create(
        network,
        external.CreateOpts(
            networks.CreateOpts(name="ext_net", admin_state_up=True), external=True
        ),
    )

    assert sent_json(route) == {
        "network": {"name": "ext_net", "admin_state_up": True, "router:external": True}
    }
    assert external.is_external(net)
    assert external.extract(net) == external.NetworkExternal(external=True)


async def test_update_sets_and_unsets(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{NET_ID}").respond(
        200, json={"network": {**PUBLIC, "router:external": False}}
    )

    net = await networks.update(network, NET_ID, external.UpdateOpts(external=False))
    assert sent_json(route) == {"network": {"router:external": False}}
    assert not external.is_external(net)

    await networks.update(
        network, NET_ID, external.UpdateOpts(networks.UpdateOpts(name="x"), external=True)
    )
    assert sent_json(route) == {"network": {"name": "x", "router:external": True}}


async def test_list_filter_adds_to_the_base_filters(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.get(BASE).respond(200, json={"networks": [PUBLIC]})

    found = await networks.list(
        network, external.ListOpts(networks.ListOpts(name="ext_net", limit=5), external=True)
    ).all()

    assert sorted(last_request(route).url.params.multi_items()) == [
        ("limit", "5"),
        ("name", "ext_net"),
        ("router:external", "true"),
    ]
    assert [external.is_external(n) for n in found] == [True]


async def test_extraction_defaults_to_internal(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/{NET_ID}").respond(
        200, json={"network": {k: v for k, v in PUBLIC.items() if k != "router:external"}}
    )
    net = await networks.get(network, NET_ID)
    assert external.extract(net).external is False
    assert external.is_external(net) is False


async def test_extensions_stack(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": PUBLIC})
    opts = external.CreateOpts(
        provider.CreateOpts(
            networks.CreateOpts(name="ext_net"), network_type="flat", physical_network="public"
        ),
        external=True,
    )
    await networks.create(network, opts)
    assert sent_json(route) == {
        "network": {
            "name": "ext_net",
            "provider:network_type": "flat",
            "provider:physical_network": "public",
            "router:external": True,
        }
    }


async def test_wrapping_the_wrong_options_is_rejected(
    cloud: MockCloud, network: ServiceClient
) -> None:
    @attrs.frozen
    class NotANetwork:
        def to_body(self) -> dict[str, object]:
            return {"port": {}}

    route = cloud.router.post(BASE).respond(201, json={"network": PUBLIC})
    with pytest.raises(errors.InvalidOptions, match="network"):
        await networks.create(network, external.CreateOpts(NotANetwork(), external=True))
    assert route.call_count == 0
