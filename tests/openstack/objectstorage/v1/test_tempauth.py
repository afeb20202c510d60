"""objectstorage/v1/tempauth: Swift v1.0 auth, reauth, secrets; and the streams under trio."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import respx
import trio

from aiocloud import EndpointOpts, errors, openstack
from aiocloud.openstack.objectstorage.v1 import accounts, largeobjects, objects, tempauth
from tests.helpers import INFO, echo_put, md5

AUTH = "https://swift.test:8080/auth/v1.0"
STORAGE = "https://swift.test:8080/v1/AUTH_test"


def auth_answers(*tokens: str, expires: str = "86400") -> respx.MockRouter:
    router = respx.MockRouter(assert_all_called=False)
    issued = iter(tokens)
    router.get(AUTH).mock(
        side_effect=lambda request: httpx.Response(
            200,
            headers={
                "X-Auth-Token": next(issued),
                "X-Storage-Token": "ignored",
                "X-Storage-Url": STORAGE,
                "X-Auth-Token-Expires": expires,
            },
        )
    )
    return router


async def test_authenticate_returns_the_provider_and_the_storage_client() -> None:
    router = auth_answers("AUTH_tk1")
    route = router.routes[0]
    provider, swift = await tempauth.authenticate(
        AUTH, "test:tester", "testing", transport=httpx.MockTransport(router.async_handler)
    )
    async with provider:
        request = route.calls.last.request
        assert request.headers["X-Auth-User"] == "test:tester"
        assert request.headers["X-Auth-Key"] == "testing"
        assert "X-Auth-Token" not in request.headers
        assert swift.endpoint == STORAGE + "/"
        assert provider.token_id == "AUTH_tk1"
        assert provider.token is not None and provider.token.expires_at is not None
        expected = datetime.now(timezone.utc) + timedelta(seconds=86400)
        assert abs((provider.token.expires_at - expected).total_seconds()) < 60
        assert "testing" not in repr(provider)
        assert "AUTH_tk1" not in repr(provider)
        located = await openstack.new_object_storage_v1(provider)
        assert located.endpoint == swift.endpoint
        with pytest.raises(errors.ServiceNotFound):
            await openstack.new_compute_v2(provider, EndpointOpts(type="compute"))


async def test_requests_carry_the_token_and_reauthenticate_once() -> None:
    router = auth_answers("AUTH_tk1", "AUTH_tk2")
    seen: list[str] = []

    def head(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["X-Auth-Token"])
        if request.headers["X-Auth-Token"] == "AUTH_tk1":
            return httpx.Response(401)
        return httpx.Response(204, headers={"X-Account-Object-Count": "5"})

    router.head(STORAGE).mock(side_effect=head)
    provider, swift = await tempauth.authenticate(
        AUTH, "test:tester", "testing", transport=httpx.MockTransport(router.async_handler)
    )
    async with provider:
        assert (await accounts.get(swift)).object_count == 5
    assert seen == ["AUTH_tk1", "AUTH_tk2"]
    assert router.routes[0].call_count == 2


async def test_without_reauth_a_stale_token_raises() -> None:
    router = auth_answers("AUTH_tk1")
    router.head(STORAGE).respond(401)
    provider, swift = await tempauth.authenticate(
        AUTH,
        "test:tester",
        "testing",
        allow_reauth=False,
        transport=httpx.MockTransport(router.async_handler),
    )
    async with provider:
        with pytest.raises(errors.Unauthorized):
            await accounts.get(swift)


async def test_storage_url_override() -> None:
    router = auth_answers("AUTH_tk1")
    provider, swift = await tempauth.authenticate(
        AUTH,
        "test:tester",
        "testing",
        storage_url="http://internal:8080/v1/AUTH_test",
        transport=httpx.MockTransport(router.async_handler),
    )
    async with provider:
        assert swift.endpoint == "http://internal:8080/v1/AUTH_test/"


async def test_wrong_key_raises_unauthorized_without_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = respx.MockRouter()
    router.get(AUTH).respond(401, text="<html><h1>Unauthorized</h1></html>")
    caplog.set_level(logging.DEBUG, logger="aiocloud")
    with pytest.raises(errors.Unauthorized) as caught:
        await tempauth.authenticate(
            AUTH, "test:tester", "wrong-key", transport=httpx.MockTransport(router.async_handler)
        )
    assert "wrong-key" not in str(caught.value)
    assert "wrong-key" not in caplog.text


async def test_an_answer_without_token_or_url_is_refused() -> None:
    router = respx.MockRouter()
    router.get(AUTH).respond(200, headers={"X-Auth-Token": "AUTH_tk"})
    with pytest.raises(errors.ResponseFormatError):
        await tempauth.authenticate(
            AUTH, "u", "k", transport=httpx.MockTransport(router.async_handler)
        )


@pytest.mark.parametrize(
    ("url", "user", "key", "field"),
    [("", "u", "k", "auth_url"), (AUTH, "", "k", "user"), (AUTH, "u", "", "key")],
)
async def test_missing_credentials(url: str, user: str, key: str, field: str) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await tempauth.authenticate(url, user, key)
    assert caught.value.field == field


def test_upload_download_and_slo_under_trio() -> None:
    """The streams, the hashing thread and the segment task group run on trio too."""

    async def main() -> None:
        router = auth_answers("AUTH_tk1")
        stored: dict[str, bytes] = {}

        async def put(request: httpx.Request) -> httpx.Response:
            stored[request.url.path] = await request.aread()
            if request.url.params.get("multipart-manifest") == "put":
                return httpx.Response(201, headers={"Etag": '"slo"'})
            return await echo_put(request)

        def get(request: httpx.Request) -> httpx.Response:
            data = stored[request.url.path]
            return httpx.Response(200, headers={"Etag": md5(data)}, content=data)

        router.put(url__startswith=STORAGE).mock(side_effect=put)
        router.get(url__startswith=STORAGE + "/c/").mock(side_effect=get)
        router.get("https://swift.test:8080/info").respond(200, json=INFO)
        provider, swift = await tempauth.authenticate(
            AUTH, "u", "k", transport=httpx.MockTransport(router.async_handler)
        )
        data = bytes(range(256)) * 20000  # 5 MB: the hashing thread is used

        async def stream() -> AsyncIterator[bytes]:
            for i in range(0, len(data), 100_000):
                yield data[i : i + 100_000]

        async with provider:
            result = await objects.create(swift, "c", "o", stream())
            assert result.etag == md5(data)
            async with objects.download(swift, "c", "o") as dl:
                assert await dl.read() == data
            slo = await largeobjects.create_slo(
                swift,
                "c",
                "big",
                data,
                largeobjects.LargeObjectOpts(segment_size=1_000_000, concurrency=3),
            )
            assert len(slo.segments) == 6

    trio.run(main)
