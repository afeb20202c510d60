"""Object storage benchmark: 1 GiB streamed up and down, and a 100,000-object listing.

    python benchmarks/objectstorage.py            # 1 GiB, 100,000 objects, 3 rounds
    python benchmarks/objectstorage.py --quick    # 128 MiB, 20,000 objects, 2 rounds
    python benchmarks/objectstorage.py --json out.json
    python benchmarks/objectstorage.py --only transfers --client-core 0   # one client core

Against ``benchmarks/_swift_server.py`` (a fast fake Swift in its own process,
pinned to core 1: it drops uploads and answers the ETag it was told, sends
downloads from one buffer, pre-renders listing pages), the client and raw
httpx (``httpx.AsyncClient``) do the same work in the same run, interleaved:

* upload: the same file (raw httpx: read in 1 MiB chunks; aiocloud:
  ``objects.create(path)``, which computes the MD5 while sending and checks it
  against the ETag, also without it);
* download: the whole object, chunk by chunk (aiocloud: ``objects.download``
  with its ETag check, also without it);
* "raw httpx + md5": raw httpx hashing each chunk inline and checking the
  ETag, the fair floor of a verified transfer (MD5 runs at ~750 MB/s here);
* listing: 100,000 objects in marker pages of 10,000 (the cluster's maximum)
  and of 200 (PERFORMANCE.md's setting) (aiocloud: full ``Object`` models, or
  names; raw httpx: the same GETs and ``json.loads``), client CPU per object
  with the client pinned to core 0.

The transfers run with the client free to use both cores (``--client-core``
pins it) and the server on core 1. Figures: throughput (MB/s) and its ratio
to raw httpx and to raw httpx + md5, client CPU seconds,
peak RSS growth (``VmHWM`` after resetting it through ``/proc/self/clear_refs``),
listing CPU per object and its ratio. Medians of the rounds. Targets
(PERFORMANCE.md): RSS growth < 50 MiB, throughput >= 0.9x, listing <= 1.3x.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _swift_server import TOKEN, start_server

from aiocloud.openstack.objectstorage.v1 import objects, tempauth

MiB = 1 << 20
CHUNK = MiB


# -- measurement ----------------------------------------------------------------------


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


class Sample:
    """Wall time, client CPU and peak RSS growth of one run."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Sample:
        _reset_peak()
        self.rss0 = _status("VmRSS")
        self.cpu0 = time.process_time()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        self.cpu = time.process_time() - self.cpu0
        self.rss_growth = max(0, _status("VmHWM") - self.rss0)


async def measure(name: str, run: Callable[[], Awaitable[int]]) -> dict[str, Any]:
    with Sample(name) as sample:
        moved = await run()
    return {
        "name": name,
        "bytes": moved,
        "wall_s": sample.wall,
        "cpu_s": sample.cpu,
        "mb_per_s": moved / sample.wall / 1e6,
        "rss_growth_mib": sample.rss_growth / MiB,
    }


# -- scenarios ------------------------------------------------------------------------


async def raw_upload(url: str, path: Path, size: int, md5: bool = False) -> int:
    digest = hashlib.md5() if md5 else None

    async def body() -> AsyncIterator[bytes]:
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                if digest is not None:
                    digest.update(chunk)
                yield chunk

    async with httpx.AsyncClient(timeout=120) as client:
        response = await client.put(
            url, content=body(), headers={"X-Auth-Token": TOKEN, "Content-Length": str(size)}
        )
        response.raise_for_status()
    if digest is not None and digest.hexdigest() != response.headers["etag"]:
        raise RuntimeError("raw httpx upload: ETag mismatch")
    return size


async def raw_download(url: str, md5: bool = False) -> int:
    received = 0
    digest = hashlib.md5() if md5 else None
    async with (
        httpx.AsyncClient(timeout=120) as client,
        client.stream("GET", url, headers={"X-Auth-Token": TOKEN}) as response,
    ):
        response.raise_for_status()
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if digest is not None:
                digest.update(chunk)
    if digest is not None and digest.hexdigest() != response.headers["etag"]:
        raise RuntimeError("raw httpx download: ETag mismatch")
    return received


