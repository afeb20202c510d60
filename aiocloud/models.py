"""Declarative response models and the one converter that builds them.

A model is a frozen attrs class deriving from :class:`Model`. Fields take the
JSON key of their own name, or the one given with :func:`json_key`; every model
keeps the JSON object it came from in ``raw`` (out of eq and repr), so that
extensions can read fields the base model does not declare::

    @attrs.frozen
    class Flavor(Model):
        id: str
        name: str
        ram: int
        disabled: bool | None = json_key("OS-FLV-DISABLED:disabled", default=None)

    flavor = structure(body["flavor"], Flavor)
    flavor.raw["OS-FLV-EXT-DATA:ephemeral"]

Conversion is generated code (cattrs), built once per class: no per-item
reflection on the hot path.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs

from .errors import ResponseFormatError
from .timestamps import parse_http_date, parse_timestamp

__all__ = [
    "Model",
    "converter",
    "extract",
    "extract_list",
    "json_key",
    "parse_http_date",
    "parse_timestamp",
    "structure",
    "structure_list",
]

T = TypeVar("T")
_JSON_KEY = "aiocloud.json"


@attrs.frozen
class Model:
    """Base of every response model; ``raw`` is the JSON object it was built from."""

    raw: dict[str, Any] = attrs.field(
        factory=dict, eq=False, repr=False, kw_only=True, metadata={_JSON_KEY: None}
    )


def json_key(key: str, **kwargs: Any) -> Any:
    """A model field read from the JSON key ``key`` (``"OS-EXT-STS:vm_state"``)."""
    return attrs.field(metadata={_JSON_KEY: key}, **kwargs)


def _structure_datetime(value: Any, _: type) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    return parse_timestamp(value)


def _structure_timedelta(value: Any, _: type) -> timedelta:
    return timedelta(seconds=float(value))


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=False, prefer_attrib_converters=True)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(timedelta, _structure_timedelta)
    conv.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, Model),
        lambda cls: _model_structure_fn(conv, cls),
    )
    conv.register_structure_hook_factory(_is_optional, lambda tp: _optional_fn(conv, tp))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda tp: _tuple_fn(conv, tp))
    return conv


# cattrs' own Optional and tuple[X, ...] hooks look the inner hook up on every
# call; these look it up once per type (the per-field hot path of every model).


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_fn(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    inner_type = next(arg for arg in get_args(tp) if arg is not type(None))
    inner = conv.get_structure_hook(inner_type)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_fn(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item = conv.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes, dict)):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        return tuple([item(element, item_type) for element in value])

    return structure_tuple


def _model_structure_fn(conv: cattrs.Converter, cls: type[Model]) -> Callable[[Any, Any], Model]:
    """Generate the function that builds ``cls`` from a JSON object.

    JSON scalars (str, int, float, bool, Any and their Optionals) and fields
    with an attrs converter are taken as they are; every other field goes
    through the converter's hook for its type (nested models, containers,
    datetimes). One generated function per class: no reflection per item.
    """
    attrs.resolve_types(cls)
    namespace: dict[str, Any] = {"__cl": cls, "__isdict": isinstance, "__dict": dict}
    arguments: list[str] = []
    optional: list[str] = []
    for index, field in enumerate(attrs.fields(cls)):
        if field.name == "raw" or not field.init:
            continue
        key = field.metadata.get(_JSON_KEY) or field.name
        name = field.alias
        default = field.default
        has_factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        if field.converter is not None or _is_json_scalar(field.type):
            if default is attrs.NOTHING:
                arguments.append(f"{name}=o[{key!r}]")
            elif has_factory or not _is_immutable(default):
                optional.append(f"  if {key!r} in o: res[{name!r}] = o[{key!r}]")
            elif default is None:
                arguments.append(f"{name}=o.get({key!r})")
            else:
                namespace[f"__d{index}"] = default
                arguments.append(f"{name}=o.get({key!r}, __d{index})")
            continue
        namespace[f"__h{index}"] = conv.get_structure_hook(field.type)
        namespace[f"__t{index}"] = field.type
        value = f"__h{index}(o[{key!r}], __t{index})"
        if default is attrs.NOTHING:
            arguments.append(f"{name}={value}")
        else:
            optional.append(f"  if {key!r} in o: res[{name!r}] = {value}")
    lines = [
        "def structure_model(o, _):",
        "  if not __isdict(o, __dict):",
        "    raise __format_error(o)",
    ]
    if optional:
        lines += ["  res = {}", *optional]
        arguments.append("**res")
    lines.append(f"  return __cl({', '.join([*arguments, 'raw=o'])})")

    def format_error(data: Any) -> ResponseFormatError:
        return ResponseFormatError(
            f"expected a JSON object for {cls.__name__}, got {type(data).__name__}"
        )

    namespace["__format_error"] = format_error
    source = "\n".join(lines) + "\n"
    exec(
        compile(source, f"<aiocloud structure {cls.__module__}.{cls.__qualname__}>", "exec"),
        namespace,
    )
    function: Callable[[Any, Any], Model] = namespace["structure_model"]
    return function


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


_JSON_AS_IS = (dict[str, Any], list[Any], list[dict[str, Any]])


def _is_json_scalar(tp: Any) -> bool:
    """Whether values of type ``tp`` are taken as JSON sent them, without a copy.

    JSON scalars, and the untyped JSON containers (``dict[str, Any]``,
    ``list[Any]``, ``list[dict[str, Any]]``) that models keep as they are.
    """
    if tp is Any or tp in _JSON_SCALARS or tp in _JSON_AS_IS:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        return all(arg in _JSON_SCALARS or arg in _JSON_AS_IS for arg in get_args(tp))
    return False


def _is_immutable(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, tuple, frozenset))


converter = _make_converter()
"""The single cattrs converter every model goes through."""


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON data; a wrong shape raises ResponseFormatError."""
    try:
        return converter.structure(data, cls)
    except ResponseFormatError:
        raise
    except (KeyError, TypeError, ValueError, cattrs.BaseValidationError) as exc:
        name = getattr(cls, "__name__", str(cls))
        raise ResponseFormatError(f"cannot read {name} from the answer: {exc!r}") from exc


def extract(body: Any, key: str, cls: type[T]) -> T:
    """The ``cls`` under ``body[key]`` (``{"server": {...}}``); a wrong shape raises."""
    if not isinstance(body, dict) or key not in body:
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return structure(body[key], cls)


def extract_list(body: Any, key: str, cls: type[T]) -> list[T]:
    """The list of ``cls`` under ``body[key]``; a wrong shape raises."""
    if not isinstance(body, dict) or key not in body:
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return structure_list(body[key], cls)


def structure_list(items: Any, cls: type[T]) -> list[T]:
    """A list of ``cls`` from a JSON array (the per-page hot path of listings)."""
    if not isinstance(items, list):
        name = getattr(cls, "__name__", str(cls))
        raise ResponseFormatError(f"expected a JSON array of {name}, got {type(items).__name__}")
    hook = converter.get_structure_hook(cls)
    try:
        return [hook(item, cls) for item in items]
    except ResponseFormatError:
        raise
    except (KeyError, TypeError, ValueError, cattrs.BaseValidationError) as exc:
        name = getattr(cls, "__name__", str(cls))
        raise ResponseFormatError(f"cannot read {name} from the answer: {exc!r}") from exc
