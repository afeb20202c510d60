"""A fast fake OpenStack cloud on 127.0.0.1 for client-cost benchmarks.

A raw :class:`asyncio.Protocol` HTTP/1.1 server (keep-alive, pipelining, many
connections) that serves canned, realistic answers, so that the client under
measurement is the only thing doing real work. It runs in its own process,
pinned to its own core (the client pins itself to core 0, the server to core 1).

Routes (``<base>`` is the URL :func:`start_server` yields):

=====================================================  ====================================
``POST /v3/auth/tokens``                               201, ``X-Subject-Token`` and a token
                                                       whose catalog points identity,
                                                       compute and object-store here
``GET  /v3/services/<id>``                             ``{"service": {...}}``
``GET  /v2.1/servers/<id>``                            a ~2 KB Nova server detail
``GET  /v2.1/servers/detail?limit=N&marker=M``         pages of ``servers_total`` servers;
                                                       ``servers_links`` rel=next on every
                                                       full page, as Nova does
``GET  /v1/AUTH_x/<container>?format=json&limit&marker``  a Swift listing of
                                                       ``objects_total`` objects
``GET|HEAD /v1/AUTH_x/<container>/<object>``           ``object_size`` bytes (or the size
                                                       given by an all-digit object name)
``PUT  /v1/AUTH_x/<container>/<object>``               reads the body (Content-Length or
                                                       chunked), 201 with its MD5 ETag
``PUT|HEAD|DELETE /v1/AUTH_x/<container>``             201 / 204 / 204
anything else                                          404
=====================================================  ====================================

Control routes, not counted in the statistics: ``GET /_bench/stats`` (request
counters), ``POST /_bench/reset`` (zero them) and ``POST /_bench/revoke``
(every token issued so far is answered 401 from now on; tokens issued later
are good). Until the first revoke, any ``X-Auth-Token`` is accepted.

Use from another benchmark script (run from anywhere, e.g. ``python benchmarks/x.py``)::

    from server import pin_to_core, start_server, server_stats

    pin_to_core(0)
    with start_server(servers_total=1000) as base:     # "http://127.0.0.1:PORT"
        ...                                             # identity: base + "/v3"
        print(server_stats(base)["requests"])

Run alone: ``python benchmarks/server.py --port 8999``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import http.client
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "ACCOUNT",
    "PROJECT_ID",
    "SERVICE_ID",
    "TOKEN",
    "pin_to_core",
    "reset_stats",
    "revoke_tokens",
    "server_stats",
    "start_server",
]

PROJECT_ID = "fc394f2ab2df4114bde39905f800dc57"
USER_ID = "9a7cd2bbd0b14d5f9c7a2c4c1e7d9a11"
ACCOUNT = "AUTH_x"
SERVICE_ID = "0b1e9a4b8b2c4f0e9c7d6a5b4c3d2e1f"
TOKEN = (
    "gAAAAABnQ3c2ZqXv1Vh0fXkq3mW5o2n7bT4Lr9cPzYsEaDfGhJkLmNoPqRsTuVwXyZ0123456789abcdef"
    "ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
)
"""A Fernet-sized token that the raw-HTTP contenders send (accepted until a revoke)."""

_REASONS = {
    200: b"OK",
    201: b"Created",
    202: b"Accepted",
    204: b"No Content",
    401: b"Unauthorized",
    404: b"Not Found",
    405: b"Method Not Allowed",
}
_BIG_BODY = 64 * 1024  # bodies larger than this are consumed as they arrive, not buffered
_BLOCK = bytes(range(256)) * 4096  # 1 MiB of object data, repeated


def _response(
    status: int, body: bytes = b"", headers: tuple[tuple[str, str], ...] = (), *, length: int = -1
) -> bytes:
    lines = [b"HTTP/1.1 %d %s" % (status, _REASONS.get(status, b"Unknown"))]
    for name, value in headers:
        lines.append(f"{name}: {value}".encode("latin-1"))
    if status != 204:
        lines.append(b"Content-Length: %d" % (len(body) if length < 0 else length))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _json_response(
    status: int, data: Any, request_id_header: str = "X-Openstack-Request-Id"
) -> bytes:
    body = json.dumps(data, separators=(", ", ": ")).encode()
    return _response(
        status,
        body,
        (
            ("Content-Type", "application/json"),
            (request_id_header, "req-5d3e1a2b-7c4f-4e8a-9b6d-0f1e2d3c4b5a"),
        ),
    )


_NOT_FOUND = _json_response(
    404, {"itemNotFound": {"code": 404, "message": "The resource could not be found."}}
)
_UNAUTHORIZED = _json_response(
    401,
    {
        "error": {
            "code": 401,
            "title": "Unauthorized",
            "message": "The request you have made requires authentication.",
        }
    },
)


def _ts(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def _server_body(base: str, server_id: str, index: int) -> dict[str, Any]:
    """A Nova server detail (microversion 2.1 shape), about 2 KB of JSON."""
    mac = f"fa:16:3e:{index >> 16 & 255:02x}:{index >> 8 & 255:02x}:{index & 255:02x}"
    return {
        "id": server_id,
        "name": f"bench-server-{index:06d}",
        "status": "ACTIVE",
        "tenant_id": PROJECT_ID,
        "user_id": USER_ID,
        "metadata": {
            "role": "web",
            "owner": "benchmarks",
            "tier": str(index % 3),
            "deployed_by": "ci-pipeline",
            "release": "2026.11.20-1",
        },
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "image": {
            "id": "70a599e0-31e7-49b7-b260-868f441e862b",
            "links": [
                {
                    "href": f"{base}/images/70a599e0-31e7-49b7-b260-868f441e862b",
                    "rel": "bookmark",
                }
            ],
        },
        "flavor": {
            "id": "1",
            "links": [{"href": f"{base}/flavors/1", "rel": "bookmark"}],
        },
        "created": "2026-11-20T10:15:21Z",
        "updated": "2026-11-20T10:15:32Z",
        "addresses": {
            "private": [
                {
                    "addr": f"10.0.{index >> 8 & 255}.{index & 255}",
                    "version": 4,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": mac,
                },
                {
                    "addr": f"fd00:1234::{index:x}",
                    "version": 6,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": mac,
                },
            ],
            "public": [
                {
                    "addr": f"203.0.113.{index & 255}",
                    "version": 4,
                    "OS-EXT-IPS:type": "floating",
                    "OS-EXT-IPS-MAC:mac_addr": mac,
                },
            ],
        },
        "accessIPv4": "",
        "accessIPv6": "",
        "links": [
            {"href": f"{base}/v2.1/servers/{server_id}", "rel": "self"},
            {"href": f"{base}/servers/{server_id}", "rel": "bookmark"},
        ],
        "OS-DCF:diskConfig": "AUTO",
        "progress": 0,
        "OS-EXT-AZ:availability_zone": "nova",
        "config_drive": "",
        "key_name": "bench-key",
        "OS-SRV-USG:launched_at": "2026-11-20T10:15:31.000000",
        "OS-SRV-USG:terminated_at": None,
        "OS-EXT-SRV-ATTR:host": "compute-01",
        "OS-EXT-SRV-ATTR:instance_name": f"instance-{index:08x}",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "compute-01.example.org",
        "OS-EXT-STS:task_state": None,
        "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:power_state": 1,
        "os-extended-volumes:volumes_attached": [
            {"id": "8f3b6d2c-1a4e-4c5b-9d7e-2f1a0b9c8d7e"},
        ],
        "security_groups": [{"name": "default"}, {"name": "web"}],
    }


def _server_id(index: int) -> str:
    return f"{index:08x}-0000-4000-8000-{index:012x}"


def _object_entry(index: int) -> dict[str, Any]:
    return {
        "hash": hashlib.md5(str(index).encode()).hexdigest(),
        "last_modified": "2026-11-20T10:15:21.123450",
        "bytes": 1024 + index,
        "name": f"logs/2026/11/20/object-{index:07d}.log",
        "content_type": "text/plain",
    }


class FakeCloud:
    """The server's state: canned answers, counters and revoked tokens."""

    def __init__(
        self,
        base: str,
        *,
        servers_total: int,
        objects_total: int,
        object_size: int,
        default_page: int = 1000,
    ) -> None:
        self.base = base
        self.servers_total = servers_total
        self.objects_total = objects_total
        self.object_size = object_size
        self.default_page = default_page
        self.cache: dict[bytes, bytes] = {}
        self.revoked: set[str] = set()
        self.issued: list[str] = []
        self.stats: dict[str, int] = {}
        self._etags: dict[int, str] = {}
        self.reset()

    def reset(self) -> None:
        self.stats = dict.fromkeys(
            ("requests", "token_requests", "unauthorized", "not_found", "bytes_in", "bytes_out"),
            0,
        )

    # -- routing -----------------------------------------------------------------

    def respond(self, method: bytes, target: bytes, token: str | None, body: bytes) -> bytes:
        """The whole answer to a request whose body (if any) is small and complete."""
        if target.startswith(b"/_bench/"):
            return self._control(method, target)
        stats = self.stats
        stats["requests"] += 1
        if method == b"POST" and target == b"/v3/auth/tokens":
            stats["token_requests"] += 1
            return self._issue_token()
        if token is not None and token in self.revoked:
            stats["unauthorized"] += 1
            return _UNAUTHORIZED
        if method == b"GET":
            cached = self.cache.get(target)
            if cached is not None:
                return cached
            answer = self._get(target)
            if answer is None:
                stats["not_found"] += 1
                return _NOT_FOUND
            if len(self.cache) < 100_000:
                self.cache[target] = answer
            return answer
        return self._other(method, target, body)

    def _get(self, target: bytes) -> bytes | None:
        parts = urlsplit(target.decode("latin-1"))
        path = unquote(parts.path)
        query = dict(parse_qsl(parts.query))
        segments = path.strip("/").split("/")
        if len(segments) == 3 and segments[:2] == ["v3", "services"]:
            return self._service(segments[2])
        if len(segments) == 3 and segments[:2] == ["v2.1", "servers"]:
            if segments[2] == "detail":
                return self._servers_page(query)
            return _json_response(
                200, {"server": _server_body(self.base, segments[2], 1)}, "X-Compute-Request-Id"
            )
        if len(segments) == 3 and segments[:2] == ["v1", ACCOUNT]:
            return self._object_listing(segments[2], query)
        return None

    def _service(self, service_id: str) -> bytes:
        return _json_response(
            200,
            {
                "service": {
                    "id": service_id,
                    "type": "compute",
                    "name": "nova",
                    "description": "OpenStack Compute Service",
                    "enabled": True,
                    "links": {"self": f"{self.base}/v3/services/{service_id}"},
                }
            },
        )

    def _servers_page(self, query: dict[str, str]) -> bytes:
        limit = min(int(query.get("limit", self.default_page)), self.default_page)
        start = 0
        marker = query.get("marker")
        if marker:
            start = int(marker.split("-", 1)[0], 16) + 1
        stop = min(start + limit, self.servers_total)
        servers = [_server_body(self.base, _server_id(i), i) for i in range(start, stop)]
        body: dict[str, Any] = {"servers": servers}
        if servers and len(servers) == limit:
            body["servers_links"] = [
                {
                    "href": f"{self.base}/v2.1/servers/detail?limit={limit}"
                    f"&marker={servers[-1]['id']}",
                    "rel": "next",
                }
            ]
        return _json_response(200, body, "X-Compute-Request-Id")

    def _object_listing(self, container: str, query: dict[str, str]) -> bytes:
        limit = min(int(query.get("limit", 10_000)), 10_000)
        marker = query.get("marker")
        start = 0
        if marker:
            start = int(marker.rsplit("-", 1)[1].split(".", 1)[0]) + 1
        stop = min(start + limit, self.objects_total)
        items = [_object_entry(i) for i in range(start, stop)]
        headers = (
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-Container-Object-Count", str(self.objects_total)),
            ("X-Container-Bytes-Used", str(sum(1024 + i for i in range(self.objects_total)))),
            ("X-Timestamp", "1763633721.12345"),
            ("X-Trans-Id", "tx5d3e1a2b7c4f4e8a9b6d0-0067a1b2c3"),
        )
        return _response(200, json.dumps(items).encode(), headers)

    def _other(self, method: bytes, target: bytes, body: bytes) -> bytes:
        path = unquote(urlsplit(target.decode("latin-1")).path)
        segments = path.strip("/").split("/")
        trans = (("X-Trans-Id", "tx5d3e1a2b7c4f4e8a9b6d0-0067a1b2c3"),)
        if segments[:2] == ["v1", ACCOUNT] and len(segments) >= 3:
            if method == b"PUT" and len(segments) == 3:
                return _response(201, b"", trans)
            if method == b"PUT":
                return self.put_object_answer(hashlib.md5(body).hexdigest())
            if method == b"DELETE":
                return _response(204, b"", trans)
            if method == b"HEAD" and len(segments) == 3:
                count = str(self.objects_total)
                return _response(204, b"", (*trans, ("X-Container-Object-Count", count)))
            if method == b"HEAD":
                size = self.object_size_for(segments[-1])
                return _response(200, b"", self._object_headers(size), length=size)
        self.stats["not_found"] += 1
        return _NOT_FOUND

    def object_size_for(self, name: str) -> int:
        return int(name) if name.isdigit() else self.object_size

    def object_target_size(self, method: bytes, target: bytes) -> int | None:
        """The size of the object a ``GET`` streams, or None if ``target`` is no object."""
        if method != b"GET" or not target.startswith(b"/v1/"):
            return None
        segments = unquote(urlsplit(target.decode("latin-1")).path).strip("/").split("/")
        if len(segments) >= 4 and segments[1] == ACCOUNT:
            return self.object_size_for(segments[-1])
        return None

    def _object_headers(self, size: int) -> tuple[tuple[str, str], ...]:
        etag = self._etags.get(size)
        if etag is None:
            digest = hashlib.md5()
            for piece in _object_pieces(size):
                digest.update(piece)
            etag = self._etags[size] = digest.hexdigest()
        return (
            ("Content-Type", "application/octet-stream"),
            ("Etag", etag),
            ("Last-Modified", "Thu, 20 Nov 2026 10:15:21 GMT"),
            ("X-Timestamp", "1763633721.12345"),
            ("X-Trans-Id", "tx5d3e1a2b7c4f4e8a9b6d0-0067a1b2c3"),
        )

    def object_answer_head(self, size: int) -> bytes:
        return _response(200, b"", self._object_headers(size), length=size)

    @staticmethod
    def put_object_answer(etag: str) -> bytes:
        return _response(
            201,
            b"",
            (
                ("Etag", etag),
                ("Last-Modified", "Thu, 20 Nov 2026 10:15:21 GMT"),
                ("X-Trans-Id", "tx5d3e1a2b7c4f4e8a9b6d0-0067a1b2c3"),
            ),
        )

    def _issue_token(self) -> bytes:
        token_id = f"{TOKEN[:-8]}{len(self.issued):08d}"
        self.issued.append(token_id)
        now = time.time()
        body = {
            "token": {
                "methods": ["password"],
                "user": {
                    "domain": {"id": "default", "name": "Default"},
                    "id": USER_ID,
                    "name": "bench",
                    "password_expires_at": None,
                },
                "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"],
                "expires_at": _ts(now + 86_400) + ".000000Z",
                "issued_at": _ts(now) + ".000000Z",
                "project": {
                    "domain": {"id": "default", "name": "Default"},
                    "id": PROJECT_ID,
                    "name": "bench",
                },
                "is_domain": False,
                "roles": [{"id": "51cc68287d524c759f47c811e6463340", "name": "member"}],
                "catalog": self._catalog(),
            }
        }
        answer = _json_response(201, body)
        head, _, rest = answer.partition(b"\r\n")
        return head + f"\r\nX-Subject-Token: {token_id}".encode() + b"\r\n" + rest

    def _catalog(self) -> list[dict[str, Any]]:
        services = (
            ("identity", "keystone", f"{self.base}/v3"),
            ("compute", "nova", f"{self.base}/v2.1"),
            ("object-store", "swift", f"{self.base}/v1/{ACCOUNT}"),
        )
        return [
            {
                "id": f"{name}-service-id",
                "type": service_type,
                "name": name,
                "endpoints": [
                    {
                        "id": f"{name}-{interface}",
                        "interface": interface,
                        "region": "RegionOne",
                        "region_id": "RegionOne",
                        "url": url,
                    }
                    for interface in ("public", "internal", "admin")
                ],
            }
            for service_type, name, url in services
        ]

    def _control(self, method: bytes, target: bytes) -> bytes:
        if target == b"/_bench/stats":
            return _json_response(200, self.stats)
        if method == b"POST" and target == b"/_bench/reset":
            self.reset()
            return _json_response(200, self.stats)
        if method == b"POST" and target == b"/_bench/revoke":
            self.revoked.update(self.issued)
            self.revoked.add(TOKEN)
            return _json_response(200, {"revoked": len(self.revoked)})
        return _NOT_FOUND