async def raw_listing(url: str, limit: int) -> int:
    count = 0
    marker = ""
    async with httpx.AsyncClient(timeout=120) as client:
        while True:
            params = {"format": "json", "limit": str(limit)}
            if marker:
                params["marker"] = marker
            response = await client.get(url, params=params, headers={"X-Auth-Token": TOKEN})
            response.raise_for_status()
            items = json.loads(response.content)
            count += len(items)
            if len(items) < limit:
                return count
            marker = items[-1]["name"]


async def session(base: str, backend: str) -> Any:
    return await tempauth.authenticate(base + "/auth/v1.0", "bench", "bench", http_backend=backend)


async def client_upload(base: str, backend: str, path: Path, verify: bool) -> int:
    provider, swift = await session(base, backend)
    async with provider:
        result = await objects.create(
            swift, "bench", "big", path, objects.CreateOpts(verify=verify)
        )
    assert result.size is not None
    return result.size


async def client_download(base: str, backend: str, verify: bool) -> int:
    received = 0
    provider, swift = await session(base, backend)
    async with provider:
        opts = objects.DownloadOpts(verify=verify)
        async with objects.download(swift, "bench", "big", opts) as download:
            async for chunk in download.aiter_bytes():
                received += len(chunk)
    return received


async def client_listing(base: str, backend: str, limit: int, full: bool) -> int:
    count = 0
    provider, swift = await session(base, backend)
    async with provider:
        opts = objects.ListOpts(full=full, limit=limit)
        async for _ in objects.list(swift, "bench", opts):
            count += 1
    return count


def _raw_listing(url: str, limit: int) -> Callable[[], Awaitable[int]]:
    return lambda: raw_listing(url, limit)


def _client_listing(
    base: str, backend: str, limit: int, full: bool
) -> Callable[[], Awaitable[int]]:
    return lambda: client_listing(base, backend, limit, full)


# -- driver ---------------------------------------------------------------------------


def make_file(size: int) -> tuple[Path, str]:
    path = Path(tempfile.gettempdir()) / f"aiocloud-bench-{size}.bin"
    digest = hashlib.md5()
    if not path.exists() or path.stat().st_size != size:
        with path.open("wb") as file:
            left = size
            while left:
                block = os.urandom(min(CHUNK, left))
                file.write(block)
                left -= len(block)
    with path.open("rb") as file:
        while block := file.read(8 * MiB):
            digest.update(block)
    return path, digest.hexdigest()


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


