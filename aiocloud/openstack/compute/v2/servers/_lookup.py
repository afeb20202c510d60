"""Flavors and images named by ``<kind>_ref`` or ``<kind>_name``: the names are looked up.

`create()`, `rebuild()` and `resize()` look the names up
before the request, also inside extensions that wrap the options (``base``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, TypeVar

import attrs

from ....._resource import BodyBuilder
from .....errors import InvalidOptions
from .....params import check_types
from .....service import ServiceClient
from .. import flavors, images

_LOOKUPS: dict[str, Callable[[ServiceClient, str], Awaitable[str]]] = {
    "flavor": flavors.id_from_name,
    "image": images.id_from_name,
}

_O = TypeVar("_O", bound="NamedRefs")


class NamedRefs:
    """Options that give each of ``_REFS`` (``"flavor"``, ``"image"``) by id or by name.

    An options class adds its own rules in ``_check`` and says in ``_missing``
    when it can do without one of them.
    """

    __slots__ = ()
    _REFS: ClassVar[tuple[str, ...]]

    def _check(self) -> None:
        """Reject a ref given both by id and by name, or one given neither way."""
        for kind in self._REFS:
            if self._given(kind, "ref") and self._given(kind, "name"):
                raise InvalidOptions(f"{kind}_ref", f"give {kind}_ref or {kind}_name, not both")
        for kind in self._REFS:
            if not self._given(kind, "ref") and not self._given(kind, "name"):
                self._missing(kind)

    def _missing(self, kind: str) -> None:
        """``kind`` is given neither way: an error, unless the options can do without it."""
        raise InvalidOptions(f"{kind}_ref", f"is required (or {kind}_name)")

    def _ready(self) -> None:
        """Check the options for a body: types, rules, and no name left to look up."""
        check_types(self)
        self._check()
        for kind in self._REFS:
            if self._given(kind, "name"):
                raise InvalidOptions(
                    f"{kind}_name",
                    "is a name to look up: pass these options to servers.create/rebuild/resize",
                )

    async def _resolved(self: _O, client: ServiceClient) -> _O:
        self._check()
        changes: dict[str, str | None] = {}
        for kind in self._REFS:
            name = getattr(self, f"{kind}_name")
            if name is not None:
                changes[f"{kind}_ref"] = await _LOOKUPS[kind](client, name)
                changes[f"{kind}_name"] = None
        resolved: _O = attrs.evolve(self, **changes) if changes else self  # type: ignore[misc]
        return resolved

    def _given(self, kind: str, how: str) -> bool:
        return getattr(self, f"{kind}_{how}") is not None


async def resolve_names(client: ServiceClient, opts: BodyBuilder) -> BodyBuilder:
    """``opts`` with image/flavor names looked up, through any wrapping extensions."""
    if isinstance(opts, NamedRefs):
        return await opts._resolved(client)
    base = getattr(opts, "base", None)
    if base is not None and attrs.has(type(opts)):
        wrapper: Any = opts
        resolved: BodyBuilder = attrs.evolve(wrapper, base=await resolve_names(client, base))
        return resolved
    return opts
