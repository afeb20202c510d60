"""The ProviderClient: one HTTP connection pool, the token, reauth, retries.

Everything that talks to a cloud goes through `ProviderClient.request()`
(or `ProviderClient.stream()` for bodies that must not be buffered):

```python
async with await openstack.authenticated_client(opts) as provider:
    response = await provider.request("GET", url, ok_codes=(200,))
```

Share one ProviderClient between all tasks: the token, the reauth lock and the
connection pool are made for that. Under asyncio the HTTP I/O runs on aiohttp
(through aiocloud's aiohttp transport behind the same httpx API); under
trio, or with ``http_backend="httpx"``, on httpx's own transport.
"""

from __future__ import annotations

import contextlib
import difflib
import json as jsonlib
import logging
import ssl
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypedDict

import anyio
import httpx

from . import _redact, errors
from ._http import HttpBackend, HttpSettings
from ._transport_errors import may_have_been_sent, translate_transport_errors
from ._version import __version__
from .auth import Token
from .endpoints import EndpointOpts
from .retry import IDEMPOTENT_METHODS, Retry

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_OK_CODES",
    "Authenticator",
    "Body",
    "ClientOptions",
    "HttpBackend",
    "ProviderClient",
    "RequestOptions",
    "check_client_options",
    "translate_transport_errors",
]

_log = logging.getLogger("aiocloud")

Body: TypeAlias = "bytes | str | Callable[[], AsyncIterable[bytes]] | AsyncIterable[bytes] | None"
"""A request body: bytes (replayable), a callable returning a fresh async
iterator of bytes (replayable: called again for every attempt) or an async
iterable of bytes (one-shot: cannot be resent after a 401 or a failure)."""

DEFAULT_OK_CODES: Mapping[str, tuple[int, ...]] = {
    "GET": (200,),
    "HEAD": (200, 204),
    "POST": (200, 201, 202),
    "PUT": (200, 201, 202),
    "PATCH": (200, 202, 204),
    "DELETE": (202, 204),
    "COPY": (201,),
}


DEFAULT_MAX_CONCURRENCY = 32
"""Requests one ProviderClient has in flight by default; the rest wait their turn
(the wait does not count against their timeouts)."""


class RequestOptions(TypedDict, total=False):
    """What one request carries besides its method and URL.

    ``json`` is encoded as the body; ``content`` is sent as is (see `Body`).
    A status outside ``ok_codes`` (by default gophercloud's per-method set)
    raises the matching `HTTPError`. ``retry`` replaces
    the provider's policy for this request; ``authenticated=False`` sends no
    token (and never re-authenticates); ``timeout`` replaces the client's.
    """

    json: Any
    content: Body
    params: Any
    headers: Mapping[str, str] | None
    ok_codes: Collection[int] | None
    retry: Retry | None
    authenticated: bool
    timeout: httpx.Timeout | float | object | None


_REQUEST_OPTIONS = frozenset(RequestOptions.__annotations__)


class Authenticator(Protocol):
    """Where a ProviderClient gets its tokens and finds its services.

    `aiocloud.openstack.authenticate()` gives it a Keystone one; object
    storage's tempauth its own. ``fetch_token`` is called for the first token
    and, when ``allow_reauth`` is set, on a 401 and before the token expires.
    """

    @property
    def allow_reauth(self) -> bool:
        """Whether the provider may fetch a new token by itself."""

    @property
    def identity_endpoint(self) -> str | None:
        """The URL tokens come from (versioned, once known)."""

    @property
    def identity_base(self) -> str | None:
        """The identity service's root, where its versions are."""

    async def fetch_token(self, provider: ProviderClient) -> Token:
        """A new token, requested through ``provider``."""

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        """The endpoint URL of the service ``opts`` names, as ``token`` gives it."""


class ClientOptions(TypedDict, total=False):
    """The keyword arguments of `ProviderClient` (for ``authenticated_client``).

    All but ``authenticator`` and ``identity_base``, which authentication supplies.
    """

    endpoint_opts: EndpointOpts | None
    endpoint_overrides: Mapping[str, str] | None
    http_client: httpx.AsyncClient | None
    transport: httpx.AsyncBaseTransport | None
    http_backend: HttpBackend
    timeout: httpx.Timeout | float | None
    limits: httpx.Limits | None
    verify: bool | str | ssl.SSLContext
    cert: str | tuple[str, str] | None
    proxy: str | None
    user_agent: str | None
    retry: Retry | None
    max_concurrency: int | None
    refresh_margin: float


