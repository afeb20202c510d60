"""compute/v2/servers: a 10,000-server listing streams page by page in flat memory."""

from __future__ import annotations

import gc
import json
import tracemalloc

import httpx

from aiocloud import ProviderClient, ServiceClient
from aiocloud.auth import Token
from aiocloud.openstack.compute.v2 import servers
from tests.helpers import COMPUTE, server_body

PAGE = 500
TEMPLATE = json.dumps(server_body("@ID@", name="@NAME@"))


class PagingNova:
    """``GET /servers/detail`` pages of ``total`` servers, made on demand (nothing kept)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        assert request.url.path == "/v2.1/servers/detail"
        assert request.headers["X-Auth-Token"] == "paging-token"
        marker = request.url.params.get("marker")
        start = int(marker) + 1 if marker else 0
        stop = min(start + int(request.url.params["limit"]), self.total)
        items = ",".join(
            TEMPLATE.replace("@ID@", str(i)).replace("@NAME@", f"server-{i}")
            for i in range(start, stop)
        )
        links = ""
        if stop < self.total:
            href = f"{COMPUTE}/servers/detail?limit={PAGE}&marker={stop - 1}"
            links = f', "servers_links": [{{"href": "{href}", "rel": "next"}}]'
        content = f'{{"servers": [{items}]{links}}}'.encode()
        return httpx.Response(200, content=content, headers={"Content-Type": "application/json"})


async def test_listing_10000_servers_keeps_memory_flat() -> None:
    total = 10_000
    nova = PagingNova(total)
    provider = ProviderClient(transport=httpx.MockTransport(nova))
    provider.set_token(Token(id="paging-token"))
    compute = ServiceClient(provider, COMPUTE, type="compute")
    seen = 0
    last_name = ""
    retained: list[int] = []  # live memory after each page, garbage collected
    gc.collect()
    tracemalloc.start()
    try:
        async for server in servers.list(compute, servers.ListOpts(limit=PAGE)):
            seen += 1
            last_name = server.name or ""
            assert server.addresses["private"][0].addr == "192.168.1.30"
            if seen % PAGE == 0:
                gc.collect()
                retained.append(tracemalloc.get_traced_memory()[0])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        await provider.aclose()

    assert (seen, last_name, nova.requests) == (total, f"server-{total - 1}", total // PAGE)
    # Nothing accumulates from page to page: what is alive after page 20 is what
    # was alive after page 2 (one page of servers), ...
    assert max(retained[2:]) < retained[1] * 1.1
    # ... and the peak stays near a few pages (httpx frees an answer's bytes at the
    # next garbage collection), where holding 10,000 servers would take >100 MB.
    assert peak < 30 * 1024 * 1024
