"""Volume types, shared by block storage v1, v2 and v3 (private: use the versions' modules).

A volume type names a class of storage (a backend, QoS, encryption) through
its ``extra_specs``. v1 knows a name and extra specs; v2 added a description,
public/private types and per-project access, which v3 keeps unchanged. Creating,
changing and deleting types is admin work by default.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

import attrs

from ...errors import InvalidOptions, ResponseFormatError
from ...models import Model, extract_list
from ...pagination import Pager
from ...params import body, build_body, check_types, query
from ...service import ServiceClient
from ._base import BodyBuilder, Collection

__all__ = [
    "BasicCreateOpts",
    "CreateOpts",
    "ListOpts",
    "UpdateOpts",
    "VolumeType",
    "VolumeTypeAccess",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "get",
    "get_extra_spec",
    "list",
    "list_access",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
]


@attrs.frozen
class VolumeType(Model):
    """A volume type: its name, extra specs and (v2+) description and visibility."""

    id: str
    name: str
    description: str | None = None
    is_public: bool | None = None
    extra_specs: dict[str, str] = attrs.field(factory=dict)
    qos_specs_id: str | None = None


@attrs.frozen
class VolumeTypeAccess(Model):
    """One project allowed to use a private volume type."""

    volume_type_id: str
    project_id: str


@attrs.frozen
class ListOpts:
    """Filters, sorting and paging for the v2/v3 listing.

    ``is_public`` (admin): True public types only, False private ones only;
    left None an admin sees both, others the public ones and those shared with them.
    """

    is_public: bool | None = query()
    sort: str | None = query()
    limit: int | None = query()
    offset: int | None = query()
    marker: str | None = query()


@attrs.frozen
class BasicCreateOpts:
    """A new volume type as v1 knows it: a name and its extra specs."""

    name: str
    extra_specs: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"volume_type": build_body(self)}


@attrs.frozen
class CreateOpts(BasicCreateOpts):
    """A new volume type (v2+); ``is_public=False`` makes it private (see :func:`add_access`)."""

    description: str | None = None
    is_public: bool | None = body("os-volume-type-access:is_public")


@attrs.frozen
class UpdateOpts:
    """Changes to a volume type (v2+); fields left None are not sent."""

    name: str | None = None
    description: str | None = None
    is_public: bool | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        if not inner:
            raise InvalidOptions("name", "set at least one of name, description, is_public")
        return {"volume_type": inner}


_types = Collection(
    VolumeType,
    "volume_type",
    "volume_types",
    path="types",
    detail=False,
    links_key="volume_type_links",
)


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[VolumeType]:
    """The volume types the caller may use (``GET /types``; v2+ pages with ``opts``)."""
    return _types.list(client, opts, max_items=max_items)


async def create(client: ServiceClient, opts: BasicCreateOpts | BodyBuilder) -> VolumeType:
    """Create a volume type (``POST /types``, admin)."""
    return await _types.create(client, opts)


async def get(client: ServiceClient, type_id: str) -> VolumeType:
    """One volume type by id; NotFound if there is none."""
    return await _types.get(client, type_id)


async def update(client: ServiceClient, type_id: str, opts: UpdateOpts | BodyBuilder) -> VolumeType:
    """Change a volume type (v2+, ``PUT /types/{id}``, admin); the updated type."""
    return await _types.update(client, type_id, opts)


async def delete(client: ServiceClient, type_id: str) -> None:
    """Delete a volume type (202); 400 while volumes still use it."""
    await _types.delete(client, type_id)


async def list_extra_specs(client: ServiceClient, type_id: str) -> dict[str, str]:
    """All extra specs of a type (``GET /types/{id}/extra_specs``)."""
    answer = await client.json("GET", _types.item_url(client, type_id, "extra_specs"))
    return _specs(answer, "extra_specs")


async def get_extra_spec(client: ServiceClient, type_id: str, key: str) -> str:
    """One extra spec's value (NotFound if the type lacks it)."""
    answer = await client.json("GET", _spec_url(client, type_id, key))
    return _spec_value(answer, key)


async def create_extra_specs(
    client: ServiceClient, type_id: str, specs: Mapping[str, str]
) -> dict[str, str]:
    """Add or change the given extra specs, keep the others; those sent, as stored."""
    if not specs:
        raise InvalidOptions("specs", "give at least one extra spec")
    answer = await client.json(
        "POST",
        _types.item_url(client, type_id, "extra_specs"),
        json={"extra_specs": dict(specs)},
        ok_codes=(200,),
    )
    return _specs(answer, "extra_specs")


async def update_extra_spec(client: ServiceClient, type_id: str, key: str, value: str) -> str:
    """Set one extra spec (``PUT /types/{id}/extra_specs/{key}``); the stored value."""
    answer = await client.json(
        "PUT", _spec_url(client, type_id, key), json={key: value}, ok_codes=(200,)
    )
    return _spec_value(answer, key)


async def delete_extra_spec(client: ServiceClient, type_id: str, key: str) -> None:
    """Remove one extra spec (202)."""
    await client.request("DELETE", _spec_url(client, type_id, key), ok_codes=(202, 204))


async def list_access(client: ServiceClient, type_id: str) -> builtins.list[VolumeTypeAccess]:
    """The projects a private type is shared with (v2+; a public type answers 404)."""
    answer = await client.json("GET", _types.item_url(client, type_id, "os-volume-type-access"))
    return extract_list(answer, "volume_type_access", VolumeTypeAccess)


async def add_access(client: ServiceClient, type_id: str, project_id: str) -> None:
    """Share a private type with a project (v2+; 409 if it already is)."""
    if not project_id:
        raise InvalidOptions("project_id", "is required")
    await _types.action(client, type_id, {"addProjectAccess": {"project": project_id}})


async def remove_access(client: ServiceClient, type_id: str, project_id: str) -> None:
    """Stop sharing a private type with a project (v2+)."""
    if not project_id:
        raise InvalidOptions("project_id", "is required")
    await _types.action(client, type_id, {"removeProjectAccess": {"project": project_id}})


def _spec_url(client: ServiceClient, type_id: str, key: str) -> str:
    if not key:
        raise InvalidOptions("key", "is required")
    return _types.item_url(client, type_id, "extra_specs", key)


def _specs(answer: Any, key: str) -> dict[str, str]:
    specs = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(specs, dict):
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return specs


def _spec_value(answer: Any, key: str) -> str:
    """One spec's answer is ``{"<key>": "<value>"}``."""
    if not isinstance(answer, dict) or key not in answer:
        raise ResponseFormatError(f"expected a JSON object with the extra spec {key!r}")
    value: str = answer[key]
    return value
