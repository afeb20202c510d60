"""aiocloud against misbehaving servers over real sockets, on every backend.

Whatever a server sends, or however it hangs up, a request ends in a response
or in one of aiocloud's errors (with no secret in it), a cancellation stays
itself, and the same provider serves the next request.
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import struct
import time
from collections.abc import Awaitable, Callable

import anyio
import pytest

from aiocloud import ProviderClient, Retry, errors
from aiocloud.auth import Token
from aiocloud.endpoints import EndpointOpts
from aiocloud.provider import HttpBackend
from aiocloud.service import parse_json
from tests.helpers import BACKENDS, Backend, StreamServer, run_on

SECRET = "gAAAAA-the-secret-token"
OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

Takeover = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
Route = bytes | Takeover


class Router:
    """Per-path answers: bytes are written (the connection kept alive); a
    coroutine function takes the connection over. ``seen`` lists "METHOD /path"."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = {"/ok": OK, **routes}
        self.seen: list[str] = []

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            method, path = head.decode("latin-1").split(" ")[:2]
            length = re.search(r"(?im)^content-length:\s*(\d+)", head.decode("latin-1"))
            if length and method not in ("PUT",):
                await reader.readexactly(int(length[1]))
            self.seen.append(f"{method} {path}")
            route = self.routes[path]
            if not isinstance(route, bytes):
                await route(reader, writer)
                return
            writer.write(route)
            await writer.drain()


def _client(http_backend: HttpBackend, **options: object) -> ProviderClient:
    provider = ProviderClient(http_backend=http_backend, **options)  # type: ignore[arg-type]
    provider.set_token(Token(id=SECRET))
    return provider


class _CountingAuthenticator:
    """Gives a new token each time and counts them; locates nothing."""

    allow_reauth = True
    identity_endpoint = identity_base = None

    def __init__(self) -> None:
        self.tokens = 0

    async def fetch_token(self, provider: ProviderClient) -> Token:
        self.tokens += 1
        return Token(id=f"{SECRET}-{self.tokens}")

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        raise errors.ServiceNotFound("no catalog here")


async def _get(provider: ProviderClient, url: str, *, stream: bool = False) -> None:
    """GET ``url`` and parse its JSON; or (``stream``) open it as a stream and close it."""
    with anyio.fail_after(5):
        if stream:
            async with provider.stream("GET", url):
                pass
        else:
            parse_json(await provider.request("GET", url))


async def _still_works(provider: ProviderClient, url: str) -> None:
    with anyio.fail_after(5):
        assert parse_json(await provider.request("GET", url + "ok")) == {}


def _hang_up(answer: bytes) -> Takeover:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(answer)
        await writer.drain()
        writer.close()

    return handler


def _reset(sock: socket.socket | None, writer: asyncio.StreamWriter) -> None:
    assert sock is not None
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()  # an RST, not a FIN


async def _trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        await writer.drain()
        await asyncio.sleep(0.03)
        writer.write(b" ")