def _object_pieces(size: int) -> Iterator[bytes]:
    while size > 0:
        piece = _BLOCK if size >= len(_BLOCK) else _BLOCK[:size]
        size -= len(piece)
        yield piece


class _BodyReader:
    """Consumes a large or chunked request body as it arrives, hashing it."""

    def __init__(self, length: int | None) -> None:
        self.remaining = length  # None: chunked
        self.chunk_left = 0
        self.state = "size" if length is None else "data"
        self.md5 = hashlib.md5()
        self.size = 0

    def feed(self, data: bytes) -> tuple[bool, bytes]:
        """Take what belongs to the body; return (finished, the bytes left over)."""
        if self.remaining is not None:
            take = data[: self.remaining]
            self.md5.update(take)
            self.size += len(take)
            self.remaining -= len(take)
            return self.remaining == 0, data[len(take) :]
        return self._feed_chunked(data)

    def _feed_chunked(self, data: bytes) -> tuple[bool, bytes]:
        while data:
            if self.state == "size":
                end = data.find(b"\r\n")
                if end < 0:
                    return False, data  # wait for the whole size line
                self.chunk_left = int(data[:end].split(b";", 1)[0], 16)
                data = data[end + 2 :]
                self.state = "data" if self.chunk_left else "trailer"
            elif self.state == "data":
                take = data[: self.chunk_left]
                self.md5.update(take)
                self.size += len(take)
                self.chunk_left -= len(take)
                data = data[len(take) :]
                if self.chunk_left == 0:
                    self.state = "crlf"
            elif self.state == "crlf":
                if len(data) < 2:
                    return False, data
                data = data[2:]
                self.state = "size"
            else:  # trailer: ends with an empty line
                end = data.find(b"\r\n")
                if end < 0:
                    return False, data
                line, data = data[:end], data[end + 2 :]
                if not line:
                    return True, data
        return False, b""


