"""Create many Neutron ports at once: aiocloud through one ProviderClient vs raw httpx.

Against the REAL cloud of ``OS_*`` (``source /tmp/peers-cloud/env.sh``): the
script makes a network and a subnet of its own, then, for each contender,
creates ``--count`` ports (each with an address from the subnet) with at most
``--concurrency`` requests in flight, and deletes them again. Contenders:

a. raw ``httpx.AsyncClient``: POST ``/v2.0/ports`` with the token, status check,
   ``json.loads``; an ``anyio.Semaphore`` bounds the requests in flight
b. aiocloud ``ports.create`` on the default asyncio transport (aiohttp), through
   one ProviderClient with ``max_concurrency``
c. the same with ``http_backend="httpx"`` (``--backends aiohttp,httpx``)

Each contender authenticates and sends one GET before the clock starts (Neutron's
keystonemiddleware validates a token it has not seen with Keystone). Reported per
contender: wall time, ports/s, client CPU per port and every
failure (index, exception, Neutron's type and message). The throughput ratio
is against (a) in the same round; rounds rotate the order. Everything the run
made is deleted at the end, also after a failure or Ctrl-C (ports are found
again by listing the benchmark's network, so none escapes).

    python benchmarks/networking.py                      # 500 ports, 32 in flight
    python benchmarks/networking.py --count 100 --concurrency 16 --rounds 3

Exits non-zero when a port could not be created (or deleted): failures are the
result to look at, not noise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this working tree's aiocloud

from aiocloud import AuthOptions, ProviderClient, errors, openstack
from aiocloud.openstack.networking.v2 import networks, ports, subnets
from aiocloud.service import ServiceClient

Failure = tuple[int, str]


class Outcome:
    """One contender's run: created port ids, failures, wall and CPU time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.created: list[str] = []
        self.failures: list[Failure] = []
        self.wall = 0.0
        self.cpu = 0.0

    @property
    def rate(self) -> float:
        return len(self.created) / self.wall if self.wall else 0.0


def describe(exc: BaseException) -> str:
    """An exception as one line; an HTTPError already names Neutron's type and message."""
    return f"{type(exc).__name__}: {exc}"


async def timed(outcome: Outcome, work: Callable[[], Awaitable[None]]) -> Outcome:
    wall, cpu = time.perf_counter(), time.process_time()
    await work()
    outcome.wall = time.perf_counter() - wall
    outcome.cpu = time.process_time() - cpu
    return outcome


async def run_aiocloud(
    name: str, opts: AuthOptions, network_id: str, subnet_id: str, args: argparse.Namespace
) -> Outcome:
    """``ports.create`` from ``--count`` tasks through one ProviderClient."""
    outcome = Outcome(name)
    backend = "httpx" if name.endswith("httpx") else "auto"
    async with openstack.authenticated_client(
        opts, http_backend=backend, max_concurrency=args.concurrency
    ) as provider:
        client = await openstack.new_network_v2(provider)
        await networks.get(client, network_id)  # warm-up: Neutron validates the new token

        async def one(i: int) -> None:
            try:
                port = await ports.create(
                    client,
                    ports.CreateOpts(
                        network_id=network_id,
                        name=f"{args.prefix}-{i}",
                        fixed_ips=[ports.FixedIP(subnet_id=subnet_id)],
                    ),
                )
            except errors.AiocloudError as exc:
                outcome.failures.append((i, describe(exc)))
            else:
                outcome.created.append(port.id)

        async def work() -> None:
            async with anyio.create_task_group() as tasks:
                for i in range(args.count):
                    tasks.start_soon(one, i)

        return await timed(outcome, work)


async def run_raw_httpx(
    provider: ProviderClient, url: str, network_id: str, subnet_id: str, args: argparse.Namespace
) -> Outcome:
    """The same POSTs with a bare httpx.AsyncClient and a semaphore."""
    outcome = Outcome("raw httpx")
    limit = anyio.Semaphore(args.concurrency)
    headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=60.0) as http:
        warm_up = await http.get(url.removesuffix("ports") + f"networks/{network_id}")
        warm_up.raise_for_status()

        async def one(i: int) -> None:
            body = {
                "port": {
                    "network_id": network_id,
                    "name": f"{args.prefix}-{i}",
                    "fixed_ips": [{"subnet_id": subnet_id}],
                }
            }
            try:
                async with limit:
                    response = await http.post(url, json=body)
                if response.status_code != 201:
                    outcome.failures.append((i, f"HTTP {response.status_code}: {response.text}"))
                    return
                outcome.created.append(json.loads(response.content)["port"]["id"])
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                outcome.failures.append((i, describe(exc)))

        async def work() -> None:
            async with anyio.create_task_group() as tasks:
                for i in range(args.count):
                    tasks.start_soon(one, i)

        return await timed(outcome, work)


