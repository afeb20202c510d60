"""compute/v2/extensions/diskconfig: OS-DCF:diskConfig on create, rebuild, resize; reading it."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import images, servers
from aiocloud.openstack.compute.v2.extensions import diskconfig, keypairs
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, IMAGE_ID, SERVER_ID, sent_json, server_body

ACTION = f"{COMPUTE}/servers/{SERVER_ID}/action"


async def test_create_wraps_base_options_and_other_extensions(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(f"{COMPUTE}/flavors/detail").respond(
        200, json={"flavors": [{"id": "42", "name": "m1.nano"}]}
    )
    route = cloud.router.post(f"{COMPUTE}/servers").respond(
        202, json={"server": {"id": SERVER_ID, "OS-DCF:diskConfig": "MANUAL"}}
    )
    base = servers.CreateOpts(
        name="web",
        flavor_name="m1.nano",  # looked up through both wrappers
        image_ref=IMAGE_ID,
        scheduler_hints=servers.SchedulerHints(same_host=["other"]),
    )
    opts = diskconfig.CreateOptsExt(
        keypairs.CreateOptsExt(base, key_name="deploy"), diskconfig.DiskConfig.MANUAL
    )

    created = await servers.create(compute, opts)

    assert sent_json(route) == {
        "server": {
            "name": "web",
            "flavorRef": "42",
            "imageRef": IMAGE_ID,
            "key_name": "deploy",
            "OS-DCF:diskConfig": "MANUAL",
        },
        "os:scheduler_hints": {"same_host": ["other"]},
    }
    assert diskconfig.disk_config(created) is diskconfig.DiskConfig.MANUAL


async def test_rebuild_and_resize(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION).respond(202, json={"server": server_body()})
    rebuilt = await servers.rebuild(
        compute,
        SERVER_ID,
        diskconfig.RebuildOptsExt(
            servers.RebuildOpts(image_ref=IMAGE_ID), diskconfig.DiskConfig.AUTO
        ),
    )
    assert sent_json(route) == {"rebuild": {"imageRef": IMAGE_ID, "OS-DCF:diskConfig": "AUTO"}}
    assert diskconfig.disk_config(rebuilt) is diskconfig.DiskConfig.AUTO
    route.respond(202)
    await servers.resize(
        compute,
        SERVER_ID,
        diskconfig.ResizeOptsExt(
            servers.ResizeOpts(flavor_ref="2"), diskconfig.DiskConfig("MANUAL")
        ),
    )
    assert sent_json(route) == {"resize": {"flavorRef": "2", "OS-DCF:diskConfig": "MANUAL"}}


async def test_reading_the_disk_config(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{COMPUTE}/images/{IMAGE_ID}").respond(
        200, json={"image": {"id": IMAGE_ID, "OS-DCF:diskConfig": "AUTO"}}
    )
    assert diskconfig.disk_config(await images.get(compute, IMAGE_ID)) is diskconfig.DiskConfig.AUTO
    assert diskconfig.disk_config(servers.Server(id="x", raw={"id": "x"})) is None
    with pytest.raises(errors.ResponseFormatError, match="SOMETIMES"):
        diskconfig.disk_config(servers.Server(id="x", raw={"OS-DCF:diskConfig": "SOMETIMES"}))
    with pytest.raises(ValueError, match="SOMETIMES"):
        diskconfig.CreateOptsExt(
            servers.CreateOpts(name="x", flavor_ref="1", image_ref="i"),
            "SOMETIMES",  # type: ignore[arg-type]
        ).to_body()
