"""objectstorage/v1/_base: the generated structure hooks of listing entries."""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

from aiocloud import errors
from aiocloud.models import Model, structure, structure_list
from aiocloud.openstack.objectstorage.v1._base import listing_entry, listing_time


@attrs.frozen
class Entry(Model):
    name: str
    size: int = 0
    kind: str | None = None
    ratio: float | None = 0.5

    @property
    def changed(self) -> datetime | None:
        return listing_time(self.raw.get("changed"))


HOOK = listing_entry(Entry, size="bytes")


def test_an_entry_is_built_from_its_json_keys_with_the_defaults() -> None:
    raw = {"name": "a", "bytes": 3, "changed": "2024-05-01T10:00:00", "other": [1]}
    entry = HOOK(raw, Entry)
    assert entry == Entry(name="a", size=3, kind=None, ratio=0.5)
    assert entry.raw is raw
    assert entry.changed == datetime.fromisoformat("2024-05-01T10:00:00+00:00")
    assert structure_list([raw], Entry) == [entry]
    assert structure({"name": "b"}, Entry) == Entry(name="b")
    assert repr(entry) == "Entry(name='a', size=3, kind=None, ratio=0.5)"


@pytest.mark.parametrize("items", [[{"bytes": 1}], ["a"], [None], [[("name", "a")]]])
def test_an_entry_that_is_not_an_object_with_a_name_is_refused(items: list[object]) -> None:
    with pytest.raises(errors.ResponseFormatError):
        structure_list(items, Entry)


def test_only_slotted_models_of_plain_json_scalars_are_accepted() -> None:
    @attrs.frozen
    class Converted(Model):
        name: str = attrs.field(converter=str)

    @attrs.frozen
    class Nested(Model):
        names: tuple[str, ...] = ()

    @attrs.frozen(slots=False)
    class NotSlotted(Model):
        name: str

    @attrs.frozen
    class WithHook(Model):
        name: str

        def __attrs_post_init__(self) -> None:
            pass

    for cls in (Converted, Nested, NotSlotted, WithHook):
        with pytest.raises(TypeError):
            listing_entry(cls)
    with pytest.raises(TypeError, match="no field 'nope'"):
        listing_entry(Entry, nope="x")