class HTTPProtocol(asyncio.Protocol):
    """One keep-alive connection; requests are answered in order (pipelining works)."""

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.body_reader: _BodyReader | None = None
        self.writable = asyncio.Event()
        self.writable.set()
        self.busy = False  # streaming a download: later requests wait in the buffer

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def pause_writing(self) -> None:
        self.writable.clear()

    def resume_writing(self) -> None:
        self.writable.set()

    def data_received(self, data: bytes) -> None:
        self.cloud.stats["bytes_in"] += len(data)
        self.buffer = self.buffer + data if self.buffer else data
        self._process()

    def _process(self) -> None:
        transport = self.transport
        assert transport is not None
        buffer = self.buffer
        out: list[bytes] = []
        while buffer and not self.busy:
            if self.body_reader is not None:
                finished, buffer = self.body_reader.feed(buffer)
                if not finished:
                    break
                out.append(self.cloud.put_object_answer(self.body_reader.md5.hexdigest()))
                self.body_reader = None
                continue
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[:end]
            line_end = head.find(b"\r\n")
            request_line = head if line_end < 0 else head[:line_end]
            method, target, _ = request_line.split(b" ", 2)
            token: str | None = None
            length = 0
            chunked = False
            if line_end >= 0 and (method != b"GET" or self.cloud.revoked):
                lower = head.lower()
                token = _header(lower, head, b"x-auth-token")
                value = _header(lower, head, b"content-length")
                length = int(value) if value else 0
                chunked = b"\r\ntransfer-encoding: chunked" in lower
            rest = buffer[end + 4 :]
            if chunked or length > _BIG_BODY:
                buffer = rest
                self.cloud.stats["requests"] += 1
                self.body_reader = _BodyReader(None if chunked else length)
                continue
            if len(rest) < length:
                break
            body, buffer = rest[:length], rest[length:]
            size = self.cloud.object_target_size(method, target)
            if size is not None and not (token is not None and token in self.cloud.revoked):
                self.cloud.stats["requests"] += 1
                out.append(self.cloud.object_answer_head(size))
                self.busy = True
                asyncio.get_running_loop().create_task(self._stream_object(size))
                break
            out.append(self.cloud.respond(method, target, token, body))
        self.buffer = buffer
        if out:
            answer = b"".join(out)
            self.cloud.stats["bytes_out"] += len(answer)
            transport.write(answer)

    async def _stream_object(self, size: int) -> None:
        transport = self.transport
        assert transport is not None
        for piece in _object_pieces(size):
            if transport.is_closing():
                return
            transport.write(piece)
            self.cloud.stats["bytes_out"] += len(piece)
            await self.writable.wait()
        self.busy = False
        self._process()

    def connection_lost(self, exc: Exception | None) -> None:
        self.writable.set()


