"""The servers collection every servers module works through (``/servers``)."""

from __future__ import annotations

from ....._resource import Collection
from .....service import ServiceClient
from ._models import Server


async def _fault_message(client: ServiceClient, server_id: str, server: Server) -> str | None:
    """Nova's reason for an ERROR: the message of the server's fault record."""
    return server.fault.message if server.fault is not None else None


_servers = Collection(
    Server,
    "server",
    "servers",
    list_path=("detail",),
    create_codes=(202,),
    fault=_fault_message,
    deleted_status="DELETED",
    error_while_deleting=False,
)
"""A server passes through ERROR while Nova deletes it: only gone ends a delete wait."""
