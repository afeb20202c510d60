"""The same client under trio: httpx's own transport, anyio locks, reauth."""

from __future__ import annotations

import httpx
import trio

from aiocloud import ProviderClient, openstack
from aiocloud.openstack.identity.v3 import services
from aiocloud.testing import FAKE_TOKEN, MockCloud, token_v3_body


def test_authenticate_list_and_reauth_under_trio() -> None:
    async def main() -> None:
        async with MockCloud() as cloud:
            identity = await openstack.new_identity_v3(cloud.provider)
            tokens = iter(["t1", "t2", "t3"])
            cloud.token_route.mock(
                side_effect=lambda request: httpx.Response(
                    201, json=token_v3_body(), headers={"X-Subject-Token": next(tokens)}
                )
            )
            await cloud.provider.reauthenticate()
            stale = cloud.provider.token_id

            def answer(request: httpx.Request) -> httpx.Response:
                if request.headers["X-Auth-Token"] == stale:
                    return httpx.Response(401)
                return httpx.Response(
                    200, json={"services": [{"id": "1", "type": "compute"}], "links": {}}
                )

            cloud.router.get(identity.service_url("services")).mock(side_effect=answer)
            results: list[int] = []

            async def one() -> None:
                results.append(len(await services.list(identity).all()))

            async with trio.open_nursery() as nursery:
                for _ in range(50):
                    nursery.start_soon(one)
            assert results == [1] * 50
            assert cloud.token_route.call_count == 3  # first auth, forced reauth, one shared reauth
            assert cloud.provider.token_id not in (stale, FAKE_TOKEN)

    trio.run(main)


def test_default_transport_under_trio_is_httpx() -> None:
    async def main() -> None:
        async with ProviderClient() as provider:
            assert type(provider.http_client) is httpx.AsyncClient

    trio.run(main)
