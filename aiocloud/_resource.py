"""The resource kit: how a resource module talks to its service, written once.

OpenStack services share one dialect: a collection URL (``/servers``), one
item below it (``/servers/<id>``), a JSON envelope named after the resource
(``{"server": {...}}``), listings continued by ``<plural>_links``, actions
posted to ``/<id>/action``, metadata under ``/<id>/metadata`` and a status to
wait on. A resource module declares one `Collection` and makes its
public operations from it; only what differs is written by hand:

```python
_groups = Collection(SecGroup, "security_group", "security_groups", path=("security-groups",))

list = _groups.lister(ListOpts, "The security groups the caller can see, page by page.")
get = _groups.getter("One security group by id; NotFound if there is none.")
delete = _groups.deleter("Delete a security group; Conflict while ports are in it.")
```

The functions made here are ordinary module functions: they carry their name,
module, docstring and signature, so ``help()``, the API docs and tracebacks
read as if they were written out.
"""

from __future__ import annotations

import builtins
import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

import attrs

from ._functions import (
    WAIT_PARAMETERS,
    BulkCreator,
    Creator,
    Deleter,
    DeleteWaiter,
    Getter,
    Lister,
    OptionsActor,
    QueryDeleter,
    StatusWaiter,
    Updater,
    make_function,
    param,
)
from ._options import (
    BodyBuilder,
    Query,
    QueryBuilder,
    check_microversions,
    extend_body,
    query_params,
    require_microversion,
    require_one_of,
)
from .errors import InvalidOptions, ResourceError, ResponseFormatError
from .models import extract, extract_list, structure
from .pagination import LinkedPage, Pager, PageStrategy
from .service import ServiceClient
from .waiters import (
    DEFAULT_BACKOFF,
    DEFAULT_INTERVAL,
    DEFAULT_MAX_INTERVAL,
    DEFAULT_TIMEOUT,
    wait_for_resource,
)

__all__ = [
    "BodyBuilder",
    "Collection",
    "Metadata",
    "Nested",
    "QueryBuilder",
    "check_microversions",
    "extend_body",
    "make_function",
    "query_params",
    "require_microversion",
    "require_one_of",
]

T = TypeVar("T")
C = TypeVar("C")


FaultReader = Callable[[ServiceClient, str, Any], Awaitable["str | None"]]


async def _no_fault(client: ServiceClient, item_id: str, item: Any) -> str | None:
    return None


def _is_error(status: str | None) -> bool:
    return bool(status) and str(status).lower().startswith("error")


