"""ProviderClient: requests, status mapping, reauth, retries, limits, logging."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta, timezone

import anyio
import httpx
import pytest

from aiocloud import ProviderClient, Retry, errors
from aiocloud.auth import Token
from aiocloud.endpoints import EndpointOpts
from aiocloud.testing import FAKE_TOKEN, MockCloud

URL = "https://cloud.test:8774/v2.1/servers"


def _rotating_tokens(cloud: MockCloud) -> list[str]:
    """Make every authentication hand out a new token id; return the issued ids."""
    issued: list[str] = []
    from aiocloud.testing import token_v3_body

    def answer(request: httpx.Request) -> httpx.Response:
        issued.append(f"token-{len(issued)}")
        return httpx.Response(201, json=token_v3_body(), headers={"X-Subject-Token": issued[-1]})

    cloud.token_route.mock(side_effect=answer)
    return issued


async def test_request_sends_token_agent_and_json(cloud: MockCloud) -> None:
    route = cloud.router.post(URL).respond(202, json={"ok": True})

    response = await cloud.provider.request("POST", URL, json={"server": {"name": "a"}})

    request = route.calls.last.request
    assert response.json() == {"ok": True}
    assert request.headers["X-Auth-Token"] == FAKE_TOKEN
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"].startswith("aiocloud/")
    assert json.loads(request.content) == {"server": {"name": "a"}}


async def test_unexpected_success_status_raises(cloud: MockCloud) -> None:
    cloud.router.get(URL).respond(203, json={})
    with pytest.raises(errors.UnexpectedResponseCode) as caught:
        await cloud.provider.request("GET", URL)
    assert caught.value.expected == (200,)
    assert caught.value.status_code == 203


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequest),
        (403, errors.Forbidden),
        (404, errors.NotFound),
        (405, errors.MethodNotAllowed),
        (408, errors.RequestTimeout),
        (409, errors.Conflict),
        (413, errors.RequestEntityTooLarge),
        (500, errors.InternalServerError),
        (501, errors.NotImplementedByServer),
        (502, errors.BadGateway),
        (504, errors.GatewayTimeout),
        (418, errors.UnexpectedResponseCode),
    ],
)
async def test_status_maps_to_exception(
    cloud: MockCloud, status: int, cls: type[errors.HTTPError]
) -> None:
    cloud.router.get(URL).respond(
        status,
        json={"itemNotFound": {"message": "Instance could not be found.", "code": status}},
        headers={"x-compute-request-id": "req-abc"},
    )
    with pytest.raises(cls) as caught:
        await cloud.provider.request("GET", URL)
    assert caught.value.status_code == status
    assert caught.value.request_id == "req-abc"
    assert caught.value.method == "GET"
    assert caught.value.url == URL
    assert "Instance could not be found." in str(caught.value)


async def test_reauth_storm_authenticates_once(cloud: MockCloud) -> None:
    issued = _rotating_tokens(cloud)
    await cloud.provider.reauthenticate()
    stale = issued[-1]
    calls_before = cloud.token_route.call_count

    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers["X-Auth-Token"] == stale:
            return httpx.Response(401, json={"error": {"message": "expired"}})
        return httpx.Response(200, json={"server": {"id": "1"}})

    cloud.router.get(URL).mock(side_effect=answer)
    results: list[int] = []

    async def one() -> None:
        results.append((await cloud.provider.request("GET", URL)).status_code)

    async with anyio.create_task_group() as tasks:
        for _ in range(500):
            tasks.start_soon(one)

    assert results == [200] * 500
    assert cloud.token_route.call_count - calls_before == 1


async def test_second_401_raises_unauthorized(cloud: MockCloud) -> None:
    _rotating_tokens(cloud)
    cloud.router.get(URL).respond(401, json={"error": {"message": "nope"}})
    before = cloud.token_route.call_count
    with pytest.raises(errors.Unauthorized):
        await cloud.provider.request("GET", URL)
    assert cloud.token_route.call_count - before == 1


async def test_reauth_failure_raises_reauth_error_and_waiters_share_it(cloud: MockCloud) -> None:
    cloud.router.get(URL).respond(401)
    cloud.token_route.respond(500, text="keystone down")
    failures: list[BaseException] = []

    async def one() -> None:
        try:
            await cloud.provider.request("GET", URL)
        except errors.ReauthError as exc:
            failures.append(exc)

    async with anyio.create_task_group() as tasks:
        for _ in range(20):
            tasks.start_soon(one)

    assert len(failures) == 20
    assert isinstance(failures[0].__cause__, errors.InternalServerError)
    assert cloud.token_route.call_count == 2  # the initial authentication + one failed reauth


async def test_no_reauth_without_allow_reauth() -> None:
    async with MockCloud(allow_reauth=False) as cloud:
        cloud.router.get(URL).respond(401)
        with pytest.raises(errors.Unauthorized):
            await cloud.provider.request("GET", URL)
        assert cloud.token_route.call_count == 1


async def test_cancelled_reauth_leader_leaves_client_usable(cloud: MockCloud) -> None:
    issued = _rotating_tokens(cloud)
    gate = anyio.Event()
    slow_first = True
    from aiocloud.testing import token_v3_body

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal slow_first
        if slow_first:
            slow_first = False
            await gate.wait()
        issued.append(f"token-{len(issued)}")
        return httpx.Response(201, json=token_v3_body(), headers={"X-Subject-Token": issued[-1]})

    cloud.token_route.mock(side_effect=answer)
    with anyio.move_on_after(0.05):
        await cloud.provider.reauthenticate()  # hangs on the gate, then is cancelled
    gate.set()
    cloud.router.get(URL).respond(200, json={})
    await cloud.provider.reauthenticate()
    assert cloud.provider.token_id == issued[-1]
    assert (await cloud.provider.request("GET", URL)).status_code == 200


async def test_proactive_refresh_before_expiry() -> None:
    async with MockCloud(expires_in=30) as cloud:  # inside the 60 s refresh margin
        cloud.router.get(URL).respond(200, json={})
        await cloud.provider.request("GET", URL)
        assert cloud.token_route.call_count == 2


@pytest.mark.parametrize(
    "expires_at",
    [
        pytest.param(lambda: datetime.now(timezone.utc) + timedelta(seconds=30), id="short-lived"),
        pytest.param(lambda: datetime.now(timezone.utc) - timedelta(seconds=100), id="clock-skew"),
        pytest.param(lambda: datetime(2000, 1, 1, tzinfo=timezone.utc), id="not-extended"),
    ],
)
async def test_a_token_inside_the_refresh_margin_is_renewed_once(
    expires_at: Callable[[], datetime],
) -> None:
    from aiocloud.testing import token_v3_body

    async with MockCloud(expires_in=30) as cloud:
        issued: list[str] = []

        def answer(request: httpx.Request) -> httpx.Response:
            issued.append(f"token-{len(issued)}")
            body = token_v3_body()
            body["token"]["expires_at"] = expires_at().isoformat().replace("+00:00", "Z")
            return httpx.Response(201, json=body, headers={"X-Subject-Token": issued[-1]})

        cloud.token_route.mock(side_effect=answer)
        cloud.router.get(URL).respond(200, json={})
        for _ in range(20):
            await cloud.provider.request("GET", URL)
        assert cloud.token_route.call_count == 2  # the first authentication and one renewal


async def test_one_shot_stream_is_not_resent_empty(cloud: MockCloud) -> None:
    _rotating_tokens(cloud)
    route = cloud.router.put(URL).respond(401)

    async def chunks() -> AsyncIterator[bytes]:
        yield b"data"

    with pytest.raises(errors.BodyNotReplayable):
        await cloud.provider.request("PUT", URL, content=chunks())
    assert route.call_count == 1
    assert cloud.token_route.call_count == 2  # the token was renewed for the next call


async def test_replayable_stream_factory_is_resent_after_reauth(cloud: MockCloud) -> None:
    issued = _rotating_tokens(cloud)
    await cloud.provider.reauthenticate()
    stale = issued[-1]
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        return httpx.Response(401 if request.headers["X-Auth-Token"] == stale else 201)

    cloud.router.put(URL).mock(side_effect=answer)

    async def chunks() -> AsyncIterator[bytes]:
        yield b"da"
        yield b"ta"

    await cloud.provider.request("PUT", URL, content=chunks, ok_codes=(201,))
    assert bodies == [b"data", b"data"]


async def test_503_is_retried_honouring_retry_after(cloud: MockCloud) -> None:
    route = cloud.router.get(URL)
    route.side_effect = [
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(200, json={}),
    ]
    response = await cloud.provider.request("GET", URL)
    assert response.status_code == 200
    assert route.call_count == 3


async def test_retry_after_longer_than_the_cap_is_not_waited(cloud: MockCloud) -> None:
    cloud.router.get(URL).respond(429, headers={"Retry-After": "3600"})
    with pytest.raises(errors.TooManyRequests) as caught:
        await cloud.provider.request("GET", URL)
    assert caught.value.retry_after == 3600


async def test_connection_errors_are_retried_for_idempotent_methods(cloud: MockCloud) -> None:
    route = cloud.router.get(URL)
    route.side_effect = [httpx.ConnectError("refused"), httpx.Response(200, json={})]
    assert (await cloud.provider.request("GET", URL)).status_code == 200
    assert route.call_count == 2


async def test_post_is_not_retried_by_default(cloud: MockCloud) -> None:
    route = cloud.router.post(URL)
    route.side_effect = [httpx.ConnectError("refused"), httpx.Response(202)]
    with pytest.raises(errors.ConnectionFailed):
        await cloud.provider.request("POST", URL, json={})
    assert route.call_count == 1


async def test_timed_out_post_says_its_outcome_is_unknown(cloud: MockCloud) -> None:
    cloud.router.post(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(errors.TimedOut) as caught:
        await cloud.provider.request("POST", URL, json={})
    assert caught.value.outcome_unknown
    assert "outcome is unknown" in str(caught.value)
    assert str(caught.value).startswith(f"POST {URL}: ReadTimeout")


async def test_a_post_that_never_connected_is_known_not_sent(cloud: MockCloud) -> None:
    cloud.router.post(URL).mock(side_effect=httpx.ConnectTimeout("no route"))
    with pytest.raises(errors.TimedOut) as caught:
        await cloud.provider.request("POST", URL, json={})
    assert not caught.value.outcome_unknown
    cloud.router.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(errors.TimedOut) as idempotent:
        await cloud.provider.request("GET", URL, retry=Retry.disabled())
    assert not idempotent.value.outcome_unknown


async def test_404_on_a_retried_delete_is_success(cloud: MockCloud) -> None:
    """The first attempt may have deleted it before its answer was lost."""
    route = cloud.router.delete(URL)
    route.side_effect = [httpx.ReadTimeout("lost answer"), httpx.Response(404)]
    response = await cloud.provider.request("DELETE", URL, retry=Retry(backoff_factor=0))
    assert (response.status_code, route.call_count) == (404, 2)
    route.side_effect = None
    route.respond(404)
    with pytest.raises(errors.NotFound):
        await cloud.provider.request("DELETE", URL)


async def test_retry_can_be_disabled_per_call(cloud: MockCloud) -> None:
    route = cloud.router.get(URL).respond(503)
    with pytest.raises(errors.ServiceUnavailable):
        await cloud.provider.request("GET", URL, retry=Retry.disabled())
    assert route.call_count == 1


async def test_retries_stop_after_total(cloud: MockCloud) -> None:
    route = cloud.router.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(errors.TimedOut):
        await cloud.provider.request("GET", URL, retry=Retry(total=2, backoff_factor=0))
    assert route.call_count == 3


async def test_budget_bounds_the_waits(cloud: MockCloud) -> None:
    route = cloud.router.get(URL).respond(503)
    policy = Retry(total=10, backoff_factor=10, backoff_jitter=0, budget=1)
    with pytest.raises(errors.ServiceUnavailable):
        await cloud.provider.request("GET", URL, retry=policy)
    assert route.call_count == 1


async def test_concurrency_limit_caps_requests_in_flight() -> None:
    async with MockCloud(max_concurrency=3) as cloud:
        in_flight = peak = 0

        async def answer(request: httpx.Request) -> httpx.Response:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await anyio.sleep(0.001)
            in_flight -= 1
            return httpx.Response(200, json={})

        cloud.router.get(URL).mock(side_effect=answer)
        async with anyio.create_task_group() as tasks:
            for _ in range(30):
                tasks.start_soon(cloud.provider.request, "GET", URL)
        assert peak == 3


async def test_waiting_for_a_slot_does_not_spend_the_budget() -> None:
    async with MockCloud(max_concurrency=1) as cloud:
        answers = iter([httpx.Response(503), httpx.Response(200, json={})])

        async def answer(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/slow"):
                await anyio.sleep(0.6)
                return httpx.Response(200, json={})
            return next(answers)

        cloud.router.get(url__startswith=URL).mock(side_effect=answer)
        policy = Retry(budget=0.5, backoff_factor=0, backoff_jitter=0)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(cloud.provider.request, "GET", URL + "/slow")
            await anyio.sleep(0.05)
            response = await cloud.provider.request("GET", URL + "/queued", retry=policy)
        assert response.status_code == 200


async def test_debug_log_has_request_line_and_no_secrets(
    cloud: MockCloud, caplog: pytest.LogCaptureFixture
) -> None:
    cloud.router.get(URL).respond(200, json={}, headers={"x-openstack-request-id": "req-9"})
    with caplog.at_level(logging.DEBUG, logger="aiocloud"):
        await cloud.provider.request("GET", URL)
        await cloud.provider.reauthenticate()
    text = caplog.text
    assert f"GET {URL} -> 200 [req-9]" in text
    assert FAKE_TOKEN not in text
    assert "demo-secret" not in text
    assert "<token " in text


def test_repr_hides_the_token() -> None:
    provider = ProviderClient("https://keystone/v3")
    provider.set_token(Token(id="secret-token-id"))
    assert "secret-token-id" not in repr(provider)
    assert "secret-token-id" not in repr(provider.token)


async def test_stream_leaves_body_unread_and_closes(cloud: MockCloud) -> None:
    cloud.router.get(URL).respond(200, content=b"x" * 1000)
    async with cloud.provider.stream("GET", URL) as response:
        received = b"".join([chunk async for chunk in response.aiter_bytes()])
    assert received == b"x" * 1000
    assert response.is_closed


async def test_stream_error_status_raises_with_body(cloud: MockCloud) -> None:
    cloud.router.get(URL).respond(404, json={"itemNotFound": {"message": "gone", "code": 404}})
    with pytest.raises(errors.NotFound) as caught:
        async with cloud.provider.stream("GET", URL):
            pytest.fail("must not get here")
    assert caught.value.message == "itemNotFound: gone"


async def test_own_http_client_is_not_closed() -> None:
    http = httpx.AsyncClient()
    provider = ProviderClient(http_client=http)
    await provider.aclose()
    assert not http.is_closed
    await http.aclose()


async def test_default_transport_under_asyncio_is_aiohttp() -> None:
    from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient

    async with ProviderClient() as provider:
        assert isinstance(provider.http_client._transport, AiohttpTransport)
    async with ProviderClient(proxy="http://proxy.test:3128") as provider:
        assert isinstance(provider.http_client, HttpxAiohttpClient)
    async with ProviderClient(http_backend="httpx") as provider:
        assert not isinstance(provider.http_client._transport, AiohttpTransport)


def test_token_expiry_helpers() -> None:
    soon = Token(id="t", expires_at=datetime.now(timezone.utc) + timedelta(seconds=10))
    assert soon.expires_within(60)
    assert not Token(id="t").expires_within(60)


# -- wired at construction ------------------------------------------------------------------


class _Authenticator:
    """Numbered tokens; every service at one URL."""

    identity_endpoint = "https://auth.test/v1/"
    identity_base = "https://auth.test/"

    def __init__(self, *, allow_reauth: bool = True) -> None:
        self.allow_reauth = allow_reauth
        self.tokens = 0

    async def fetch_token(self, provider: ProviderClient) -> Token:
        self.tokens += 1
        return Token(id=f"token-{self.tokens}")

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        assert token is not None
        return f"https://{opts.type}.test/{token.id}/"


async def test_a_provider_gets_its_authenticator_and_endpoint_defaults_when_made() -> None:
    authenticator = _Authenticator()
    provider = ProviderClient(
        authenticator=authenticator,
        endpoint_opts=EndpointOpts(region="RegionTwo"),
        endpoint_overrides={"compute": "https://nova.internal/v2.1/"},
    )
    assert provider.endpoint_locator is not None  # known before the first token
    assert provider.identity_base == "https://auth.test/"
    assert provider.identity_endpoint == "https://auth.test/v1/"
    await provider.authenticate()
    assert provider.token_id == "token-1"
    assert (
        await provider.endpoint_locator(EndpointOpts("compute")) == "https://compute.test/token-1/"
    )
    assert provider.endpoint_opts.region == "RegionTwo"
    assert provider.endpoint_overrides == {"compute": "https://nova.internal/v2.1/"}
    await provider.reauthenticate()
    assert provider.token_id == "token-2"
    for name in ("identity_base", "endpoint_locator", "endpoint_opts", "endpoint_overrides"):
        with pytest.raises(AttributeError):
            setattr(provider, name, None)


async def test_without_an_authenticator_there_is_no_token_nor_reauth() -> None:
    provider = ProviderClient("https://auth.test/v3/")
    assert provider.endpoint_locator is None
    with pytest.raises(errors.AiocloudError, match="no authenticator"):
        await provider.authenticate()
    with pytest.raises(errors.ReauthError):
        await provider.reauthenticate()
    refusing = ProviderClient(authenticator=_Authenticator(allow_reauth=False))
    await refusing.authenticate()
    with pytest.raises(errors.ReauthError):
        await refusing.reauthenticate()


async def test_a_misspelt_request_option_is_a_type_error_before_sending() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    transport = httpx.MockTransport(answer)
    async with ProviderClient(transport=transport) as provider:
        with pytest.raises(TypeError, match="ok_code"):
            await provider.request("GET", "https://svc.test/", ok_code=(200,))  # type: ignore[call-arg]
    assert sent == []


@pytest.mark.parametrize(
    ("headers", "calls"), [({"Retry-After": "0"}, 2), ({}, 1)], ids=["rate-limit", "too-large"]
)
async def test_a_413_is_retried_only_as_a_rate_limit(headers: dict[str, str], calls: int) -> None:
    async with MockCloud() as cloud:
        route = cloud.router.get(cloud.url("compute", "servers")).mock(
            side_effect=[httpx.Response(413, headers=headers), httpx.Response(200, json={})]
        )
        if calls == 1:
            with pytest.raises(errors.RequestEntityTooLarge) as caught:
                await cloud.provider.request("GET", cloud.url("compute", "servers"))
            assert caught.value.retry_after is None
        else:
            await cloud.provider.request("GET", cloud.url("compute", "servers"))
        assert route.call_count == calls
