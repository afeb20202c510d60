"""Thousands of calls started at once on one ProviderClient: which cap on requests in flight?

Two measurements, each for several values of ``max_concurrency`` (``0`` = no cap):

- ``--fake``: ``--count`` GETs of a Nova server from the fast fake cloud of
  ``server.py`` (client on core 0, server on core 1): wall time, requests/s,
  and the slowest request, queue time included.
- ``--real``: ``--count`` Neutron ``ports.create`` against the REAL cloud of
  ``OS_*`` (``source /tmp/peers-cloud/env.sh``), on a network of the script's
  own: wall time, ports/s, the slowest request, and every failure (a timeout
  leaves a port that may exist although the caller got an error). Everything
  made is deleted at the end.

The default of ``ProviderClient(max_concurrency=...)`` was chosen with this script.

    python benchmarks/concurrency.py --fake --caps 8,16,32,64,128,0
    python benchmarks/concurrency.py --real --count 300 --caps 16,32,64,0
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

import anyio

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]

from server import pin_to_core, start_server  # noqa: E402

from aiocloud import AuthOptions, errors, openstack  # noqa: E402
from aiocloud.openstack.networking.v2 import networks, ports, subnets  # noqa: E402
from aiocloud.service import ServiceClient  # noqa: E402


async def _at_once(count: int, call: Callable[[int], Awaitable[None]]) -> tuple[float, float]:
    """Start ``count`` calls together; the wall time and the slowest call's time."""
    slowest = 0.0

    async def one(index: int) -> None:
        nonlocal slowest
        started = time.perf_counter()
        await call(index)
        slowest = max(slowest, time.perf_counter() - started)

    started = time.perf_counter()
    async with anyio.create_task_group() as tasks:
        for index in range(count):
            tasks.start_soon(one, index)
    return time.perf_counter() - started, slowest


async def fake(count: int, caps: list[int], rounds: int) -> None:
    pin_to_core(0)
    with start_server(servers_total=10) as base:
        opts = AuthOptions(
            identity_endpoint=base + "/v3", username="u", password="p", domain_name="Default"
        )
        results: dict[int, list[tuple[float, float]]] = {cap: [] for cap in caps}
        for _ in range(rounds):
            for cap in caps:
                async with openstack.authenticated_client(
                    opts, max_concurrency=cap or None
                ) as provider:
                    compute = await openstack.new_compute_v2(provider)
                    url = compute.service_url("servers", "00000000-0000-0000-0000-000000000001")

                    async def get(_: int, compute: ServiceClient = compute, url: str = url) -> None:
                        await compute.json("GET", url)

                    await _at_once(64, get)  # warm the connection pool
                    results[cap].append(await _at_once(count, get))
        print(f"fake cloud: {count} GETs started at once, median of {rounds} rounds")
        for cap, runs in results.items():
            wall = statistics.median(run[0] for run in runs)
            slowest = statistics.median(run[1] for run in runs)
            print(
                f"  cap {cap or 'none':>4}: {wall:6.2f} s, {count / wall:7.0f} req/s, "
                f"slowest {slowest:5.2f} s"
            )


async def real(count: int, caps: list[int]) -> None:
    opts = AuthOptions.from_env()
    prefix = f"aiocloud-conc-{uuid.uuid4().hex[:8]}"
    async with openstack.authenticated_client(opts) as admin:
        neutron = await openstack.new_network_v2(admin)
        network = await networks.create(neutron, networks.CreateOpts(name=prefix))
        subnet = await subnets.create(
            neutron,
            subnets.CreateOpts(
                network_id=network.id, cidr="10.77.0.0/16", ip_version=4, name=prefix
            ),
        )
        try:
            print(f"real Neutron: {count} ports.create started at once")
            for cap in caps:
                await _real_round(opts, count, cap, network.id, subnet.id, prefix)
                await _delete_ports(neutron, network.id)
        finally:
            await _delete_ports(neutron, network.id)
            await networks.delete(neutron, network.id)


async def _real_round(
    opts: AuthOptions, count: int, cap: int, network_id: str, subnet_id: str, prefix: str
) -> None:
    failures: list[str] = []
    async with openstack.authenticated_client(opts, max_concurrency=cap or None) as provider:
        client = await openstack.new_network_v2(provider)
        await networks.get(client, network_id)

        async def create(index: int) -> None:
            try:
                await ports.create(
                    client,
                    ports.CreateOpts(
                        network_id=network_id,
                        name=f"{prefix}-{index}",
                        fixed_ips=[ports.FixedIP(subnet_id=subnet_id)],
                    ),
                )
            except errors.AiocloudError as exc:
                failures.append(type(exc).__name__)

        wall, slowest = await _at_once(count, create)
        existing = len(await ports.list(client, ports.ListOpts(network_id=network_id)).all())
    kinds = ", ".join(f"{failures.count(k)} {k}" for k in sorted(set(failures))) or "none"
    print(
        f"  cap {cap or 'none':>4}: {wall:6.1f} s, {(count - len(failures)) / wall:5.1f} ports/s, "
        f"slowest {slowest:5.1f} s, failures: {kinds}; ports on the server: {existing}"
    )


async def _delete_ports(neutron: ServiceClient, network_id: str) -> None:
    found = await ports.list(neutron, ports.ListOpts(network_id=network_id)).all()
    limiter = anyio.Semaphore(8)

    async def remove(port_id: str) -> None:
        async with limiter:
            await ports.delete(neutron, port_id)

    async with anyio.create_task_group() as tasks:
        for port in found:
            if port.device_owner in (None, ""):
                tasks.start_soon(remove, port.id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--fake", action="store_true")
    mode.add_argument("--real", action="store_true")
    parser.add_argument("--count", type=int, default=None, help="calls (fake 5000, real 300)")
    parser.add_argument("--caps", default="8,16,32,64,128,0", help="max_concurrency values")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (fake only)")
    args = parser.parse_args()
    caps = [int(cap) for cap in args.caps.split(",")]
    if args.fake:
        anyio.run(fake, args.count or 5000, caps, args.rounds)
    else:
        anyio.run(real, args.count or 300, caps)


if __name__ == "__main__":
    main()