async def _trickle_headers(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(1000):
        await writer.drain()
        await asyncio.sleep(0.03)
        writer.write(b"X-Slow: yes\r\n")


async def _hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await asyncio.sleep(30)


_BAD_GZIP = (
    b"Content-Encoding: gzip\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
)

MALFORMED: dict[str, Route] = {
    "closed-mid-headers": _hang_up(b"HTTP/1.1 200 OK\r\nContent-Type: appl"),
    "closed-mid-body": _hang_up(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"a":'),
    "bad-chunk-size": _hang_up(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
    "chunks-cut-short": _hang_up(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab"),
    "huge-header": _hang_up(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"),
    "many-headers": _hang_up(b"HTTP/1.1 200 OK\r\n" + b"X-H: v\r\n" * 20_000 + b"\r\n"),
    "http-0.9": _hang_up(b"{}\r\n\r\n"),
    "bad-status": _hang_up(b"HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"),
    "bad-length": _hang_up(b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n{}"),
    "two-lengths": _hang_up(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
    "non-utf8-json": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
    "wrong-gzip": b"HTTP/1.1 200 OK\r\n" + _BAD_GZIP,
    "wrong-gzip-error": b"HTTP/1.1 500 Oops\r\n" + _BAD_GZIP,
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_malformed_answers_give_aiocloud_errors_and_the_provider_goes_on(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, retry=Retry.disabled(), timeout=2) as provider:
            for name in MALFORMED:
                for stream in (False, True):
                    failure: errors.AiocloudError | None = None
                    try:
                        await _get(provider, server.url + name, stream=stream)
                    except errors.AiocloudError as exc:
                        failure = exc
                    assert SECRET not in str(failure), name
                    await _still_works(provider, server.url)

    with StreamServer(Router({f"/{name}": route for name, route in MALFORMED.items()})) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_body_its_content_encoding_does_not_decode(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, timeout=2) as provider:
            with pytest.raises(errors.ResponseFormatError, match="Content-Encoding"):
                await provider.request("GET", server.url + "gzip")
            with pytest.raises(errors.ResponseFormatError, match="Content-Encoding"):
                async with provider.stream("GET", server.url + "gzip-error"):
                    pass
            await _still_works(provider, server.url)

    router = Router(
        {"/gzip": MALFORMED["wrong-gzip"], "/gzip-error": MALFORMED["wrong-gzip-error"]}
    )
    with StreamServer(router) as server:
        run_on(backend, test)
    assert router.seen.count("GET /gzip") == 1  # not resent: the same bytes would come back


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_error_answer_cut_short_while_streaming(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, retry=Retry.disabled(), timeout=2) as provider:
            with pytest.raises(errors.ConnectionFailed) as caught:
                async with provider.stream("GET", server.url + "cut"):
                    pass
            assert SECRET not in str(caught.value)
            await _still_works(provider, server.url)

    cut = _hang_up(b"HTTP/1.1 500 Oops\r\nContent-Length: 100\r\n\r\nabc")
    with StreamServer(Router({"/cut": cut})) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_trickled_answer_cannot_outlast_the_budget(backend: Backend) -> None:
    """Each read comes before the timeout; the budget still bounds the whole answer
    (for a stream, up to its headers: its body is the caller's to read)."""

    async def test(http_backend: HttpBackend) -> None:
        retry = Retry(total=0, budget=0.2)
        async with _client(http_backend, retry=retry, timeout=0.15) as provider:
            for path, stream in [("body", False), ("headers", False), ("headers", True)]:
                started = time.monotonic()
                with pytest.raises(errors.TimedOut, match="budget"):
                    await _get(provider, server.url + path, stream=stream)
                assert time.monotonic() - started < 2  # unbounded it trickles on for 6 s
            await _still_works(provider, server.url)

    with StreamServer(Router({"/body": _trickle, "/headers": _trickle_headers})) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancellation_stays_itself_within_the_budget(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, retry=Retry(budget=5), timeout=2) as provider:
            for path in ("slow", "hang"):
                with pytest.raises(TimeoutError) as caught:
                    with anyio.fail_after(0.1):
                        await provider.request("GET", server.url + path)
                assert not isinstance(caught.value, errors.AiocloudError)
            await _still_works(provider, server.url)

    with StreamServer(Router({"/slow": _trickle, "/hang": _hang})) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("how", ["reset", "close"])
def test_a_post_dropped_after_it_was_sent_has_an_unknown_outcome(
    backend: Backend, how: str
) -> None:
    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if how == "reset":
            _reset(writer.get_extra_info("socket"), writer)
        else:
            writer.close()

    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, timeout=2) as provider:
            await _still_works(provider, server.url)  # a kept-alive connection, then the POST
            with pytest.raises(errors.ConnectionFailed) as caught:
                await provider.request("POST", server.url + "drop", json={"name": "vm"})
            assert caught.value.outcome_unknown
            assert "outcome is unknown" in str(caught.value)
            await _still_works(provider, server.url)

    router = Router({"/drop": drop})
    with StreamServer(router) as server:
        run_on(backend, test)
    assert router.seen.count("POST /drop") == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_keep_alive_connection_reset_between_requests(backend: Backend) -> None:
    async def answer_then_reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(OK)
        await writer.drain()
        await asyncio.sleep(0.02)
        _reset(writer.get_extra_info("socket"), writer)

    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, retry=Retry.disabled(), timeout=2) as provider:
            for method in ("GET", "POST", "GET"):
                await provider.request(method, server.url + "once", ok_codes=(200,))
                await anyio.sleep(0.05)

    router = Router({"/once": answer_then_reset})
    with StreamServer(router) as server:
        run_on(backend, test)
    assert router.seen == ["GET /once", "POST /once", "GET /once"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_early_answer_to_an_upload_is_the_answer_or_a_clear_failure(backend: Backend) -> None:
    async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 413 Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, retry=Retry.disabled(), timeout=2) as provider:
            try:
                await provider.request("PUT", server.url + "big", content=b"x" * 8_000_000)
            except errors.RequestEntityTooLarge:
                pass
            except errors.ConnectionFailed as exc:  # httpx under asyncio: the write failed
                detail = str(exc).removeprefix(f"PUT {server.url}big: ")
                assert re.match(r"\w+: \S", detail), f"says only {detail!r}"
            await _still_works(provider, server.url)

    with StreamServer(Router({"/big": refuse})) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_redirects_are_errors_and_the_token_goes_nowhere(backend: Backend) -> None:
    statuses = [301, 302, 303, 307, 308]

    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, timeout=2) as provider:
            for status in statuses:
                with pytest.raises(errors.UnexpectedResponseCode) as caught:
                    await provider.request("GET", f"{origin.url}{status}")
                assert caught.value.status_code == status
                assert SECRET not in str(caught.value)

    with StreamServer(Router({})) as elsewhere:
        routes: dict[str, Route] = {
            f"/{status}": f"HTTP/1.1 {status} Moved\r\nLocation: {elsewhere.url}ok\r\n"
            "Content-Length: 0\r\n\r\n".encode()
            for status in statuses
        }
        with StreamServer(Router(routes)) as origin:
            run_on(backend, test)
    assert elsewhere.connections == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_storm_of_401s_reauthenticates_once(backend: Backend) -> None:
    async def test(http_backend: HttpBackend) -> None:
        authenticator = _CountingAuthenticator()

        async def call() -> None:
            with pytest.raises(errors.Unauthorized) as caught:
                await provider.request("GET", server.url + "denied")
            assert SECRET not in str(caught.value)

        async with _client(http_backend, timeout=2, authenticator=authenticator) as provider:
            with anyio.fail_after(5):
                async with anyio.create_task_group() as group:
                    for _ in range(10):
                        group.start_soon(call)
        assert authenticator.tokens == 1

    denied = b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
    router = Router({"/denied": denied})
    with StreamServer(router) as server:
        run_on(backend, test)
    assert len(router.seen) == 20  # each sent once, and once again with the new token


@pytest.mark.parametrize("backend", BACKENDS)
def test_retry_after_garbage_never_stalls(backend: Backend) -> None:
    values = ["garbage", "nan", "-5", "1e400", "Wed, 21 Oct 2015 07:28:00 GMT",
              "Fri, 31 Dec 9999 23:59:59 GMT", "Tue, 32 Jan 2020 00:00:00 GMT"]  # fmt: skip

    async def test(http_backend: HttpBackend) -> None:
        retry = Retry(total=1, backoff_factor=0.01, backoff_jitter=0)
        async with _client(http_backend, retry=retry, timeout=2) as provider:
            for index in range(len(values)):
                started = time.monotonic()
                with pytest.raises(errors.ServiceUnavailable):
                    await provider.request("GET", f"{server.url}{index}")
                assert time.monotonic() - started < 5  # a stall would wait a minute

    routes: dict[str, Route] = {
        f"/{index}": f"HTTP/1.1 503 Busy\r\nRetry-After: {value}\r\nContent-Length: 0\r\n\r\n"
        .encode()
        for index, value in enumerate(values)
    }  # fmt: skip
    with StreamServer(Router(routes)) as server:
        run_on(backend, test)


@pytest.mark.parametrize("backend", BACKENDS)
def test_verify_false_accepts_a_self_signed_certificate(
    backend: Backend,
    self_signed: ssl.SSLContext,
) -> None:
    async def test(http_backend: HttpBackend) -> None:
        async with _client(http_backend, verify=False, timeout=2) as provider:
            await _still_works(provider, server.url)
        async with _client(http_backend, timeout=2, retry=Retry.disabled()) as provider:
            with pytest.raises(errors.ConnectionFailed, match="certificate verify failed"):
                await provider.request("GET", server.url + "ok")

    with StreamServer(Router({}), self_signed) as server:
        run_on(backend, test)
