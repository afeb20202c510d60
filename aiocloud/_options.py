"""What options give a request, and the checks every resource module makes on them.

Options classes turn themselves into a body (`BodyBuilder`) or query pairs
(`QueryBuilder`); an extension's options wrap base options and add their
fields, the way gophercloud's ``CreateOptsBuilder`` does:

```python
def to_body(self) -> dict[str, Any]:
    return extend_body(self.base, "network", {"router:external": self.external})
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .errors import InvalidOptions
from .params import build_query_params
from .service import ServiceClient

__all__ = [
    "BodyBuilder",
    "Query",
    "QueryBuilder",
    "check_microversions",
    "extend_body",
    "query_params",
    "require_microversion",
    "require_one_of",
]

Query = list[tuple[str, str]]


class BodyBuilder(Protocol):
    """Options that turn themselves into a request body (``{"network": {...}}``).

    An extension's options wrap base options and add their fields, the way
    gophercloud's ``CreateOptsBuilder`` does.
    """

    def to_body(self) -> dict[str, Any]: ...


class QueryBuilder(Protocol):
    """Options that turn themselves into query pairs (an extension's ``ListOpts``)."""

    def to_query(self) -> Query: ...


def query_params(opts: object | None) -> Query:
    """The query pairs of options: their ``to_query()``, else their ``query()`` fields."""
    if opts is None:
        return []
    to_query = getattr(opts, "to_query", None)
    if callable(to_query):
        pairs: Query = to_query()
        return pairs
    return build_query_params(opts)


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


def require_microversion(client: ServiceClient, minimum: str, field: str) -> None:
    """Raise InvalidOptions naming ``field`` unless ``client`` is at ``minimum`` or later."""
    if not client.at_least(minimum):
        raise InvalidOptions(
            field,
            f"needs microversion {minimum} or later; the client sends "
            f"{client.effective_microversion} (use client.with_microversion({minimum!r}))",
        )


def check_microversions(client: ServiceClient, opts: object | None) -> None:
    """Reject set fields of ``opts`` that need a later microversion than ``client`` sends.

    ``opts.MICROVERSIONS`` maps field names to the microversion that brought them.
    """
    needs: Mapping[str, str] = getattr(opts, "MICROVERSIONS", {})
    for field, minimum in needs.items():
        if getattr(opts, field, None) is not None:
            require_microversion(client, minimum, field)
