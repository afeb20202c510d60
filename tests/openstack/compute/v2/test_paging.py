"""compute/v2: every linked listing, two pages shaped like Nova's answers.

Nova's view builders put a listing's next link under ``<collection>_links``
(``servers_links``, ``flavors_links``, ``images_links``, and from 2.35
``keypairs_links``) only when a page is full. The href (``_get_next_link`` in
nova/api/openstack/common.py) is the request's query sorted by name with
``marker`` (the last item's id, flavorid or keypair name) appended.
"""

from __future__ import annotations

from typing import Any

from respx import Route

from aiocloud.openstack.compute.v2 import flavors, images, servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, USER_ID, requested, serve_pages, server_body

SERVER_IDS = (
    "9168b536-cd40-4630-b43f-b259807c6e87",
    "b4c5a9a6-4f8e-4c7b-8d0e-2b6a4f3e1d20",
    "e1c7d0a2-5b3f-4a6e-9c8d-7f2e1b0a9c3d",
)
IMAGE_IDS = (
    "70a599e0-31e7-49b7-b260-868f441e862b",
    "155d900f-4e14-4e4c-a73d-069cbf4541e6",
    "a2459075-d96c-40d5-893e-577ff92e721c",
)


def two_pages(cloud: MockCloud, url: str, plural: str, items: list[Any], href: str) -> Route:
    """Serve ``items`` at ``url``: two full, with a next link to ``href``, then the rest."""
    return serve_pages(
        cloud.router,
        url,
        {plural: items[:2], f"{plural}_links": [{"href": href, "rel": "next"}]},
        {plural: items[2:]},
    )


def flavor(flavor_id: str, name: str, ram: int, vcpus: int) -> dict[str, Any]:
    """A flavor of ``GET /flavors/detail`` (api-ref: flavors-detail-resp)."""
    return {
        "id": flavor_id,
        "name": name,
        "ram": ram,
        "disk": 1,
        "swap": "",
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "OS-FLV-DISABLED:disabled": False,
        "vcpus": vcpus,
        "os-flavor-access:is_public": True,
        "rxtx_factor": 1.0,
        "links": [
            {"href": f"{COMPUTE}/flavors/{flavor_id}", "rel": "self"},
            {"href": f"https://cloud.test:8774/flavors/{flavor_id}", "rel": "bookmark"},
        ],
    }


def image(image_id: str, name: str) -> dict[str, Any]:
    """An image of ``GET /images/detail`` (api-ref: images-details-get-resp)."""
    return {
        "OS-DCF:diskConfig": "AUTO",
        "OS-EXT-IMG-SIZE:size": 74185822,
        "created": "2011-01-01T01:02:03Z",
        "id": image_id,
        "links": [
            {"href": f"{COMPUTE}/images/{image_id}", "rel": "self"},
            {"href": f"https://cloud.test:8774/images/{image_id}", "rel": "bookmark"},
            {
                "href": f"https://cloud.test:9292/images/{image_id}",
                "rel": "alternate",
                "type": "application/vnd.openstack.image",
            },
        ],
        "metadata": {"architecture": "x86_64", "auto_disk_config": "True"},
        "minDisk": 0,
        "minRam": 0,
        "name": name,
        "progress": 100,
        "status": "ACTIVE",
        "updated": "2011-01-01T01:02:03Z",
    }


def keypair(name: str) -> dict[str, Any]:
    """A wrapped entry of ``GET /os-keypairs`` (api-ref: keypairs-list-resp, 2.35)."""
    return {
        "keypair": {
            "fingerprint": "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd",
            "name": name,
            "type": "ssh",
            "public_key": f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKrRzaRHq8 {name}",
        }
    }


async def test_servers_follow_servers_links(cloud: MockCloud, compute: ServiceClient) -> None:
    url = f"{COMPUTE}/servers/detail"
    a, b, c = SERVER_IDS
    href = f"{url}?limit=2&status=ACTIVE&marker={b}"
    route = two_pages(
        cloud,
        url,
        "servers",
        [server_body(a, name="web-1"), server_body(b, name="web-2"), server_body(c, name="web-3")],
        href,
    )

    found = await servers.list(compute, servers.ListOpts(status="ACTIVE", limit=2)).all()

    assert requested(route) == [f"{url}?status=ACTIVE&limit=2", href]
    assert [(s.id, s.name) for s in found] == [(a, "web-1"), (b, "web-2"), (c, "web-3")]


async def test_flavors_follow_flavors_links(cloud: MockCloud, compute: ServiceClient) -> None:
    url = f"{COMPUTE}/flavors/detail"
    href = f"{url}?limit=2&minRam=512&marker=2"
    route = two_pages(
        cloud,
        url,
        "flavors",
        [
            flavor("1", "m1.tiny", 512, 1),
            flavor("2", "m1.small", 2048, 1),
            flavor("3", "m1.medium", 4096, 2),
        ],
        href,
    )

    found = await flavors.list(compute, flavors.ListOpts(min_ram=512, limit=2)).all()

    assert requested(route) == [f"{url}?minRam=512&limit=2", href]
    assert [(f.id, f.name, f.ram) for f in found] == [
        ("1", "m1.tiny", 512),
        ("2", "m1.small", 2048),
        ("3", "m1.medium", 4096),
    ]


async def test_images_follow_images_links(cloud: MockCloud, compute: ServiceClient) -> None:
    url = f"{COMPUTE}/images/detail"
    a, b, c = IMAGE_IDS
    href = f"{url}?limit=2&status=ACTIVE&marker={b}"
    route = two_pages(
        cloud,
        url,
        "images",
        [image(a, "cirros-0.6.2"), image(b, "fedora-40"), image(c, "ubuntu-24.04")],
        href,
    )

    found = await images.list(compute, images.ListOpts(status="ACTIVE", limit=2)).all()

    assert requested(route) == [f"{url}?status=ACTIVE&limit=2", href]
    assert [(i.id, i.name) for i in found] == [
        (a, "cirros-0.6.2"),
        (b, "fedora-40"),
        (c, "ubuntu-24.04"),
    ]


async def test_keypairs_follow_keypairs_links(cloud: MockCloud, compute: ServiceClient) -> None:
    """Keypairs page from 2.35; the marker is the last keypair's name."""
    url = f"{COMPUTE}/os-keypairs"
    href = f"{url}?limit=2&user_id={USER_ID}&marker=key-b"
    route = two_pages(
        cloud, url, "keypairs", [keypair("key-a"), keypair("key-b"), keypair("key-c")], href
    )

    found = await keypairs.list(
        compute.with_microversion("2.35"), keypairs.ListOpts(user_id=USER_ID, limit=2)
    ).all()

    assert requested(route) == [f"{url}?user_id={USER_ID}&limit=2", href]
    assert [k.name for k in found] == ["key-a", "key-b", "key-c"]
