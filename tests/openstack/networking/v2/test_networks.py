"""networking/v2/networks: exact requests, parsed results and Neutron's error bodies."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.networking.v2 import networks
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import NEUTRON, PROJECT, last_request, neutron_error, sent_json

BASE = f"{NEUTRON}/networks"
NET_ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
NET2_ID = "db193ab3-96e3-4cb3-8fc5-05f4296d0324"

PRIVATE = {
    "admin_state_up": True,
    "availability_zone_hints": [],
    "availability_zones": ["nova"],
    "created_at": "2016-03-08T20:19:41",
    "dns_domain": "my-domain.org.",
    "id": NET_ID,
    "ipv4_address_scope": None,
    "ipv6_address_scope": None,
    "l2_adjacency": False,
    "mtu": 1500,
    "name": "private-network",
    "port_security_enabled": True,
    "project_id": PROJECT,
    "qos_policy_id": "6a8454ade84346f59e8d40665f878b2e",
    "revision_number": 1,
    "router:external": False,
    "shared": True,
    "status": "ACTIVE",
    "subnets": ["54d6f61d-db07-451c-9ab3-b9609b6b6f0b"],
    "tenant_id": PROJECT,
    "updated_at": "2016-03-08T20:19:41",
    "vlan_transparent": False,
    "description": "",
    "is_default": False,
    "tags": ["tag1,tag2"],
}
PUBLIC = {
    **PRIVATE,
    "id": NET2_ID,
    "name": "public",
    "shared": False,
    "router:external": True,
    "subnets": [],
    "availability_zones": [],
}


async def test_list_sends_filters_and_follows_networks_links(
    cloud: MockCloud, network: ServiceClient
) -> None:
    first = cloud.router.get(
        BASE,
        params__eq={
            "name": "private-network",
            "status": "ACTIVE",
            "admin_state_up": "true",
            "shared": "true",
            "project_id": PROJECT,
            "limit": "1",
            "sort_key": "name",
            "sort_dir": "asc",
        },
    ).respond(
        200,
        json={
            "networks": [PRIVATE],
            "networks_links": [
                {"rel": "next", "href": f"{BASE}?limit=1&marker={NET_ID}"},
                {"rel": "previous", "href": f"{BASE}?limit=1&marker={NET_ID}&page_reverse=True"},
            ],
        },
    )
    second = cloud.router.get(BASE, params__eq={"limit": "1", "marker": NET_ID}).respond(
        200,
        json={
            "networks": [PUBLIC],
            "networks_links": [{"rel": "previous", "href": f"{BASE}?page_reverse=True"}],
        },
    )

    found = await networks.list(
        network,
        networks.ListOpts(
            name="private-network",
            status="ACTIVE",
            admin_state_up=True,
            shared=True,
            project_id=PROJECT,
            limit=1,
            sort_key="name",
            sort_dir="asc",
        ),
    ).all()

    assert [n.id for n in found] == [NET_ID, NET2_ID]
    assert found[0] == networks.Network(
        id=NET_ID,
        name="private-network",
        description="",
        admin_state_up=True,
        status="ACTIVE",
        subnets=("54d6f61d-db07-451c-9ab3-b9609b6b6f0b",),
        shared=True,
        tenant_id=PROJECT,
        project_id=PROJECT,
        mtu=1500,
        port_security_enabled=True,
        availability_zone_hints=(),
        availability_zones=("nova",),
        tags=("tag1,tag2",),
        created_at=datetime(2016, 3, 8, 20, 19, 41, tzinfo=timezone.utc),
        updated_at=datetime(2016, 3, 8, 20, 19, 41, tzinfo=timezone.utc),
        revision_number=1,
    )
    assert found[1].raw["router:external"] is True
    assert first.call_count == 1
    assert second.call_count == 1
    assert last_request(first).headers["X-Auth-Token"] == FAKE_TOKEN


async def test_list_ids_tenant_marker_and_repeated_fields(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.get(BASE).respond(200, json={"networks": [{"id": NET_ID}]})

    found = await networks.list(
        network,
        networks.ListOpts(
            id=NET_ID, tenant_id=PROJECT, marker=NET2_ID, fields=["name"], tags="a,b"
        ),
    ).all()

    params = last_request(route).url.params
    assert sorted(params.multi_items()) == sorted(
        [
            ("id", NET_ID),
            ("tenant_id", PROJECT),
            ("tags", "a,b"),
            ("fields", "name"),
            ("fields", "id"),  # always asked for: the model needs it
            ("marker", NET2_ID),
        ]
    )
    assert found == [networks.Network(id=NET_ID)]


async def test_list_without_options_is_one_plain_get(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.get(BASE).respond(200, json={"networks": []})
    assert await networks.list(network).all() == []
    assert last_request(route).url == httpx.URL(BASE)


async def test_create_sends_only_what_is_set(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.post(BASE).respond(201, json={"network": PRIVATE})

    created = await networks.create(
        network,
        networks.CreateOpts(
            name="private-network",
            admin_state_up=True,
            shared=True,
            availability_zone_hints=["nova"],
            port_security_enabled=True,
        ),
    )

    assert sent_json(route) == {
        "network": {
            "name": "private-network",
            "admin_state_up": True,
            "shared": True,
            "port_security_enabled": True,
            "availability_zone_hints": ["nova"],
        }
    }
    assert last_request(route).headers["Content-Type"] == "application/json"
    assert created.id == NET_ID
    assert created.status == "ACTIVE"


async def test_create_bulk_is_one_post_with_a_list(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"networks": [PRIVATE, PUBLIC]})

    created = await networks.create_bulk(
        network,
        [networks.CreateOpts(name="sample_network3"), networks.CreateOpts(name="sample_network4")],
    )

    assert route.call_count == 1
    assert sent_json(route) == {
        "networks": [{"name": "sample_network3"}, {"name": "sample_network4"}]
    }
    assert [n.id for n in created] == [NET_ID, NET2_ID]


async def test_create_bulk_rejects_nothing_and_short_answers(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.post(BASE).respond(201, json={"networks": [PRIVATE]})
    with pytest.raises(errors.InvalidOptions, match="networks"):
        await networks.create_bulk(network, [])
    assert route.call_count == 0
    with pytest.raises(errors.ResponseFormatError, match="answered 1"):
        await networks.create_bulk(network, [networks.CreateOpts(), networks.CreateOpts()])


async def test_get(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(f"{BASE}/{NET_ID}").respond(200, json={"network": PRIVATE})
    got = await networks.get(network, NET_ID)
    assert got.name == "private-network"
    assert got.raw["dns_domain"] == "my-domain.org."
    assert last_request(route).method == "GET"


async def test_update_puts_only_what_is_set(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.put(f"{BASE}/{NET_ID}").respond(
        200, json={"network": {**PRIVATE, "name": "renamed", "shared": False, "mtu": 1400}}
    )

    updated = await networks.update(
        network, NET_ID, networks.UpdateOpts(name="renamed", shared=False, mtu=1400)
    )

    assert sent_json(route) == {"network": {"name": "renamed", "shared": False, "mtu": 1400}}
    assert (updated.name, updated.shared, updated.mtu) == ("renamed", False, 1400)


async def test_get_missing_carries_neutron_type_and_message(
    cloud: MockCloud, network: ServiceClient
) -> None:
    message = f"Network {NET_ID} could not be found."
    cloud.router.get(f"{BASE}/{NET_ID}").respond(
        404,
        json=neutron_error("NetworkNotFound", message),
        headers={"X-Openstack-Request-Id": "req-5618b3d1-6bad-4dc7-a124-60538a045db1"},
    )

    with pytest.raises(errors.NotFound) as caught:
        await networks.get(network, NET_ID)

    assert caught.value.status_code == 404
    assert caught.value.message == f"NetworkNotFound: {message}"
    assert caught.value.request_id == "req-5618b3d1-6bad-4dc7-a124-60538a045db1"
    assert "NetworkNotFound" in str(caught.value)
    assert FAKE_TOKEN not in str(caught.value)


async def test_bad_request_carries_neutron_type_and_message(
    cloud: MockCloud, network: ServiceClient
) -> None:
    message = "Invalid input for mtu. Reason: 'huge' is not an integer."
    cloud.router.post(BASE).respond(400, json=neutron_error("HTTPBadRequest", message))

    with pytest.raises(errors.BadRequest) as caught:
        await networks.create(network, networks.CreateOpts(name="x"))

    assert caught.value.message == f"HTTPBadRequest: {message}"
    assert caught.value.body


async def test_server_error_malformed_json_and_wrong_shape(
    cloud: MockCloud, network: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}/boom").respond(500, text="Internal Server Error")
    cloud.router.get(f"{BASE}/bad").respond(200, content=b"{not json")
    cloud.router.get(f"{BASE}/shape").respond(200, json={"networks": []})
    with pytest.raises(errors.InternalServerError):
        await networks.get(network, "boom")
    with pytest.raises(errors.ResponseFormatError):
        await networks.get(network, "bad")
    with pytest.raises(errors.ResponseFormatError, match="'network'"):
        await networks.get(network, "shape")


async def test_dropped_connection_and_timeout(cloud: MockCloud, network: ServiceClient) -> None:
    cloud.router.get(f"{BASE}/gone").mock(side_effect=httpx.RemoteProtocolError("peer closed"))
    cloud.router.get(f"{BASE}/slow").mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(errors.ConnectionFailed):
        await networks.get(network, "gone")
    with pytest.raises(errors.TimedOut):
        await networks.get(network, "slow")


async def test_sort_key_without_sort_dir_is_rejected_before_any_request(
    cloud: MockCloud, network: ServiceClient
) -> None:
    route = cloud.router.get(BASE).respond(200, json={"networks": []})
    with pytest.raises(errors.InvalidOptions) as caught:
        await networks.list(network, networks.ListOpts(sort_key="name")).all()
    assert caught.value.field == "sort_dir"
    assert route.call_count == 0


async def test_list_max_items_stops_early(cloud: MockCloud, network: ServiceClient) -> None:
    route = cloud.router.get(BASE).respond(
        200,
        json={
            "networks": [PRIVATE, PUBLIC],
            "networks_links": [{"rel": "next", "href": f"{BASE}?marker={NET2_ID}"}],
        },
    )
    found = await networks.list(network, max_items=1).all()
    assert len(found) == 1
    assert route.call_count == 1
