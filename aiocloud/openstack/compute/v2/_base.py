"""What the compute v2 modules share: removed APIs sent at their last microversion, name lookups."""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Protocol

from ....errors import InvalidOptions
from ....service import ServiceClient


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str | None: ...


def at_most(client: ServiceClient, microversion: str) -> ServiceClient:
    """``client``, or a copy at ``microversion`` when it asks for a later one.

    For APIs that later microversions removed (the image proxy after 2.35,
    keypair generation after 2.91): the request is sent at the last
    microversion that still has them.
    """
    if client.microversion is None or not client.at_least(microversion):
        return client
    return client.with_microversion(microversion)


async def id_from_name(items: AsyncIterable[_Named], name: str, *, field: str, kind: str) -> str:
    """The id of the one item of ``items`` named exactly ``name``.

    None or several matches raise InvalidOptions naming ``field``.
    """
    found: list[str] = []
    async for item in items:
        if item.name == name:
            found.append(item.id)
    if not found:
        raise InvalidOptions(field, f"no {kind} is named {name!r}")
    if len(found) > 1:
        raise InvalidOptions(field, f"{len(found)} {kind}s are named {name!r}: {sorted(found)}")
    return found[0]
