"""Compute v2 flavors: the sizes a server can have, their extra specs and who may use them.

```python
async for flavor in flavors.list(compute, flavors.ListOpts(min_ram=1024)):
    print(flavor.id, flavor.name, flavor.vcpus, flavor.ram)
tiny = await flavors.get(compute, await flavors.id_from_name(compute, "m1.tiny"))

gold = await flavors.create(admin_compute, flavors.CreateOpts(
    name="gold", ram=4096, vcpus=2, disk=20, is_public=False))
await flavors.create_extra_specs(admin_compute, gold.id, {"hw:cpu_policy": "dedicated"})
await flavors.add_access(admin_compute, gold.id, project_id)
await flavors.delete(admin_compute, gold.id)
```
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from ...._resource import Collection
from ....errors import ResponseFormatError
from ....models import Model, json_key, structure, structure_list
from ....pagination import Link
from ....params import body, build_body, check_types, query
from ....service import ServiceClient
from ._base import id_from_name as _id_from_name

__all__ = [
    "AccessType",
    "CreateOpts",
    "Flavor",
    "FlavorAccess",
    "ListOpts",
    "UpdateOpts",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "get",
    "get_extra_spec",
    "id_from_name",
    "list",
    "list_access",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
]


def _int_or_zero(value: Any) -> int:
    # Nova sends swap as "" when there is none (before microversion 2.75).
    if value == "" or value is None:
        return 0
    if type(value) is not int:
        raise ResponseFormatError(f"expected an integer, got {value!r:.100}")
    return value


def _float_or_none(value: Any) -> float | None:
    # Nova sends rxtx_factor as "" when it is unset.
    if value == "" or value is None:
        return None
    if type(value) is not float and type(value) is not int:
        raise ResponseFormatError(f"expected a number, got {value!r:.100}")
    return float(value)


@attrs.frozen
class Flavor(Model):
    """A flavor: RAM in MiB, disk/ephemeral in GiB, swap in MiB.

    ``description`` (2.55) and ``extra_specs`` (2.61) come with later microversions.
    """

    id: str
    name: str
    ram: int = 0
    vcpus: int = 0
    disk: int = 0
    swap: int = attrs.field(default=0, converter=_int_or_zero)
    ephemeral: int = json_key("OS-FLV-EXT-DATA:ephemeral", default=0)
    is_public: bool = json_key("os-flavor-access:is_public", default=True)
    disabled: bool = json_key("OS-FLV-DISABLED:disabled", default=False)
    rxtx_factor: float | None = attrs.field(default=None, converter=_float_or_none)
    description: str | None = None
    extra_specs: dict[str, str] | None = None
    links: tuple[Link, ...] = ()


@attrs.frozen
class FlavorAccess(Model):
    """A project allowed to use a private flavor."""

    flavor_id: str
    tenant_id: str


class AccessType(str, enum.Enum):
    """Which flavors `list()` returns: public ones, private ones, or all (admin)."""

    PUBLIC = "true"
    PRIVATE = "false"
    ALL = "None"


@attrs.frozen
class ListOpts:
    """Filters for `list()`; ``limit`` is the page size."""

    min_disk: int | None = query("minDisk")
    min_ram: int | None = query("minRam")
    is_public: AccessType | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()
    marker: str | None = query()
    limit: int | None = query()


@attrs.frozen
class CreateOpts:
    """A new flavor; ``id`` None lets Nova pick a UUID."""

    name: str
    ram: int
    vcpus: int
    disk: int
    id: str | None = None
    swap: int | None = None
    ephemeral: int | None = body("OS-FLV-EXT-DATA:ephemeral")
    rxtx_factor: float | None = None
    is_public: bool | None = body("os-flavor-access:is_public")
    description: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"flavor": build_body(self)}


@attrs.frozen
class UpdateOpts:
    """The only thing a flavor lets you change: its description (2.55); None clears it."""

    description: str | None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return {"flavor": {"description": self.description}}


_flavors = Collection(
    Flavor, "flavor", "flavors", list_path=("detail",), create_codes=(200,), delete_codes=(202,)
)

list = _flavors.lister(
    ListOpts, "Flavors with their details (``GET /flavors/detail``), page by page."
)
get = _flavors.getter("One flavor by id.")
create = _flavors.creator(CreateOpts, "Create a flavor (admin).")
update = _flavors.updater(
    UpdateOpts, "Change a flavor's description (admin, microversion 2.55 or later)."
)
delete = _flavors.deleter("Delete a flavor (admin); servers already using it keep their copy.")


async def id_from_name(client: ServiceClient, name: str) -> str:
    """The id of the flavor named exactly ``name`` (InvalidOptions if none or several)."""
    return await _id_from_name(list(client), name, field="flavor_name", kind="flavor")


# -- extra specs --------------------------------------------------------------------------


def _string_map(answer: Any, key: str | None = None) -> dict[str, str]:
    """``answer[key]`` (or ``answer`` itself) as a str -> str mapping."""
    value = answer.get(key) if key is not None and isinstance(answer, dict) else answer
    if not isinstance(value, dict):
        raise ResponseFormatError(f"expected a JSON object of extra specs, got {value!r:.100}")
    return structure(value, dict[str, str])


def _specs_url(client: ServiceClient, flavor_id: str, *key: str) -> str:
    return _flavors.item_url(client, flavor_id, "os-extra_specs", *key)


async def list_extra_specs(client: ServiceClient, flavor_id: str) -> dict[str, str]:
    """Every extra spec of a flavor."""
    answer = await client.json("GET", _specs_url(client, flavor_id))
    return _string_map(answer, "extra_specs")


async def get_extra_spec(client: ServiceClient, flavor_id: str, key: str) -> str:
    """One extra spec's value (NotFound if the flavor lacks it)."""
    specs = _string_map(await client.json("GET", _specs_url(client, flavor_id, key)))
    if key not in specs:
        raise ResponseFormatError(f"the answer has no extra spec {key!r}")
    return specs[key]