async def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    size = args.size_mib * MiB
    path, digest = make_file(size)
    results: dict[str, Any] = {"size_bytes": size, "objects": args.objects, "rounds": args.rounds}
    with start_server(object_size=size, objects_total=args.objects, core=1) as base:
        account = base + "/v1/AUTH_bench"
        async with httpx.AsyncClient() as control:  # the fake answers this ETag to uploads
            await control.post(base + "/_bench/etag", content=digest)

        transfers: dict[str, list[dict[str, Any]]] = {}
        backend = args.backend
        scenarios: list[tuple[str, Callable[[], Awaitable[int]]]] = [
            ("upload raw httpx", lambda: raw_upload(account + "/bench/big", path, size)),
            (
                "upload raw httpx + md5",
                lambda: raw_upload(account + "/bench/big", path, size, md5=True),
            ),
            ("upload aiocloud", lambda: client_upload(base, args.backend, path, True)),
            (
                "upload aiocloud verify=False",
                lambda: client_upload(base, args.backend, path, False),
            ),
            ("download raw httpx", lambda: raw_download(account + "/bench/big")),
            ("download raw httpx + md5", lambda: raw_download(account + "/bench/big", md5=True)),
            ("download aiocloud", lambda: client_download(base, backend, True)),
            ("download aiocloud verify=False", lambda: client_download(base, backend, False)),
        ]
        if args.client_core is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {args.client_core})
        for _ in range(args.rounds if args.only in ("all", "transfers") else 0):
            for name, run in scenarios:
                transfers.setdefault(name, []).append(await measure(name, run))

        if hasattr(os, "sched_setaffinity"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {0})
        listings: dict[str, list[dict[str, Any]]] = {}
        listing_runs: list[tuple[str, Callable[[], Awaitable[int]]]] = []
        for limit in (10000, 200):
            listing_runs += [
                (f"list raw httpx, {limit}/page", _raw_listing(account + "/bench", limit)),
                (
                    f"list aiocloud full, {limit}/page",
                    _client_listing(base, args.backend, limit, True),
                ),
                (
                    f"list aiocloud names, {limit}/page",
                    _client_listing(base, args.backend, limit, False),
                ),
            ]
        if args.only == "transfers":
            listing_runs = []
        for _name, run in listing_runs:  # warm-up: the server renders its pages once
            await run()
        for _ in range(args.rounds + 2 if listing_runs else 0):
            for name, run in listing_runs:
                listings.setdefault(name, []).append(await measure(name, run))

    for kind, baseline in (("upload", "upload raw httpx"), ("download", "download raw httpx")):
        if baseline not in transfers:
            continue
        base_rate = median(transfers[baseline], "mb_per_s")
        md5_rate = median(transfers[baseline + " + md5"], "mb_per_s")
        for name, runs in transfers.items():
            if name.startswith(kind):
                results[name] = {
                    "mb_per_s": median(runs, "mb_per_s"),
                    "ratio": median(runs, "mb_per_s") / base_rate,
                    "ratio_md5": median(runs, "mb_per_s") / md5_rate,
                    "cpu_s": median(runs, "cpu_s"),
                    "rss_growth_mib": max(run["rss_growth_mib"] for run in runs),
                }
    for name, runs in listings.items():
        baseline = "list raw httpx, " + name.rsplit(", ", 1)[1]
        results[name] = {
            "us_per_object": median(runs, "cpu_s") / args.objects * 1e6,
            "ratio": median(runs, "cpu_s") / median(listings[baseline], "cpu_s"),
        }
    return results


def report(results: dict[str, Any]) -> None:
    size = results["size_bytes"] / MiB
    print(f"\n{size:.0f} MiB object, {results['objects']:,} objects, {results['rounds']} rounds")
    print(
        f"{'scenario':34} {'MB/s':>8} {'ratio':>7} {'vs +md5':>8} {'cpu s':>7} "
        f"{'peak RSS +MiB':>14}"
    )
    for name, row in results.items():
        if isinstance(row, dict) and "mb_per_s" in row:
            print(
                f"{name:34} {row['mb_per_s']:8.0f} {row['ratio']:6.2f}x {row['ratio_md5']:7.2f}x "
                f"{row['cpu_s']:7.2f} {row['rss_growth_mib']:14.1f}"
            )
    print(f"\n{'listing (client on core 0)':34} {'us/object':>10} {'ratio':>7}")
    for name, row in results.items():
        if isinstance(row, dict) and "us_per_object" in row:
            print(f"{name:34} {row['us_per_object']:10.2f} {row['ratio']:6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="128 MiB, 20,000 objects, 2 rounds")
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", default="auto", choices=["auto", "aiohttp", "httpx"])
    parser.add_argument("--only", default="all", choices=["all", "transfers", "listing"])
    parser.add_argument(
        "--client-core",
        type=int,
        help="pin the client to this core for the transfers too (listings always run on core 0)",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.quick:
        args.size_mib, args.objects, args.rounds = 128, 20_000, 2
    results = asyncio.run(benchmark(args))
    results["backend"] = args.backend
    report(results)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
