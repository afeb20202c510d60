"""What every Cinder resource module shares (private to blockstorage).

Cinder speaks one dialect in v1, v2 and v3: ``{"volume": {...}}`` envelopes,
detailed listings at ``GET /<plural>/detail`` continued by ``<plural>_links``,
actions ``POST /<plural>/<id>/action`` with ``{"os-<name>": {...}}`` and
metadata under ``/<plural>/<id>/metadata``. The versions differ in their URL,
a few field names (v1's ``display_name``) and v3's microversions, so a resource
module declares one :class:`Collection` per model and its documented operations
are one-line calls into it::

    _collection = Collection(Volume, "volume", "volumes")

    async def get(client: ServiceClient, volume_id: str) -> Volume:
        return await _collection.get(client, volume_id)

Option fields that need a v3 microversion are listed in the options class's
``MICROVERSIONS`` (field -> "3.47"); :func:`check_microversions` rejects them
before any request when the client asks for less.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs

from ...errors import AiocloudError, InvalidOptions, ResourceError, ResponseFormatError
from ...models import extract, structure
from ...pagination import LinkedPage, Pager
from ...params import build_query_params
from ...service import ServiceClient
from ...waiters import wait_for_resource
from .. import parse_microversion

__all__ = [
    "BodyBuilder",
    "Collection",
    "at_least",
    "check_microversions",
    "query_params",
    "require_microversion",
    "to_bool",
]

T = TypeVar("T")

# Catalog types whose endpoint is the v3 API: the only one with microversions.
_V3_TYPES = frozenset({"volumev3", "block-storage", "block-store"})
_BASE_MICROVERSION = "3.0"
_MESSAGES_FILTERING = "3.5"  # GET /messages ignores filters before 3.5


class BodyBuilder(Protocol):
    """Options that turn themselves into a request body (``{"volume": {...}}``)."""

    def to_body(self) -> dict[str, Any]: ...


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


S = TypeVar("S", bound=_HasStatus)


def to_bool(value: Any) -> bool:
    """Cinder's booleans: JSON true/false, or the strings ``"true"``/``"false"``."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    if type(value) is not bool:
        raise ResponseFormatError(f"expected a boolean, got {value!r:.100}")
    return value


def query_params(opts: object | None) -> builtins.list[tuple[str, str]]:
    """The query pairs of options: their ``to_query()``, else their ``query()`` fields."""
    if opts is None:
        return []
    to_query = getattr(opts, "to_query", None)
    if callable(to_query):
        pairs: builtins.list[tuple[str, str]] = to_query()
        return pairs
    return build_query_params(opts)


def check_microversions(client: ServiceClient, opts: object | None) -> None:
    """Reject set fields of ``opts`` that need a later microversion than ``client`` sends.

    ``opts.MICROVERSIONS`` maps field names to the v3 microversion that brought
    them; a v3 client without a microversion speaks 3.0.
    """
    needs: Mapping[str, str] = getattr(opts, "MICROVERSIONS", {})
    for field, minimum in needs.items():
        if getattr(opts, field, None) is not None:
            require_microversion(client, minimum, field)


def at_least(client: ServiceClient, minimum: str) -> bool:
    """Whether ``client`` sends ``minimum`` or a later microversion (``"latest"`` is)."""
    current = client.microversion or _BASE_MICROVERSION
    return current == "latest" or parse_microversion(current) >= parse_microversion(minimum)


def require_microversion(client: ServiceClient, minimum: str, field: str) -> None:
    """Raise InvalidOptions naming ``field`` unless ``client`` sends ``minimum`` or later."""
    if not at_least(client, minimum):
        current = client.microversion or _BASE_MICROVERSION
        raise InvalidOptions(
            field,
            f"needs microversion {minimum} or later; the client sends {current} "
            f"(use client.with_microversion({minimum!r}))",
        )


