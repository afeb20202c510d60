"""httpx-aiohttp's client and transport, with aiohttp's own connection retry off.

aiohttp resends an idempotent request once when a connection fails before the
answer; aiocloud's `Retry` must be the only policy that
decides what is sent again. Imported only when aiohttp is used.
"""

from __future__ import annotations

import ssl

import httpx
from aiohttp import ClientSession
from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient

__all__ = ["Client", "Transport", "without_retry"]

_DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


def without_retry(session: ClientSession) -> ClientSession:
    """``session`` with aiohttp's connection retry off (aiohttp has no public switch)."""
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False
    return session


class Transport(AiohttpTransport):
    """httpx-aiohttp's transport: every aiohttp session it makes never retries."""

    def get_client(self) -> ClientSession:
        return without_retry(super().get_client())


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
