"""Client CPU of compute v2 ``servers.get`` and ``servers.list`` against raw httpx, in one run.

What is measured (client-process CPU, ``time.process_time``; the client is pinned
to core 0 and the fake cloud of ``server.py`` to core 1):

get   one ~2 KB Nova server detail, sequentially and with 64 tasks in flight:
      a. raw ``httpx.AsyncClient``: GET with ``X-Auth-Token``, status check, ``json.loads``
      b. raw ``httpx_aiohttp.HttpxAiohttpClient``: the same
      c. ``servers.get`` on the default asyncio transport (aiohttp)   target <= 0.60x a
      d. ``servers.get`` with ``http_backend="httpx"``                  target <= 1.10x a
list  10,000 servers, 1,000 a page, following ``servers_links`` (CPU per server):
      a./b. raw clients: GET every page, ``json.loads``, walk its servers, follow the link
      c./d. ``servers.list`` (typed ``Server`` models) on both transports  target <= 1.30x a

Every figure is the median of several rounds; in each round every contender
runs once, in a rotating order, so that drift of the machine hits them all
alike. Ratios are against raw httpx (a) in the same run.

    python benchmarks/compute.py            # full run, about a minute
    python benchmarks/compute.py --quick    # smoke run: seconds; timings are noisy

Exits non-zero only when something fails (an exception, a wrong answer),
never because of a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import httpx
from httpx_aiohttp import HttpxAiohttpClient

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, ROOT]  # server.py, and the aiocloud of this working tree

from server import TOKEN, pin_to_core, start_server  # noqa: E402

from aiocloud import AuthOptions, ProviderClient, ServiceClient, openstack  # noqa: E402
from aiocloud.openstack.compute.v2 import servers  # noqa: E402

SERVER_ID = "00000001-0000-4000-8000-000000000001"
SERVERS_TOTAL = 10_000
PAGE = 1000
CONCURRENCY = 64
Call = Callable[[], Awaitable[int]]  # returns how many units (requests or servers) it did


@attrs.define
class Contender:
    key: str
    label: str
    target: float | None
    call: Call
    results: dict[str, list[float]] = attrs.field(factory=lambda: {"seq": [], "conc": []})


def auth_options(base: str) -> AuthOptions:
    return AuthOptions(
        identity_endpoint=f"{base}/v3",
        username="bench",
        password="bench-password",
        domain_name="Default",
        tenant_name="bench",
    )


def raw_get(client: httpx.AsyncClient, base: str) -> Call:
    url = f"{base}/v2.1/servers/{SERVER_ID}"
    headers = {"X-Auth-Token": TOKEN}

    async def call() -> int:
        response = await client.get(url, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"raw get: HTTP {response.status_code}")
        if json.loads(response.content)["server"]["id"] != SERVER_ID:
            raise RuntimeError("raw get: wrong server")
        return 1

    return call


def raw_list(client: httpx.AsyncClient, base: str) -> Call:
    headers = {"X-Auth-Token": TOKEN}

    async def call() -> int:
        url: str | None = f"{base}/v2.1/servers/detail?limit={PAGE}"
        seen = 0
        while url is not None:
            response = await client.get(url, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"raw list: HTTP {response.status_code}")
            body = json.loads(response.content)
            for server in body["servers"]:
                seen += 1
                if not server["id"]:
                    raise RuntimeError("raw list: a server without id")
            links = body.get("servers_links") or ()
            url = next((link["href"] for link in links if link.get("rel") == "next"), None)
        if seen != SERVERS_TOTAL:
            raise RuntimeError(f"raw list: {seen} servers")
        return seen

    return call


def library_get(compute: ServiceClient) -> Call:
    async def call() -> int:
        server = await servers.get(compute, SERVER_ID)
        if server.id != SERVER_ID or server.vm_state != "active":
            raise RuntimeError("servers.get: wrong server")
        return 1

    return call


def library_list(compute: ServiceClient) -> Call:
    async def call() -> int:
        seen = 0
        async for server in servers.list(compute, servers.ListOpts(limit=PAGE)):
            seen += 1
            if not server.id:
                raise RuntimeError("servers.list: a server without id")
        if seen != SERVERS_TOTAL:
            raise RuntimeError(f"servers.list: {seen} servers")
        return seen

    return call


async def run_sequential(call: Call, n: int) -> float:
    gc.collect()
    start = time.process_time()
    units = 0
    for _ in range(n):
        units += await call()
    return (time.process_time() - start) / units * 1e6


async def run_concurrent(call: Call, n: int, width: int = CONCURRENCY) -> float:
    per_task = max(1, n // width)

    async def worker() -> int:
        return sum([await call() for _ in range(per_task)])

    gc.collect()
    start = time.process_time()
    units = sum(await asyncio.gather(*(worker() for _ in range(width))))
    return (time.process_time() - start) / units * 1e6


async def measure(contenders: list[Contender], rounds: int, n_seq: int, n_conc: int | None) -> None:
    for contender in contenders:  # warm up: connections open, hooks built, caches filled
        await run_sequential(contender.call, max(1, n_seq // 10))
        if n_conc:
            await run_concurrent(contender.call, CONCURRENCY * 2)
    for round_no in range(rounds):
        shift = round_no % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            contender.results["seq"].append(await run_sequential(contender.call, n_seq))
            if n_conc:
                contender.results["conc"].append(await run_concurrent(contender.call, n_conc))


def report(title: str, unit: str, contenders: list[Contender]) -> list[str]:
    baseline = contenders[0]
    lines = [
        title,
        f"{'contender':44} {'seq ' + unit:>10} {'ratio':>6}   {'64∥ ' + unit:>10} {'ratio':>6}"
        "   target",
        "-" * 96,
    ]
    for contender in contenders:
        cells = []
        ok = True
        for mode in ("seq", "conc"):
            if not contender.results[mode]:
                cells.append(f"{'-':>10} {'':>6}")
                continue
            value = statistics.median(contender.results[mode])
            ratio = value / statistics.median(baseline.results[mode])
            if contender.target is not None:
                ok &= ratio <= contender.target
            cells.append(f"{value:10.1f} {ratio:5.2f}x")
        verdict = ""
        if contender.target is not None:
            verdict = f"<= {contender.target:.2f}x {'met' if ok else 'MISSED'}"
        lines.append(f"{contender.label:44} {cells[0]}   {cells[1]}   {verdict}")
    return lines


async def main_async(args: argparse.Namespace, base: str) -> tuple[list[str], dict[str, Any]]:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    raw_httpx = httpx.AsyncClient(limits=limits)
    raw_aiohttp = HttpxAiohttpClient(limits=limits)
    providers: list[ProviderClient] = []
    computes: dict[str, ServiceClient] = {}
    for backend in ("auto", "httpx"):
        provider = await openstack.authenticated_client(auth_options(base), http_backend=backend)
        providers.append(provider)
        computes[backend] = await openstack.new_compute_v2(provider)
    try:
        get_contenders = [
            Contender(
                "a", "a  raw httpx.AsyncClient           get", None, raw_get(raw_httpx, base)
            ),
            Contender(
                "b", "b  raw HttpxAiohttpClient          get", None, raw_get(raw_aiohttp, base)
            ),
            Contender(
                "c", "c  servers.get (aiohttp, default)  get", 0.60, library_get(computes["auto"])
            ),
            Contender(
                "d", "d  servers.get (httpx)             get", 1.10, library_get(computes["httpx"])
            ),
        ]
        list_contenders = [
            Contender(
                "a", "a  raw httpx.AsyncClient      per server", None, raw_list(raw_httpx, base)
            ),
            Contender(
                "b", "b  raw HttpxAiohttpClient     per server", None, raw_list(raw_aiohttp, base)
            ),
            Contender(
                "c",
                "c  servers.list (aiohttp)     per server",
                1.30,
                library_list(computes["auto"]),
            ),
            Contender(
                "d",
                "d  servers.list (httpx)       per server",
                1.30,
                library_list(computes["httpx"]),
            ),
        ]
        await measure(get_contenders, args.rounds, args.requests, args.concurrent_requests)
        print("  get done", file=sys.stderr, flush=True)
        await measure(list_contenders, args.rounds, args.listings, None)
        print("  list done", file=sys.stderr, flush=True)
    finally:
        await raw_httpx.aclose()
        await raw_aiohttp.aclose()
        for provider in providers:
            await provider.aclose()
    lines = [
        *report(
            f"servers.get, client CPU per request (µs), median of {args.rounds} round(s): "
            f"{args.requests} sequential / {args.concurrent_requests} at {CONCURRENCY} in flight",
            "µs",
            get_contenders,
        ),
        "",
        *report(
            f"servers.list of {SERVERS_TOTAL} servers ({PAGE} a page), client CPU per server "
            f"(µs), median of {args.rounds} round(s) x {args.listings} listing(s)",
            "µs",
            list_contenders,
        ),
    ]
    results = {
        name: {
            c.key: {
                "label": c.label.strip(),
                "seq_us": statistics.median(c.results["seq"]),
                "conc_us": statistics.median(c.results["conc"]) if c.results["conc"] else None,
                "rounds": c.results,
            }
            for c in group
        }
        for name, group in (("get", get_contenders), ("list", list_contenders))
    }
    return lines, results


def main() -> int:
    parser = argparse.ArgumentParser(description="aiocloud compute v2 client-cost benchmark")
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=1500, help="sequential gets a round")
    parser.add_argument("--concurrent-requests", type=int, default=64 * 25)
    parser.add_argument("--listings", type=int, default=2, help="10,000-server listings a round")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.requests, args.concurrent_requests, args.listings = 1, 200, 256, 1
    pinned = pin_to_core(0)
    with start_server(core=1, servers_total=SERVERS_TOTAL) as base:
        lines, results = asyncio.run(main_async(args, base))
    print(f"client pinned to core 0: {pinned}; fake cloud on core 1")
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
