"""Client CPU per request: aiocloud's core against raw httpx, in one interleaved run.

What is measured (client-process CPU, ``time.process_time``, per request; the
client is pinned to core 0 and the fake cloud of ``server.py`` to core 1):

a. raw ``httpx.AsyncClient``: GET with ``X-Auth-Token``, status check, ``json.loads``
b. raw ``httpx_aiohttp.HttpxAiohttpClient``: the same
c. aiocloud identity v3 ``services.get`` on the default asyncio transport (aiohttp)
d. the same with ``ProviderClient(http_backend="httpx")``
e. a generic ``ServiceClient.json`` GET of a ~2 KB Nova server parsed into a
   model with ``models.extract``, on both transports

each sequentially and with 64 tasks in flight. Every figure is the median of
several rounds; in each round every contender runs once, in a rotating order,
so that drift of the machine hits them all alike. A ratio is the median of the
per-round ratios to raw httpx on the same URL (a). Also checked: HTTP requests
to authenticate with a versioned URL (1), a re-auth storm of 1,000 concurrent
requests while the server starts refusing the old token (1 token request,
0 errors), and the time of ``import aiocloud.openstack`` in a fresh interpreter.

    python benchmarks/core.py            # full run: about 5 minutes
    python benchmarks/core.py --quick    # smoke run (CI): seconds; timings are noisy

Exits non-zero only when something fails (an exception, a wrong answer, more
than one token request in the storm, more than one request to authenticate),
never because of a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import attrs
import httpx
from httpx_aiohttp import HttpxAiohttpClient

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, ROOT]  # server.py, and the aiocloud of this working tree

from server import (  # noqa: E402
    SERVICE_ID,
    TOKEN,
    pin_to_core,
    reset_stats,
    revoke_tokens,
    server_stats,
    start_server,
)

from aiocloud import AuthOptions, ProviderClient, ServiceClient, openstack  # noqa: E402
from aiocloud.models import Model, extract, json_key  # noqa: E402
from aiocloud.openstack.identity.v3 import services  # noqa: E402

SERVER_ID = "00000001-0000-4000-8000-000000000001"
CONCURRENCY = 64
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)  # aiocloud's default
Call = Callable[[], Awaitable[Any]]


@attrs.frozen
class Server(Model):
    """A Nova server as a service module would model it (the benchmark's generic model)."""

    id: str
    name: str
    status: str
    tenant_id: str
    user_id: str
    created: datetime
    updated: datetime | None = None
    host_id: str | None = json_key("hostId", default=None)
    addresses: dict[str, Any] = attrs.field(factory=dict)
    flavor: dict[str, Any] = attrs.field(factory=dict)
    image: dict[str, Any] | None = None
    metadata: dict[str, str] = attrs.field(factory=dict)
    links: list[dict[str, Any]] = attrs.field(factory=list)
    key_name: str | None = None
    progress: int | None = None
    access_ipv4: str | None = json_key("accessIPv4", default=None)
    access_ipv6: str | None = json_key("accessIPv6", default=None)
    vm_state: str | None = json_key("OS-EXT-STS:vm_state", default=None)
    task_state: str | None = json_key("OS-EXT-STS:task_state", default=None)
    power_state: int | None = json_key("OS-EXT-STS:power_state", default=None)
    availability_zone: str | None = json_key("OS-EXT-AZ:availability_zone", default=None)
    launched_at: datetime | None = json_key("OS-SRV-USG:launched_at", default=None)
    security_groups: list[dict[str, Any]] = attrs.field(factory=list)


Maker = Callable[[], Awaitable[tuple[Call, Callable[[], Awaitable[None]]]]]


@attrs.define
class Contender:
    """One way of doing the request; its own client for each mode, so that the
    sequential runs never inherit the 64 connections of the concurrent ones
    (httpcore's pool scans every connection on every request)."""

    key: str
    label: str
    baseline: str | None  # key of the raw-httpx contender it is compared with
    target: float | None
    httpx_pool: bool  # on httpx's own transport (httpcore's connection pool)
    calls: dict[str, Call] = attrs.field(factory=dict)
    closers: list[Callable[[], Awaitable[None]]] = attrs.field(factory=list)
    results: dict[str, list[float]] = attrs.field(factory=lambda: {"seq": [], "conc": []})

    async def start(self, make: Maker) -> Contender:
        for mode in ("seq", "conc"):
            call, close = await make()
            self.calls[mode] = call
            self.closers.append(close)
        return self

    async def close(self) -> None:
        for close in self.closers:
            await close()


def auth_options(base: str) -> AuthOptions:
    return AuthOptions(
        identity_endpoint=f"{base}/v3",
        username="bench",
        password="bench-password",
        domain_name="Default",
        tenant_name="bench",
        allow_reauth=True,
    )


def raw_maker(label: str, client_class: type[httpx.AsyncClient], url: str) -> Maker:
    headers = {"X-Auth-Token": TOKEN}

    async def make() -> tuple[Call, Callable[[], Awaitable[None]]]:
        client = client_class(limits=LIMITS)

        async def call() -> Any:
            response = await client.get(url, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"{label}: HTTP {response.status_code}")
            return json.loads(response.content)

        return call, client.aclose

    return make


def services_maker(base: str, backend: str) -> Maker:
    async def make() -> tuple[Call, Callable[[], Awaitable[None]]]:
        provider = await openstack.authenticated_client(
            auth_options(base), http_backend=backend, limits=LIMITS
        )
        identity = await openstack.new_identity_v3(provider)

        async def call() -> services.Service:
            service = await services.get(identity, SERVICE_ID)
            if service.id != SERVICE_ID:
                raise RuntimeError("services.get returned the wrong service")
            return service

        return call, provider.aclose

    return make


def server_maker(base: str, backend: str) -> Maker:
    async def make() -> tuple[Call, Callable[[], Awaitable[None]]]:
        provider = await openstack.authenticated_client(
            auth_options(base), http_backend=backend, limits=LIMITS
        )
        compute: ServiceClient = await openstack.new_compute_v2(provider)

        async def call() -> Server:
            body = await compute.json("GET", compute.service_url("servers", SERVER_ID))
            server = extract(body, "server", Server)
            if server.id != SERVER_ID or server.vm_state != "active":
                raise RuntimeError("the server model is wrong")
            return server

        return call, provider.aclose

    return make


async def make_contenders(base: str) -> list[Contender]:
    service_url = f"{base}/v3/services/{SERVICE_ID}"
    server_url = f"{base}/v2.1/servers/{SERVER_ID}"
    specs: list[tuple[str, str, str | None, float | None, Maker]] = [
        ("a-svc", "a  raw httpx.AsyncClient      service", None, None,
         raw_maker("a", httpx.AsyncClient, service_url)),
        ("b-svc", "b  raw HttpxAiohttpClient     service", "a-svc", None,
         raw_maker("b", HttpxAiohttpClient, service_url)),
        ("a-srv", "a  raw httpx.AsyncClient      server", None, None,
         raw_maker("a", httpx.AsyncClient, server_url)),
        ("b-srv", "b  raw HttpxAiohttpClient     server", "a-srv", None,
         raw_maker("b", HttpxAiohttpClient, server_url)),
        ("c-svc", "c  aiocloud services.get (aiohttp) service", "a-svc", 0.6,
         services_maker(base, "auto")),
        ("e-aiohttp", "e  aiocloud GET+model   (aiohttp) server", "a-srv", 0.6,
         server_maker(base, "auto")),
        ("d-svc", "d  aiocloud services.get (httpx  ) service", "a-svc", 1.10,
         services_maker(base, "httpx")),
        ("e-httpx", "e  aiocloud GET+model   (httpx  ) server", "a-srv", 1.10,
         server_maker(base, "httpx")),
    ]  # fmt: skip
    contenders = []
    for key, label, baseline, target, make in specs:
        httpx_pool = key.startswith("a") or key in ("d-svc", "e-httpx")
        contender = Contender(key, label, baseline, target, httpx_pool)
        contenders.append(await contender.start(make))
    return contenders


async def run_sequential(call: Call, n: int) -> float:
    gc.collect()
    start = time.process_time()
    for _ in range(n):
        await call()
    return (time.process_time() - start) / n * 1e6


async def run_concurrent(call: Call, n: int, width: int = CONCURRENCY) -> float:
    per_task = max(1, n // width)

    async def worker() -> None:
        for _ in range(per_task):
            await call()

    gc.collect()
    start = time.process_time()
    await asyncio.gather(*(worker() for _ in range(width)))
    return (time.process_time() - start) / (per_task * width) * 1e6


async def settle(call: Call, seconds: float) -> None:
    """Keep 64 requests in flight for ``seconds`` (untimed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await run_concurrent(call, CONCURRENCY * 4)


async def measure(
    contenders: list[Contender], rounds: int, n_seq: int, n_conc: int, settle_s: float
) -> None:
    """Interleaved rounds; each timed run right after an untimed one of the same kind.

    The untimed run gives every contender the same recent history (open
    connections, filled caches). httpx's own pool costs more the more
    connections it holds: a burst of 64 opens 64, and the ones a CPU-bound
    client does not need any more only go when idle for 5 s (keepalive
    expiry). So clients on httpx's transport first run under load for
    ``settle_s`` seconds, to be measured in that steady state rather than just
    after a burst (``settle_s=0``: the burst state, several times dearer).
    """
    for round_no in range(rounds):
        shift = round_no % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            seq, conc = contender.calls["seq"], contender.calls["conc"]
            await run_sequential(seq, max(20, n_seq // 5))
            contender.results["seq"].append(await run_sequential(seq, n_seq))
            await run_concurrent(conc, max(CONCURRENCY * 2, n_conc // 2))
            if contender.httpx_pool and settle_s > 0:
                await settle(conc, settle_s)
            contender.results["conc"].append(await run_concurrent(conc, n_conc))
        print(f"  round {round_no + 1}/{rounds} done", file=sys.stderr, flush=True)


async def count_auth_requests(base: str) -> int:
    reset_stats(base)
    provider = await openstack.authenticated_client(auth_options(base))
    try:
        return server_stats(base)["requests"]
    finally:
        await provider.aclose()


async def reauth_storm(
    base: str, backend: str, *, mid_storm: bool, n: int = 1000
) -> dict[str, Any]:
    """``n`` concurrent services.get while the server starts refusing the token."""
    provider: ProviderClient = await openstack.authenticated_client(
        auth_options(base), http_backend=backend
    )
    try:
        identity = await openstack.new_identity_v3(provider)
        await services.get(identity, SERVICE_ID)
        reset_stats(base)
        if not mid_storm:
            revoke_tokens(base)
        failures: list[BaseException] = []
        finished = 0

        async def one(index: int) -> None:
            nonlocal finished
            try:
                service = await services.get(identity, f"svc-{index % 50}")
                if service.id != f"svc-{index % 50}":
                    raise RuntimeError("wrong service")
            except Exception as exc:
                failures.append(exc)
            finished += 1
            if mid_storm and finished == n // 10:
                revoke_tokens(base)  # blocks the loop for a moment: requests are in flight

        await asyncio.gather(*(one(i) for i in range(n)))
        stats = server_stats(base)
        return {
            "backend": backend,
            "when": "mid-storm" if mid_storm else "before",
            "token_requests": stats["token_requests"],
            "refused_401": stats["unauthorized"],
            "errors": len(failures),
            "first_error": repr(failures[0]) if failures else None,
        }
    finally:
        await provider.aclose()


def import_time(module: str, runs: int) -> tuple[float, bool]:
    """Median seconds to import ``module`` in a fresh interpreter; True if aiohttp stayed out."""
    code = (
        "import sys, time; t = time.perf_counter(); import " + module + "; "
        "d = time.perf_counter() - t; print(d, 'aiohttp' in sys.modules)"
    )
    times: list[float] = []
    lazy = True
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout.split()
        times.append(float(out[0]))
        lazy = lazy and out[1] == "False"
    return statistics.median(times), lazy


def ratio(contender: Contender, baseline: Contender, mode: str) -> float:
    """The median over rounds of the per-round ratio: drift between rounds cancels."""
    pairs = zip(contender.results[mode], baseline.results[mode], strict=True)
    return statistics.median(mine / theirs for mine, theirs in pairs)


def report(contenders: list[Contender]) -> list[str]:
    """The table: median µs per request, and ratios to raw httpx on the same URL."""
    by_key = {c.key: c for c in contenders}
    lines = [
        f"{'contender':46} {'seq µs':>8} {'ratio':>6}   {'64∥ µs':>8} {'ratio':>6}   target",
        "-" * 92,
    ]
    for contender in contenders:
        seq = statistics.median(contender.results["seq"])
        conc = statistics.median(contender.results["conc"])
        seq_ratio = conc_ratio = ""
        verdict = ""
        if contender.baseline:
            base = by_key[contender.baseline]
            r_seq, r_conc = ratio(contender, base, "seq"), ratio(contender, base, "conc")
            seq_ratio, conc_ratio = f"{r_seq:.2f}x", f"{r_conc:.2f}x"
            if contender.target is not None:
                ok = r_seq <= contender.target and r_conc <= contender.target
                verdict = f"<= {contender.target:.2f}x {'met' if ok else 'MISSED'}"
        else:
            seq_ratio = conc_ratio = "1.00x" if contender.key.startswith("a") else ""
        lines.append(
            f"{contender.label:46} {seq:8.0f} {seq_ratio:>6}   "
            f"{conc:8.0f} {conc_ratio:>6}   {verdict}"
        )
    return lines


async def main_async(args: argparse.Namespace, base: str) -> tuple[list[str], bool, dict[str, Any]]:
    ok = True
    contenders = await make_contenders(base)
    try:
        await measure(contenders, args.rounds, args.requests, args.concurrent_requests, args.settle)
    finally:
        for contender in contenders:
            await contender.close()
    lines = [
        f"client CPU per request, median of {args.rounds} round(s); "
        f"{args.requests} sequential / {args.concurrent_requests} at {CONCURRENCY} in flight"
        + (
            f" (httpx pools settled {args.settle:g} s)"
            if args.settle
            else " (httpx pools just after a burst)"
        ),
        *report(contenders),
        "",
    ]
    auth_requests = await count_auth_requests(base)
    ok &= auth_requests == 1
    lines.append(
        f"HTTP requests to authenticate (versioned URL .../v3): {auth_requests}  (must be 1)"
    )
    storms = []
    for backend in ("auto", "httpx"):
        for mid in (False, True):
            storm = await reauth_storm(base, backend, mid_storm=mid, n=args.storm)
            storms.append(storm)
            good = storm["token_requests"] == 1 and storm["errors"] == 0
            ok &= good
            lines.append(
                f"re-auth storm, {args.storm} concurrent, {storm['backend']:5} transport, token "
                f"revoked {storm['when']:9}: token requests {storm['token_requests']}, "
                f"401s seen {storm['refused_401']}, errors {storm['errors']}  "
                f"({'ok' if good else 'FAILED ' + str(storm['first_error'])})"
            )
    by_key = {c.key: c for c in contenders}
    results: dict[str, Any] = {
        c.key: {
            "seq_us": statistics.median(c.results["seq"]),
            "conc_us": statistics.median(c.results["conc"]),
            "baseline": c.baseline,
            "seq_ratio": ratio(c, by_key[c.baseline], "seq") if c.baseline else None,
            "conc_ratio": ratio(c, by_key[c.baseline], "conc") if c.baseline else None,
            "rounds": c.results,
        }
        for c in contenders
    }
    results["auth_requests"] = auth_requests
    results["storms"] = storms
    return lines, ok, results


def main() -> int:
    parser = argparse.ArgumentParser(description="aiocloud core client-cost benchmark")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (CI)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=1500, help="sequential requests a round")
    parser.add_argument("--concurrent-requests", type=int, default=64 * 25)
    parser.add_argument("--storm", type=int, default=1000, help="requests in the re-auth storm")
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument(
        "--settle",
        type=float,
        default=5.5,
        help="seconds of untimed load before a 64-in-flight run on httpx's transport",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.requests, args.concurrent_requests, args.import_runs = 1, 200, 256, 3
        args.settle = 0.0
    pinned = pin_to_core(0)
    with start_server(core=1) as base:
        try:
            lines, ok, results = asyncio.run(main_async(args, base))
        except Exception as exc:  # a failure, not a timing: report it and fail
            print(f"benchmark failed: {exc!r}", file=sys.stderr)
            raise
    seconds, lazy = import_time("aiocloud.openstack", args.import_runs)
    httpx_seconds, _ = import_time("httpx", args.import_runs)
    lines.append(
        f"import aiocloud.openstack: {seconds:.3f} s (median of {args.import_runs}; "
        f"target < 0.15 s; "
        f"httpx alone {httpx_seconds:.3f} s; aiohttp imported lazily: {'yes' if lazy else 'NO'})"
    )
    if args.quick:
        lines.append("note: --quick: one short round; the timings and verdicts are indicative only")
    if not pinned:
        lines.append("note: fewer than 2 cores available: client and server were not pinned apart")
    print("\n".join(lines))
    if args.json:
        results["import_s"] = seconds
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=2)
    if not ok:
        print("FAILED: see the lines above", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