async def create_extra_specs(
    client: ServiceClient, flavor_id: str, specs: Mapping[str, str]
) -> dict[str, str]:
    """Add or overwrite extra specs (others are kept); returns the ones sent (admin)."""
    answer = await client.json(
        "POST", _specs_url(client, flavor_id), json={"extra_specs": dict(specs)}, ok_codes=(200,)
    )
    return _string_map(answer, "extra_specs")


async def update_extra_spec(
    client: ServiceClient, flavor_id: str, key: str, value: str
) -> dict[str, str]:
    """Set one extra spec (admin)."""
    answer = await client.json(
        "PUT", _specs_url(client, flavor_id, key), json={key: value}, ok_codes=(200,)
    )
    return _string_map(answer)


async def delete_extra_spec(client: ServiceClient, flavor_id: str, key: str) -> None:
    """Remove one extra spec (admin)."""
    await client.request("DELETE", _specs_url(client, flavor_id, key), ok_codes=(200, 204))


# -- access (private flavors) ---------------------------------------------------------------


def _accesses(answer: Any) -> builtins.list[FlavorAccess]:
    items = answer.get("flavor_access") if isinstance(answer, dict) else None
    return structure_list(items, FlavorAccess)


async def list_access(client: ServiceClient, flavor_id: str) -> builtins.list[FlavorAccess]:
    """The projects that may use a private flavor (NotFound for a public flavor)."""
    answer = await client.json("GET", _flavors.item_url(client, flavor_id, "os-flavor-access"))
    return _accesses(answer)


async def add_access(
    client: ServiceClient, flavor_id: str, project_id: str
) -> builtins.list[FlavorAccess]:
    """Let a project use a private flavor; returns the new access list (admin)."""
    body = {"addTenantAccess": {"tenant": project_id}}
    return _accesses(await _flavors.action(client, flavor_id, body, ok_codes=(200,)))


async def remove_access(
    client: ServiceClient, flavor_id: str, project_id: str
) -> builtins.list[FlavorAccess]:
    """Withdraw a project's access to a private flavor; returns the new list (admin)."""
    body = {"removeTenantAccess": {"tenant": project_id}}
    return _accesses(await _flavors.action(client, flavor_id, body, ok_codes=(200,)))
