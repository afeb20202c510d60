"""blockstorage v2/v3: every linked listing, two pages shaped like Cinder's answers.

Cinder's view builders add a full page's next link (``_get_next_link`` in
cinder/api/common.py: the request's query with ``marker`` appended,
URL-encoded, under ``<endpoint>/<project_id>/<collection>``) as
``volumes_links`` (cinder/api/v2/views/volumes.py), ``snapshots_links``
(cinder/api/views/snapshots.py) and, for types, ``volume_type_links``
(cinder/api/v2/views/types.py), not ``volume_types_links``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from aiocloud.testing import MockCloud
from tests.helpers import (
    SNAPSHOT_ID,
    TYPE_ID,
    VOLUME_ID,
    Cinder,
    requested,
    serve_pages,
    snapshot_body,
    type_body,
    volume_body,
)

# One item of each listing as ``GET`` shows it in a version: (version, id=..., name=...).
_BODIES: dict[str, Callable[..., dict[str, Any]]] = {
    "volumes": volume_body,
    "snapshots": snapshot_body,
    "volume_types": lambda version, **changes: type_body(**changes),
}


@pytest.mark.parametrize(
    ("module", "path", "key", "links_key", "items", "filters", "query"),
    [
        pytest.param(
            "volumes",
            "volumes/detail",
            "volumes",
            "volumes_links",
            {
                VOLUME_ID: "vol-001",
                "96c3bda7-c82a-4f50-be73-ca7621794835": "vol-002",
                "1a6b9d2e-3f4c-4b5a-8e7d-6c5b4a3f2e1d": "vol-003",
            },
            {"status": "available", "sort": "created_at:desc"},
            "status=available&sort=created_at%3Adesc&limit=2",
            id="volumes",
        ),
        pytest.param(
            "snapshots",
            "snapshots/detail",
            "snapshots",
            "snapshots_links",
            {
                SNAPSHOT_ID: "snap-001",
                "e820db06-58b5-439d-bac6-c01faa3f6499": "snap-002",
                "7f2a1c3d-4e5b-4a69-8b7c-0d1e2f3a4b5c": "snap-003",
            },
            {"volume_id": VOLUME_ID},
            f"volume_id={VOLUME_ID}&limit=2",
            id="snapshots",
        ),
        pytest.param(
            "volumetypes",
            "types",
            "volume_types",
            "volume_type_links",
            {
                TYPE_ID: "lvmdriver-1",
                "96c3bda7-c82a-4f50-be73-ca7621794835": "ceph",
                "c4daaf47-c530-4901-b28e-f5f0a359c4e6": "nfs",
            },
            {"is_public": True},
            "is_public=true&limit=2",
            id="volume types",
        ),
    ],
)
async def test_a_listing_follows_its_next_link(
    cloud: MockCloud,
    cinder_v2plus: Cinder,
    module: str,
    path: str,
    key: str,
    links_key: str,
    items: dict[str, str],
    filters: dict[str, Any],
    query: str,
) -> None:
    """Two full items and a next link under ``links_key``, then the last item."""
    cinder = cinder_v2plus
    url = f"{cinder.base}/{path}"
    bodies = [
        _BODIES[key](cinder.version, id=item_id, name=name) for item_id, name in items.items()
    ]
    href = f"{url}?{query}&marker={bodies[1]['id']}"
    route = serve_pages(
        cloud.router,
        url,
        {key: bodies[:2], links_key: [{"href": href, "rel": "next"}]},
        {key: bodies[2:]},
    )
    resource = getattr(cinder, module)

    found = await resource.list(cinder.client, resource.ListOpts(**filters, limit=2)).all()

    assert requested(route) == [f"{url}?{query}", href]
    assert [(item.id, item.name) for item in found] == list(items.items())
