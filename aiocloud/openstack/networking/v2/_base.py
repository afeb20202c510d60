"""What Neutron's resources share beyond the kit, for the networking v2 resource modules.

Neutron speaks the kit's dialect (`aiocloud._resource`): ``POST
/v2.0/<plural>`` answers 201, ``PUT`` updates, ``DELETE`` answers 204 and
listings page with ``limit``/``marker`` and ``<plural>_links``. Its own are
its query rules (a resource module passes ``query=neutron_query`` to its
`Collection`), the paging options every listing
takes (`Paging`) and the standard attributes most resources carry
(`StandardAttributes`, `Tagged`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import attrs

from ...._resource import query_params
from ....errors import InvalidOptions
from ....models import Model
from ....params import query

__all__ = ["Paging", "StandardAttributes", "Tagged", "neutron_query", "paging_last"]


def neutron_query(opts: object | None) -> list[tuple[str, str]]:
    """The query pairs of list options, checked against Neutron's rules.

    A ``fields`` selection always asks for ``id`` too (Neutron leaves out what
    was not asked for, and every model needs its id). Neutron wants one
    ``sort_dir`` per ``sort_key``: anything else is rejected here.
    """
    pairs = query_params(opts)
    keys = sum(key == "sort_key" for key, _ in pairs)
    if keys != sum(key == "sort_dir" for key, _ in pairs):
        raise InvalidOptions("sort_dir", "Neutron needs one sort_dir (asc/desc) per sort_key")
    fields = [value for key, value in pairs if key == "fields"]
    if fields and "id" not in fields:
        pairs = [*pairs, ("fields", "id")]
    return pairs


@attrs.frozen(kw_only=True)
class Paging:
    """What every Neutron listing takes besides its filters (keyword only).

    ``fields`` limits the attributes returned (``id`` is always asked for; the
    model's other attributes then take their defaults); ``limit`` is the page
    size, ``marker`` the id to start after; each ``sort_key`` needs a ``sort_dir``.
    """

    fields: Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()
    sort_key: str | None = query()
    sort_dir: str | None = query()


def paging_last(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The field order of list options: their own filters, then `Paging`'s.

    attrs puts inherited fields first, and the query is sent in field order:
    this keeps a request's filters ahead of its paging (``?status=ACTIVE&limit=2``).
    Use as ``@attrs.frozen(field_transformer=paging_last)``.
    """
    paging = {field.name for field in attrs.fields(Paging)}
    return [f for f in fields if f.name not in paging] + [f for f in fields if f.name in paging]


@attrs.frozen(kw_only=True)
class StandardAttributes(Model):
    """What Neutron keeps on most resources: a description, the owner, the revision and times."""

    description: str | None = None
    tenant_id: str | None = None
    project_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision_number: int | None = None


@attrs.frozen(kw_only=True)
class Tagged(StandardAttributes):
    """The standard attributes and the resource's ``tags`` (``standard-attr-tag``)."""

    tags: tuple[str, ...] = ()
