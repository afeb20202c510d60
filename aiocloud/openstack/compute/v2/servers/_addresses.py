"""A server's IP addresses by network (``/servers/{id}/ips``)."""

from __future__ import annotations

from typing import Any

from .....errors import ResponseFormatError
from .....models import structure
from .....service import ServiceClient
from ._base import _servers
from ._models import Address


async def list_addresses(client: ServiceClient, server_id: str) -> dict[str, tuple[Address, ...]]:
    """Every address of a server, by network name (``GET /servers/{id}/ips``)."""
    everything: dict[str, tuple[Address, ...]] = await _ips(
        client, server_id, "addresses", dict[str, tuple[Address, ...]]
    )
    return everything


async def list_addresses_by_network(
    client: ServiceClient, server_id: str, network: str
) -> tuple[Address, ...]:
    """The addresses of a server on the network named ``network``."""
    on_network: tuple[Address, ...] = await _ips(
        client, server_id, network, tuple[Address, ...], network
    )
    return on_network


async def _ips(client: ServiceClient, server_id: str, key: str, tp: Any, *network: str) -> Any:
    """``GET /servers/{id}/ips[/<network>]``: what the answer has under ``key``, as ``tp``."""
    answer = await client.json("GET", _servers.item_url(client, server_id, "ips", *network))
    if not isinstance(answer, dict) or key not in answer:
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return structure(answer[key], tp)
