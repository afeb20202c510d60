"""httpx-aiohttp's client and transport, sending what httpx would send.

aiohttp resends an idempotent request once when a connection fails before the
answer; aiocloud's `Retry` must be the only policy that decides what is sent
again, so that is off. aiohttp also adds ``Content-Type:
application/octet-stream`` to a body that has none, where httpx sends none:
Swift then stores that type instead of guessing it from the object's name, so
that is off too. Imported only when aiohttp is used.
"""

from __future__ import annotations

import ssl

import httpx
from aiohttp import ClientSession
from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient
from multidict import istr

__all__ = ["Client", "Transport", "as_httpx_sends"]

_DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


def as_httpx_sends(session: ClientSession) -> ClientSession:
    """``session`` without aiohttp's connection retry nor its default Content-Type.

    aiohttp has no public switch for either on a session another library made.
    """
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False
    if hasattr(session, "_skip_auto_headers"):
        session._skip_auto_headers = session._skip_auto_headers | {istr("Content-Type")}
    return session


class Transport(AiohttpTransport):
    """httpx-aiohttp's transport: every aiohttp session it makes sends as httpx does."""

    def get_client(self) -> ClientSession:
        return as_httpx_sends(super().get_client())


class Client(HttpxAiohttpClient):
    """httpx-aiohttp's client (used with a proxy), on `Transport`."""

    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: str | tuple[str, str] | tuple[str, str, str] | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _DEFAULT_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
        **kwargs: object,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        return Transport(verify=verify, cert=cert, trust_env=trust_env, limits=limits)

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: str | tuple[str, str] | tuple[str, str, str] | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = _DEFAULT_LIMITS,
        **kwargs: object,
    ) -> httpx.AsyncBaseTransport:
        return Transport(verify=verify, cert=cert, trust_env=trust_env, limits=limits, proxy=proxy)
