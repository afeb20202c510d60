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

    The function writes each value straight into the instance's slot instead
    of calling the attrs ``__init__`` (about half the cost of a small model).
    JSON scalars and untyped JSON containers are taken as sent, attrs
    converters are applied, and every other field goes through the
    converter's hook for its type (nested models, containers, datetimes).
    So a model is a slotted attrs class without validators, init hooks or
    non-init fields; anything else is refused when its hook is made.
    """
    attrs.resolve_types(cls)
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__}: a model cannot have attrs init hooks")
    namespace: dict[str, Any] = {
        "__new": object.__new__,
        "__cl": cls,
        "__isdict": isinstance,
        "__dict": dict,
        "__set_raw": _slot_setter(cls, "raw"),
    }
    lines = [
        "def structure_model(o, _):",
        "  if not __isdict(o, __dict):",
        "    raise __format_error(o)",
        "  e = __new(__cl)",
        "  __set_raw(e, o)",
    ]
    for index, field in enumerate(attrs.fields(cls)):
        if field.name != "raw":
            lines.append(f"  __s{index}(e, {_field_value(conv, cls, field, index, namespace)})")
    lines.append("  return e")

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


def _field_value(
    conv: cattrs.Converter,
    cls: type,
    field: attrs.Attribute[Any],
    index: int,
    namespace: dict[str, Any],
) -> str:
    """The expression of the generated code that gives ``field``'s value from ``o``."""
    if not field.init or field.validator is not None:
        raise TypeError(
            f"{cls.__name__}.{field.name}: models take no validators or non-init fields"
        )
    namespace[f"__s{index}"] = _slot_setter(cls, field.name)
    key = field.metadata.get(_JSON_KEY) or field.name
    converter = getattr(field.converter, "converter", field.converter)
    if converter is not None:
        namespace[f"__c{index}"] = converter
        build = f"__c{index}({{}})"
    elif _is_json_scalar(field.type):
        build = "{}"
    else:
        namespace[f"__h{index}"] = conv.get_structure_hook(field.type)
        namespace[f"__t{index}"] = field.type
        build = f"__h{index}({{}}, __t{index})"
    present = build.format(f"o[{key!r}]")
    default: Any = field.default
    if default is attrs.NOTHING:
        return present
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            raise TypeError(f"{cls.__name__}.{field.name}: models take no takes_self factories")
        namespace[f"__f{index}"] = default.factory
        missing = build.format(f"__f{index}()") if converter is not None else f"__f{index}()"
        return f"{present} if {key!r} in o else {missing}"
    namespace[f"__d{index}"] = default
    if build == "{}":
        return f"o.get({key!r})" if default is None else f"o.get({key!r}, __d{index})"
    missing = build.format(f"__d{index}") if converter is not None else f"__d{index}"
    return f"{present} if {key!r} in o else {missing}"


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The setter of slot ``name`` of ``cls`` (it bypasses a frozen class's ``__setattr__``)."""
    for klass in cls.__mro__:
        descriptor = vars(klass).get(name)
        if descriptor is not None:
            if not isinstance(descriptor, types.MemberDescriptorType):
                break
            setter: Callable[[Any, Any], None] = descriptor.__set__
            return setter
    raise TypeError(f"{cls.__name__}.{name} is not a slot: models must be slotted attrs classes")


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


converter = _make_converter()
"""The single cattrs converter every model goes through."""


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON data; a wrong shape raises ResponseFormatError."""
    hook = converter.get_structure_hook(cls)  # a model it cannot build raises TypeError here
    try:
        built: T = hook(data, cls)
        return built
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
