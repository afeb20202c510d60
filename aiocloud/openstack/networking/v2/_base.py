"""What every Neutron resource module shares (private to networking v2).

Neutron speaks one dialect for all its resources: ``POST /v2.0/<plural>`` with
``{"<singular>": {...}}`` answers 201 (a list under ``<plural>`` creates in
bulk), ``GET``/``PUT``/``DELETE`` on ``/v2.0/<plural>/<id>``, and listings
``{"<plural>": [...], "<plural>_links": [...]}`` paged with ``limit``/``marker``.
A resource module declares one :class:`Collection` and its documented
operations are one-line calls into it::

    _networks = Collection(Network, "network", "networks")

    async def get(client: ServiceClient, network_id: str) -> Network:
        return await _networks.get(client, network_id)

Options turn themselves into bodies (``to_body()``) and, when they need more
than :func:`~aiocloud.params.build_query_params`, into query pairs
(``to_query()``): extensions wrap base options the way gophercloud's
``CreateOptsBuilder`` / ``ListOptsBuilder`` do.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs

from ....errors import InvalidOptions, ResponseFormatError
from ....models import extract, extract_list
from ....pagination import LinkedPage, Pager
from ....params import build_query_params
from ....service import ServiceClient

__all__ = [
    "BodyBuilder",
    "Collection",
    "QueryBuilder",
    "extend_body",
    "query_params",
    "require_one_of",
]

T = TypeVar("T")


class BodyBuilder(Protocol):
    """Options that turn themselves into a request body (``{"network": {...}}``)."""

    def to_body(self) -> dict[str, Any]: ...


class QueryBuilder(Protocol):
    """Options that turn themselves into query pairs (an extension's ListOpts)."""

    def to_query(self) -> list[tuple[str, str]]: ...


def query_params(opts: object | None) -> list[tuple[str, str]]:
    """The query pairs of list options: their ``to_query()``, else their ``query()`` fields.

    A ``fields`` selection always asks for ``id`` too (Neutron leaves out what
    was not asked for, and every model needs its id). Neutron wants one
    ``sort_dir`` per ``sort_key``: anything else is rejected here.
    """
    if opts is None:
        return []
    to_query = getattr(opts, "to_query", None)
    pairs: list[tuple[str, str]]
    pairs = to_query() if callable(to_query) else build_query_params(opts)
    keys = sum(key == "sort_key" for key, _ in pairs)
    if keys != sum(key == "sort_dir" for key, _ in pairs):
        raise InvalidOptions("sort_dir", "Neutron needs one sort_dir (asc/desc) per sort_key")
    fields = [value for key, value in pairs if key == "fields"]
    if fields and "id" not in fields:
        pairs = [*pairs, ("fields", "id")]
    return pairs


def extend_body(base: BodyBuilder, key: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base.to_body()`` with the set (not None) ``extra`` fields added under ``key``.

    What an extension's options do with the options they wrap: external adds
    ``router:external`` to ``{"network": {...}}``. The base body is not changed.
    """
    body = base.to_body()
    inner = body.get(key)
    if not isinstance(inner, dict):
        raise InvalidOptions(key, f"the wrapped options' body has no {key!r} object")
    added = {name: value for name, value in extra.items() if value is not None}
    return {**body, key: {**inner, **added}}


def require_one_of(opts: object, *names: str, exactly: bool = False) -> None:
    """Reject ``opts`` unless one (``exactly``: only one) of the fields ``names`` is set."""
    given = [name for name in names if getattr(opts, name) is not None]
    if not given:
        raise InvalidOptions(names[0], f"one of {', '.join(names)} is required")
    if exactly and len(given) > 1:
        raise InvalidOptions(given[1], f"give only one of {', '.join(names)}")


@attrs.frozen
class Collection(Generic[T]):
    """One Neutron collection: its URL, its JSON envelope and the model of its items.

    ``path`` is where it lives under ``v2.0/`` (default: ``plural``; LBaaS v1
    uses ``("lb", "pools")``); ``update_codes`` the statuses an update may answer.
    """

    model: type[T]
    singular: str
    plural: str
    path: tuple[str, ...] = attrs.field(
        default=attrs.Factory(lambda self: (self.plural,), takes_self=True)
    )
    update_codes: tuple[int, ...] = (200,)

    def url(self, client: ServiceClient, *parts: str) -> str:
        """The collection's URL, or one of its items' (and their sub-resources)."""
        return client.service_url(*self.path, *parts)

    def item_url(self, client: ServiceClient, item_id: str, *parts: str) -> str:
        """The URL of one item; an empty id is rejected (it would name the collection)."""
        if not item_id:
            raise InvalidOptions(f"{self.singular}_id", "is required")
        return client.service_url(*self.path, item_id, *parts)

    def list(
        self, client: ServiceClient, opts: object | None = None, *, max_items: int | None = None
    ) -> Pager[T]:
        """The items page by page, following ``<plural>_links``; at most ``max_items``."""
        return Pager(
            client,
            self.url(client),
            LinkedPage(self.plural, self.model),
            params=query_params(opts),
            max_items=max_items,
        )

    async def create(self, client: ServiceClient, opts: BodyBuilder) -> T:
        """``POST`` one item; 201 with ``{"<singular>": {...}}``."""
        body = await client.json("POST", self.url(client), json=opts.to_body(), ok_codes=(201,))
        return extract(body, self.singular, self.model)

    async def create_bulk(
        self, client: ServiceClient, opts: Iterable[BodyBuilder]
    ) -> builtins.list[T]:
        """``POST`` several items in one request; Neutron creates all of them or none."""
        items = [self._inner(o.to_body()) for o in opts]
        if not items:
            raise InvalidOptions(self.plural, "bulk create needs at least one item")
        body = await client.json(
            "POST", self.url(client), json={self.plural: items}, ok_codes=(201,)
        )
        created = extract_list(body, self.plural, self.model)
        if len(created) != len(items):
            raise ResponseFormatError(
                f"bulk create of {len(items)} {self.plural} answered {len(created)}"
            )
        return created

    async def get(self, client: ServiceClient, item_id: str) -> T:
        """``GET`` one item."""
        body = await client.json("GET", self.item_url(client, item_id))
        return extract(body, self.singular, self.model)

    async def update(self, client: ServiceClient, item_id: str, opts: BodyBuilder) -> T:
        """``PUT`` the set fields of ``opts``; the updated item."""
        body = await client.json(
            "PUT",
            self.item_url(client, item_id),
            json=opts.to_body(),
            ok_codes=self.update_codes,
        )
        return extract(body, self.singular, self.model)

    async def delete(self, client: ServiceClient, item_id: str) -> None:
        """``DELETE`` one item (204)."""
        await client.request("DELETE", self.item_url(client, item_id), ok_codes=(204,))

    def _inner(self, body: dict[str, Any]) -> dict[str, Any]:
        inner = body.get(self.singular)
        if not isinstance(inner, dict):
            raise InvalidOptions(self.singular, f"options must give a {self.singular!r} object")
        return inner
