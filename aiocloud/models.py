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

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

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
    return conv


def _model_structure_fn(conv: cattrs.Converter, cls: type[Model]) -> Callable[[Any, Any], Model]:
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name == "raw":
            overrides["raw"] = override(omit=True)
        elif _JSON_KEY in field.metadata:
            overrides[field.name] = override(rename=field.metadata[_JSON_KEY])
    build = make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=False, **overrides)
    set_raw = object.__setattr__

    def structure_model(data: Any, _: Any) -> Model:
        if not isinstance(data, dict):
            raise ResponseFormatError(
                f"expected a JSON object for {cls.__name__}, got {type(data).__name__}"
            )
        instance = build(data, cls)
        set_raw(instance, "raw", data)
        return instance

    return structure_model


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
