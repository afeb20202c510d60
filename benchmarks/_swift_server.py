"""A fast fake Swift on 127.0.0.1 for the object storage benchmarks (self-contained).

A raw :class:`asyncio.Protocol` HTTP/1.1 server (keep-alive, Content-Length
and chunked bodies) that does as little as possible, so that the client under
measurement is what costs: uploads are counted and dropped, downloads are
sent from one buffer, listings are pre-rendered pages.

Routes (``<acct>`` is ``/v1/AUTH_bench``):

=================================================  =====================================
``GET /auth/v1.0``                                 tempauth: X-Auth-Token, X-Storage-Url
``GET /info``                                      a Swift 2.30 ``/info`` document
``PUT <acct>/<c>/<o>``                             reads the body, 201 with an ETag: the
                                                   MD5 registered with ``/_bench/etag``
                                                   (or computed when none is)
``GET|HEAD <acct>/<c>/<o>``                        ``object_size`` bytes (a repeated 1 MiB
                                                   pattern) with their MD5 as ETag
``GET <acct>/<c>?format=json&limit=&marker=``      pages of ``objects_total`` objects
``PUT|HEAD <acct>/<c>``                            201 / 204
``POST /_bench/etag`` (body: 32 hex digits)        the ETag the next PUTs answer
=================================================  =====================================

Run alone: ``python benchmarks/_swift_server.py --port 8899``; from a script:
``with start_server(object_size=..., objects_total=...) as base: ...``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

ACCOUNT = "/v1/AUTH_bench"
TOKEN = "tk_bench"
PATTERN_SIZE = 1 << 20

INFO = {
    "swift": {"version": "2.30.1", "max_file_size": 5368709122, "container_listing_limit": 10000},
    "slo": {"max_manifest_segments": 1000, "min_segment_size": 1},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
    "tempurl": {"methods": ["GET", "HEAD", "PUT"]},
}


class State:
    def __init__(self, object_size: int, objects_total: int, port: int) -> None:
        self.port = port
        self.object_size = object_size
        self.pattern = bytes(os.urandom(PATTERN_SIZE))
        digest = hashlib.md5()
        full, rest = divmod(object_size, PATTERN_SIZE)
        for _ in range(full):
            digest.update(self.pattern)
        digest.update(self.pattern[:rest])
        self.object_etag = digest.hexdigest()
        self.put_etag: str | None = None
        self.names = [f"logs/2024/05/{i:08d}.json.gz" for i in range(objects_total)]
        self.pages: dict[tuple[str, int], bytes] = {}

    def page(self, marker: str, limit: int) -> bytes:
        key = (marker, limit)
        cached = self.pages.get(key)
        if cached is not None:
            return cached
        start = 0
        if marker:
            import bisect

            start = bisect.bisect_right(self.names, marker)
        chunk = self.names[start : start + limit]
        body = json.dumps(
            [
                {
                    "name": name,
                    "hash": "d41d8cd98f00b204e9800998ecf8427e",
                    "bytes": 1024 + i % 4096,
                    "content_type": "application/gzip",
                    "last_modified": "2024-05-01T10:00:00.123456",
                }
                for i, name in enumerate(chunk, start)
            ]
        ).encode()
        self.pages[key] = body
        return body


class SwiftProtocol(asyncio.Protocol):
    def __init__(self, state: State) -> None:
        self.state = state
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.body_left = 0
        self.chunked = False
        self.request: tuple[str, str, dict[str, str]] | None = None
        self.digest: object | None = None
        self.sending = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)

    def data_received(self, data: bytes) -> None:
        if self.request is not None and not self.chunked and not self.buffer:
            # fast path: the body of a Content-Length upload
            take = min(len(data), self.body_left)
            if self.digest is not None:
                self.digest.update(data[:take])  # type: ignore[attr-defined]
            self.body_left -= take
            data = data[take:]
            if self.body_left == 0:
                self.finish_upload()
            if not data:
                return
        self.buffer += data
        self.process()

    def process(self) -> None:
        while True:
            if self.request is None:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = bytes(self.buffer[:end]).decode("latin-1")
                del self.buffer[: end + 4]
                lines = head.split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                if method == "PUT" and "/" in urlsplit(target).path[len(ACCOUNT) + 1 :]:
                    self.request = (method, target, headers)
                    self.chunked = headers.get("transfer-encoding", "").lower() == "chunked"
                    self.body_left = int(headers.get("content-length", "0") or 0)
                    self.digest = hashlib.md5() if self.state.put_etag is None else None
                    if not self.chunked and self.body_left == 0:
                        self.finish_upload()
                    continue
                length = int(headers.get("content-length", "0") or 0)
                if len(self.buffer) < length:
                    self.buffer[:0] = (head + "\r\n\r\n").encode("latin-1")
                    return
                body = bytes(self.buffer[:length])
                del self.buffer[:length]
                self.handle(method, target, headers, body)
                continue
            if not self.chunked:
                take = min(len(self.buffer), self.body_left)
                if self.digest is not None:
                    self.digest.update(self.buffer[:take])  # type: ignore[attr-defined]
                del self.buffer[:take]
                self.body_left -= take
                if self.body_left:
                    return
                self.finish_upload()
                continue
            # chunked body
            if self.body_left == 0:
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                size = int(bytes(self.buffer[:end]).split(b";")[0], 16)
                if size == 0:
                    if len(self.buffer) < end + 4:
                        return
                    del self.buffer[: end + 4]
                    self.finish_upload()
                    continue
                del self.buffer[: end + 2]
                self.body_left = size + 2
            take = min(len(self.buffer), self.body_left)
            data = self.buffer[: min(take, self.body_left - 2)] if self.body_left > 2 else b""
            if self.digest is not None and data:
                self.digest.update(data)  # type: ignore[attr-defined]
            del self.buffer[:take]
            self.body_left -= take
            if self.body_left:
                return

    def finish_upload(self) -> None:
        assert self.request is not None
        etag = self.state.put_etag or self.digest.hexdigest()  # type: ignore[union-attr]
        self.request = None
        self.chunked = False
        self.body_left = 0
        self.digest = None
        self.respond(201, {"Etag": etag, "Last-Modified": _now()}, b"")

    def respond(self, status: int, headers: dict[str, str], body: bytes, length: int = -1) -> None:
        reason = {200: "OK", 201: "Created", 204: "No Content", 404: "Not Found"}.get(status, "X")
        lines = [
            f"HTTP/1.1 {status} {reason}",
            f"Content-Length: {len(body) if length < 0 else length}",
        ]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        lines.append("X-Trans-Id: txbench")
        assert self.transport is not None
        self.transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        state = self.state
        if path == "/auth/v1.0":
            self.respond(
                200,
                {
                    "X-Auth-Token": TOKEN,
                    "X-Storage-Url": f"http://127.0.0.1:{state.port}{ACCOUNT}",
                    "X-Auth-Token-Expires": "86400",
                },
                b"",
            )
        elif path == "/info":
            self.respond(200, {"Content-Type": "application/json"}, json.dumps(INFO).encode())
        elif path == "/_bench/etag":
            state.put_etag = body.decode().strip() or None
            self.respond(204, {}, b"")
        elif path.startswith(ACCOUNT + "/"):
            rest = path[len(ACCOUNT) + 1 :]
            _, _, name = rest.partition("/")
            if not name:
                if method == "GET":
                    limit = int(query.get("limit", "10000"))
                    page = state.page(query.get("marker", ""), min(limit, 10000))
                    self.respond(200, {"Content-Type": "application/json; charset=utf-8"}, page)
                else:
                    self.respond(201 if method == "PUT" else 204, {}, b"")
            elif method in ("GET", "HEAD"):
                object_headers = {
                    "Etag": state.object_etag,
                    "Content-Type": "application/octet-stream",
                    "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
                    "Accept-Ranges": "bytes",
                }
                self.respond(200, object_headers, b"", length=state.object_size)
                if method == "GET":
                    self.send_object()
            elif method == "DELETE":
                self.respond(204, {}, b"")
            else:
                self.respond(404, {}, b"")
        else:
            self.respond(404, {}, b"")

    def send_object(self) -> None:
        assert self.transport is not None
        self.left = self.state.object_size
        self.view = memoryview(self.state.pattern)
        self.sending = True
        self.transport.set_write_buffer_limits(high=8 << 20, low=2 << 20)
        self.resume_writing()

    def pause_writing(self) -> None:
        self.paused = True

    def resume_writing(self) -> None:
        self.paused = False
        if not self.sending:
            return
        assert self.transport is not None
        while self.left > 0 and not self.paused:
            n = min(self.left, PATTERN_SIZE)
            self.transport.write(self.view[:n])
            self.left -= n
        if self.left == 0:
            self.sending = False

    def connection_lost(self, exc: Exception | None) -> None:
        self.sending = False


def _now() -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())


async def serve(port: int, object_size: int, objects_total: int, ready: str | None) -> None:
    state = State(object_size, objects_total, port)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SwiftProtocol(state), "127.0.0.1", port, backlog=512)
    state.port = server.sockets[0].getsockname()[1]
    if ready:  # written once at start-up, before serving
        Path(ready).write_text(str(state.port))  # noqa: ASYNC240
    print(f"listening on 127.0.0.1:{state.port}", flush=True)
    async with server:
        await server.serve_forever()


@contextlib.contextmanager
def start_server(
    *, object_size: int = 1 << 30, objects_total: int = 100_000, core: int | None = 1
) -> Iterator[str]:
    """Run the server in its own process (pinned to ``core``); yields its base URL."""
    ready = f"/tmp/_swift_server.{os.getpid()}.port"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(ready)
    args = [
        sys.executable,
        __file__,
        "--port=0",
        f"--object-size={object_size}",
        f"--objects-total={objects_total}",
        f"--ready={ready}",
    ]
    if core is not None:
        args.append(f"--core={core}")
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ready) or not Path(ready).read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.05)
        port = int(Path(ready).read_text())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(ready)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument("--object-size", type=int, default=1 << 30)
    parser.add_argument("--objects-total", type=int, default=100_000)
    parser.add_argument("--ready")
    parser.add_argument("--core", type=int)
    args = parser.parse_args()
    if args.core is not None and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {args.core})
    asyncio.run(serve(args.port, args.object_size, args.objects_total, args.ready))


if __name__ == "__main__":
    main()
