"""How fast ``objects.bulk_delete`` empties a container, by request size and concurrency.

Against the REAL Swift of ``OS_*`` (``source /tmp/peers-cloud/env.sh``): for
each (names per request, requests in flight) pair, the script uploads
``--count`` small objects into a container of its own, times one
``objects.bulk_delete`` of all of them, checks the container is empty and
removes it. Rounds rotate the order of the pairs. Reported per pair: the
median wall time and objects deleted per second. The defaults of
``bulk_delete`` were chosen with this script.

    python benchmarks/bulk_delete.py                         # 1,000 objects, 2 rounds
    python benchmarks/bulk_delete.py --pairs 10000x1,100x8 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

import anyio

from aiocloud import AuthOptions, openstack
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.service import ServiceClient

DEFAULT_PAIRS = "10000x1,1000x1,100x1,100x4,100x8,100x16,250x8,50x8,25x16"


async def _fill(swift: ServiceClient, container: str, count: int) -> list[str]:
    names = [f"obj-{i:06d}" for i in range(count)]
    limiter = anyio.Semaphore(32)

    async def upload(name: str) -> None:
        async with limiter:
            await objects.create(swift, container, name, b"x")

    async with anyio.create_task_group() as tasks:
        for name in names:
            tasks.start_soon(upload, name)
    return names


async def _one_run(swift: ServiceClient, count: int, per_request: int, concurrency: int) -> float:
    container = f"bench-bulk-{uuid.uuid4().hex[:8]}"
    await containers.create(swift, container)
    try:
        names = await _fill(swift, container, count)
        started = time.perf_counter()
        result = await objects.bulk_delete(
            swift, container, names, per_request=per_request, concurrency=concurrency
        )
        elapsed = time.perf_counter() - started
        left = await objects.list(swift, container).all()
        if not result.ok or result.deleted != count or left:
            raise SystemExit(f"{per_request}x{concurrency}: {result!r}, {len(left)} left")
        return elapsed
    finally:
        leftovers = await objects.list(swift, container).all()
        if leftovers:
            await objects.bulk_delete(swift, container, leftovers)
        await containers.delete(swift, container)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pairs", default=DEFAULT_PAIRS, help="per_request x concurrency,...")
    args = parser.parse_args()
    pairs = [tuple(int(n) for n in pair.split("x")) for pair in args.pairs.split(",")]
    times: dict[tuple[int, ...], list[float]] = {pair: [] for pair in pairs}
    async with openstack.authenticated_client(AuthOptions.from_env()) as provider:
        swift = await openstack.new_object_storage_v1(provider)
        for round_index in range(args.rounds):
            shift = round_index % len(pairs)
            for pair in pairs[shift:] + pairs[:shift]:
                per_request, concurrency = pair
                times[pair].append(await _one_run(swift, args.count, per_request, concurrency))
    print(f"{args.count} objects, {args.rounds} rounds (median wall time)")
    for pair, runs in times.items():
        median = statistics.median(runs)
        print(
            f"  {pair[0]:>6} names x {pair[1]:>2} in flight: {median:6.2f} s "
            f"({args.count / median:7.0f} objects/s)  runs: "
            + ", ".join(f"{run:.2f}" for run in runs)
        )


if __name__ == "__main__":
    anyio.run(main)
