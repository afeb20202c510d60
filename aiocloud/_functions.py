"""Module functions made from a resource kit's verbs, and the types that describe them.

`make_function` dresses a verb as a module's function (``servers.get``): its
name, module, docstring and signature are the resource's, so ``help()``, the
API docs and tracebacks read as if it were written out. The protocols type
what each kind of made function takes and gives.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol, TypeVar

from .pagination import Pager
from .service import ServiceClient
from .waiters import DEFAULT_BACKOFF, DEFAULT_INTERVAL, DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT

__all__ = [
    "WAIT_PARAMETERS",
    "BulkCreator",
    "Creator",
    "DeleteWaiter",
    "Deleter",
    "Getter",
    "Lister",
    "OptionsActor",
    "QueryDeleter",
    "StatusWaiter",
    "Updater",
    "make_function",
    "param",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
O_contra = TypeVar("O_contra", contravariant=True)

# The modules that make functions: the module a made function belongs to is the
# first one up the stack outside them.
_KIT_MODULES = frozenset({__name__, "aiocloud._resource"})


def make_function(
    run: Callable[..., Any], name: str, doc: str, parameters: Iterable[inspect.Parameter]
) -> Any:
    """``run`` as the function ``name`` of the resource module that asked for it.

    The function gets that module as ``__module__`` (as `collections.namedtuple()`
    does), ``doc`` and a signature with the resource's own parameter names.
    """
    function: Any = _async_call(run) if inspect.iscoroutinefunction(run) else _call(run)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    function.__module__ = _calling_module()
    function.__signature__ = inspect.Signature([param("client", ServiceClient), *parameters])
    return function


def _call(run: Callable[..., Any]) -> Callable[..., Any]:
    def function(*args: Any, **kwargs: Any) -> Any:
        return run(*args, **kwargs)

    return function


def _async_call(run: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def function(*args: Any, **kwargs: Any) -> Any:
        return await run(*args, **kwargs)

    return function


def _calling_module() -> str:
    """The name of the first module up the stack outside the kit."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_globals.get("__name__") in _KIT_MODULES:
        frame = frame.f_back
    return str(frame.f_globals.get("__name__", __name__))


def param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    """A parameter of a made function: keyword-only for options of the call, else positional."""
    kind: inspect._ParameterKind
    if name in ("max_items", "timeout", "interval", "backoff", "max_interval"):
        kind = inspect.Parameter.KEYWORD_ONLY
    elif name == "opts" and default is None:
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    else:
        kind = inspect.Parameter.POSITIONAL_ONLY
    return inspect.Parameter(name, kind, default=default, annotation=annotation)


WAIT_PARAMETERS = (
    param("timeout", float, DEFAULT_TIMEOUT),
    param("interval", float, DEFAULT_INTERVAL),
    param("backoff", float, DEFAULT_BACKOFF),
    param("max_interval", float, DEFAULT_MAX_INTERVAL),
)


class Lister(Protocol[T, O_contra]):
    def __call__(
        self, client: ServiceClient, opts: O_contra | None = None, *, max_items: int | None = None
    ) -> Pager[T]: ...


class Getter(Protocol[T_co]):
    async def __call__(self, client: ServiceClient, item_id: str, /) -> T_co: ...


class Creator(Protocol[T_co, O_contra]):
    async def __call__(self, client: ServiceClient, opts: O_contra, /) -> T_co: ...


class BulkCreator(Protocol[T, O_contra]):
    async def __call__(self, client: ServiceClient, opts: Iterable[O_contra], /) -> list[T]: ...


class Updater(Protocol[T_co, O_contra]):
    async def __call__(self, client: ServiceClient, item_id: str, opts: O_contra, /) -> T_co: ...


class Deleter(Protocol):
    async def __call__(self, client: ServiceClient, item_id: str, /) -> None: ...


class QueryDeleter(Protocol[O_contra]):
    async def __call__(
        self, client: ServiceClient, item_id: str, /, opts: O_contra | None = None
    ) -> None: ...


class OptionsActor(Protocol[O_contra]):
    async def __call__(self, client: ServiceClient, item_id: str, opts: O_contra, /) -> None: ...


class StatusWaiter(Protocol[T_co]):
    async def __call__(
        self,
        client: ServiceClient,
        item_id: str,
        status: str,
        /,
        *,
        timeout: float = ...,
        interval: float = ...,
        backoff: float = ...,
        max_interval: float = ...,
    ) -> T_co: ...


class DeleteWaiter(Protocol):
    async def __call__(
        self,
        client: ServiceClient,
        item_id: str,
        /,
        *,
        timeout: float = ...,
        interval: float = ...,
        backoff: float = ...,
        max_interval: float = ...,
    ) -> None: ...