@attrs.frozen
class Collection(Generic[T]):
    """One Cinder collection (``volumes``, ``snapshots``, ``types``) and its item model.

    ``singular``/``plural`` are the JSON keys (``volume_type``/``volume_types``);
    ``path`` the URL segment (default: ``plural``; volume types live at
    ``types``); ``detail``: listings read ``/<path>/detail`` (volumes and
    snapshots) rather than ``/<path>`` (volume types); ``links_key`` holds a
    listing's next link (``<plural>_links``, but ``volume_type_links`` for types).
    """

    model: type[T]
    singular: str
    plural: str
    path: str = attrs.field(default=attrs.Factory(lambda self: self.plural, takes_self=True))
    detail: bool = True
    links_key: str | None = None

    def url(self, client: ServiceClient, *parts: str) -> str:
        """The collection's URL, or a sub-resource's below it."""
        return client.service_url(self.path, *parts)

    def item_url(self, client: ServiceClient, item_id: str, *parts: str) -> str:
        """The URL of one item; an empty id is rejected (it would name the collection)."""
        if not item_id:
            raise InvalidOptions(f"{self.singular}_id", "is required")
        return client.service_url(self.path, item_id, *parts)

    def list(
        self, client: ServiceClient, opts: object | None = None, *, max_items: int | None = None
    ) -> Pager[T]:
        """The items page by page, following the next links (v1: one page)."""
        check_microversions(client, opts)
        url = self.url(client, "detail") if self.detail else self.url(client)
        return Pager(
            client,
            url,
            LinkedPage(self.plural, self.model, self.links_key),
            params=query_params(opts),
            max_items=max_items,
        )

    async def create(self, client: ServiceClient, opts: BodyBuilder) -> T:
        """``POST`` one item: 202 in v2/v3, 200 in v1 and for volume types."""
        check_microversions(client, opts)
        body = await client.json(
            "POST", self.url(client), json=opts.to_body(), ok_codes=(200, 201, 202)
        )
        return extract(body, self.singular, self.model)

    async def get(self, client: ServiceClient, item_id: str) -> T:
        """``GET`` one item."""
        body = await client.json("GET", self.item_url(client, item_id), ok_codes=(200,))
        return extract(body, self.singular, self.model)

    async def update(self, client: ServiceClient, item_id: str, opts: BodyBuilder) -> T:
        """``PUT`` the set fields of ``opts``; the updated item."""
        check_microversions(client, opts)
        body = await client.json(
            "PUT", self.item_url(client, item_id), json=opts.to_body(), ok_codes=(200,)
        )
        return extract(body, self.singular, self.model)

    async def delete(self, client: ServiceClient, item_id: str, opts: object | None = None) -> None:
        """``DELETE`` one item (202), with the query options of ``opts`` if any."""
        check_microversions(client, opts)
        await client.request(
            "DELETE",
            self.item_url(client, item_id),
            params=query_params(opts) or None,
            ok_codes=(202, 204),
        )

    async def action(
        self,
        client: ServiceClient,
        item_id: str,
        body: Mapping[str, Any],
        *,
        ok_codes: tuple[int, ...] = (202,),
    ) -> Any:
        """``POST /<path>/<id>/action`` with ``body`` (``{"os-extend": {...}}``).

        Returns the parsed answer (None when empty).
        """
        return await client.json(
            "POST", self.item_url(client, item_id, "action"), json=body, ok_codes=ok_codes
        )

    # -- metadata: /<plural>/<id>/metadata[/<key>] -----------------------------------------

    async def get_metadata(self, client: ServiceClient, item_id: str) -> dict[str, str]:
        """All metadata of an item."""
        body = await client.json("GET", self.item_url(client, item_id, "metadata"))
        return _mapping(body, "metadata")

    async def update_metadata(
        self, client: ServiceClient, item_id: str, metadata: Mapping[str, str]
    ) -> dict[str, str]:
        """``POST``: add or change the given keys, keep the others; all metadata after."""
        body = await client.json(
            "POST",
            self.item_url(client, item_id, "metadata"),
            json={"metadata": dict(metadata)},
            ok_codes=(200,),
        )
        return _mapping(body, "metadata")

    async def reset_metadata(
        self, client: ServiceClient, item_id: str, metadata: Mapping[str, str]
    ) -> dict[str, str]:
        """``PUT``: replace all metadata with ``metadata`` (``{}`` clears it)."""
        body = await client.json(
            "PUT",
            self.item_url(client, item_id, "metadata"),
            json={"metadata": dict(metadata)},
            ok_codes=(200,),
        )
        return _mapping(body, "metadata")

    async def get_metadatum(self, client: ServiceClient, item_id: str, key: str) -> str:
        """The value of one metadata key (NotFound if the item lacks it)."""
        body = await client.json("GET", self._metadatum_url(client, item_id, key))
        return _metadatum(body, key)

    async def create_metadatum(
        self, client: ServiceClient, item_id: str, key: str, value: str
    ) -> str:
        """``PUT`` one metadata key (created or overwritten); the stored value."""
        body = await client.json(
            "PUT",
            self._metadatum_url(client, item_id, key),
            json={"meta": {key: value}},
            ok_codes=(200,),
        )
        return _metadatum(body, key)

    async def delete_metadatum(self, client: ServiceClient, item_id: str, key: str) -> None:
        """Remove one metadata key."""
        await client.request(
            "DELETE", self._metadatum_url(client, item_id, key), ok_codes=(200, 204)
        )

    def _metadatum_url(self, client: ServiceClient, item_id: str, key: str) -> str:
        if not key:
            raise InvalidOptions("key", "is required")
        return self.item_url(client, item_id, "metadata", key)

    # -- waiting ---------------------------------------------------------------------------

    async def wait_for_status(
        self: Collection[S],
        client: ServiceClient,
        item_id: str,
        status: str,
        **wait: Any,
    ) -> S:
        """Poll until the item has ``status``; an ``error*`` status raises ResourceError.

        On a v3 endpoint the error carries the newest user message Cinder kept
        about the item (``GET /messages``), which says what failed. ``wait``:
        :func:`~aiocloud.waiters.wait_for_resource`'s timeout and intervals.
        """

        async def check(item: S) -> None:
            if item.status.startswith("error"):
                await self._raise_failed(client, item_id, item.status, status)

        found = await wait_for_resource(
            lambda: self.get(client, item_id),
            what=f"{self.singular} {item_id}",
            goal=status,
            reached=lambda item: item.status == status,
            check=check,
            **wait,
        )
        assert found is not None
        return found

    async def wait_for_delete(
        self: Collection[S], client: ServiceClient, item_id: str, **wait: Any
    ) -> None:
        """Poll until the item is gone (404); ``error_deleting`` raises ResourceError."""

        async def check(item: S) -> None:
            if item.status.startswith("error"):
                await self._raise_failed(client, item_id, item.status, "deleted")

        await wait_for_resource(
            lambda: self.get(client, item_id),
            what=f"{self.singular} {item_id}",
            goal="deleted",
            reached=lambda item: False,
            check=check,
            gone_is_reached=True,
            **wait,
        )

    async def _raise_failed(
        self, client: ServiceClient, item_id: str, status: str, wanted: str
    ) -> None:
        fault = await _latest_user_message(client, item_id)
        message = f"{self.singular} {item_id} went to status {status!r} (waiting for {wanted!r})"
        if fault:
            message += f": {fault}"
        raise ResourceError(message, status=status, fault=fault)


async def _latest_user_message(client: ServiceClient, resource_id: str) -> str | None:
    """The newest ``user_message`` Cinder v3 keeps about a resource (None elsewhere).

    Best effort: it only enriches an error being raised, so its own failures
    are ignored.
    """
    if client.type not in _V3_TYPES:
        return None
    if not at_least(client, _MESSAGES_FILTERING):
        client = client.with_microversion(_MESSAGES_FILTERING)
    params = [("resource_uuid", resource_id), ("sort", "created_at:desc"), ("limit", "1")]
    try:
        body = await client.json("GET", client.service_url("messages"), params=params)
    except AiocloudError:
        return None
    messages = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
        return None
    text = messages[0].get("user_message")
    return text if isinstance(text, str) and text else None


def _mapping(body: Any, key: str) -> dict[str, str]:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, dict):
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return structure(value, dict[str, str])


def _metadatum(body: Any, key: str) -> str:
    meta = _mapping(body, "meta")
    if key not in meta:
        raise ResponseFormatError(f"the answer has no metadata key {key!r}")
    return meta[key]