@attrs.frozen
class Collection(Generic[T]):
    """One collection of a service: its URL, its JSON envelope and its item model.

    ``singular``/``plural`` are the JSON keys (``server``/``servers``); ``path``
    where it lives below the service's resource base (default: ``plural``);
    ``list_path`` what a listing adds to it (``("detail",)`` for Nova and
    Cinder); ``links_key`` the listing's next-link key (default
    ``<plural>_links``) and ``page`` how a listing is read when it is not
    paged that way (`SinglePage`, a service's own
    page). ``id_name`` is what an item's id is called in made signatures and
    errors (default ``<singular>_id``; a keypair's is ``name``). The ``*_codes``
    are the statuses each verb may answer.
    ``query`` turns list options into query pairs (a service with its own
    rules passes its own). While waiting, an ``error*`` status raises
    `ResourceError` with what ``fault`` reads about
    it; ``deleted_status`` (Nova's ``DELETED``) counts as gone, and
    ``error_while_deleting`` says whether an error status ends a delete wait.
    """

    model: type[T]
    singular: str
    plural: str
    path: tuple[str, ...] = attrs.field(
        default=attrs.Factory(lambda self: (self.plural,), takes_self=True)
    )
    list_path: tuple[str, ...] = ()
    links_key: str | None = None
    page: PageStrategy[T] | None = None
    id_name: str | None = None
    create_codes: tuple[int, ...] = (201,)
    update_method: str = "PUT"
    update_codes: tuple[int, ...] = (200,)
    delete_codes: tuple[int, ...] = (204,)
    query: Callable[[object | None], Query] = query_params
    fault: FaultReader = _no_fault
    deleted_status: str | None = None
    error_while_deleting: bool = True

    # -- URLs --------------------------------------------------------------------------------

    @property
    def id_field(self) -> str:
        """What an item's id is called: ``id_name``, else ``<singular>_id``."""
        return self.id_name or f"{self.singular}_id"

    def url(self, client: ServiceClient, *parts: str) -> str:
        """The collection's URL, or a sub-resource's below it."""
        return client.service_url(*self.path, *parts)

    def item_url(self, client: ServiceClient, item_id: str, *parts: str) -> str:
        """The URL of one item (and its sub-resources); an empty id is rejected."""
        if not item_id:
            raise InvalidOptions(self.id_field, "is required")
        return client.service_url(*self.path, item_id, *parts)

    def below(self, item_id: str, child: Collection[C]) -> Collection[C]:
        """``child`` as it lives below one item: ``/servers/<id>/os-interface``.

        ``child.path`` is taken relative to the item; an empty id is rejected.
        """
        if not item_id:
            raise InvalidOptions(self.id_field, "is required")
        return attrs.evolve(child, path=(*self.path, item_id, *child.path))

    # -- the verbs ---------------------------------------------------------------------------

    def list(
        self, client: ServiceClient, opts: object | None = None, *, max_items: int | None = None
    ) -> Pager[T]:
        """The items page by page, following the next links; at most ``max_items``."""
        check_microversions(client, opts)
        return Pager(
            client,
            self.url(client, *self.list_path),
            self.page or LinkedPage(self.plural, self.model, self.links_key),
            params=self.query(opts),
            max_items=max_items,
        )

    async def create(self, client: ServiceClient, opts: BodyBuilder) -> T:
        """``POST`` one item; the created item from ``{"<singular>": {...}}``."""
        check_microversions(client, opts)
        return await self.post(client, opts.to_body())

    async def post(self, client: ServiceClient, body: Mapping[str, Any]) -> T:
        """``POST`` a request body already built (and checked); the created item."""
        answer = await client.json("POST", self.url(client), json=body, ok_codes=self.create_codes)
        return extract(answer, self.singular, self.model)

    async def create_bulk(
        self, client: ServiceClient, opts: Iterable[BodyBuilder]
    ) -> builtins.list[T]:
        """``POST`` several items in one request (``{"<plural>": [...]}``): all or none."""
        items = [self._inner(o.to_body()) for o in opts]
        if not items:
            raise InvalidOptions(self.plural, "bulk create needs at least one item")
        body = await client.json(
            "POST", self.url(client), json={self.plural: items}, ok_codes=self.create_codes
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
        """Send the set fields of ``opts`` (``PUT`` or ``PATCH``); the updated item."""
        check_microversions(client, opts)
        body = await client.json(
            self.update_method,
            self.item_url(client, item_id),
            json=opts.to_body(),
            ok_codes=self.update_codes,
        )
        return extract(body, self.singular, self.model)

    async def delete(self, client: ServiceClient, item_id: str, opts: object | None = None) -> None:
        """``DELETE`` one item, with the query options of ``opts`` if any."""
        check_microversions(client, opts)
        await client.request(
            "DELETE",
            self.item_url(client, item_id),
            params=self.query(opts) or None,
            ok_codes=self.delete_codes,
        )

    async def action(
        self,
        client: ServiceClient,
        item_id: str,
        body: Mapping[str, Any],
        *,
        ok_codes: tuple[int, ...] = (202,),
    ) -> Any:
        """``POST /<id>/action`` with ``body`` (``{"os-extend": {...}}``); the parsed answer."""
        return await client.json(
            "POST", self.item_url(client, item_id, "action"), json=body, ok_codes=ok_codes
        )

    @property
    def metadata(self) -> Metadata:
        """The ``/<id>/metadata`` sub-resource of the items."""
        return Metadata(self)

    def nested(self, child: Collection[C]) -> Nested[C]:
        """``child`` below each item (``/servers/<id>/os-interface``), for made functions."""
        return Nested(self, child)

    # -- waiting -----------------------------------------------------------------------------

    async def wait_for_status(
        self,
        client: ServiceClient,
        item_id: str,
        status: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        interval: float = DEFAULT_INTERVAL,
        backoff: float = DEFAULT_BACKOFF,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> T:
        """Poll until the item has ``status``; an error status raises ResourceError.

        The timeout and intervals are `wait_for_resource()`'s.
        """

        async def check(item: Any) -> None:
            if _is_error(item.status) and item.status != status:
                await self._raise_failed(client, item_id, item, status)

        found: T | None = await wait_for_resource(
            lambda: self.get(client, item_id),
            what=f"{self.singular} {item_id}",
            goal=status,
            reached=lambda item: item.status == status,
            check=check,
            timeout=timeout,
            interval=interval,
            backoff=backoff,
            max_interval=max_interval,
        )
        if found is None:  # only a delete wait ends on "gone"
            raise ResponseFormatError(f"{self.singular} {item_id} vanished while waiting")
        return found

    async def wait_for_delete(
        self,
        client: ServiceClient,
        item_id: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        interval: float = DEFAULT_INTERVAL,
        backoff: float = DEFAULT_BACKOFF,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> None:
        """Poll until the item is gone (404, or ``deleted_status``)."""

        async def check(item: Any) -> None:
            if self.error_while_deleting and _is_error(item.status):
                await self._raise_failed(client, item_id, item, "deleted")

        await wait_for_resource(
            lambda: self.get(client, item_id),
            what=f"{self.singular} {item_id}",
            goal="deleted",
            reached=lambda item: (
                self.deleted_status is not None and item.status == self.deleted_status
            ),
            check=check,
            gone_is_reached=True,
            timeout=timeout,
            interval=interval,
            backoff=backoff,
            max_interval=max_interval,
        )

    async def _raise_failed(
        self, client: ServiceClient, item_id: str, item: Any, wanted: str
    ) -> None:
        fault = await self.fault(client, item_id, item)
        message = f"{self.singular} {item_id} went to {item.status} (waiting for {wanted})"
        raise ResourceError(
            f"{message}: {fault}" if fault else message, status=item.status, fault=fault
        )

    # -- the module functions ----------------------------------------------------------------

    def lister(self, opts: type[Any], doc: str) -> Lister[T, Any]:
        """A module's ``list(client, opts=None, *, max_items=None)``."""
        return make_function(  # type: ignore[no-any-return]
            self.list,
            "list",
            doc,
            [
                param("opts", opts | None, None),
                param("max_items", int | None, None),
            ],
        )

    def getter(self, doc: str) -> Getter[T]:
        """A module's ``get(client, <singular>_id)``."""
        return make_function(self.get, "get", doc, [self._id_param])  # type: ignore[no-any-return]

    def creator(self, opts: type[Any], doc: str) -> Creator[T, Any]:
        """A module's ``create(client, opts)``."""
        return make_function(  # type: ignore[no-any-return]
            self.create, "create", doc, [param("opts", opts)]
        )

    def bulk_creator(self, opts: type[Any], doc: str) -> BulkCreator[T, Any]:
        """A module's ``create_bulk(client, opts)``: several items in one request."""
        items = param("opts", Iterable[opts])  # type: ignore[valid-type]
        return make_function(self.create_bulk, "create_bulk", doc, [items])  # type: ignore[no-any-return]

    def updater(self, opts: type[Any], doc: str) -> Updater[T, Any]:
        """A module's ``update(client, <singular>_id, opts)``."""
        return make_function(  # type: ignore[no-any-return]
            self.update, "update", doc, [self._id_param, param("opts", opts)]
        )

    def deleter(self, doc: str) -> Deleter:
        """A module's ``delete(client, <singular>_id)``."""
        return make_function(self.delete, "delete", doc, [self._id_param])  # type: ignore[no-any-return]

    def query_deleter(self, opts: type[Any], doc: str) -> QueryDeleter[Any]:
        """A module's ``delete(client, <singular>_id, opts=None)``: ``opts`` go in the query."""
        params = [self._id_param, param("opts", opts | None, None)]
        return make_function(self.delete, "delete", doc, params)  # type: ignore[no-any-return]

    def status_waiter(self, doc: str) -> StatusWaiter[T]:
        """A module's ``wait_for_status(client, <singular>_id, status, *, timeout=600, ...)``."""
        return make_function(  # type: ignore[no-any-return]
            self.wait_for_status,
            "wait_for_status",
            doc,
            [self._id_param, param("status", str), *WAIT_PARAMETERS],
        )

    def delete_waiter(self, doc: str) -> DeleteWaiter:
        """A module's ``wait_for_delete(client, <singular>_id, *, timeout=600, ...)``."""
        return make_function(  # type: ignore[no-any-return]
            self.wait_for_delete, "wait_for_delete", doc, [self._id_param, *WAIT_PARAMETERS]
        )

    def actor(
        self,
        name: str,
        body: Mapping[str, Any],
        doc: str,
        *,
        ok_codes: tuple[int, ...] = (202,),
    ) -> Deleter:
        """A module's ``<name>(client, <singular>_id)`` that posts the fixed action ``body``.

        For actions without parameters: ``start = _servers.actor("start", {"os-start": None},
        "Start a stopped server.")``; ``ok_codes`` for an action that does not answer 202.
        """
        fixed = dict(body)

        async def run(client: ServiceClient, item_id: str) -> None:
            await self.action(client, item_id, fixed, ok_codes=ok_codes)

        return make_function(run, name, doc, [self._id_param])  # type: ignore[no-any-return]

    def options_actor(self, name: str, opts: type[Any], doc: str) -> OptionsActor[Any]:
        """A module's ``<name>(client, <singular>_id, opts)`` that posts ``opts.to_body()``.

        For actions whose body options build (and check): ``retype =
        _volumes.options_actor("retype", RetypeOpts, "Change the volume's type.")``.
        """

        async def run(client: ServiceClient, item_id: str, opts: BodyBuilder) -> None:
            check_microversions(client, opts)
            await self.action(client, item_id, opts.to_body())

        return make_function(  # type: ignore[no-any-return]
            run, name, doc, [self._id_param, param("opts", opts)]
        )

    @property
    def _id_param(self) -> inspect.Parameter:
        return param(self.id_field, str)

    def _inner(self, body: dict[str, Any]) -> dict[str, Any]:
        inner = body.get(self.singular)
        if not isinstance(inner, dict):
            raise InvalidOptions(self.singular, f"options must give a {self.singular!r} object")
        return inner


@attrs.frozen
class Metadata:
    """The ``/<plural>/<id>/metadata[/<key>]`` sub-resource shared by Nova and Cinder.

    ``GET`` reads all, ``POST`` merges keys in, ``PUT`` replaces all; one key
    lives at ``/metadata/<key>`` as ``{"meta": {key: value}}``.
    """

    collection: Collection[Any]

    async def get(self, client: ServiceClient, item_id: str) -> dict[str, str]:
        """All metadata of an item."""
        body = await client.json("GET", self._url(client, item_id))
        return _mapping(body, "metadata")

    async def update(
        self, client: ServiceClient, item_id: str, metadata: Mapping[str, str]
    ) -> dict[str, str]:
        """``POST``: add or change the given keys, keep the others; all metadata after."""
        return await self._send(client, "POST", item_id, metadata)

    async def reset(
        self, client: ServiceClient, item_id: str, metadata: Mapping[str, str]
    ) -> dict[str, str]:
        """``PUT``: replace all metadata with ``metadata`` (``{}`` clears it)."""
        return await self._send(client, "PUT", item_id, metadata)

    async def get_key(self, client: ServiceClient, item_id: str, key: str) -> str:
        """The value of one metadata key (NotFound if the item lacks it)."""
        body = await client.json("GET", self._url(client, item_id, key))
        return _metadatum(body, key)

    async def set_key(self, client: ServiceClient, item_id: str, key: str, value: str) -> str:
        """``PUT`` one metadata key (created or overwritten); the stored value."""
        body = await client.json(
            "PUT", self._url(client, item_id, key), json={"meta": {key: value}}, ok_codes=(200,)
        )
        return _metadatum(body, key)

    async def delete_key(self, client: ServiceClient, item_id: str, key: str) -> None:
        """Remove one metadata key."""
        await client.request("DELETE", self._url(client, item_id, key), ok_codes=(200, 204))

    def functions(self, *names: str) -> tuple[Callable[..., Awaitable[Any]], ...]:
        """The module functions for ``get, update, reset, get_key, set_key, delete_key``.

        ``names`` are what the module calls them (Cinder: ``get_metadata``,
        ``update_metadata``, ``reset_metadata``, ``get_metadatum``,
        ``create_metadatum``, ``delete_metadatum``).
        """
        item = self.collection._id_param
        values = param("metadata", Mapping[str, str])
        key = param("key", str)
        made: tuple[tuple[Callable[..., Any], builtins.list[inspect.Parameter], str], ...] = (
            (self.get, [item], "All metadata of the {0}."),
            (
                self.update,
                [item, values],
                "Add or change the given keys, keep the others; "
                "all metadata of the {0} after (``POST``).",
            ),
            (
                self.reset,
                [item, values],
                "Replace all metadata of the {0} (``{{}}`` clears it); "
                "all metadata after (``PUT``).",
            ),
            (self.get_key, [item, key], "One metadata value of the {0} (NotFound if absent)."),
            (
                self.set_key,
                [item, key, param("value", str)],
                "Set one metadata key of the {0} (created or replaced); the stored value.",
            ),
            (self.delete_key, [item, key], "Remove one metadata key of the {0}."),
        )
        singular = self.collection.singular.replace("_", " ")
        return tuple(
            make_function(run, name, doc.format(singular), params)
            for name, (run, params, doc) in zip(names, made, strict=True)
        )

    async def _send(
        self, client: ServiceClient, method: str, item_id: str, metadata: Mapping[str, str]
    ) -> dict[str, str]:
        body = await client.json(
            method, self._url(client, item_id), json={"metadata": dict(metadata)}, ok_codes=(200,)
        )
        return _mapping(body, "metadata")

    def _url(self, client: ServiceClient, item_id: str, *key: str) -> str:
        if key and not key[0]:
            raise InvalidOptions("key", "is required")
        return self.collection.item_url(client, item_id, "metadata", *key)


@attrs.frozen
class Nested(Generic[C]):
    """A collection below each item of another: ``/servers/<id>/os-volume_attachments``.

    Its module functions take the parent's id first; they are named by the
    module (``list_interfaces``, ``attach_interface``, ...):

    ```python
    _interfaces = _servers.nested(Collection(Interface, ..., path=("os-interface",)))
    get_interface = _interfaces.getter("get_interface", "One interface of a server.")
    ```
    """

    parent: Collection[Any]
    child: Collection[C]

    def of(self, parent_id: str) -> Collection[C]:
        """The child collection of one parent item."""
        return self.parent.below(parent_id, self.child)

    def lister(self, name: str, doc: str) -> Callable[[ServiceClient, str], Pager[C]]:
        """``<name>(client, <parent>_id)``: the parent's children, page by page."""

        def run(client: ServiceClient, parent_id: str) -> Pager[C]:
            return self.of(parent_id).list(client)

        return make_function(run, name, doc, [self.parent._id_param])  # type: ignore[no-any-return]

    def creator(
        self, name: str, opts: type[Any], doc: str
    ) -> Callable[[ServiceClient, str, Any], Awaitable[C]]:
        """``<name>(client, <parent>_id, opts)``: ``POST`` one child."""

        async def run(client: ServiceClient, parent_id: str, opts: BodyBuilder) -> C:
            return await self.of(parent_id).create(client, opts)

        params = [self.parent._id_param, param("opts", opts)]
        return make_function(run, name, doc, params)  # type: ignore[no-any-return]

    def getter(self, name: str, doc: str) -> Callable[[ServiceClient, str, str], Awaitable[C]]:
        """``<name>(client, <parent>_id, <child>_id)``: ``GET`` one child."""

        async def run(client: ServiceClient, parent_id: str, item_id: str) -> C:
            return await self.of(parent_id).get(client, item_id)

        params = [self.parent._id_param, self.child._id_param]
        return make_function(run, name, doc, params)  # type: ignore[no-any-return]

    def deleter(self, name: str, doc: str) -> Callable[[ServiceClient, str, str], Awaitable[None]]:
        """``<name>(client, <parent>_id, <child>_id)``: ``DELETE`` one child."""

        async def run(client: ServiceClient, parent_id: str, item_id: str) -> None:
            await self.of(parent_id).delete(client, item_id)

        params = [self.parent._id_param, self.child._id_param]
        return make_function(run, name, doc, params)  # type: ignore[no-any-return]


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
