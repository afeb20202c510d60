"""Fuzzing caller input: odd option values give a correct request or InvalidOptions first.

Every options class of every service is built with odd values (NaN and
infinite floats, huge integers, booleans where integers are expected, items
of the wrong type in lists and mappings, None inside mappings, naive and
aware datetimes at the ends of their range, empty, very long and control
character strings). What the options turn into (body, query, headers) must
then be sendable as is: strict JSON, text query pairs, header values every
HTTP stack sends unchanged. Or building it raises InvalidOptions; never a
bare Python exception. A few operations are then run end to end: either
InvalidOptions before any request, or a request to the resource named.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import importlib
import json
import math
import pkgutil
import re
import types
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import parse_qsl, urlsplit

import attrs
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aiocloud.openstack
from aiocloud import errors, openstack
from aiocloud.models import Model
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.compute.v2 import flavors, servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.openstack.identity.v3 import endpoints, services
from aiocloud.openstack.networking.v2 import networks, ports
from aiocloud.openstack.networking.v2.extensions.lbaas import members, monitors, vips
from aiocloud.openstack.networking.v2.extensions.security import rules
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.params import build_body, build_headers, build_query_params
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

# -- odd values ---------------------------------------------------------------------------

_ODD_TEXT = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", " ", "a\r\nX-Injected: 1", "a\nb", "a\x00b", "\t", "é", "..", "/", "%2F"]),
    st.just(None).map(lambda _: "x" * 5000),
)
_ODD_INT = st.one_of(
    st.integers(-(2**70), 2**70),
    st.booleans(),
    st.sampled_from([0, -1, 65536]),
    st.just(None).map(lambda _: 10**5000),  # too long to print (hypothesis would print it)
)
_ODD_FLOAT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.booleans(), _ODD_INT)
_EARLY = datetime.min.replace(tzinfo=timezone(timedelta(hours=5)))  # before year 1 in UTC
_LATE = datetime.max.replace(tzinfo=timezone(-timedelta(hours=5)))  # after year 9999 in UTC
_ODD_DATETIME = st.one_of(
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    st.sampled_from(
        [
            datetime.min,
            datetime.max,
            _EARLY,
            datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),
        ]
    ),
)
_JUNK = st.one_of(
    st.none(), _ODD_TEXT, _ODD_INT, st.floats(), st.sampled_from([object(), b"b", {1, 2}])
)


def _odd(tp: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of ``tp``, the odd ones often, and now and then a value of the wrong type."""
    return st.one_of(_typed(tp, depth), _JUNK) if depth == 0 else _typed(tp, depth)


def _typed(tp: Any, depth: int) -> st.SearchStrategy[Any]:
    origin, args = get_origin(tp), get_args(tp)
    if tp is Any or tp is object:
        return _JUNK
    if origin in (Union, types.UnionType):
        return st.one_of(*(_typed(arg, depth) for arg in args))
    if tp is type(None) or tp is None:
        return st.none()
    if origin is Literal:
        return st.one_of(st.sampled_from(args), _ODD_TEXT)
    if tp is str:
        return _ODD_TEXT
    if tp is bool:
        return st.one_of(st.booleans(), st.sampled_from([0, 1, "true"]))
    if tp is int:
        return _ODD_INT
    if tp is float:
        return _ODD_FLOAT
    if tp is bytes:
        return st.binary(max_size=8)
    if tp is datetime:
        return _ODD_DATETIME
    if tp is timedelta:
        return st.timedeltas()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if origin in (list, tuple, Sequence, set, frozenset) or tp in (list, tuple):
        item = args[0] if args else Any
        inner = _typed(item, depth + 1) if depth < 2 else st.none()
        return st.lists(st.one_of(inner, _JUNK), max_size=3).map(tuple if origin is tuple else list)
    if origin in (dict, Mapping) or tp is dict:
        value = args[1] if len(args) == 2 else Any
        inner = _typed(value, depth + 1) if depth < 2 else st.none()
        keys = st.one_of(_ODD_TEXT, st.integers(), st.none())
        return st.dictionaries(keys, st.one_of(inner, st.none(), _JUNK), max_size=3)
    if isinstance(tp, type) and attrs.has(tp) and depth < 2:
        return _opts(tp, depth + 1)
    return st.none()


