"""A server's consoles: its log, and URLs of its VNC, SPICE, RDP, serial or MKS console."""

from __future__ import annotations

import attrs

from .....errors import InvalidOptions, ResponseFormatError
from .....models import Model, extract
from .....service import ServiceClient
from ._base import _servers


@attrs.frozen
class RemoteConsole(Model):
    """Where to reach a server's console: ``url``, with its ``protocol`` and ``type``."""

    url: str
    type: str
    protocol: str | None = None


async def get_console_output(
    client: ServiceClient, server_id: str, length: int | None = None
) -> str:
    """The server's console log, or its last ``length`` lines."""
    request = {"os-getConsoleOutput": {"length": length} if length is not None else {}}
    answer = await _servers.action(client, server_id, request, ok_codes=(200,))
    output = answer.get("output") if isinstance(answer, dict) else None
    if not isinstance(output, str):
        raise ResponseFormatError("os-getConsoleOutput: the answer has no 'output' text")
    return output


_LEGACY_CONSOLE_ACTIONS = {
    "vnc": "os-getVNCConsole",
    "spice": "os-getSPICEConsole",
    "rdp": "os-getRDPConsole",
    "serial": "os-getSerialConsole",
}


async def get_remote_console(
    client: ServiceClient, server_id: str, protocol: str, type: str
) -> RemoteConsole:
    """A console URL: ``protocol`` vnc/spice/rdp/serial/mks, ``type`` novnc/xvpvnc/...

    From microversion 2.6 this is ``POST /servers/{id}/remote-consoles``;
    before, the ``os-get*Console`` actions (which have no mks).
    """
    if client.at_least("2.6"):
        answer = await client.json(
            "POST",
            _servers.item_url(client, server_id, "remote-consoles"),
            json={"remote_console": {"protocol": protocol, "type": type}},
            ok_codes=(200,),
        )
        return extract(answer, "remote_console", RemoteConsole)
    action = _LEGACY_CONSOLE_ACTIONS.get(protocol)
    if action is None:
        raise InvalidOptions("protocol", f"{protocol!r} consoles need microversion 2.6 or later")
    answer = await _servers.action(client, server_id, {action: {"type": type}}, ok_codes=(200,))
    console = extract(answer, "console", RemoteConsole)
    return attrs.evolve(console, protocol=protocol)


async def get_vnc_console(
    client: ServiceClient, server_id: str, type: str = "novnc"
) -> RemoteConsole:
    """A VNC console URL (``type`` novnc or xvpvnc)."""
    return await get_remote_console(client, server_id, "vnc", type)


async def get_serial_console(client: ServiceClient, server_id: str) -> RemoteConsole:
    """A serial console websocket URL."""
    return await get_remote_console(client, server_id, "serial", "serial")