async def delete_ports(client: ServiceClient, network_id: str, concurrency: int) -> list[str]:
    """Delete every port on the benchmark's network; the failures, if any."""
    problems: list[str] = []
    limit = anyio.Semaphore(concurrency)
    leftovers = [
        p.id for p in await ports.list(client, ports.ListOpts(network_id=network_id)).all()
    ]

    async def one(port_id: str) -> None:
        async with limit:
            try:
                await ports.delete(client, port_id)
            except errors.NotFound:
                pass
            except errors.AiocloudError as exc:
                problems.append(f"delete {port_id}: {describe(exc)}")

    async with anyio.create_task_group() as tasks:
        for port_id in leftovers:
            tasks.start_soon(one, port_id)
    return problems


def report(outcome: Outcome, baseline: Outcome | None) -> None:
    per_port = outcome.cpu / max(1, len(outcome.created) + len(outcome.failures)) * 1e6
    ratio = f"  throughput {outcome.rate / baseline.rate:.2f}x raw" if baseline else ""
    print(
        f"  {outcome.name:<18} {len(outcome.created):4d} created {len(outcome.failures):4d} "
        f"failed  {outcome.wall:6.2f} s  {outcome.rate:6.1f} ports/s  "
        f"client CPU {per_port:7.0f} us/port{ratio}"
    )
    for index, failure in outcome.failures:
        print(f"    FAILED port {index}: {failure}")


async def main(args: argparse.Namespace) -> int:
    opts = AuthOptions.from_env()
    failed = 0
    results: dict[str, list[Outcome]] = {}
    async with openstack.authenticated_client(opts) as provider:
        client = await openstack.new_network_v2(provider)
        net = await networks.create(client, networks.CreateOpts(name=args.prefix))
        try:
            sub = await subnets.create(
                client,
                subnets.CreateOpts(network_id=net.id, cidr="10.200.0.0/20", name=args.prefix),
            )
            contenders = ["raw httpx", *(f"aiocloud {b}" for b in args.backends)]
            for round_no in range(args.rounds):
                shift = round_no % len(contenders)
                order = contenders[shift:] + contenders[:shift]
                print(f"round {round_no + 1}: {args.count} ports, {args.concurrency} in flight")
                outcomes: dict[str, Outcome] = {}
                for name in order:
                    if name == "raw httpx":
                        outcome = await run_raw_httpx(
                            provider, client.service_url("ports"), net.id, sub.id, args
                        )
                    else:
                        outcome = await run_aiocloud(name, opts, net.id, sub.id, args)
                    outcomes[name] = outcome
                    failed += len(outcome.failures)
                    problems = await delete_ports(client, net.id, args.concurrency)
                    for problem in problems:
                        print(f"    CLEANUP FAILED {problem}")
                    failed += len(problems)
                for name in contenders:
                    report(outcomes[name], outcomes["raw httpx"] if name != "raw httpx" else None)
                    results.setdefault(name, []).append(outcomes[name])
            if args.rounds > 1:
                print("median over rounds:")
                raw = statistics.median(o.rate for o in results["raw httpx"])
                for name, runs in results.items():
                    rate = statistics.median(o.rate for o in runs)
                    print(f"  {name:<18} {rate:6.1f} ports/s  {rate / raw:.2f}x raw httpx")
        finally:
            with anyio.CancelScope(shield=True):
                for problem in await delete_ports(client, net.id, args.concurrency):
                    print(f"CLEANUP FAILED {problem}")
                    failed += 1
                await networks.delete(client, net.id)  # its subnets go with it
    print("all ports created and deleted" if not failed else f"{failed} failures (see above)")
    return 1 if failed else 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="ports per contender")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--rounds", type=int, default=1, help="rounds (rotating order)")
    parser.add_argument(
        "--backends",
        default="aiohttp",
        help="aiocloud transports to run, comma-separated: aiohttp (the asyncio default), httpx",
    )
    args = parser.parse_args()
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if not set(args.backends) <= {"aiohttp", "httpx"}:
        parser.error("--backends takes aiohttp and/or httpx")
    args.prefix = f"aiocloud-bench-{uuid.uuid4().hex[:8]}"
    return args


if __name__ == "__main__":
    sys.exit(anyio.run(main, parse_args()))