def _header(lower: bytes, head: bytes, name: bytes) -> str | None:
    start = lower.find(b"\r\n" + name + b":")
    if start < 0:
        return None
    start += len(name) + 3
    end = head.find(b"\r\n", start)
    return head[start : end if end >= 0 else len(head)].strip().decode("latin-1")


async def serve(
    port: int,
    *,
    servers_total: int,
    objects_total: int,
    object_size: int,
    ready: Callable[[int], None],
) -> None:
    loop = asyncio.get_running_loop()
    cloud: FakeCloud | None = None

    def factory() -> HTTPProtocol:
        assert cloud is not None
        return HTTPProtocol(cloud)

    server = await loop.create_server(factory, "127.0.0.1", port, backlog=1024)
    bound = server.sockets[0].getsockname()[1]
    cloud = FakeCloud(
        f"http://127.0.0.1:{bound}",
        servers_total=servers_total,
        objects_total=objects_total,
        object_size=object_size,
    )
    ready(bound)
    async with server:
        await server.serve_forever()


def pin_to_core(core: int) -> bool:
    """Pin this process to ``core`` if the machine has it; True if pinned."""
    if not hasattr(os, "sched_setaffinity"):
        return False
    available = os.sched_getaffinity(0)
    if len(available) < 2 or core not in available:
        return False
    os.sched_setaffinity(0, {core})
    return True


