"""Options objects to query strings, headers and JSON bodies.

Options are attrs classes; each field says where it goes with metadata, the way
gophercloud's ``q:"name"`` / ``h:"Name"`` / ``json:"name"`` struct tags do:

```python
@attrs.frozen
class ListOpts:
    name: str | None = query()                   # ?name=...
    changes_since: datetime | None = query("changes-since")
    newest: bool | None = header("X-Newest")
    limit: int | None = query()

build_query_string(ListOpts(name="web", limit=10))   # "?name=web&limit=10"
```

``None`` always means "not set" and is never sent. Lists become repeated keys,
booleans ``true``/``false``, enums their value, datetimes ISO 8601 in UTC.

These helpers make fields that are unset (``None``) by default. A field that is
required or has a converter is an ``attrs.field`` with the same metadata, since
mypy reads defaults and converters (what ``__init__`` accepts) only on
``attrs.field`` itself:

```text
tags: str | None = attrs.field(
    default=None, converter=comma_list, metadata=query_metadata()
)
volume_id: str = attrs.field(metadata=body_metadata("volumeId"))
```
"""

from __future__ import annotations

import collections.abc
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, TypeAlias, TypeVar, Union, get_args, get_origin
from urllib.parse import urlencode

import attrs

from .errors import InvalidOptions

__all__ = [
    "EXPLICIT_NULL",
    "ExplicitNull",
    "body",
    "body_metadata",
    "build_body",
    "build_headers",
    "build_query_params",
    "build_query_string",
    "check_header",
    "check_types",
    "format_value",
    "header",
    "header_metadata",
    "query",
    "query_metadata",
]

_T = TypeVar("_T")

_QUERY = "aiocloud.query"
_HEADER = "aiocloud.header"
_BODY = "aiocloud.body"

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# Visible ASCII, with inner spaces and tabs (every HTTP stack sends it the same way).
_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?")


def query(name: str = "") -> _T | None:
    """A field sent as a query parameter (``name`` defaults to the field's name)."""
    return _field(query_metadata(name))


def header(name: str) -> _T | None:
    """A field sent as the HTTP header ``name``."""
    return _field(header_metadata(name))


def body(name: str = "") -> _T | None:
    """A field sent in the JSON body under ``name`` (defaults to the field's name).

    Plain attrs fields go to the body under their own name too; use this to
    rename (``"OS-DCF:diskConfig"``).
    """
    return _field(body_metadata(name))


def query_metadata(name: str = "") -> dict[str, str]:
    """The metadata of a ``query()`` field, for an ``attrs.field`` (see the module doc)."""
    return {_QUERY: name}


def header_metadata(name: str) -> dict[str, str]:
    """The metadata of a ``header()`` field, for an ``attrs.field`` (see the module doc)."""
    return {_HEADER: name}


def body_metadata(name: str = "") -> dict[str, str]:
    """The metadata of a ``body()`` field, for an ``attrs.field`` (see the module doc)."""
    return {_BODY: name}


def _field(metadata: dict[str, str]) -> _T | None:
    """An attrs field, unset by default.

    Typed as its value, the way attrs types ``attrs.field``: the field's annotation
    must admit ``None``.
    """
    field: None = attrs.field(default=None, metadata=metadata)
    return field


@functools.cache
def _fields_with(cls: Any, key: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (a.name, a.metadata[key] or a.name) for a in attrs.fields(cls) if key in a.metadata
    )


@functools.cache
def _body_fields(cls: Any) -> tuple[tuple[str, str], ...]:
    return tuple(
        (a.name, a.metadata.get(_BODY) or a.name)
        for a in attrs.fields(cls)
        if _QUERY not in a.metadata and _HEADER not in a.metadata
    )


_MAX_INT_BITS = 13_000
"""Integers longer than this (about 3900 digits) cannot be written as text by Python."""


@functools.cache
def _field_types(cls: Any) -> tuple[tuple[str, Any], ...]:
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # an annotation only a type checker can resolve: not checked
        return ()
    return tuple((a.name, hints[a.name]) for a in attrs.fields(cls) if a.name in hints)


def check_types(opts: Any) -> None:
    """Reject options whose fields hold values not of their annotated types.

    What the caller passes is checked before anything is built from it:
    booleans are not integers, floats must be finite, list items and mapping
    keys and values must have their types (None inside a mapping is refused),
    datetimes must be representable in UTC, values of ``Any`` fields must be
    JSON. The first offending field raises `InvalidOptions` naming it.
    """
    if opts is None or not attrs.has(type(opts)):
        return
    for name, tp in _field_types(opts.__class__):
        problem = _type_problem(getattr(opts, name), tp, 0)
        if problem is not None:
            raise InvalidOptions(name.lstrip("_"), problem)


