"""compute/v2/extensions: Nova's extension list, through the shared module."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import extensions
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, nova_error


def extension(alias: str, name: str, description: str) -> dict[str, Any]:
    """An entry of Nova's ``GET /extensions`` (api-ref: extensions-list-resp)."""
    return {
        "alias": alias,
        "name": name,
        "description": description,
        "links": [],
        "namespace": "http://docs.openstack.org/compute/ext/fake_xml",
        "updated": "2014-12-03T00:00:00Z",
    }


KEYPAIRS_EXT = extension("os-keypairs", "Keypairs", "Keypair Support.")
DCF_EXT = extension("OS-DCF", "DiskConfig", "Disk Management Extension.")


async def test_list_and_get(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{COMPUTE}/extensions").respond(
        200, json={"extensions": [KEYPAIRS_EXT, DCF_EXT]}
    )
    cloud.router.get(f"{COMPUTE}/extensions/os-keypairs").respond(
        200, json={"extension": KEYPAIRS_EXT}
    )
    cloud.router.get(f"{COMPUTE}/extensions/nope").respond(
        404, json=nova_error(404, "itemNotFound", "The resource could not be found.")
    )
    found = await extensions.list(compute).all()
    assert [(e.alias, e.name) for e in found] == [
        ("os-keypairs", "Keypairs"),
        ("OS-DCF", "DiskConfig"),
    ]
    keypairs = await extensions.get(compute, "os-keypairs")
    assert (keypairs.description, keypairs.updated) == ("Keypair Support.", "2014-12-03T00:00:00Z")
    with pytest.raises(errors.NotFound):
        await extensions.get(compute, "nope")