def _opts(cls: type, depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances of the options class ``cls``, each field odd."""
    hints = get_type_hints(cls)
    fields = {
        f.name.lstrip("_"): _odd(hints[f.name], depth)
        if f.default is attrs.NOTHING
        else st.one_of(st.none(), _odd(hints[f.name], depth))
        for f in attrs.fields(cls)
        if f.init
    }
    return st.fixed_dictionaries(fields).map(lambda kwargs: _build(cls, kwargs))


class _Unbuildable(Exception):
    """Options the caller could not even make (an attrs converter refused the value)."""


def _build(cls: type, kwargs: dict[str, Any]) -> Any:
    try:
        return cls(**kwargs)
    except errors.InvalidOptions:
        raise
    except (TypeError, ValueError) as exc:  # a converter (",".join of non-str items)
        raise _Unbuildable(repr(exc)) from exc


def _options_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(aiocloud.openstack.__path__, "aiocloud.openstack."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and attrs.has(obj)
                and obj.__module__ == module.__name__
                and not issubclass(obj, Model)
                and not name.startswith("_")
                and (name.endswith("Opts") or name in ("Connector", "Network", "BlockDevice"))
                and "base" not in attrs.fields_dict(obj)
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[key] for key in sorted(found)]


_CLASSES = _options_classes()


def _id(cls: type) -> str:
    return f"{cls.__module__.removeprefix('aiocloud.openstack.')}.{cls.__name__}"


# -- what a correct request looks like ------------------------------------------------------

_HEADER_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?")


def _check_body(body: Any) -> None:
    """``body`` is strict JSON: no NaN/Infinity, only JSON types, string keys."""
    json.dumps(body, allow_nan=False)
    _check_json_types(body)


def _check_json_types(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, f"a non-string key {key!r}"
            _check_json_types(item)
    elif isinstance(value, list):
        for item in value:
            _check_json_types(item)
    else:
        assert value is None or type(value) in (str, int, float, bool), f"not JSON: {value!r:.80}"
        if type(value) is float:
            assert math.isfinite(value)


def _check_query(pairs: Any) -> None:
    for key, value in pairs:
        assert type(key) is str and type(value) is str, (key, value)
        if key != "is_public":  # flavors.AccessType.ALL is "None" on purpose
            assert value != "None", f"{key}=None sent for an unset value"


def _check_headers(headers: Mapping[str, str]) -> None:
    for name, value in headers.items():
        assert type(value) is str and _HEADER_VALUE.fullmatch(value), (name, value)
        assert value != "None", f"{name}: None sent for an unset value"


def _exercise(opts: Any) -> None:
    """Everything ``opts`` turns into, checked (InvalidOptions is a fine answer)."""
    with contextlib.suppress(errors.InvalidOptions):
        to_body = getattr(opts, "to_body", None)
        _check_body(to_body() if callable(to_body) else build_body(opts))
    with contextlib.suppress(errors.InvalidOptions):
        to_query = getattr(opts, "to_query", None)
        _check_query(to_query() if callable(to_query) else build_query_params(opts))
    with contextlib.suppress(errors.InvalidOptions):
        to_headers = getattr(opts, "to_headers", None)
        _check_headers(to_headers() if callable(to_headers) else build_headers(opts))


@pytest.mark.parametrize(
    "cls", _CLASSES, ids=[f"{c.__module__[19:]}.{c.__name__}" for c in _CLASSES]
)
def test_odd_options_build_a_sendable_request_or_invalid_options(cls: type) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def fuzz(data: st.DataObject) -> None:
        try:
            opts = data.draw(_opts(cls))
        except (errors.InvalidOptions, _Unbuildable):
            return
        _exercise(opts)

    fuzz()


# -- end to end -----------------------------------------------------------------------------

Run = Callable[[ServiceClient, Any], Awaitable[Any]]

_NEUTRON = openstack.new_network_v2
_NOVA = openstack.new_compute_v2
_CINDER = openstack.new_block_storage_v3
_KEYSTONE = openstack.new_identity_v3
_SWIFT = openstack.new_object_storage_v1

_OPERATIONS: list[tuple[str, Any, Any, Run, str]] = [
    (
        "rules.create",
        _NEUTRON,
        rules.CreateOpts,
        lambda c, o: rules.create(c, o),
        "/v2.0/security-group-rules",
    ),
    ("rules.list", _NEUTRON, rules.ListOpts, lambda c, o: rules.list(c, o).all(), "/v2.0/"),
    ("members.create", _NEUTRON, members.CreateOpts, lambda c, o: members.create(c, o), "/lb/"),
    ("monitors.create", _NEUTRON, monitors.CreateOpts, lambda c, o: monitors.create(c, o), "/lb/"),
    ("vips.update", _NEUTRON, vips.UpdateOpts, lambda c, o: vips.update(c, "v", o), "/lb/vips/v"),
    (
        "networks.list",
        _NEUTRON,
        networks.ListOpts,
        lambda c, o: networks.list(c, o).all(),
        "/v2.0/networks",
    ),
    ("ports.create", _NEUTRON, ports.CreateOpts, lambda c, o: ports.create(c, o), "/v2.0/ports"),
    ("servers.list", _NOVA, servers.ListOpts, lambda c, o: servers.list(c, o).all(), "/servers"),
    (
        "servers.attach_volume",
        _NOVA,
        servers.AttachVolumeOpts,
        lambda c, o: servers.attach_volume(c, "s", o),
        "/servers/s/os-volume_attachments",
    ),
    ("flavors.create", _NOVA, flavors.CreateOpts, lambda c, o: flavors.create(c, o), "/flavors"),
    (
        "keypairs.create",
        _NOVA,
        keypairs.CreateOpts,
        lambda c, o: keypairs.create(c, o),
        "/os-keypairs",
    ),
    (
        "volumes.create",
        _CINDER,
        volumes_v3.CreateOpts,
        lambda c, o: volumes_v3.create(c, o),
        "/volumes",
    ),
    (
        "volumes.list",
        _CINDER,
        volumes_v3.ListOpts,
        lambda c, o: volumes_v3.list(c, o).all(),
        "/volumes/detail",
    ),
    (
        "volumes.initialize_connection",
        _CINDER,
        volumes_v3.Connector,
        lambda c, o: volumes_v3.initialize_connection(c, "v", o),
        "/volumes/v/action",
    ),
    (
        "services.create",
        _KEYSTONE,
        services.CreateOpts,
        lambda c, o: services.create(c, o),
        "/v3/services",
    ),
    (
        "endpoints.list",
        _KEYSTONE,
        endpoints.ListOpts,
        lambda c, o: endpoints.list(c, o).all(),
        "/v3/endpoints",
    ),
    (
        "containers.create",
        _SWIFT,
        containers.CreateOpts,
        lambda c, o: containers.create(c, "c", o),
        "/c",
    ),
    (
        "objects.update",
        _SWIFT,
        objects.UpdateOpts,
        lambda c, o: objects.update(c, "c", "o", o),
        "/c/o",
    ),
    (
        "objects.list",
        _SWIFT,
        objects.ListOpts,
        lambda c, o: objects.list(c, "c", o).all(),
        "/c",
    ),
]


@pytest.mark.parametrize(
    ("make", "cls", "run", "path"),
    [case[1:] for case in _OPERATIONS],
    ids=[case[0] for case in _OPERATIONS],
)
def test_odd_options_end_to_end(make: Any, cls: type, run: Run, path: str) -> None:
    sent: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(400, json={"error": {"message": "fuzz"}})

    with contextlib.closing(asyncio.new_event_loop()) as loop:
        cloud = MockCloud()
        loop.run_until_complete(cloud.__aenter__())
        cloud.router.route(host="cloud.test").mock(side_effect=respond)
        client = loop.run_until_complete(make(cloud.provider))
        try:

            @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
            @given(st.data())
            def fuzz(data: st.DataObject) -> None:
                try:
                    opts = data.draw(_opts(cls))
                except (errors.InvalidOptions, _Unbuildable):
                    return
                sent.clear()
                try:
                    loop.run_until_complete(run(client, opts))
                except errors.InvalidOptions:
                    assert not sent, "InvalidOptions after a request was sent"
                    return
                except errors.HTTPError:
                    pass
                assert sent, "no request and no error"
                for request in sent:
                    _check_request(request, path)

            fuzz()
        finally:
            loop.run_until_complete(cloud.__aexit__(None, None, None))


def _check_request(request: httpx.Request, path: str) -> None:
    url = urlsplit(str(request.url))
    assert url.hostname == "cloud.test"
    assert path in url.path, f"{request.method} {url.path} is not under {path}"
    for key, value in parse_qsl(url.query, keep_blank_values=True):
        assert value != "None" or key == "is_public", f"{key}=None sent"
    _check_headers({k: v for k, v in request.headers.items() if k.lower() != "content-length"})
    if request.content and request.headers.get("content-type") == "application/json":
        json.loads(request.content, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"{name} is not JSON")


# -- the defects the fuzzing found, one by one ---------------------------------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: members.CreateOpts(pool_id="p", address="a", protocol_port="80"), "protocol_port"),  # type: ignore[arg-type]
        (lambda: members.CreateOpts(pool_id="p", address="a", protocol_port=True), "protocol_port"),
        (lambda: vips.CreateOpts("v", "s", "HTTP", None, "p"), "protocol_port"),  # type: ignore[arg-type]
        (lambda: monitors.UpdateOpts(delay=5, timeout="x"), "timeout"),  # type: ignore[arg-type]
        (lambda: rules.ListOpts(limit=True), "limit"),
        (lambda: rules.ListOpts(limit=10**5000), "limit"),
        (lambda: flavors.CreateOpts("f", 1, 1, 1, rxtx_factor=math.nan), "rxtx_factor"),
        (lambda: flavors.CreateOpts("f", 1, 1, 1, rxtx_factor=math.inf), "rxtx_factor"),
        (lambda: services.CreateOpts(type="t", extra={"x": math.nan}), "extra"),
        (lambda: services.CreateOpts(type="t", extra={"x": object()}), "extra"),
        (lambda: services.CreateOpts(type="t", extra="x"), "extra"),  # type: ignore[arg-type]
        (lambda: volumes_v3.Connector(extra={1: "x"}), "extra"),  # type: ignore[dict-item]
        (lambda: volumes_v3.ListOpts(metadata={"a": None}), "metadata"),  # type: ignore[dict-item]
        (lambda: volumes_v3.ListOpts(limit="10"), "limit"),  # type: ignore[arg-type]
        (lambda: containers.CreateOpts(metadata={"a": None}), "metadata"),  # type: ignore[dict-item]
        (
            lambda: objects.UpdateOpts(delete_at=_LATE),
            "delete_at",
        ),
        (
            lambda: objects.DownloadOpts(if_modified_since=_EARLY),
            "if_modified_since",
        ),
        (
            lambda: servers.ListOpts(changes_since=_EARLY),
            "changes_since",
        ),
        (lambda: servers.RebootOpts(type=1), "type"),  # type: ignore[arg-type]
        (lambda: servers.RebuildOpts(image_ref="i", metadata=5), "metadata"),  # type: ignore[arg-type]
        (lambda: ports.ListOpts(fixed_ips=5), "fixed_ips"),  # type: ignore[arg-type]
    ],
)
def test_odd_options_raise_invalid_options_naming_the_field(make: Any, field: str) -> None:
    opts = make()
    with pytest.raises(errors.InvalidOptions) as caught:
        _exercise_strictly(opts)
    assert caught.value.field == field


def _exercise_strictly(opts: Any) -> None:
    for name in ("to_body", "to_query", "to_headers"):
        method = getattr(opts, name, None)
        if callable(method):
            method()
    build_body(opts)
    build_query_params(opts)
    build_headers(opts)


def test_naive_and_aware_datetimes_are_sent_in_utc() -> None:
    naive = servers.ListOpts(changes_since=datetime(2024, 5, 1, 10, 0))
    aware = servers.ListOpts(
        changes_since=datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    )
    assert build_query_params(naive) == build_query_params(aware)
    assert build_query_params(naive) == [("changes-since", "2024-05-01T10:00:00Z")]
