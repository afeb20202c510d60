"""The demo prints the catalog and what the account holds, service by service."""

from __future__ import annotations

import httpx

from aiocloud.demo import catalog_table, run
from aiocloud.endpoints import ServiceCatalog
from aiocloud.testing import SERVICE_URLS, MockCloud


async def test_demo_prints_catalog_and_listings(cloud: MockCloud) -> None:
    cloud.router.get(cloud.url("compute", "servers/detail")).respond(
        200,
        json={
            "servers": [
                {
                    "id": "9168b536-cd40-4630-b43f-b259807c6e87",
                    "name": "web-1",
                    "status": "ACTIVE",
                    "tenant_id": "fc394f2ab2df4114bde39905f800dc57",
                    "user_id": "ee4dfb6e5540447cb3741905149d9b6e",
                    "created": "2024-05-01T10:00:00Z",
                    "updated": "2024-05-01T10:01:00Z",
                    "hostId": "",
                    "addresses": {},
                    "links": [],
                    "metadata": {},
                    "image": "",
                    "flavor": {"id": "1"},
                }
            ]
        },
    )
    cloud.router.get(cloud.url("network", "v2.0/networks")).respond(200, json={"networks": []})
    cloud.router.get(cloud.url("volumev3", "volumes/detail")).respond(500)
    containers = [{"name": "logs", "count": 3, "bytes": 42, "last_modified": "2024-05-01T10:00:00"}]
    cloud.router.get(SERVICE_URLS["object-store"][1]).mock(
        side_effect=lambda request: httpx.Response(
            200, json=[] if "marker" in request.url.params else containers
        )
    )
    lines: list[str] = []

    await run(cloud.provider, out=lines.append)

    text = "\n".join(lines)
    assert "Authenticated at https://cloud.test:5000/v3/ (project demo)" in text
    assert "compute       nova" in text
    assert "servers: 1\n  - web-1 (ACTIVE)" in text
    assert "networks: 0" in text
    assert "volumes: failed: GET" in text
    assert "containers: 1\n  - logs (3 objects, 42 bytes)" in text


def test_catalog_table_has_a_header_and_a_row_per_endpoint() -> None:
    catalog = ServiceCatalog.from_v3(
        [
            {
                "type": "compute",
                "name": "nova",
                "endpoints": [
                    {"interface": "public", "region": "R1", "url": "https://n/v2.1"},
                    {"interface": "admin", "region": "R1", "url": "https://n-admin/v2.1"},
                ],
            }
        ]
    )
    assert catalog_table(catalog).splitlines() == [
        "TYPE     NAME  INTERFACE  REGION  URL",
        "-------  ----  ---------  ------  --------------------",
        "compute  nova  admin      R1      https://n-admin/v2.1",
        "compute  nova  public     R1      https://n/v2.1",
    ]
