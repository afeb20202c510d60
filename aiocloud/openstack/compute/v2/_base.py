"""Mechanics shared by the compute v2 modules: microversion checks and name lookups."""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Protocol

from ....errors import InvalidOptions
from ....service import ServiceClient
from ... import parse_microversion


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str | None: ...


_LATEST = (1 << 30, 0)


def _version(text: str) -> tuple[int, int]:
    return _LATEST if text == "latest" else parse_microversion(text)


def at_least(client: ServiceClient, microversion: str) -> bool:
    """Whether ``client`` requests ``microversion`` or a later one (none set: 2.1)."""
    return _version(client.microversion or "2.1") >= _version(microversion)


def at_most(client: ServiceClient, microversion: str) -> ServiceClient:
    """``client``, or a copy at ``microversion`` when it asks for a later one.

    For APIs that later microversions removed (the image proxy after 2.35,
    keypair generation after 2.91): the request is sent at the last
    microversion that still has them.
    """
    if client.microversion is None or not at_least(client, microversion):
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