@contextlib.contextmanager
def start_server(
    *,
    servers_total: int = 10_000,
    objects_total: int = 10_000,
    object_size: int = 1024 * 1024,
    core: int = 1,
) -> Iterator[str]:
    """Run the fake cloud in a subprocess pinned to ``core``; yield its base URL.

    The identity endpoint is ``base + "/v3"``; the token catalog points compute
    at ``base + "/v2.1"`` and object-store at ``base + "/v1/AUTH_x"``.
    """
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--port",
        "0",
        "--core",
        str(core),
        "--servers-total",
        str(servers_total),
        "--objects-total",
        str(objects_total),
        "--object-size",
        str(object_size),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        readable, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline() if readable else ""
        if not line.startswith("READY "):
            raise RuntimeError(f"the benchmark server did not start (said {line!r})")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _control(base: str, method: str, path: str) -> dict[str, Any]:
    host, _, port = base.removeprefix("http://").partition(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path)
        result: dict[str, Any] = json.loads(connection.getresponse().read())
        return result
    finally:
        connection.close()


def server_stats(base: str) -> dict[str, int]:
    """The server's counters: requests, token_requests, unauthorized, not_found, bytes."""
    return _control(base, "GET", "/_bench/stats")


def reset_stats(base: str) -> None:
    """Zero the server's counters."""
    _control(base, "POST", "/_bench/reset")


def revoke_tokens(base: str) -> None:
    """From now on, answer 401 to every token issued so far (and to :data:`TOKEN`)."""
    _control(base, "POST", "/_bench/revoke")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8999)
    parser.add_argument("--core", type=int, default=1, help="CPU core to pin to (-1: none)")
    parser.add_argument("--servers-total", type=int, default=10_000)
    parser.add_argument("--objects-total", type=int, default=10_000)
    parser.add_argument("--object-size", type=int, default=1024 * 1024)
    args = parser.parse_args()
    if args.core >= 0:
        pin_to_core(args.core)

    def ready(port: int) -> None:
        print(f"READY {port}", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            serve(
                args.port,
                servers_total=args.servers_total,
                objects_total=args.objects_total,
                object_size=args.object_size,
                ready=ready,
            )
        )


if __name__ == "__main__":
    main()
