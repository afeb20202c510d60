"""HTTP servers on 127.0.0.1 for tests over real sockets, and a runner per backend.

Each server runs on its own event loop in a thread, so that the same server
serves the aiohttp and httpx backends under asyncio and httpx under trio.
"""

from __future__ import annotations

import abc
import asyncio
import ssl
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Literal, TypeVar

import trio
from aiohttp import web

from aiocloud.provider import HttpBackend

Backend = Literal["aiohttp", "httpx", "trio"]
BACKENDS: list[Backend] = ["aiohttp", "httpx", "trio"]

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]

_T = TypeVar("_T")
_Server = TypeVar("_Server", bound="ThreadedServer")


def run_on(backend: Backend, test: Callable[[HttpBackend], Coroutine[Any, Any, _T]]) -> _T:
    """``test(http_backend)`` under asyncio (``aiohttp``, ``httpx``) or under trio (``httpx``)."""
    if backend == "trio":
        return trio.run(test, "httpx")
    return asyncio.run(test(backend))


class ThreadedServer(abc.ABC):
    """A server run by its own asyncio loop in a thread from ``with`` to its end.

    Subclasses start serving in ``_open`` (returning the URL) and stop in ``_close``.
    """

    def __init__(self) -> None:
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main)

    def __enter__(self: _Server) -> _Server:
        self._thread.start()
        self._started.wait(5)
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)
        self._loop.close()

    def _main(self) -> None:
        self._loop.run_until_complete(self._serve())

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        self.url = await self._open()
        self._started.set()
        await self._stop.wait()
        await self._close()

    @abc.abstractmethod
    async def _open(self) -> str:
        """Start serving; the URL to reach the server."""

    @abc.abstractmethod
    async def _close(self) -> None:
        """Stop serving and release what ``_open`` took."""


class StreamServer(ThreadedServer):
    """An ``asyncio.start_server`` running ``handler`` per connection; ``url`` ends in ``/``.

    ``connections`` counts the connections accepted; stopping cancels the handlers.
    """

    def __init__(self, handler: Handler, context: ssl.SSLContext | None = None) -> None:
        super().__init__()
        self.connections = 0
        self._handler = handler
        self._context = context
        self._server: asyncio.Server | None = None

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        assert self._stop is not None
        handler = asyncio.ensure_future(self._handler(reader, writer))
        stop = asyncio.ensure_future(self._stop.wait())
        await asyncio.wait([handler, stop], return_when=asyncio.FIRST_COMPLETED)
        for task in (handler, stop):
            task.cancel()
        await asyncio.gather(handler, stop, return_exceptions=True)
        writer.close()

    async def _open(self) -> str:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, ssl=self._context)
        port = self._server.sockets[0].getsockname()[1]
        return f"{'https' if self._context else 'http'}://127.0.0.1:{port}/"

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        await asyncio.sleep(0.01)  # the handlers see the stop and close their connections


class WebServer(ThreadedServer):
    """An ``aiohttp.web`` application, without access log; ``url`` has no trailing ``/``."""

    def __init__(self, app: web.Application) -> None:
        super().__init__()
        self._runner = web.AppRunner(app, access_log=None)

    async def _open(self) -> str:
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        return f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def _close(self) -> None:
        await self._runner.cleanup()
