"""compute/v2/servers addresses: all of a server's IPs, or one network's."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import SERVER, SERVER_ID, nova_error


async def test_addresses(cloud: MockCloud, compute: ServiceClient) -> None:
    plain = {
        "private": [{"addr": "192.168.1.30", "version": 4}, {"addr": "fd00::30", "version": 6}],
        "public": [{"addr": "172.24.4.13", "version": 4}],
    }
    cloud.router.get(f"{SERVER}/ips").respond(200, json={"addresses": plain})
    cloud.router.get(f"{SERVER}/ips/private").respond(200, json={"private": plain["private"]})
    cloud.router.get(f"{SERVER}/ips/nope").respond(
        404, json=nova_error(404, "itemNotFound", "Network nope could not be found")
    )
    everything = await servers.list_addresses(compute, SERVER_ID)
    assert {net: [a.addr for a in found] for net, found in everything.items()} == {
        "private": ["192.168.1.30", "fd00::30"],
        "public": ["172.24.4.13"],
    }
    private = await servers.list_addresses_by_network(compute, SERVER_ID, "private")
    assert private == everything["private"] and private[1].version == 6
    with pytest.raises(errors.NotFound):
        await servers.list_addresses_by_network(compute, SERVER_ID, "nope")
