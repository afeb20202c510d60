"""params: query strings, headers and bodies from attrs field metadata."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone

import attrs
import pytest

from aiocloud.errors import InvalidOptions
from aiocloud.params import (
    EXPLICIT_NULL,
    body,
    build_body,
    build_headers,
    build_query_params,
    build_query_string,
    check_header,
    header,
    query,
)


class Status(enum.Enum):
    ACTIVE = "ACTIVE"


@attrs.frozen
class ListOpts:
    name: str | None = query()
    changes_since: datetime | None = query("changes-since")
    all_tenants: bool | None = query()
    limit: int | None = query()
    status: Status | None = query()
    tags: list[str] | None = query("tag")
    newest: bool | None = header("X-Newest")
    metadata: dict[str, str] | None = header("X-Object-Meta-")


@attrs.frozen
class Nested:
    port: str


@attrs.frozen
class CreateOpts:
    name: str
    disk_config: str | None = body("OS-DCF:diskConfig")
    gateway_ip: object = None
    networks: list[Nested] | None = None
    when: datetime | None = None
    kind: Status | None = None


def test_none_is_never_sent() -> None:
    assert build_query_string(ListOpts()) == ""
    assert build_headers(ListOpts()) == {}
    assert build_query_params(None) == []
    assert build_body(CreateOpts(name="a")) == {"name": "a"}


def test_query_string_formats_every_kind() -> None:
    opts = ListOpts(
        name="web 1",
        changes_since=datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2))),
        all_tenants=True,
        limit=10,
        status=Status.ACTIVE,
        tags=["a", "b"],
    )
    assert build_query_string(opts) == (
        "?name=web+1&changes-since=2024-05-01T10%3A00%3A00Z&all_tenants=true&limit=10"
        "&status=ACTIVE&tag=a&tag=b"
    )


def test_headers_with_bool_and_metadata_prefix() -> None:
    opts = ListOpts(newest=False, metadata={"color": "blue", "Size": "3"})
    assert build_headers(opts) == {
        "X-Newest": "false",
        "X-Object-Meta-color": "blue",
        "X-Object-Meta-Size": "3",
    }


def test_body_renames_nests_and_sends_explicit_null() -> None:
    opts = CreateOpts(
        name="a",
        disk_config="AUTO",
        gateway_ip=EXPLICIT_NULL,
        networks=[Nested(port="p1")],
        when=datetime(2024, 1, 1, tzinfo=timezone.utc),
        kind=Status.ACTIVE,
    )
    assert build_body(opts) == {
        "name": "a",
        "OS-DCF:diskConfig": "AUTO",
        "gateway_ip": None,
        "networks": [{"port": "p1"}],
        "when": "2024-01-01T00:00:00Z",
        "kind": "ACTIVE",
    }


@attrs.frozen
class HeaderOpts:
    content_type: str | None = header("Content-Type")
    metadata: dict[str, str] | None = header("X-Object-Meta-")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("a\r\nX-Evil: 1", "control characters"),
        ("a\x00", "control characters"),
        ("a\x1bb", "control characters"),
        ("caf\u00e9", "must be ASCII"),
        (" a", "whitespace"),
        ("a\t", "whitespace"),
    ],
)
def test_headers_refuse_values_no_http_stack_sends_as_is(value: str, reason: str) -> None:
    with pytest.raises(InvalidOptions, match=reason) as caught:
        build_headers(HeaderOpts(content_type=value))
    assert caught.value.field == "content_type"


@pytest.mark.parametrize("key", ["a b", "a\nb", "caf\u00e9", "a:b", 5])
def test_header_mappings_refuse_keys_that_make_bad_names(key: object) -> None:
    with pytest.raises(InvalidOptions) as caught:
        build_headers(HeaderOpts(metadata={key: "v"}))  # type: ignore[dict-item]
    assert caught.value.field == "metadata"


def test_headers_keep_inner_spaces_tabs_and_empty_values() -> None:
    opts = HeaderOpts(content_type="text/plain; charset=utf-8", metadata={"a": "x\ty", "b": ""})
    assert build_headers(opts) == {
        "Content-Type": "text/plain; charset=utf-8",
        "X-Object-Meta-a": "x\ty",
        "X-Object-Meta-b": "",
    }


def test_check_header_returns_the_value_and_never_echoes_it() -> None:
    assert check_header("X-Auth-Key", "k", "key") == "k"
    with pytest.raises(InvalidOptions) as caught:
        check_header("X-Auth-Key", "s3cret\n", "key")
    assert "s3cret" not in str(caught.value)
