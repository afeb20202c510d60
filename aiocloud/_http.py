"""The httpx client a ProviderClient sends through, made from its settings on first use.

Under asyncio it runs on aiocloud's aiohttp transport: behind a proxy through
the httpx-aiohttp client, otherwise as a plain httpx client whose transport
aiocloud may also call directly (`HttpClient.direct`). Under trio, or with
``backend="httpx"``, it is httpx's own.
"""

from __future__ import annotations

import ssl
from typing import Any, Literal

import attrs
import httpx
import sniffio

__all__ = ["HttpBackend", "HttpClient", "HttpSettings"]

HttpBackend = Literal["auto", "aiohttp", "httpx"]


@attrs.frozen
class HttpClient:
    """An httpx client, and its aiohttp transport when requests may skip the client."""

    client: httpx.AsyncClient
    direct: httpx.AsyncBaseTransport | None = None


@attrs.frozen
class HttpSettings:
    """How to make the client: a given ``transport`` (tests), else the backend with TLS,
    pool ``limits`` and ``proxy``; every client sends ``user_agent`` and has ``timeout``."""

    timeout: httpx.Timeout
    user_agent: str
    transport: httpx.AsyncBaseTransport | None = None
    backend: HttpBackend = "auto"
    limits: httpx.Limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    verify: bool | str | ssl.SSLContext = True
    cert: str | tuple[str, str] | None = None
    proxy: str | None = None

    def make(self) -> HttpClient:
        """A new client (an aiohttp one only inside a running asyncio loop)."""
        options: dict[str, Any] = {
            "timeout": self.timeout,
            "headers": {"User-Agent": self.user_agent, "Accept": "application/json"},
            "follow_redirects": False,
        }
        if self.transport is not None:
            return HttpClient(httpx.AsyncClient(transport=self.transport, **options))
        verify = self._ssl_context()
        if self._use_aiohttp():
            from urllib.request import getproxies

            from ._aiohttp import Client, Transport

            if self.proxy is not None or getproxies():
                return HttpClient(
                    Client(verify=verify, limits=self.limits, proxy=self.proxy, **options)
                )
            transport = Transport(verify=verify, limits=self.limits)
            return HttpClient(httpx.AsyncClient(transport=transport, **options), transport)
        return HttpClient(
            httpx.AsyncClient(verify=verify, limits=self.limits, proxy=self.proxy, **options)
        )

    def _use_aiohttp(self) -> bool:
        if self.backend == "httpx":
            return False
        try:
            library = sniffio.current_async_library()
        except sniffio.AsyncLibraryNotFoundError:
            library = None
        if self.backend == "aiohttp" and library != "asyncio":
            raise RuntimeError("http_backend='aiohttp' needs asyncio (aiohttp is asyncio-only)")
        return library == "asyncio"

    def _ssl_context(self) -> ssl.SSLContext | bool:
        if isinstance(self.verify, ssl.SSLContext):
            return self.verify
        if self.verify is False:
            return False
        context = ssl.create_default_context(
            cafile=self.verify if isinstance(self.verify, str) else None
        )
        if self.cert is not None:
            certfile, keyfile = self.cert if isinstance(self.cert, tuple) else (self.cert, None)
            context.load_cert_chain(certfile, keyfile)
        return context
