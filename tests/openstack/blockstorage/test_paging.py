"""blockstorage v2/v3: every linked listing, two pages shaped like Cinder's answers.

Cinder's view builders add a full page's next link (``_get_next_link`` in
cinder/api/common.py: the request's query with ``marker`` appended,
URL-encoded, under ``<endpoint>/<project_id>/<collection>``) as
``volumes_links`` (cinder/api/v2/views/volumes.py), ``snapshots_links``
(cinder/api/views/snapshots.py) and, for types, ``volume_type_links``
(cinder/api/v2/views/types.py), not ``volume_types_links``.
"""

from __future__ import annotations

from aiocloud.testing import MockCloud
from tests.openstack._paging import requested, serve_pages

from .conftest import (
    SNAPSHOT_ID,
    TYPE_ID,
    VOLUME_ID,
    Cinder,
    snapshot_body,
    type_body,
    volume_body,
)

VOLUME_IDS = (
    VOLUME_ID,
    "96c3bda7-c82a-4f50-be73-ca7621794835",
    "1a6b9d2e-3f4c-4b5a-8e7d-6c5b4a3f2e1d",
)
SNAPSHOT_IDS = (
    SNAPSHOT_ID,
    "e820db06-58b5-439d-bac6-c01faa3f6499",
    "7f2a1c3d-4e5b-4a69-8b7c-0d1e2f3a4b5c",
)
TYPE_IDS = (TYPE_ID, "96c3bda7-c82a-4f50-be73-ca7621794835", "c4daaf47-c530-4901-b28e-f5f0a359c4e6")


async def test_volumes_follow_volumes_links(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    cinder = cinder_v2plus
    url = f"{cinder.base}/volumes/detail"
    a, b, c = VOLUME_IDS
    query = "status=available&sort=created_at%3Adesc&limit=2"
    href = f"{url}?{query}&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            "volumes": [
                volume_body(cinder.version, id=a, name="vol-001"),
                volume_body(cinder.version, id=b, name="vol-002"),
            ],
            "volumes_links": [{"href": href, "rel": "next"}],
        },
        {"volumes": [volume_body(cinder.version, id=c, name="vol-003")]},
    )
    opts = cinder.volumes.ListOpts(status="available", sort="created_at:desc", limit=2)

    found = await cinder.volumes.list(cinder.client, opts).all()

    assert requested(route) == [f"{url}?{query}", href]
    assert [(v.id, v.name) for v in found] == [(a, "vol-001"), (b, "vol-002"), (c, "vol-003")]


async def test_snapshots_follow_snapshots_links(cloud: MockCloud, cinder_v2plus: Cinder) -> None:
    cinder = cinder_v2plus
    url = f"{cinder.base}/snapshots/detail"
    a, b, c = SNAPSHOT_IDS
    query = f"volume_id={VOLUME_ID}&limit=2"
    href = f"{url}?{query}&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            "snapshots": [
                snapshot_body(cinder.version, id=a, name="snap-001"),
                snapshot_body(cinder.version, id=b, name="snap-002"),
            ],
            "snapshots_links": [{"href": href, "rel": "next"}],
        },
        {"snapshots": [snapshot_body(cinder.version, id=c, name="snap-003")]},
    )
    opts = cinder.snapshots.ListOpts(volume_id=VOLUME_ID, limit=2)

    found = await cinder.snapshots.list(cinder.client, opts).all()

    assert requested(route) == [f"{url}?{query}", href]
    assert [(s.id, s.name) for s in found] == [(a, "snap-001"), (b, "snap-002"), (c, "snap-003")]


async def test_volume_types_follow_volume_type_links(
    cloud: MockCloud, cinder_v2plus: Cinder
) -> None:
    cinder = cinder_v2plus
    url = f"{cinder.base}/types"
    a, b, c = TYPE_IDS
    query = "is_public=true&limit=2"
    href = f"{url}?{query}&marker={b}"
    route = serve_pages(
        cloud.router,
        url,
        {
            "volume_types": [type_body(id=a, name="lvmdriver-1"), type_body(id=b, name="ceph")],
            "volume_type_links": [{"href": href, "rel": "next"}],
        },
        {"volume_types": [type_body(id=c, name="nfs")]},
    )
    opts = cinder.volumetypes.ListOpts(is_public=True, limit=2)

    found = await cinder.volumetypes.list(cinder.client, opts).all()

    assert requested(route) == [f"{url}?{query}", href]
    assert [(t.id, t.name) for t in found] == [(a, "lvmdriver-1"), (b, "ceph"), (c, "nfs")]