def check_client_options(options: Mapping[str, object]) -> None:
    """Raise TypeError naming a keyword that is not a `ClientOptions` key."""
    known = ClientOptions.__annotations__
    for name in options:
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise TypeError(f"unexpected client option {name!r}{hint}")


async def _read_or_close(response: httpx.Response) -> None:
    """Read ``response``'s body; if that fails, close it (releasing its connection)."""
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise


def _at_most(seconds: float | None, limit: float) -> float:
    return limit if seconds is None else min(seconds, limit)


def _longest(timeout: httpx.Timeout) -> float:
    """The longest of a Timeout's parts (infinite if one is unset)."""
    parts = [timeout.connect, timeout.read, timeout.write, timeout.pool]
    known = [part for part in parts if part is not None]
    return max(known) if len(known) == len(parts) else float("inf")


class _Source:
    """A streamed request body that keeps the error its iterator raised.

    aiohttp reports a body that failed as a connection error; the provider
    raises the caller's own error instead.
    """

    __slots__ = ("_iterator", "error")

    def __init__(self, body: AsyncIterable[bytes]) -> None:
        self._iterator = body.__aiter__()
        self.error: Exception | None = None

    def __aiter__(self) -> _Source:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self._iterator.__anext__()
        except StopAsyncIteration:
            raise
        except Exception as exc:
            self.error = exc
            raise


