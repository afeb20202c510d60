"""compute/v2/servers consoles: the console log and remote console URLs."""

from __future__ import annotations

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACTION, SERVER, SERVER_ID, last_request, nova_error, sent_json


async def test_console_output(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"output": "FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE"}),
        httpx.Response(200, json={"output": "LAST LINE"}),
        httpx.Response(200, json={}),
        httpx.Response(
            404, json=nova_error(404, "itemNotFound", "Guest does not have a console available.")
        ),
    ]
    assert (await servers.get_console_output(compute, SERVER_ID)).endswith("LAST LINE")
    assert sent_json(route) == {"os-getConsoleOutput": {}}
    assert await servers.get_console_output(compute, SERVER_ID, length=1) == "LAST LINE"
    assert sent_json(route) == {"os-getConsoleOutput": {"length": 1}}
    with pytest.raises(errors.ResponseFormatError):
        await servers.get_console_output(compute, SERVER_ID)
    with pytest.raises(errors.NotFound, match="console available"):
        await servers.get_console_output(compute, SERVER_ID)


async def test_remote_consoles_from_microversion_2_6(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(f"{SERVER}/remote-consoles").respond(
        200,
        json={
            "remote_console": {
                "protocol": "vnc",
                "type": "novnc",
                "url": "http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dabc",
            }
        },
    )
    console = await servers.get_vnc_console(compute.with_microversion("2.6"), SERVER_ID)
    assert sent_json(route) == {"remote_console": {"protocol": "vnc", "type": "novnc"}}
    assert last_request(route).headers["X-OpenStack-Nova-API-Version"] == "2.6"
    assert console == servers.RemoteConsole(
        url="http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dabc", type="novnc", protocol="vnc"
    )
    await servers.get_remote_console(compute.with_microversion("2.8"), SERVER_ID, "mks", "webmks")
    assert sent_json(route) == {"remote_console": {"protocol": "mks", "type": "webmks"}}


async def test_legacy_console_actions_before_2_6(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(ACTION)
    route.side_effect = [
        httpx.Response(200, json={"console": {"type": "novnc", "url": "http://vnc/?token=1"}}),
        httpx.Response(200, json={"console": {"type": "serial", "url": "ws://serial/?token=2"}}),
        httpx.Response(400, json=nova_error(400, "badRequest", "Unavailable console type novnc.")),
    ]
    vnc = await servers.get_vnc_console(compute, SERVER_ID)
    assert sent_json(route) == {"os-getVNCConsole": {"type": "novnc"}}
    assert (vnc.protocol, vnc.type, vnc.url) == ("vnc", "novnc", "http://vnc/?token=1")
    serial = await servers.get_serial_console(compute.with_microversion("2.5"), SERVER_ID)
    assert sent_json(route) == {"os-getSerialConsole": {"type": "serial"}}
    assert serial.protocol == "serial"
    with pytest.raises(errors.BadRequest, match="Unavailable console type"):
        await servers.get_vnc_console(compute, SERVER_ID)
    with pytest.raises(errors.InvalidOptions, match="protocol"):
        await servers.get_remote_console(compute, SERVER_ID, "mks", "webmks")
    assert route.call_count == 3
