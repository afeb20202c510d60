"""compute/v2/servers actions: the bodies Nova wants, rebuild, resize, snapshots, rescue."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import (
    ACTION,
    COMPUTE,
    IMAGE_ID,
    SERVER_ID,
    last_request,
    nova_error,
    sent_json,
    server_body,
)


async def _call(function: Any, compute: ServiceClient, *args: Any) -> Any:
    return await function(compute, SERVER_ID, *args)


@pytest.mark.parametrize(
    ("function", "args", "body", "status"),
    [
        (servers.reboot, (), {"reboot": {"type": "SOFT"}}, 202),
        (
            servers.reboot,
            (servers.RebootOpts(type=servers.RebootType.HARD),),
            {"reboot": {"type": "HARD"}},
            202,
        ),
        (servers.reboot, (servers.RebootOpts(type="soft"),), {"reboot": {"type": "SOFT"}}, 202),
        (servers.confirm_resize, (), {"confirmResize": None}, 204),
        (servers.revert_resize, (), {"revertResize": None}, 202),
        (
            servers.change_admin_password,
            ("n3w-pass",),
            {"changePassword": {"adminPass": "n3w-pass"}},
            202,
        ),
        (servers.start, (), {"os-start": None}, 202),
        (servers.stop, (), {"os-stop": None}, 202),
        (servers.pause, (), {"pause": None}, 202),
        (servers.unpause, (), {"unpause": None}, 202),
        (servers.suspend, (), {"suspend": None}, 202),
        (servers.resume, (), {"resume": None}, 202),
        (servers.lock, (), {"lock": None}, 202),
        (servers.lock, ("maintenance",), {"lock": {"locked_reason": "maintenance"}}, 202),
        (servers.unlock, (), {"unlock": None}, 202),
        (servers.unrescue, (), {"unrescue": None}, 202),
        (servers.shelve, (), {"shelve": None}, 202),
        (servers.shelve_offload, (), {"shelveOffload": None}, 202),
        (servers.unshelve, (), {"unshelve": None}, 202),
        (
            servers.unshelve,
            (servers.UnshelveOpts(availability_zone="az-2", host="compute-2"),),
            {"unshelve": {"availability_zone": "az-2", "host": "compute-2"}},
            202,
        ),
        (
            servers.resize,
            (servers.ResizeOpts(flavor_ref="2"),),
            {"resize": {"flavorRef": "2"}},
            202,
        ),
    ],
)
async def test_actions_send_nova_bodies(
    cloud: MockCloud,
    compute: ServiceClient,
    function: Any,
    args: tuple[Any, ...],
    body: dict[str, Any],
    status: int,
) -> None:
    route = cloud.router.post(ACTION).respond(status)
    assert await _call(function, compute, *args) is None
    assert sent_json(route) == body
    assert last_request(route).url.path == f"/v2.1/servers/{SERVER_ID}/action"


async def test_action_in_the_wrong_state_is_a_conflict(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    message = f"Cannot 'confirmResize' instance {SERVER_ID} while it is in vm_state active"
    cloud.router.post(ACTION).respond(
        409,
        json=nova_error(409, "conflictingRequest", message),
        headers={"x-openstack-request-id": "req-409"},
    )
    with pytest.raises(errors.Conflict) as caught:
        await servers.confirm_resize(compute, SERVER_ID)
    assert caught.value.message == f"conflictingRequest: {message}"
    assert caught.value.request_id == "req-409"
    assert caught.value.expected == (204,)


async def test_an_unexpected_success_code_is_an_error(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.post(ACTION).respond(200, json={})
    with pytest.raises(errors.UnexpectedResponseCode):
        await servers.confirm_resize(compute, SERVER_ID)


def test_reboot_type_is_checked() -> None:
    with pytest.raises(errors.InvalidOptions, match="type"):
        servers.RebootOpts(type="GENTLE").to_body()


async def test_rebuild(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION).respond(
        202, json={"server": server_body(status="REBUILD", adminPass="n3w")}
    )
    rebuilt = await servers.rebuild(
        compute,
        SERVER_ID,
        servers.RebuildOpts(
            image_ref=IMAGE_ID,
            name="rebuilt",
            admin_pass="n3w",
            access_ipv4="192.0.2.2",
            access_ipv6="2001:db8::2",
            metadata={"a": "b"},
            personality=[servers.Personality("/etc/x", "y")],
            preserve_ephemeral=True,
            description="d",
            key_name="k",
            user_data=b"#cloud-config\n",
            trusted_image_certificates=["c"],
            hostname="h",
        ),
    )
    assert sent_json(route) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "name": "rebuilt",
            "adminPass": "n3w",
            "accessIPv4": "192.0.2.2",
            "accessIPv6": "2001:db8::2",
            "metadata": {"a": "b"},
            "personality": [{"path": "/etc/x", "contents": "eQ=="}],
            "preserve_ephemeral": True,
            "description": "d",
            "key_name": "k",
            "user_data": "I2Nsb3VkLWNvbmZpZwo=",
            "trusted_image_certificates": ["c"],
            "hostname": "h",
        }
    }
    assert rebuilt.status == "REBUILD" and rebuilt.admin_pass == "n3w"


async def test_rebuild_and_resize_look_names_up(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{COMPUTE}/images/detail").respond(
        200, json={"images": [{"id": IMAGE_ID, "name": "cirros"}]}
    )
    cloud.router.get(f"{COMPUTE}/flavors/detail").respond(
        200, json={"flavors": [{"id": "2", "name": "m1.small"}]}
    )
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(202, json={"server": server_body()}),
        httpx.Response(202),
    ]
    await servers.rebuild(compute, SERVER_ID, servers.RebuildOpts(image_name="cirros"))
    assert sent_json(route) == {"rebuild": {"imageRef": IMAGE_ID}}
    await servers.resize(compute, SERVER_ID, servers.ResizeOpts(flavor_name="m1.small"))
    assert sent_json(route) == {"resize": {"flavorRef": "2"}}
    with pytest.raises(errors.InvalidOptions, match="image_ref"):
        await servers.rebuild(compute, SERVER_ID, servers.RebuildOpts())
    with pytest.raises(errors.InvalidOptions, match="flavor_ref"):
        await servers.resize(compute, SERVER_ID, servers.ResizeOpts())


async def test_create_image_from_the_body_or_the_location(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(202, json={"image_id": "new-image-245"}),
        httpx.Response(202, headers={"Location": f"{COMPUTE}/images/new-image-21"}),
        httpx.Response(202),
    ]
    opts = servers.CreateImageOpts(name="snap", metadata={"k": "v"})
    assert await servers.create_image(compute.with_microversion("2.45"), SERVER_ID, opts) == (
        "new-image-245"
    )
    assert sent_json(route) == {"createImage": {"name": "snap", "metadata": {"k": "v"}}}
    assert await servers.create_image(compute, SERVER_ID, opts) == "new-image-21"
    with pytest.raises(errors.ResponseFormatError):
        await servers.create_image(compute, SERVER_ID, opts)
    with pytest.raises(errors.InvalidOptions, match="name"):
        await servers.create_image(compute, SERVER_ID, servers.CreateImageOpts(name=""))


async def test_create_image_over_quota(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.post(ACTION).respond(
        413, json=nova_error(413, "overLimit", "Maximum number of images exceeded")
    )
    with pytest.raises(errors.RequestEntityTooLarge, match="Maximum number of images"):
        await servers.create_image(compute, SERVER_ID, servers.CreateImageOpts(name="s"))


async def test_rescue_returns_the_password(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"adminPass": "generated-pw"}),
        httpx.Response(200, json={}),
    ]
    assert await servers.rescue(compute, SERVER_ID) == "generated-pw"
    assert sent_json(route) == {"rescue": None}
    opts = servers.RescueOpts(admin_pass="mine", rescue_image_ref=IMAGE_ID)
    assert await servers.rescue(compute, SERVER_ID, opts) is None  # enable_instance_password off
    assert sent_json(route) == {"rescue": {"adminPass": "mine", "rescue_image_ref": IMAGE_ID}}