class ProviderClient:
    """The root of every API call: HTTP client, token and identity information.

    ``authenticator`` gives tokens and locates endpoints (`authenticate()`
    gets the first token); ``identity_base`` is the identity root
    (``https://keystone:5000/``) and ``identity_endpoint`` the versioned one
    used to authenticate. ``endpoint_opts`` are the defaults every service
    lookup starts from (a cloud's region and interface) and
    ``endpoint_overrides`` URLs by catalog type that replace the catalog's
    (clouds.yaml's ``<service>_endpoint_override``). Give your own
    ``http_client`` (an ``httpx.AsyncClient``, which you then close) or a
    ``transport`` (for instance respx's mock transport in tests); otherwise
    aiocloud makes and owns one with ``timeout``, ``limits``, ``verify``
    (True, False, a CA bundle path or an ``ssl.SSLContext``), ``cert`` and ``proxy``.
    ``max_concurrency`` caps the requests in flight (`DEFAULT_MAX_CONCURRENCY`;
    None: no cap): thousands of calls started at once queue here instead of
    timing out at a busy server. ``refresh_margin`` is how many seconds before
    expiry a token is renewed (with ``allow_reauth``).
    """

    def __init__(
        self,
        identity_endpoint: str | None = None,
        *,
        authenticator: Authenticator | None = None,
        identity_base: str | None = None,
        endpoint_opts: EndpointOpts | None = None,
        endpoint_overrides: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_backend: HttpBackend = "auto",
        timeout: httpx.Timeout | float | None = 60.0,
        limits: httpx.Limits | None = None,
        verify: bool | str | ssl.SSLContext = True,
        cert: str | tuple[str, str] | None = None,
        proxy: str | None = None,
        user_agent: str | None = None,
        retry: Retry | None = None,
        max_concurrency: int | None = DEFAULT_MAX_CONCURRENCY,
        refresh_margin: float = 60.0,
    ) -> None:
        self._identity_endpoint = identity_endpoint
        self._identity_base = identity_base
        self._authenticator = authenticator
        self._endpoint_opts = endpoint_opts or EndpointOpts()
        self._endpoint_overrides: Mapping[str, str] = dict(endpoint_overrides or {})
        self.retry = retry if retry is not None else Retry()
        self.refresh_margin = refresh_margin
        self.user_agent = user_agent or f"aiocloud/{__version__}"
        self._http = http_client
        _redact.filter_library_logs()  # the transport's own logs show headers, own client or not
        self._direct_transport: httpx.AsyncBaseTransport | None = None
        self._owns_http = http_client is None
        self._settings = HttpSettings(
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            user_agent=self.user_agent,
            transport=transport,
            backend=http_backend,
            verify=verify,
            cert=cert,
            proxy=proxy,
            **({"limits": limits} if limits else {}),
        )
        self._timeout_ceiling = _longest(
            http_client.timeout if http_client else self._settings.timeout
        )
        self._limiter = anyio.Semaphore(max_concurrency) if max_concurrency else None
        self._token: Token | None = None
        self._refresh_at = float("inf")
        self._generation = 0
        self._reauth_lock: anyio.Lock | None = None
        self._reauth_failures = 0
        self._last_reauth_error: BaseException | None = None
        self._closed = False

    def __repr__(self) -> str:
        return (
            f"<ProviderClient identity_endpoint={self.identity_endpoint!r} "
            f"token={_redact.fingerprint(self._token.id) if self._token else None}>"
        )

    async def __aenter__(self) -> ProviderClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # -- identity ----------------------------------------------------------------------

    @property
    def identity_endpoint(self) -> str | None:
        """The identity URL tokens come from (the authenticator's once it knows it)."""
        found = self._authenticator.identity_endpoint if self._authenticator else None
        return found or self._identity_endpoint

    @property
    def identity_base(self) -> str | None:
        """The identity service's root (``https://keystone:5000/``)."""
        if self._identity_base is None and self._authenticator is not None:
            return self._authenticator.identity_base
        return self._identity_base

    @property
    def endpoint_opts(self) -> EndpointOpts:
        """The defaults every service lookup starts from (region, interface)."""
        return self._endpoint_opts

    @property
    def endpoint_overrides(self) -> Mapping[str, str]:
        """Endpoint URLs by catalog type that replace the catalog's."""
        return self._endpoint_overrides

    @property
    def endpoint_locator(self) -> Callable[[EndpointOpts], Awaitable[str]] | None:
        """``await provider.endpoint_locator(opts)``: a service's URL (None before auth)."""
        return self._locate if self._authenticator is not None else None

    async def _locate(self, opts: EndpointOpts) -> str:
        assert self._authenticator is not None
        return self._authenticator.locate(self._token, opts)

    async def authenticate(self, authenticator: Authenticator | None = None) -> None:
        """Get a first token from ``authenticator`` (default: the one given at construction).

        Given here, ``authenticator`` replaces the provider's from now on:
        `aiocloud.openstack.authenticate()` authenticates a provider made
        by `aiocloud.openstack.new_client()` this way.
        """
        authenticator = authenticator or self._authenticator
        if authenticator is None:
            raise errors.AiocloudError("the provider has no authenticator to get a token from")
        token = await authenticator.fetch_token(self)
        self._authenticator = authenticator
        self.set_token(token)

    # -- token -------------------------------------------------------------------------

    @property
    def token(self) -> Token | None:
        """The current token (None before authentication)."""
        return self._token

    @property
    def token_id(self) -> str | None:
        """The current token's id (a secret: never log it)."""
        return self._token.id if self._token else None

    def set_token(self, token: Token) -> None:
        """Use ``token`` from now on (authentication and reauth call this)."""
        previous, self._token = self._token, token
        self._generation += 1
        self._refresh_at = self._refresh_time(token, previous)

    def _refresh_time(self, token: Token, previous: Token | None) -> float:
        """When to renew ``token``: ``refresh_margin`` before it expires.

        A renewed token that comes already inside the margin (short-lived, or a
        skewed clock) is renewed halfway through the life it has left, never at
        once; one that expires no later than the token it replaced, never
        (renewing cannot extend it: only a 401 re-authenticates).
        """
        if token.expires_at is None:
            return float("inf")
        expires = token.expires_at.timestamp()
        if previous is None or previous.expires_at is None:
            return expires - self.refresh_margin
        if expires <= previous.expires_at.timestamp():
            return float("inf")
        now = time.time()
        if expires - self.refresh_margin > now:
            return expires - self.refresh_margin
        return now + (expires - now) / 2 if expires > now else float("inf")

    def authenticated_headers(self) -> dict[str, str]:
        """The headers that authenticate a request: ``{"X-Auth-Token": ...}``."""
        return {"X-Auth-Token": self._token.id} if self._token else {}

    async def reauthenticate(self, stale_generation: int | None = None) -> None:
        """Get a new token, once for all the requests that saw the same stale one.

        Concurrent callers passing the same ``stale_generation`` share one
        re-authentication: the first leads, the others wait and find the token
        already renewed. If the leader fails, the waiters raise the same
        `ReauthError` instead of trying again; if it is
        cancelled, the next waiter leads.
        """
        authenticator = self._authenticator
        if authenticator is None or not authenticator.allow_reauth:
            raise errors.ReauthError("cannot re-authenticate: allow_reauth was not set")
        generation = self._generation if stale_generation is None else stale_generation
        failures = self._reauth_failures
        if self._reauth_lock is None:
            self._reauth_lock = anyio.Lock()
        async with self._reauth_lock:
            if self._generation != generation:
                return
            if self._reauth_failures != failures:
                raise errors.ReauthError(
                    f"re-authentication failed: {self._last_reauth_error}"
                ) from self._last_reauth_error
            try:
                token = await authenticator.fetch_token(self)
            except Exception as exc:
                self._reauth_failures += 1
                self._last_reauth_error = exc
                raise errors.ReauthError(f"re-authentication failed: {exc}") from exc
            self.set_token(token)

    # -- HTTP -------------------------------------------------------------------------

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The httpx client every request goes through (made on first use)."""
        if self._http is None:
            if self._closed:
                raise RuntimeError("this ProviderClient is closed")
            made = self._settings.make()
            self._http, self._direct_transport = made.client, made.direct
        return self._http

    async def aclose(self) -> None:
        """Close the HTTP client if aiocloud made it."""
        self._closed = True
        if self._http is not None and self._owns_http:
            http, self._http = self._http, None
            self._direct_transport = None
            await http.aclose()

    async def request(
        self, method: str, url: str, **options: Unpack[RequestOptions]
    ) -> httpx.Response:
        """Send a request and return its answer, its body read.

        ``options`` are `RequestOptions`. A 401 with ``allow_reauth``
        re-authenticates once and resends.
        """
        return await self._send(method, url, options, stream=False)

    @contextlib.asynccontextmanager
    async def stream(
        self, method: str, url: str, **options: Unpack[RequestOptions]
    ) -> AsyncIterator[httpx.Response]:
        """Like `request()`, but the body is left unread for streaming.

        The response is closed when the block ends; errors while reading the
        body should be passed through `translate_transport_errors()`.
        """
        response = await self._send(method, url, options, stream=True)
        try:
            yield response
        finally:
            await response.aclose()

    async def _send(
        self, method: str, url: str, options: RequestOptions, *, stream: bool
    ) -> httpx.Response:
        if not _REQUEST_OPTIONS.issuperset(options):
            unknown = sorted(set(options) - _REQUEST_OPTIONS)
            raise TypeError(f"unexpected request option(s): {', '.join(unknown)}")
        json = options.get("json")
        content = options.get("content")
        params = options.get("params")
        headers = options.get("headers")
        ok_codes = options.get("ok_codes")
        retry = options.get("retry")
        authenticated = options.get("authenticated", True)
        timeout: Any = options.get("timeout", httpx.USE_CLIENT_DEFAULT)
        policy = self.retry if retry is None else retry
        expected = DEFAULT_OK_CODES.get(method, (200,)) if ok_codes is None else ok_codes
        request_headers: dict[str, str] = {}
        if json is not None:
            content = jsonlib.dumps(json, separators=(",", ":")).encode()
            request_headers["Content-Type"] = "application/json"
        if headers:
            request_headers.update(headers)
        streamed = content is not None and not isinstance(content, (bytes, str))
        replayable = not streamed or callable(content)
        deadline = time.monotonic() + policy.budget if policy.budget is not None else None
        can_reauth = (
            authenticated and self._authenticator is not None and self._authenticator.allow_reauth
        )
        http = self.http_client
        attempt = 0
        reauthenticated = False
        source: _Source | None = None
        while True:
            if can_reauth and time.time() >= self._refresh_at:
                await self.reauthenticate(self._generation)
            generation = self._generation
            if authenticated and self._token is not None:
                request_headers["X-Auth-Token"] = self._token.id
            body = content() if callable(content) else content
            if streamed:
                body = source = _Source(body)  # type: ignore[arg-type]
            limiter = self._limiter
            if limiter is not None:
                queued = time.monotonic()
                await limiter.acquire()
                if deadline is not None:
                    deadline += time.monotonic() - queued  # waiting for a slot is not sending
            try:
                try:
                    attempt_timeout = timeout
                    left: float | None = None
                    if deadline is not None:
                        left = deadline - time.monotonic()
                        if left < self._timeout_ceiling or timeout is not httpx.USE_CLIENT_DEFAULT:
                            attempt_timeout = self._within_budget(timeout, http, left, method, url)
                    request = http.build_request(
                        method,
                        url,
                        params=params,
                        headers=request_headers,
                        content=body,
                        timeout=attempt_timeout,
                    )
                    started = time.perf_counter()
                    # the timeouts bound each read, not an answer trickled in byte by byte:
                    # the budget bounds the whole exchange (for a stream, up to its headers),
                    # unless the body is streamed: an upload takes the time its size needs
                    with anyio.move_on_after(None if streamed else left) as budget_scope:
                        with translate_transport_errors(method, url):
                            response = await self._exchange(http, request, stream)
                            if stream and response.status_code not in expected:
                                await _read_or_close(response)  # the error's body, for the error
                    if budget_scope.cancelled_caught:
                        raise errors.TimedOut(
                            "the retry budget was spent before the answer was received",
                            method=method,
                            url=url,
                        )
                finally:
                    if limiter is not None:
                        limiter.release()
            except errors.TransportError as exc:
                if source is not None and source.error is not None:
                    raise source.error from None  # the caller's stream failed, not the network
                attempt += 1
                if not (
                    replayable
                    and policy.on_connection_errors
                    and policy.allows(method, attempt)
                    and await self._backoff(policy.backoff(attempt), deadline)
                ):
                    if method in IDEMPOTENT_METHODS or not may_have_been_sent(exc):
                        raise
                    raise type(exc)(
                        str(exc).removeprefix(f"{exc.method} {exc.url}: "),
                        method=method,
                        url=url,
                        outcome_unknown=True,
                    ) from exc.__cause__
                continue
            status = response.status_code
            if status in expected:
                if _log.isEnabledFor(logging.DEBUG):
                    _redact.log_exchange(request, response, started)
                return response
            if stream:
                await response.aclose()
            if _log.isEnabledFor(logging.DEBUG):
                _redact.log_exchange(request, response, started)
            if status == 401 and can_reauth and not reauthenticated:
                await self.reauthenticate(generation)
                if not replayable:
                    raise errors.BodyNotReplayable(
                        f"{method} {url}: the token was refused and the body was a one-shot "
                        "stream; the token is renewed: pass a replayable body (bytes, a path, "
                        "a file or a callable returning a new iterator) or send it again"
                    ) from self._http_error(method, url, response, expected)
                reauthenticated = True
                continue
            retry_after = response.headers.get("retry-after")
            if (
                policy.retries_status(status, retry_after)
                and replayable
                and policy.allows(method, attempt + 1)
            ):
                delay = policy.delay(attempt + 1, errors.parse_retry_after(retry_after))
                if delay is not None and await self._backoff(delay, deadline):
                    attempt += 1
                    continue
            if status == 404 and method == "DELETE" and attempt:
                return response  # an earlier attempt may have deleted it: gone is what was asked
            raise self._http_error(method, url, response, expected)

    async def _exchange(
        self, http: httpx.AsyncClient, request: httpx.Request, stream: bool
    ) -> httpx.Response:
        """Send one request: through the client, or straight to aiocloud's own
        aiohttp transport, skipping the client's cookie, auth, redirect and
        hook machinery that aiocloud never uses."""
        transport = self._direct_transport
        if transport is None:
            return await http.send(request, stream=stream)
        response = await transport.handle_async_request(request)
        if not stream:
            await _read_or_close(response)
        return response

    @staticmethod
    def _within_budget(
        timeout: Any, http: httpx.AsyncClient, left: float, method: str, url: str
    ) -> httpx.Timeout:
        """The request's timeouts, each cut to the ``left`` seconds of the retry budget."""
        if left <= 0:
            raise errors.TimedOut("the retry budget is spent", method=method, url=url)
        base = http.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        return httpx.Timeout(
            connect=_at_most(base.connect, left),
            read=_at_most(base.read, left),
            write=_at_most(base.write, left),
            pool=_at_most(base.pool, left),
        )

    @staticmethod
    def _http_error(
        method: str, url: str, response: httpx.Response, expected: Collection[int]
    ) -> errors.HTTPError:
        cls = errors.error_for_status(response.status_code)
        return cls(
            method=method,
            url=url,
            status_code=response.status_code,
            body=response.content,
            headers=response.headers,
            expected=expected,
        )

    @staticmethod
    async def _backoff(delay: float, deadline: float | None) -> bool:
        """Sleep ``delay`` seconds unless that would pass the deadline."""
        if deadline is not None and time.monotonic() + delay > deadline:
            return False
        await anyio.sleep(delay)
        return True
