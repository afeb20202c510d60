"""Listing, booting, reading, changing and deleting servers."""

from __future__ import annotations

from ....._options import check_microversions
from .....errors import InvalidOptions
from .....service import ServiceClient
from ._base import _servers
from ._lookup import resolve_names
from ._models import Server
from ._options import CreateOptsBuilder, ListOpts, UpdateOpts

list = _servers.lister(
    ListOpts, "Servers with their details (``GET /servers/detail``), page by page."
)
get = _servers.getter("One server by id.")
update = _servers.updater(
    UpdateOpts, "Rename a server or change its access IPs, description or hostname."
)
delete = _servers.deleter(
    "Delete a server; it disappears asynchronously (see `wait_for_delete()`)."
)


async def create(client: ServiceClient, opts: CreateOptsBuilder) -> Server:
    """Boot a server (``POST /servers``); the answer is partial, see `Server`."""
    opts = await resolve_names(client, opts)
    check_microversions(client, opts)
    body = opts.to_body()
    if client.at_least("2.37") and "networks" not in body.get("server", {}):
        raise InvalidOptions(
            "networks", "is required from microversion 2.37: a list of Network, 'auto' or 'none'"
        )
    return await _servers.post(client, body)