def _type_problem(value: Any, tp: Any, depth: int) -> str | None:
    """Why ``value`` is not a value of the annotation ``tp`` (None if it is)."""
    if depth > 64:
        return "is nested too deep"
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        problems = [_type_problem(value, arg, depth) for arg in args]
        if None in problems:
            return None
        real = [p for p in problems if p and not p.startswith("must be None")]
        return (real or problems)[0]
    if tp is type(None) or tp is None:
        return None if value is None else f"must be None, not {_name(value)}"
    if tp is Any or tp is object:
        return _json_problem(value, depth)
    if origin is Literal:
        ok = any(type(value) is type(arg) and value == arg for arg in args)
        return None if ok else f"must be one of {', '.join(map(repr, args))}, not {_show(value)}"
    if value is EXPLICIT_NULL:
        return "cannot be EXPLICIT_NULL"
    if tp is str:
        return None if isinstance(value, str) else f"must be a string, not {_name(value)}"
    if tp is bool:
        return None if type(value) is bool else f"must be a boolean, not {_name(value)}"
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"must be an integer, not {_name(value)}"
        return _int_problem(value)
    if tp is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"must be a number, not {_name(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number, not {_show(value)}"
        return _int_problem(value) if isinstance(value, int) else None
    if tp is datetime:
        if not isinstance(value, datetime):
            return f"must be a datetime, not {_name(value)}"
        try:
            (value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value).astimezone(
                timezone.utc
            ).timestamp()
        except (OverflowError, ValueError, OSError):
            return f"{_show(value)} is out of the range of UTC dates"
        return None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if isinstance(value, tp) or any(
            type(value) is type(m.value) and value == m.value for m in tp
        ):
            return None
        return f"must be one of {', '.join(repr(m.value) for m in tp)}, not {_show(value)}"
    if origin in (dict, Mapping, collections.abc.Mapping) or tp is dict:
        if not isinstance(value, Mapping):
            return f"must be a mapping, not {_name(value)}"
        key_type, item_type = args if len(args) == 2 else (Any, Any)
        for key, item in value.items():
            problem = _type_problem(key, key_type, depth + 1) or _type_problem(
                item, item_type, depth + 1
            )
            if problem is not None:
                return f"[{_show(key, 40)}] {problem}"
        return None
    if origin in _SEQUENCES or tp in (list, tuple):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
            return f"must be a list, not {_name(value)}"
        if origin is tuple and args and args[-1] is not Ellipsis:
            if len(value) != len(args):
                return f"must have {len(args)} items, not {len(value)}"
            item_types: Iterable[Any] = args
        else:
            item_types = [args[0] if args else Any] * len(value)
        for index, (item, item_type) in enumerate(zip(value, item_types, strict=False)):
            problem = _type_problem(item, item_type, depth + 1)
            if problem is not None:
                return f"[{index}] {problem}"
        return None
    if isinstance(tp, type) and attrs.has(tp):
        if not isinstance(value, tp):
            return f"must be a {tp.__name__}, not {_name(value)}"
        try:
            check_types(value)
        except InvalidOptions as exc:
            return f".{exc.field} {exc.reason}"
        return None
    if origin is collections.abc.Callable:
        return None if callable(value) else f"must be callable, not {_name(value)}"
    if tp is timedelta or tp is bytes:
        return None if isinstance(value, tp) else f"must be a {tp.__name__}, not {_name(value)}"
    return None  # a type the options do not send as such (a file, a Protocol): not checked


_SEQUENCES = (
    list,
    tuple,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.Set,
)


def _int_problem(value: int) -> str | None:
    return "is too large" if value.bit_length() > _MAX_INT_BITS else None


def _json_problem(value: Any, depth: int) -> str | None:
    """Why ``value`` cannot be sent as JSON (None if it can)."""
    if depth > 64:
        return "is nested too deep"
    if value is None or value is EXPLICIT_NULL or isinstance(value, (str, bool, enum.Enum)):
        return None
    if isinstance(value, int):
        return _int_problem(value)
    if isinstance(value, float):
        return None if math.isfinite(value) else f"must be a finite number, not {_show(value)}"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"keys must be strings, not {_name(key)}"
            problem = _json_problem(item, depth + 1)
            if problem is not None:
                return f"[{_show(key, 40)}] {problem}"
        return None
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            problem = _json_problem(item, depth + 1)
            if problem is not None:
                return f"[{index}] {problem}"
        return None
    return f"is not a JSON value ({_name(value)})"


