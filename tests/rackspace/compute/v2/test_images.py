"""rackspace/compute/v2/images: Rackspace's images through Cloud Servers."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.rackspace.compute.v2 import images
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, last_request

IMAGES = f"{RAX_COMPUTE}/images"
ARCH = "30aa010e-080e-4d4b-a7f9-09fc55b07d69"
UBUNTU = "e19a734c-c7e6-443a-830c-242209c4d65d"


def rax_image(image_id: str, name: str, size: Any, disk_config: str) -> dict[str, Any]:
    """An image as Rackspace's ``/images/detail`` shows it."""
    return {
        "OS-DCF:diskConfig": disk_config,
        "OS-EXT-IMG-SIZE:size": size,
        "created": "2014-10-01T15:49:02Z",
        "id": image_id,
        "links": [
            {"href": f"{IMAGES}/{image_id}", "rel": "self"},
            {
                "href": f"https://iad.servers.api.rackspacecloud.com/864477/images/{image_id}",
                "rel": "bookmark",
            },
            {
                "href": f"https://iad.servers.api.rackspacecloud.com/864477/images/{image_id}",
                "rel": "alternate",
                "type": "application/vnd.openstack.image",
            },
        ],
        "metadata": {
            "auto_disk_config": "disabled" if disk_config == "MANUAL" else "True",
            "com.rackspace__1__build_core": "1",
            "com.rackspace__1__release_build_date": "2014-10-01_15-46-08",
            "image_type": "base",
            "os_type": "linux",
            "vm_mode": "hvm",
        },
        "minDisk": 20,
        "minRam": 512,
        "name": name,
        "progress": 100,
        "status": "ACTIVE",
        "updated": "2014-10-01T19:37:58Z",
    }


async def test_list_with_float_sizes(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(f"{IMAGES}/detail").respond(
        200,
        json={
            "images": [
                rax_image(ARCH, "Arch 2014.10 (PVHVM)", 1.017415075e09, "MANUAL"),
                rax_image(UBUNTU, "Ubuntu 14.04 LTS (Trusty Tahr)", 1.060306463e09, "AUTO"),
            ]
        },
    )
    found = await images.list(compute, images.ListOpts(type="BASE")).all()
    assert last_request(route).url.params["type"] == "BASE"
    assert [(i.id, i.size, i.min_disk, i.min_ram) for i in found] == [
        (ARCH, 1017415075, 20, 512),
        (UBUNTU, 1060306463, 20, 512),
    ]
    assert [images.disk_config(i) for i in found] == [
        images.DiskConfig.MANUAL,
        images.DiskConfig.AUTO,
    ]
    assert found[0].metadata["os_type"] == "linux"


async def test_get_delete_and_a_fractional_size(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{IMAGES}/{UBUNTU}").respond(
        200, json={"image": rax_image(UBUNTU, "Ubuntu 14.04", 1060306463, "AUTO")}
    )
    assert (await images.get(compute, UBUNTU)).size == 1060306463
    deleted = cloud.router.delete(f"{IMAGES}/{ARCH}").respond(204)
    await images.delete(compute, ARCH)
    assert deleted.called
    cloud.router.get(f"{IMAGES}/{ARCH}").respond(
        200, json={"image": rax_image(ARCH, "Arch", 10.5, "MANUAL")}
    )
    with pytest.raises(errors.ResponseFormatError, match="whole number of bytes"):
        await images.get(compute, ARCH)
