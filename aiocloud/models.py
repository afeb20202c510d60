"""Declarative response models and the one converter that builds them.

A model is a frozen attrs class deriving from `Model`. Fields take the
JSON key of their own name, or the one given with `json_key()`; every model
keeps the JSON object it came from in ``raw`` (out of eq and repr), so that
extensions can read fields the base model does not declare:

```python
@attrs.frozen
class Flavor(Model):
    id: str
    name: str
    ram: int
    disabled: bool | None = json_key("OS-FLV-DISABLED:disabled", default=None)

flavor = structure(body["flavor"], Flavor)
flavor.raw["OS-FLV-EXT-DATA:ephemeral"]
```

Each model class gets one builder function, generated from its fields the first
time it is needed: no per-item reflection on the hot path. What a builder
cannot honour (attrs validators, init hooks, non-init fields) is refused when
the class is defined.
"""

from __future__ import annotations

import linecache
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
    "builder",
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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__attrs_attrs__" in cls.__dict__:  # the class attrs made (slotted): check it now
            _check_model(cls)


def _check_model(cls: type) -> None:
    """Refuse a model its builder could not fill: hooks, validators, non-init fields."""
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__}: a model cannot have attrs init hooks")
    for field in attrs.fields(cls):
        if not field.init or field.validator is not None:
            raise TypeError(
                f"{cls.__name__}.{field.name}: models take no validators or non-init fields"
            )
        default = field.default
        if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{field.name}: models take no takes_self factories")


def json_key(key: str, **kwargs: Any) -> Any:
    """A model field read from the JSON key ``key`` (``"OS-EXT-STS:vm_state"``)."""
    return attrs.field(metadata={_JSON_KEY: key}, **kwargs)


def _structure_str(value: Any, cls: type) -> str:
    if type(value) is not str:
        raise _wrong_type("a string", value)
    return value if cls is str else _subclass(cls, value)


def _structure_int(value: Any, cls: type) -> int:
    if type(value) is not int:
        raise _wrong_type("an integer", value)
    return value if cls is int else _subclass(cls, value)


def _subclass(cls: type[T], value: Any) -> T:
    """``value`` as ``cls``, a subclass of its type (a ``str`` or ``int`` enum)."""
    return cls(value)  # type: ignore[call-arg]


def _structure_float(value: Any, _: type) -> float:
    if type(value) is not float and type(value) is not int:
        raise _wrong_type("a number", value)
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise _wrong_type("a boolean", value)
    return value


def _wrong_type(expected: str, value: Any) -> ResponseFormatError:
    return ResponseFormatError(f"expected {expected}, got {_json_type(value)}")


def _json_type(value: Any) -> str:
    """The JSON name of ``value``'s type (``null``, ``array``, ``object``, ...)."""
    return _JSON_NAMES.get(type(value), type(value).__name__)


_JSON_NAMES = {
    type(None): "null",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
}


def _structure_datetime(value: Any, _: type) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if type(value) is int or type(value) is float:
        try:
            return datetime.fromtimestamp(value, timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ResponseFormatError(f"not a timestamp: {value!r}") from None
    return parse_timestamp(value)


def _structure_timedelta(value: Any, _: type) -> timedelta:
    if type(value) is not int and type(value) is not float:
        raise _wrong_type("a number of seconds", value)
    try:
        return timedelta(seconds=value)
    except (OverflowError, ValueError):
        raise ResponseFormatError(f"not a duration: {value!r}") from None


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=False, prefer_attrib_converters=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(timedelta, _structure_timedelta)
    conv.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, Model),
        lambda cls: _model_structure_fn(conv, cls),
    )
    conv.register_structure_hook_factory(_is_optional, lambda tp: _optional_fn(conv, tp))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda tp: _tuple_fn(conv, tp))
    conv.register_structure_hook_factory(_is_list, lambda tp: _list_fn(conv, tp))
    conv.register_structure_hook_factory(_is_str_dict, lambda tp: _dict_fn(conv, tp))
    return conv


# cattrs' own Optional, tuple, list and dict hooks look the inner hook up on
# every call and take any iterable or mapping; these look it up once per type
# (the per-field hot path of every model) and take JSON arrays and objects only.


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
    list_fn = _list_fn(conv, list[get_args(tp)[0]])  # type: ignore[misc]

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        return tuple(list_fn(value, tp))

    return structure_tuple


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is list and len(get_args(tp)) == 1


