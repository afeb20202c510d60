"""The demo: authenticate, print the catalog as a table, list what the account holds.

    OS_CLOUD=mycloud python -m aiocloud.demo      # or with OS_AUTH_URL & co. exported

The listings run concurrently (one task per service) over one ProviderClient.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Sequence

import anyio

from . import openstack
from .endpoints import ServiceCatalog
from .errors import AiocloudError, EndpointNotFound, ServiceNotFound
from .provider import ProviderClient

__all__ = ["catalog_table", "main", "run"]

_Lister = Callable[[ProviderClient], Awaitable[list[str]]]


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def catalog_table(catalog: ServiceCatalog) -> str:
    """The catalog as a text table: type, name, interface, region, URL."""
    rows = [("TYPE", "NAME", "INTERFACE", "REGION", "URL")]
    for entry in sorted(catalog.entries, key=lambda e: (e.type, e.name or "")):
        for endpoint in sorted(entry.endpoints, key=lambda e: e.interface.value):
            rows.append(
                (
                    entry.type,
                    entry.name or "",
                    endpoint.interface.value,
                    endpoint.region or "",
                    endpoint.url,
                )
            )
    return _table(rows)


async def _servers(provider: ProviderClient) -> list[str]:
    from .openstack.compute.v2 import servers

    compute = await openstack.new_compute_v2(provider)
    return [f"{s.name} ({s.status})" async for s in servers.list(compute)]


async def _networks(provider: ProviderClient) -> list[str]:
    from .openstack.networking.v2 import networks

    network = await openstack.new_network_v2(provider)
    return [f"{n.name} ({n.status})" async for n in networks.list(network)]


async def _volumes(provider: ProviderClient) -> list[str]:
    from .openstack.blockstorage.v3 import volumes

    storage = await openstack.new_block_storage_v3(provider)
    return [f"{v.name or v.id} ({v.size} GiB, {v.status})" async for v in volumes.list(storage)]


async def _containers(provider: ProviderClient) -> list[str]:
    from .openstack.objectstorage.v1 import containers

    swift = await openstack.new_object_storage_v1(provider)
    listing = containers.list(swift, containers.ListOpts(full=True))
    return [f"{c.name} ({c.count} objects, {c.bytes} bytes)" async for c in listing]


LISTERS: dict[str, _Lister] = {
    "servers": _servers,
    "networks": _networks,
    "volumes": _volumes,
    "containers": _containers,
}


async def run(provider: ProviderClient, out: Callable[[str], object] = print) -> None:
    """Print the catalog and every listing the cloud offers."""
    token = provider.token
    project = token.project.name if token and token.project else None
    out(f"Authenticated at {provider.identity_endpoint} (project {project or '-'})\n")
    if token is not None and isinstance(token.catalog, ServiceCatalog):
        out(catalog_table(token.catalog) + "\n")
    results: dict[str, list[str] | str] = {}

    async def collect(name: str, lister: _Lister) -> None:
        try:
            results[name] = await lister(provider)
        except (ServiceNotFound, EndpointNotFound):
            results[name] = "not in the catalog"
        except AiocloudError as exc:
            results[name] = f"failed: {exc}"

    async with anyio.create_task_group() as tasks:
        for name, lister in LISTERS.items():
            tasks.start_soon(collect, name, lister)
    for name in LISTERS:
        found = results[name]
        if isinstance(found, str):
            out(f"{name}: {found}")
            continue
        out(f"{name}: {len(found)}")
        for line in found:
            out(f"  - {line}")


async def _main() -> int:
    try:
        async with openstack.authenticated_client() as provider:
            await run(provider)
    except AiocloudError as exc:
        print(f"aiocloud demo: {exc}", file=sys.stderr)
        print(
            "Set OS_CLOUD (clouds.yaml) or OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, "
            "OS_PROJECT_NAME, OS_USER_DOMAIN_NAME and OS_PROJECT_DOMAIN_NAME.",
            file=sys.stderr,
        )
        return 1
    return 0


def main() -> None:
    """Entry point of ``python -m aiocloud.demo`` and ``aiocloud-demo``."""
    sys.exit(anyio.run(_main))


if __name__ == "__main__":
    main()