def _show(value: object, size: int = 80) -> str:
    """``repr(value)``, cut to ``size`` characters (an integer too long to print: its size)."""
    try:
        text = repr(value)
    except ValueError:
        return f"<an integer of {value.bit_length() if isinstance(value, int) else '?'} bits>"
    return text if len(text) <= size else text[: size - 3] + "..."


def _name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def format_value(value: Any) -> str:
    """One value as text for a query string or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return format_value(value.value)
    if isinstance(value, datetime):
        return _iso(value)
    return str(value)


def build_query_params(opts: Any) -> list[tuple[str, str]]:
    """The (key, value) pairs of the ``query()`` fields of ``opts`` that are set."""
    pairs: list[tuple[str, str]] = []
    if opts is None:
        return pairs
    check_types(opts)
    for attr, key in _fields_with(opts.__class__, _QUERY):
        value = getattr(opts, attr)
        if value is None:
            continue
        if isinstance(value, Mapping):
            pairs.extend((f"{key}:{k}" if key else k, format_value(v)) for k, v in value.items())
        elif isinstance(value, (list, tuple, set, frozenset)):
            pairs.extend((key, format_value(v)) for v in value)
        else:
            pairs.append((key, format_value(value)))
    return pairs


def build_query_string(opts: Any) -> str:
    """``?a=1&b=2`` from the ``query()`` fields of ``opts``; ``""`` if none is set."""
    pairs = build_query_params(opts)
    return "?" + urlencode(pairs) if pairs else ""


def build_headers(opts: Any) -> dict[str, str]:
    """The headers named by the ``header()`` fields of ``opts`` that are set.

    A mapping-valued field (metadata) becomes one header per key, prefixed with
    the field's header name: ``header("X-Object-Meta-")`` and ``{"a": "1"}`` give
    ``X-Object-Meta-a: 1``.
    """
    headers: dict[str, str] = {}
    if opts is None:
        return headers
    check_types(opts)
    for attr, name in _fields_with(opts.__class__, _HEADER):
        value = getattr(opts, attr)
        if value is None:
            continue
        if isinstance(value, Mapping):
            for key, item in value.items():
                full = name + _header_key(key, attr)
                headers[full] = check_header(full, format_value(item), attr)
        else:
            headers[name] = check_header(name, format_value(value), attr)
    return headers


def _header_key(key: object, field: str) -> str:
    if not isinstance(key, str):
        raise InvalidOptions(field, f"keys must be strings, got {type(key).__name__}")
    return key


def check_header(name: str, value: str, field: str) -> str:
    """``value``, once ``name: value`` is known to be a header every HTTP stack sends as is.

    Names are HTTP tokens; values are visible ASCII (inner spaces and tabs
    allowed): line breaks could inject headers, and non-ASCII text has no
    portable encoding (percent-encode it). Anything else raises
    `InvalidOptions` naming ``field``.
    """
    if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
        raise InvalidOptions(field, f"{name!r} is not a valid header name")
    if not isinstance(value, str) or not _HEADER_VALUE.fullmatch(value):
        raise InvalidOptions(field, f"the value of {name} {_value_problem(value)}")
    return value


def _value_problem(value: object) -> str:
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if not value.isascii():
        return "must be ASCII (percent-encode other text)"
    if value != value.strip(" \t"):
        return "cannot start or end with whitespace"
    return "cannot contain control characters (line breaks, NUL, ...)"


def build_body(opts: Any) -> dict[str, Any]:
    """The JSON object for the body fields of ``opts`` (None omitted, nested attrs too).

    Use `EXPLICIT_NULL` as a value to send JSON ``null`` on purpose (for
    example a subnet whose gateway is disabled).
    """
    check_types(opts)
    result: dict[str, Any] = {}
    for attr, key in _body_fields(opts.__class__):
        value = getattr(opts, attr)
        if value is None:
            continue
        result[key] = _json_value(value)
    return result


class _ExplicitNull(enum.Enum):
    NULL = "null"

    def __repr__(self) -> str:
        return "EXPLICIT_NULL"


EXPLICIT_NULL = _ExplicitNull.NULL
"""Sent as JSON ``null``: "set this to nothing", unlike ``None`` ("leave it alone")."""

ExplicitNull: TypeAlias = Literal[_ExplicitNull.NULL]
"""The type of `EXPLICIT_NULL`, for option fields that accept it."""


def _json_value(value: Any) -> Any:
    if value is EXPLICIT_NULL:
        return None
    if attrs.has(type(value)):
        to_body = getattr(value, "to_body", None)
        return to_body() if callable(to_body) else build_body(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, Mapping):
        return {k: _json_value(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_value(v) for v in _ordered(value)]
    return value


def _ordered(values: Iterable[Any]) -> Iterable[Any]:
    return sorted(values) if isinstance(values, (set, frozenset)) else values


def _iso(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"