def _list_fn(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], list[Any]]:
    item_type = get_args(tp)[0]
    item = conv.get_structure_hook(item_type)

    def structure_list(value: Any, _: Any) -> list[Any]:
        if not isinstance(value, (list, tuple)):
            raise _wrong_type("an array", value)
        return [item(element, item_type) for element in value]

    return structure_list


def _is_str_dict(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is dict and len(args) == 2 and args[0] is str and args[1] is not Any


def _dict_fn(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], dict[str, Any]]:
    value_type = get_args(tp)[1]
    item = conv.get_structure_hook(value_type)

    def structure_dict(value: Any, _: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _wrong_type("an object", value)
        return {_structure_str(key, str): item(v, value_type) for key, v in value.items()}

    return structure_dict


_BAD_SHAPE = (
    ResponseFormatError,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    OverflowError,
    cattrs.BaseValidationError,
)
"""What building a value from the wrong JSON raises."""


_MISSING = object()


def _model_structure_fn(conv: cattrs.Converter, cls: type[Model]) -> Callable[[Any, Any], Model]:
    """Generate the function that builds ``cls`` from a JSON object.

    The function writes each value straight into the instance's slot instead
    of calling the attrs ``__init__``.
    JSON scalars and untyped JSON containers are taken as sent once their
    type is checked (``type(v) is str``: no copy, no conversion), attrs
    converters are applied, and every other field goes through the
    converter's hook for its type (nested models, containers, datetimes).
    A field that is missing, null or of the wrong type raises
    ResponseFormatError naming the model and the field. So a model is a
    slotted attrs class without validators, init hooks or non-init fields;
    anything else is refused when its hook is made.
    """
    attrs.resolve_types(cls)
    _check_model(cls)
    namespace: dict[str, Any] = {
        "__new": object.__new__,
        "__cl": cls,
        "__isdict": isinstance,
        "__dict": dict,
        "__set_raw": _slot_setter(cls, "raw"),
        "__M": _MISSING,
        "__bad_shape": _BAD_SHAPE,
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
            lines.extend(_field_lines(conv, cls, field, index, namespace))
            lines.append(f"  __s{index}(e, v)")
    lines.append("  return e")

    def format_error(data: Any) -> ResponseFormatError:
        return ResponseFormatError(
            f"expected a JSON object for {cls.__name__}, got {_json_type(data)}"
        )

    namespace["__format_error"] = format_error
    source = "\n".join(lines) + "\n"
    filename = f"<aiocloud structure {cls.__module__}.{cls.__qualname__}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    function: Callable[[Any, Any], Model] = namespace["structure_model"]
    return function


def _field_lines(
    conv: cattrs.Converter,
    cls: type,
    field: attrs.Attribute[Any],
    index: int,
    namespace: dict[str, Any],
) -> list[str]:
    """The lines of the generated code that put ``field``'s value from ``o`` in ``v``."""
    namespace[f"__s{index}"] = _slot_setter(cls, field.name)
    key = field.metadata.get(_JSON_KEY) or field.name
    where = f"{cls.__name__}.{field.name}" + (f" ({key!r})" if key != field.name else "")
    namespace[f"__e{index}"] = _field_error_fn(where)
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        namespace[f"__d{index}"] = default.factory
        fallback = f"__d{index}()"
    else:
        namespace[f"__d{index}"] = default
        fallback = f"__d{index}"
    converter = getattr(field.converter, "converter", field.converter)
    if converter is None and _is_json_scalar(field.type):
        return _scalar_lines(field.type, key, index, default, fallback, namespace)
    if converter is not None:
        namespace[f"__c{index}"] = converter
        build = f"__c{index}(v)"
    else:
        namespace[f"__h{index}"] = conv.get_structure_hook(field.type)
        namespace[f"__t{index}"] = field.type
        build = f"__h{index}(v, __t{index})"
    if default is attrs.NOTHING:
        return [*_required(key, index), *_guarded(f"v = {build}", index, "  ")]
    lines = [f"  v = o.get({key!r}, __M)", "  if v is __M:"]
    if converter is not None:  # attrs converts a default too
        return [*lines, f"    v = {fallback}", *_guarded(f"v = {build}", index, "  ")]
    return [*lines, f"    v = {fallback}", "  else:", *_guarded(f"v = {build}", index, "    ")]


def _required(key: str, index: int) -> list[str]:
    """Put the value of ``key`` in ``v``; its absence raises the field's error."""
    return [
        "  try:",
        f"    v = o[{key!r}]",
        "  except KeyError:",
        f"    raise __e{index}(__M) from None",
    ]


def _guarded(statement: str, index: int, indent: str) -> list[str]:
    """``statement`` in a try block that names the field when the value has the wrong shape."""
    return [
        f"{indent}try:",
        f"{indent}  {statement}",
        f"{indent}except __bad_shape as x:",
        f"{indent}  raise __e{index}(x) from x",
    ]


def _scalar_lines(
    tp: Any, key: str, index: int, default: Any, fallback: str, namespace: dict[str, Any]
) -> list[str]:
    """Take a JSON scalar or untyped container as sent, once its type is checked."""
    if default is attrs.NOTHING:
        lines = _required(key, index)
    elif default is None:
        lines = [f"  v = o.get({key!r})"]
    elif fallback == f"__d{index}":
        lines = [f"  v = o.get({key!r}, __d{index})"]
    else:
        lines = [f"  v = o.get({key!r}, __M)", "  if v is __M:", f"    v = {fallback}"]
    check = _type_check(tp, index, namespace)
    if check:
        lines += [f"  if {check}:", f"    raise __e{index}(v)"]
    return lines


def _type_check(tp: Any, index: int, namespace: dict[str, Any]) -> str:
    """The condition true when ``v`` is not a JSON value of type ``tp`` (``""``: any is)."""
    args = get_args(tp) if get_origin(tp) in (Union, types.UnionType) else (tp,)
    if Any in args:
        return ""
    exact = {_AS_IS_TYPES.get(arg, arg) for arg in args if arg is not type(None)}
    if float in exact:
        exact.add(int)
    if list[dict[str, Any]] in args:
        namespace[f"__ok{index}"] = _json_test(exact)
        check = f"not __ok{index}(v)"
    elif len(exact) == 1:
        check = f"type(v) is not {next(iter(exact)).__name__}"
    else:
        namespace[f"__k{index}"] = frozenset(exact)
        check = f"type(v) not in __k{index}"
    return f"v is not None and {check}" if type(None) in args else check


def _json_test(exact: set[type]) -> Callable[[Any], bool]:
    """Whether a value is of one of the ``exact`` types, a list being one of JSON objects."""
    kinds = frozenset(exact)

    def is_json(value: Any) -> bool:
        kind = type(value)
        if kind is list:
            return all(type(item) is dict for item in value)
        return kind in kinds

    return is_json


def _field_error_fn(where: str) -> Callable[[Any], ResponseFormatError]:
    """The error of a field (``Server.id``) that is missing, or of the wrong type or shape."""

    def field_error(value: Any) -> ResponseFormatError:
        if value is _MISSING:
            return ResponseFormatError(f"{where}: missing from the answer")
        if isinstance(value, BaseException):
            detail = str(value) if isinstance(value, ResponseFormatError) else repr(value)
            return ResponseFormatError(f"{where}: {detail}")
        return ResponseFormatError(f"{where}: unexpected {_json_type(value)}")

    return field_error


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


_AS_IS_TYPES: dict[Any, type] = {dict[str, Any]: dict, list[Any]: list, list[dict[str, Any]]: list}
"""The untyped JSON containers models keep as sent, and the type their value must have."""


def _is_json_scalar(tp: Any) -> bool:
    """Whether values of type ``tp`` are taken as JSON sent them, without a copy.

    JSON scalars, and the untyped JSON containers (``dict[str, Any]``,
    ``list[Any]``, ``list[dict[str, Any]]``) that models keep as they are.
    """
    if tp is Any or tp in _JSON_SCALARS or tp in _AS_IS_TYPES:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        return all(arg in _JSON_SCALARS or arg in _AS_IS_TYPES for arg in get_args(tp))
    return False


_converter = _make_converter()


def builder(cls: type[T]) -> Callable[[Any], T]:
    """The function that builds a ``cls`` from JSON data (for listings of mixed items).

    Faster than `structure()` in a loop; a wrong shape raises
    ResponseFormatError, or a ``TypeError``/``ValueError`` from a conversion.
    """
    hook = _converter.get_structure_hook(cls)
    return lambda data: hook(data, cls)


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON data; a wrong shape raises ResponseFormatError."""
    hook = _converter.get_structure_hook(cls)  # a model it cannot build raises TypeError here
    try:
        built: T = hook(data, cls)
        return built
    except ResponseFormatError:
        raise
    except _BAD_SHAPE as exc:
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
    hook = _converter.get_structure_hook(cls)
    try:
        return [hook(item, cls) for item in items]
    except ResponseFormatError:
        raise
    except _BAD_SHAPE as exc:
        name = getattr(cls, "__name__", str(cls))
        raise ResponseFormatError(f"cannot read {name} from the answer: {exc!r}") from exc
