"""models and timestamps: one converter, tolerant timestamps, raw kept."""

from __future__ import annotations

import traceback
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest

from aiocloud import errors
from aiocloud.models import Model, extract, json_key, structure, structure_list
from aiocloud.timestamps import parse_http_date, parse_timestamp


@attrs.frozen
class Item(Model):
    id: str
    vm_state: str | None = json_key("OS-EXT-STS:vm_state", default=None)
    created: datetime | None = None
    tags: list[str] = attrs.field(factory=list)


UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T10:00:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01 10:00:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T10:00:00.123456Z", datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2024-05-01T10:00:00.123456789Z", datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2024-05-01T10:00:00.5", datetime(2024, 5, 1, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2024-05-01T12:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T12:00:00+0200", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2014-09-24T19:00:00.000-05:00", datetime(2014, 9, 25, 0, tzinfo=UTC)),
    ],
)
def test_every_timestamp_form(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed.tzinfo == UTC


def test_bad_timestamp_raises_format_error() -> None:
    with pytest.raises(errors.ResponseFormatError):
        parse_timestamp("yesterday")


def test_http_date() -> None:
    assert parse_http_date("Wed, 01 May 2024 10:00:00 GMT") == datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_structure_renames_parses_and_keeps_raw() -> None:
    data = {"id": "1", "OS-EXT-STS:vm_state": "active", "created": "2024-05-01T10:00:00Z", "x": 1}
    item = structure(data, Item)
    assert item == Item(id="1", vm_state="active", created=datetime(2024, 5, 1, 10, tzinfo=UTC))
    assert item.raw is data
    assert "raw" not in repr(item)


def test_wrong_shapes_raise_format_error() -> None:
    with pytest.raises(errors.ResponseFormatError):
        structure({"vm_state": "x"}, Item)  # no id
    with pytest.raises(errors.ResponseFormatError):
        structure_list({"id": "1"}, Item)
    with pytest.raises(errors.ResponseFormatError):
        extract({"server": {}}, "item", Item)
    with pytest.raises(errors.ResponseFormatError):
        structure_list(["not an object"], Item)


def test_structure_list() -> None:
    assert [i.id for i in structure_list([{"id": "a"}, {"id": "b"}], Item)] == ["a", "b"]


@attrs.frozen
class Nested(Model):
    name: str
    size: int = 0


def _to_upper(value: str) -> str:
    return value.upper()


@attrs.frozen
class Wide(Model):
    id: str
    count: int = 7
    ratio: float | None = None
    enabled: bool = True
    note: str | None = json_key("x:note", default=None)
    child: Nested | None = None
    children: tuple[Nested, ...] = ()
    labels: dict[str, str] = attrs.field(factory=dict)
    kind: str = attrs.field(default="a", converter=_to_upper)


def test_generated_structure_takes_scalars_as_sent_and_builds_the_rest() -> None:
    data = {
        "id": "w1",
        "ratio": 1.5,
        "x:note": None,
        "child": {"name": "c", "size": 2},
        "children": [{"name": "d"}],
        "labels": {"k": "v"},
        "kind": "b",
    }
    wide = structure(data, Wide)
    assert wide == Wide(
        id="w1",
        ratio=1.5,
        child=Nested(name="c", size=2),
        children=(Nested(name="d"),),
        labels={"k": "v"},
        kind="B",
    )
    assert wide.count == 7 and wide.enabled is True and wide.note is None
    assert wide.raw is data and wide.child is not None and wide.child.raw is data["child"]
    assert structure({"id": "w2"}, Wide).labels == {}
    assert structure({"id": "w2"}, Wide).labels is not structure({"id": "w3"}, Wide).labels


def test_generated_structure_rejects_wrong_nested_shapes() -> None:
    with pytest.raises(errors.ResponseFormatError):
        structure({"id": "w", "child": "not an object"}, Wide)
    with pytest.raises(errors.ResponseFormatError):
        structure({"id": "w", "children": {"name": "x"}}, Wide)
    with pytest.raises(errors.ResponseFormatError):
        structure({"id": "w", "children": [{"size": 1}]}, Wide)  # child without name


@attrs.frozen
class WithJson(Model):
    id: str
    metadata: dict[str, Any] = attrs.field(factory=dict)
    links: list[dict[str, Any]] | None = None


def test_untyped_json_containers_are_kept_without_a_copy() -> None:
    data = {"id": "1", "metadata": {"a": {"b": 1}}, "links": [{"rel": "self", "href": "x"}]}
    item = structure(data, WithJson)
    assert item.metadata is data["metadata"]
    assert item.links is data["links"]
    assert structure({"id": "2"}, WithJson).metadata == {}


@attrs.frozen
class Generated(Model):
    name: str
    size: int = json_key("bytes", default=0)
    kind: str | None = None
    ratio: float | None = 0.5
    code: str = attrs.field(default="x", converter=_to_upper)
    labels: dict[str, str] = attrs.field(factory=dict)
    when: datetime | None = None


def test_generated_builder_fills_every_slot_with_defaults_and_converters() -> None:
    raw = {"name": "a", "bytes": 3, "code": "ab", "labels": {"k": "v"}, "other": [1]}
    entry = structure(raw, Generated)
    assert entry == Generated(name="a", size=3, code="ab", labels={"k": "v"})
    assert entry.code == "AB"
    assert entry.raw is raw
    bare = structure({"name": "b"}, Generated)
    assert (bare.size, bare.kind, bare.ratio, bare.code, bare.labels, bare.when) == (
        0,
        None,
        0.5,
        "X",
        {},
        None,
    )
    assert bare.labels is not structure({"name": "c"}, Generated).labels
    assert repr(bare).startswith("Generated(name='b', size=0")


@pytest.mark.parametrize("items", [[{"bytes": 1}], ["a"], [None], [[("name", "a")]]])
def test_entries_that_are_not_objects_with_the_required_keys_are_refused(
    items: list[object],
) -> None:
    with pytest.raises(errors.ResponseFormatError):
        structure_list(items, Generated)


def test_models_the_builder_cannot_fill_are_refused_when_defined() -> None:
    with pytest.raises(TypeError, match="init hooks"):

        @attrs.frozen
        class WithHook(Model):
            name: str

            def __attrs_post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="validators"):

        @attrs.frozen
        class Validated(Model):
            name: str = attrs.field(validator=attrs.validators.instance_of(str))


def test_an_unslotted_model_is_refused_when_first_used() -> None:
    @attrs.frozen(slots=False)
    class NotSlotted(Model):
        name: str

    with pytest.raises(TypeError, match="slot"):
        structure({"name": "a"}, NotSlotted)


def test_a_builder_traceback_shows_its_generated_source() -> None:
    with pytest.raises(errors.ResponseFormatError) as caught:
        structure({"id": 5}, Item)
    frames = [entry for entry in caught.traceback if "aiocloud structure" in str(entry.path)]
    assert frames, "the generated builder is not in the traceback"
    assert "raise" in str(frames[-1].statement)
    lines = traceback.format_exception(caught.value)
    assert any("aiocloud structure" in line and "raise __e" in line for line in lines)
