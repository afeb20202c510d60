"""What the tests share besides fixtures: request helpers, real-socket servers, API bodies.

Fixtures live in the ``conftest.py`` files (pytest finds them there); everything
else a test module takes from another one is here, one section per subject.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import copy
import enum
import functools
import hashlib
import json
import ssl
import threading
import types
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs
import httpx
import pytest
import respx
import trio
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiocloud import ProviderClient, errors, openstack
from aiocloud.models import Model
from aiocloud.openstack.blockstorage.v1 import snapshots as snapshots_v1
from aiocloud.openstack.blockstorage.v1 import volumes as volumes_v1
from aiocloud.openstack.blockstorage.v1 import volumetypes as volumetypes_v1
from aiocloud.openstack.blockstorage.v2 import snapshots as snapshots_v2
from aiocloud.openstack.blockstorage.v2 import volumes as volumes_v2
from aiocloud.openstack.blockstorage.v2 import volumetypes as volumetypes_v2
from aiocloud.openstack.blockstorage.v3 import snapshots as snapshots_v3
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.blockstorage.v3 import volumetypes as volumetypes_v3
from aiocloud.provider import HttpBackend
from aiocloud.retry import Retry
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, PROJECT_ID, SERVICE_URLS, MockCloud

# -- respx routes ----------------------------------------------------------------------


def sent_json(route: Any) -> Any:
    """The JSON body of the last request a respx route received."""
    return json.loads(route.calls.last.request.content)


def last_request(route: Any) -> httpx.Request:
    """The last request a respx route received."""
    request: httpx.Request = route.calls.last.request
    return request


def serve_pages(router: respx.MockRouter, url: str, *bodies: Any) -> respx.Route:
    """A GET route for ``url`` (any query) answering ``bodies`` in turn, one per request.

    A request beyond the last body fails the test (respx raises when the side
    effects run out), so a listing that fetches one page too many is caught.
    """
    route = router.get(url__startswith=url)
    route.side_effect = [httpx.Response(200, json=body) for body in bodies]
    return route


def requested(route: respx.Route) -> list[str]:
    """The full URLs, query included, that ``route`` received, in order."""
    return [str(call.request.url) for call in route.calls]


def query_of(route: Any) -> list[tuple[str, str]]:
    """The query pairs of the last request ``route`` answered, in order."""
    return list(last_request(route).url.params.multi_items())


# -- servers on real sockets -----------------------------------------------------------
#
# Each server runs on its own event loop in a thread, so that the same server
# serves the aiohttp and httpx backends under asyncio and httpx under trio.

Backend = Literal["aiohttp", "httpx", "trio"]
BACKENDS: list[Backend] = ["aiohttp", "httpx", "trio"]

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
"""What a ``StreamServer`` runs per connection."""

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


# -- identity (Keystone) ---------------------------------------------------------------

Outcome = httpx.Response | Exception
"""What a mocked route gives a request: an answer, or a transport failure it raises."""


def keystone_error(code: int, message: str) -> dict[str, Any]:
    """An error body the way Keystone sends it: ``{"error": {"code", "message", "title"}}``."""
    return {"error": {"code": code, "message": message, "title": HTTPStatus(code).phrase}}


def failures(ok: int = 200) -> list[Any]:
    """``(outcome, error)`` for ``parametrize``: a server error, malformed JSON (sent
    with the ``ok`` status), a dropped connection and a timeout, and the error each raises."""
    return [
        pytest.param(
            httpx.Response(500, text="Internal Server Error"), errors.InternalServerError, id="500"
        ),
        pytest.param(
            httpx.Response(ok, content=b"{not json"), errors.ResponseFormatError, id="malformed"
        ),
        pytest.param(
            httpx.RemoteProtocolError("peer closed"), errors.ConnectionFailed, id="dropped"
        ),
        pytest.param(httpx.ReadTimeout("timed out"), errors.TimedOut, id="timeout"),
    ]


FAILURES = failures()
"""The failures of a call whose answer is 200 OK."""


def answer(route: respx.Route, outcome: Outcome) -> respx.Route:
    """``route`` answering ``outcome``: a response, or a transport failure it raises."""
    if isinstance(outcome, Exception):
        return route.mock(side_effect=outcome)
    return route.mock(return_value=outcome)


# -- compute v2 (Nova) -----------------------------------------------------------------

COMPUTE = "https://cloud.test:8774/v2.1"
"""Where the MockCloud's Nova resources live."""

SERVER_ID = "9168b536-cd40-4630-b43f-b259807c6e87"
"""A Nova server: the one ``server_body`` shows, and the one volumes are attached to."""

IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
USER_ID = "fake-user-8f7c"


def server_body(server_id: str = SERVER_ID, **changes: Any) -> dict[str, Any]:
    """A full ``GET /servers/{id}`` server at microversion 2.96 (every attribute)."""
    body: dict[str, Any] = {
        "id": server_id,
        "name": "new-server-test",
        "status": "ACTIVE",
        "tenant_id": PROJECT_ID,
        "user_id": USER_ID,
        "metadata": {"My Server Name": "Apache1"},
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "image": {
            "id": IMAGE_ID,
            "links": [{"href": f"https://cloud.test:8774/images/{IMAGE_ID}", "rel": "bookmark"}],
        },
        "flavor": {
            "vcpus": 1,
            "ram": 512,
            "disk": 1,
            "ephemeral": 0,
            "swap": 0,
            "original_name": "m1.tiny",
            "extra_specs": {"hw:cpu_policy": "shared"},
        },
        "created": "2019-04-23T15:19:09Z",
        "updated": "2019-04-23T15:19:15Z",
        "addresses": {
            "private": [
                {
                    "addr": "192.168.1.30",
                    "version": 4,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
                },
                {
                    "addr": "172.24.4.13",
                    "version": 4,
                    "OS-EXT-IPS:type": "floating",
                    "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
                },
            ],
            "ipv6-net": [
                {
                    "addr": "fd00::f816:3eff:fe4b:8b2a",
                    "version": 6,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:4b:8b:2a",
                }
            ],
        },
        "accessIPv4": "1.2.3.4",
        "accessIPv6": "80fe::",
        "links": [
            {"href": f"{COMPUTE}/servers/{server_id}", "rel": "self"},
            {"href": f"https://cloud.test:8774/servers/{server_id}", "rel": "bookmark"},
        ],
        "OS-DCF:diskConfig": "AUTO",
        "progress": 0,
        "OS-EXT-AZ:availability_zone": "nova",
        "config_drive": "",
        "key_name": "keypair-ab12",
        "OS-SRV-USG:launched_at": "2019-04-23T15:19:14.000000",
        "OS-SRV-USG:terminated_at": None,
        "security_groups": [{"name": "default"}, {"name": "web"}],
        "OS-EXT-SRV-ATTR:host": "compute-1",
        "OS-EXT-SRV-ATTR:instance_name": "instance-00000001",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "compute-1.example.org",
        "OS-EXT-SRV-ATTR:reservation_id": "r-fhfcfcpj",
        "OS-EXT-SRV-ATTR:launch_index": 0,
        "OS-EXT-SRV-ATTR:hostname": "new-server-test",
        "OS-EXT-SRV-ATTR:kernel_id": "",
        "OS-EXT-SRV-ATTR:ramdisk_id": "",
        "OS-EXT-SRV-ATTR:root_device_name": "/dev/sda",
        "OS-EXT-SRV-ATTR:user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==",
        "OS-EXT-STS:task_state": None,
        "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:power_state": 1,
        "os-extended-volumes:volumes_attached": [
            {"id": "a26887c6-c47b-4654-abb5-dfadf7d3f803", "delete_on_termination": False}
        ],
        "host_status": "UP",
        "locked": True,
        "locked_reason": "maintenance",
        "description": "a web server",
        "tags": ["web", "prod"],
        "trusted_image_certificates": None,
        "server_groups": ["2b3f4a2c-7e8b-4d47-9a6b-1f0c2d3e4f5a"],
        "pinned_availability_zone": "nova",
    }
    body.update(changes)
    return body


def error_server_body(server_id: str = SERVER_ID) -> dict[str, Any]:
    """A server in ERROR with Nova's fault record."""
    return server_body(
        server_id,
        status="ERROR",
        **{"OS-EXT-STS:vm_state": "error"},
        fault={
            "code": 500,
            "created": "2019-04-23T15:19:10Z",
            "message": "No valid host was found. There are not enough hosts available.",
            "details": '  File "/opt/stack/nova/nova/conductor/manager.py", line 1475',
        },
    )


def nova_error(status: int, kind: str, message: str) -> dict[str, Any]:
    """Nova's error body: ``{"itemNotFound": {"code": 404, "message": ...}}``."""
    return {kind: {"code": status, "message": message}}


UTC = timezone.utc
SERVERS = f"{COMPUTE}/servers"
SERVER = f"{SERVERS}/{SERVER_ID}"
ACTION = f"{SERVER}/action"

CREATED = {
    "server": {
        "id": SERVER_ID,
        "links": [{"href": f"{SERVERS}/{SERVER_ID}", "rel": "self"}],
        "OS-DCF:diskConfig": "AUTO",
        "security_groups": [{"name": "default"}],
        "adminPass": "6NpUwoz2QDRN",
    }
}


# -- networking v2 (Neutron) -----------------------------------------------------------

NEUTRON = "https://cloud.test:9696/v2.0"
"""Where the MockCloud's Neutron resources live."""

PROJECT = "fdde3179675e498bbf03033587b96a97"


def neutron_error(kind: str, message: str, detail: str = "") -> dict[str, Any]:
    """An error body the way Neutron sends it."""
    return {"NeutronError": {"type": kind, "message": message, "detail": detail}}


# -- block storage v1/v2/v3 (Cinder) ---------------------------------------------------

ROOT = "https://cloud.test:8776"
"""Cinder's root (its version document); each version lives at ``{ROOT}/vN/{project}``."""

VOLUME_ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
SNAPSHOT_ID = "2bb856e1-b3d8-4432-a858-09e4ce939389"
TYPE_ID = "6685584b-1eac-4da6-b5c3-555430cf68ff"


@attrs.frozen
class Cinder:
    """One block storage version under test."""

    version: str
    client: ServiceClient
    base: str
    volumes: types.ModuleType
    snapshots: types.ModuleType
    volumetypes: types.ModuleType

    @property
    def name_key(self) -> str:
        """The field a name is sent in: ``display_name`` in v1."""
        return "display_name" if self.version == "v1" else "name"

    @property
    def description_key(self) -> str:
        """The field a description is sent in: ``display_description`` in v1."""
        return "display_description" if self.version == "v1" else "description"

    def named(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` with ``name``/``description`` renamed the way this version sends them."""
        renamed = dict(body)
        for key, wire in (("name", self.name_key), ("description", self.description_key)):
            if key in renamed:
                renamed[wire] = renamed.pop(key)
        return renamed


_CINDER_VERSIONS = {
    "v1": (volumes_v1, snapshots_v1, volumetypes_v1, openstack.new_block_storage_v1),
    "v2": (volumes_v2, snapshots_v2, volumetypes_v2, openstack.new_block_storage_v2),
    "v3": (volumes_v3, snapshots_v3, volumetypes_v3, openstack.new_block_storage_v3),
}


async def new_cinder(cloud: MockCloud, version: str) -> Cinder:
    """Cinder ``version`` (``"v1"``, ``"v2"`` or ``"v3"``) on ``cloud``."""
    volumes, snapshots, volumetypes, new_client = _CINDER_VERSIONS[version]
    client = await new_client(cloud.provider)
    base = f"{ROOT}/{version}/{PROJECT_ID}"
    return Cinder(version, client, base, volumes, snapshots, volumetypes)


def cinder_error(kind: str, code: int, message: str) -> dict[str, Any]:
    """An error body the way Cinder sends it: ``{"itemNotFound": {"code": 404, ...}}``."""
    return {kind: {"code": code, "message": message}}


def volume_body(version: str, **changes: Any) -> dict[str, Any]:
    """One volume as ``GET /volumes/{id}`` shows it in ``version`` (API reference shapes)."""
    if version == "v1":
        body: dict[str, Any] = {
            "id": VOLUME_ID,
            "display_name": "vol-001",
            "display_description": "Another volume.",
            "status": "available",
            "size": 30,
            "availability_zone": "nova",
            "volume_type": "lvmdriver-1",
            "bootable": "false",
            "snapshot_id": None,
            "source_volid": None,
            "metadata": {"contents": "junk"},
            "attachments": [],
            "created_at": "2014-02-14T20:53:07.000000",
            "encrypted": False,
            "os-vol-tenant-attr:tenant_id": PROJECT_ID,
            "os-vol-host-attr:host": "ip-10-168-107-25",
        }
    else:
        body = {
            "id": VOLUME_ID,
            "name": "vol-001",
            "description": "Another volume.",
            "status": "in-use",
            "size": 30,
            "availability_zone": "nova",
            "created_at": "2015-09-17T03:32:29.000000",
            "updated_at": "2015-09-17T03:35:03.000000",
            "volume_type": "lvmdriver-1",
            "snapshot_id": None,
            "source_volid": None,
            "metadata": {"contents": "junk"},
            "links": [
                {"rel": "self", "href": f"{ROOT}/v3/{PROJECT_ID}/volumes/{VOLUME_ID}"},
                {"rel": "bookmark", "href": f"{ROOT}/{PROJECT_ID}/volumes/{VOLUME_ID}"},
            ],
            "user_id": "32779452fcd34ae1a53a797ac8a1e064",
            "bootable": "true",
            "encrypted": False,
            "replication_status": None,
            "consistencygroup_id": None,
            "multiattach": False,
            "migration_status": None,
            "attachments": [
                {
                    "id": VOLUME_ID,
                    "attachment_id": "05551600-a936-4d4a-ba42-79a037c1c91a",
                    "volume_id": VOLUME_ID,
                    "server_id": SERVER_ID,
                    "host_name": "compute-1",
                    "device": "/dev/vdb",
                    "attached_at": "2016-08-06T14:48:20.000000",
                }
            ],
            "volume_image_metadata": {"image_name": "cirros", "checksum": "443b7623e27ecf03"},
            "os-vol-tenant-attr:tenant_id": PROJECT_ID,
            "os-vol-host-attr:host": "peer@fake#fake",
            "os-vol-mig-status-attr:migstat": None,
            "os-vol-mig-status-attr:name_id": None,
        }
        if version == "v3":
            body.update(
                {
                    "group_id": None,
                    "provider_id": None,
                    "service_uuid": "408d8a7a-d15f-43cf-8b37-6f8fe1a78c15",
                    "shared_targets": False,
                    "cluster_name": None,
                    "volume_type_id": "4830cbcd-a137-4033-a3db-430644554563",
                    "consumes_quota": True,
                }
            )
    body.update(changes)
    return body


def snapshot_body(version: str, **changes: Any) -> dict[str, Any]:
    """One snapshot as ``GET /snapshots/{id}`` shows it in ``version``."""
    body: dict[str, Any] = {
        "id": SNAPSHOT_ID,
        "status": "available",
        "size": 30,
        "volume_id": VOLUME_ID,
        "created_at": "2013-02-25T04:13:17.000000",
        "metadata": {"key": "v1"},
        "os-extended-snapshot-attributes:progress": "100%",
        "os-extended-snapshot-attributes:project_id": PROJECT_ID,
    }
    if version == "v1":
        body["display_name"] = "snap-001"
        body["display_description"] = "Daily backup"
    else:
        body["name"] = "snap-001"
        body["description"] = "Daily backup"
        body["updated_at"] = "2013-02-25T04:13:20.000000"
    if version == "v3":
        body.update(
            {
                "group_snapshot_id": None,
                "user_id": "40c2102f4a554b848d96b14f3eec39ed",
                "consumes_quota": True,
            }
        )
    body.update(changes)
    return body


def type_body(**changes: Any) -> dict[str, Any]:
    """One volume type as ``GET /types/{id}`` shows it (v2/v3)."""
    body: dict[str, Any] = {
        "id": TYPE_ID,
        "name": "vol-type-001",
        "description": "volume type 0001",
        "is_public": True,
        "extra_specs": {"capabilities": "gpu"},
        "qos_specs_id": None,
        "os-volume-type-access:is_public": True,
    }
    body.update(changes)
    return body


# -- object storage v1 (Swift) ---------------------------------------------------------

ACCOUNT = SERVICE_URLS["object-store"][1]
"""The account URL of the MockCloud's catalog: ``https://cloud.test:8080/v1/AUTH_<project>``."""

INFO: dict[str, Any] = {
    "swift": {"version": "2.30.1", "max_file_size": 5368709122, "container_listing_limit": 10000},
    "slo": {"max_manifest_segments": 1000, "min_segment_size": 1, "max_manifest_size": 8388608},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
    "tempurl": {"methods": ["GET", "HEAD", "PUT", "POST", "DELETE"]},
}
"""A Swift 2.30 ``/info`` document (trimmed)."""

INFO_URL = "https://cloud.test:8080/info"


def md5(data: bytes) -> str:
    """The hex MD5 of ``data``, as Swift puts it in an ETag."""
    return hashlib.md5(data).hexdigest()


async def echo_put(request: httpx.Request) -> httpx.Response:
    """Swift's answer to an object PUT: 201 with the MD5 of the body as ETag."""
    body = await request.aread()
    return httpx.Response(
        201,
        headers={
            "Etag": md5(body),
            "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
            "X-Trans-Id": "tx-put",
        },
    )


class DroppingTransport(httpx.AsyncBaseTransport):
    """The MockCloud's transport, except that the first ``drops`` matching requests
    lose their connection after ``after`` bytes of their body were sent."""

    def __init__(
        self,
        cloud: MockCloud,
        *,
        drops: int = 1,
        after: int = 1,
        method: str = "PUT",
        error: Callable[[str], Exception] = httpx.WriteError,
    ) -> None:
        self.inner = cloud.transport
        self.drops = drops
        self.after = after
        self.method = method
        self.error = error
        self.sent_before_drop: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == self.method and self.drops > 0:
            self.drops -= 1
            sent = 0
            async for chunk in request.stream:  # type: ignore[union-attr]
                sent += len(chunk)
                if sent >= self.after:
                    break
            self.sent_before_drop.append(sent)
            raise self.error("connection reset by peer")
        return await self.inner.handle_async_request(request)


@asynccontextmanager
async def provider_on(
    cloud: MockCloud, transport: httpx.AsyncBaseTransport
) -> AsyncIterator[tuple[ProviderClient, ServiceClient]]:
    """A second provider authenticated on ``cloud`` but sending through ``transport``."""
    provider = openstack.new_client(
        cloud.identity_url, transport=transport, retry=Retry(backoff_factor=0, backoff_jitter=0)
    )
    async with provider:
        await openstack.authenticate(provider, cloud.auth_options)
        yield provider, await openstack.new_object_storage_v1(provider)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    """An async iterator of ``parts`` (a one-shot upload body)."""
    for part in parts:
        yield part


class SlowStream(httpx.AsyncByteStream):
    """A response body sent in pieces; ``fail`` raises after them (a dropped connection)."""

    def __init__(self, pieces: list[bytes], fail: Exception | None = None) -> None:
        self.pieces = pieces
        self.fail = fail
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece
        if self.fail is not None:
            raise self.fail

    async def aclose(self) -> None:
        self.closed = True


# -- answer fuzzing --------------------------------------------------------------------
#
# The machinery of test_fuzz_answers and test_fuzz_more_answers: hostile JSON,
# a checker of annotated types, sample models and the runner. The names keep the
# leading underscore those modules know them by.

Call = Callable[[MockCloud], Awaitable[Any]]
"""An operation under fuzzing: what it returns from a cloud whose answers are hostile."""

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["", "x", "2024-05-01T10:00:00Z", "1", "-1", "true", "public", "9" * 30]),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``value`` (``()`` is ``value`` itself)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _mutated(data: st.DataObject, body: Any) -> Any:
    """``body`` with one to three random changes."""
    body = copy.deepcopy(body)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(body)))
        action = data.draw(st.sampled_from(["replace", "replace", "delete", "wrap"]))
        if not path:
            body = data.draw(_JSON) if action != "wrap" else [body]
            continue
        parent = body
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        if action == "delete":
            del parent[key]
        elif action == "wrap":
            parent[key] = [parent[key]]
        else:
            parent[key] = data.draw(_JSON)
    return body


def _conforms(value: Any, tp: Any) -> bool:
    """Whether ``value`` is a value of the annotation ``tp``."""
    origin = get_origin(tp)
    args = get_args(tp)
    if tp is Any:
        return True
    if origin in (Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if tp is None or tp is type(None):
        return value is None
    if origin is Literal:
        return value in args
    if tp is float:
        return type(value) in (int, float)
    if tp is int:
        return type(value) is int
    if tp is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    if origin is tuple:
        items = args[0] if len(args) == 2 and args[1] is Ellipsis else Any
        return isinstance(value, tuple) and all(_conforms(item, items) for item in value)
    if origin is list:
        return isinstance(value, list) and all(_conforms(item, args[0]) for item in value)
    if origin in (dict, Mapping):
        return isinstance(value, dict) and all(
            _conforms(k, args[0]) and _conforms(v, args[1]) for k, v in value.items()
        )
    return isinstance(value, origin or tp)


def _check(value: Any) -> None:
    """Every attrs instance in ``value`` holds values of its fields' types; read its properties."""
    if isinstance(value, (list, tuple)):
        for item in value:
            _check(item)
        return
    if isinstance(value, dict):
        for item in value.values():
            _check(item)
        return
    if not attrs.has(type(value)) or isinstance(value, enum.Enum):
        return
    cls = type(value)
    hints = get_type_hints(cls)
    for field in attrs.fields(cls):
        held = getattr(value, field.name)
        assert _conforms(held, hints[field.name]), f"{cls.__name__}.{field.name} = {held!r:.200}"
        _check(held)
    for name in dir(cls):
        attribute = getattr(cls, name, None)
        if isinstance(attribute, (property, functools.cached_property)):
            _check(getattr(value, name))


async def _all_pages(pager: Any) -> list[Any]:
    """The items of at most three pages (hostile next links may go round forever)."""
    items: list[Any] = []
    count = 0
    async for page in pager.pages():
        items += page.items
        count += 1
        if count == 3:
            break
    return items


def _client(
    make: Callable[[Any], Awaitable[ServiceClient]],
) -> Callable[[MockCloud], Awaitable[ServiceClient]]:
    """A function making the service client ``make`` makes, on a cloud's provider."""

    async def client(cloud: MockCloud) -> ServiceClient:
        return await make(cloud.provider)

    return client


_COMPUTE = _client(openstack.new_compute_v2)
_NETWORK = _client(openstack.new_network_v2)
_SWIFT = _client(openstack.new_object_storage_v1)
_CINDER = {
    "v1": _client(openstack.new_block_storage_v1),
    "v2": _client(openstack.new_block_storage_v2),
    "v3": _client(openstack.new_block_storage_v3),
}


def _sample(cls: type) -> dict[str, Any]:
    """A valid JSON object for model ``cls``: each field with a value of its type."""
    hints = get_type_hints(cls)
    sample: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name != "raw":
            sample[field.metadata.get("aiocloud.json") or field.name] = _sample_value(
                hints[field.name]
            )
    return sample


def _sample_value(tp: Any) -> Any:
    """A JSON value of the annotation ``tp``."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        return _sample_value(next(arg for arg in args if arg is not type(None)))
    if origin in (tuple, list):
        return [_sample_value(args[0])]
    if origin is dict:
        return {"k": _sample_value(args[1])}
    if tp is datetime:
        return "2024-05-01T10:00:00Z"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    if isinstance(tp, type) and issubclass(tp, Model):
        return _sample(tp)
    return {str: "x", int: 1, float: 1.5, bool: True}.get(tp, "x")


def _response(answer: dict[str, Any]) -> httpx.Response:
    """The response for a drawn ``answer`` (``status``, ``json``, ``headers``)."""
    return httpx.Response(
        answer.get("status", 200),
        content=json.dumps(answer["json"]).encode() if "json" in answer else b"",
        headers={
            "Content-Type": "application/json",
            "X-Subject-Token": FAKE_TOKEN,
            **answer.get("headers", {}),
        },
    )


def _run_fuzz(
    answers: Callable[[st.DataObject], dict[str, Any]],
    call: Call,
    *,
    returns: Any = None,
    max_examples: int = 60,
) -> None:
    """Fuzz ``call`` with the answers ``answers`` draws, in one event loop and one cloud.

    Every request, token requests included, gets the drawn answer (or, for a URL
    holding a key of its ``routes``, that route's answer). A well-typed result
    (a ``returns`` when given) or an aiocloud error passes; anything else fails.
    """
    answer: dict[str, Any] = {}

    def respond(request: httpx.Request) -> httpx.Response:
        for part, routed in answer.get("routes", {}).items():
            if part in str(request.url):
                return _response(routed)
        return _response(answer)

    async def serve(cloud: MockCloud) -> None:
        try:
            result = await call(cloud)
        except errors.AiocloudError:
            return
        if returns is not None:
            assert _conforms(result, returns), f"{result!r:.300} is not a {returns}"
        _check(result)

    with contextlib.closing(asyncio.new_event_loop()) as loop:
        cloud = MockCloud()
        loop.run_until_complete(cloud.__aenter__())
        cloud.token_route.side_effect = respond
        cloud.router.route(host="cloud.test").mock(side_effect=respond)
        try:

            @settings(
                max_examples=max_examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(st.data())
            def fuzz(data: st.DataObject) -> None:
                answer.clear()
                answer.update(answers(data))
                loop.run_until_complete(serve(cloud))

            fuzz()
        finally:
            loop.run_until_complete(cloud.__aexit__(None, None, None))


# -- rackspace: compute v2 (Cloud Servers) ---------------------------------------------

RAX_COMPUTE = "https://dfw.servers.api.rackspacecloud.com/v2/864477"
"""Where a hand-built Rackspace Cloud Servers client (on a MockCloud provider) sends requests."""


def rax_over_limit(retry_after: str = "20") -> httpx.Response:
    """Rackspace's rate limit answer: 413 ``overLimit`` with ``Retry-After`` (seconds)."""
    return httpx.Response(
        413,
        headers={"Retry-After": retry_after},
        json={
            "overLimit": {
                "code": 413,
                "message": "OverLimit Retry...",
                "details": "Error Details...",
                "retryAfter": "2015-02-10T19:19:31Z",
            }
        },
    )


# -- rackspace: identity and catalog (Cloud Identity v2.0) -----------------------------

RAX_IDENTITY = "https://identity.api.rackspacecloud.com/v2.0/"
RAX_TENANT = "864477"
RAX_FILES_TENANT = "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"
RAX_REGIONS = ("DFW", "ORD", "IAD", "LON", "SYD", "HKG")
RAX_API_KEY = "a4bbc55a951242c48b03e88e3-Secret-Key"
"""The API key a `RaxCloud` authenticates with (a secret: tests check it never shows)."""

_RAX_REGIONAL: dict[str, tuple[str, str]] = {
    # name: (type, URL with {r} for the region, {t} for the tenant, {f} for Cloud Files')
    "cloudServersOpenStack": ("compute", "https://{r}.servers.api.rackspacecloud.com/v2/{t}"),
    "cloudBlockStorage": ("volume", "https://{r}.blockstorage.api.rackspacecloud.com/v1/{t}"),
    "cloudFiles": ("object-store", "https://storage101.{r}1.clouddrive.com/v1/{f}"),
    "cloudFilesCDN": ("rax:object-cdn", "https://cdn.{r}1.clouddrive.com/v1/{f}"),
    "cloudNetworks": ("network", "https://{r}.networks.api.rackspacecloud.com/v2.0"),
    "cloudLoadBalancers": ("rax:load-balancer", "https://{r}.loadbalancers.api.rackspacecloud.com/v1.0/{t}"),
    "cloudLoadBalancersNext": ("rax:load-balancer", "https://{r}.lbaas.api.rackspacecloud.com/v2/{t}"),
}  # fmt: skip
_RAX_GLOBAL: dict[str, tuple[str, str]] = {
    "cloudServers": ("compute", "https://servers.api.rackspacecloud.com/v1.0/{t}"),
    "cloudDNS": ("rax:dns", "https://dns.api.rackspacecloud.com/v1.0/{t}"),
}


def rax_url(name: str, region: str | None = None) -> str:
    """The public URL of the catalog service ``name`` in ``region`` (None: a global one)."""
    template = (_RAX_REGIONAL if region else _RAX_GLOBAL)[name][1]
    return template.format(r=(region or "").lower(), t=RAX_TENANT, f=RAX_FILES_TENANT)


def rax_catalog(regions: tuple[str, ...] = RAX_REGIONS) -> list[dict[str, Any]]:
    """A ``serviceCatalog`` shaped like Rackspace's: regional services in ``regions``
    (two of type ``rax:load-balancer``), and the global ``cloudServers`` (also type
    ``compute``) and ``cloudDNS``, whose endpoints have no region."""
    catalog: list[dict[str, Any]] = []
    for name, (service_type, _) in _RAX_REGIONAL.items():
        tenant = RAX_FILES_TENANT if name.startswith("cloudFiles") else RAX_TENANT
        endpoints = []
        for region in regions:
            url = rax_url(name, region)
            endpoint = {"region": region, "tenantId": tenant, "publicURL": url}
            if name == "cloudFiles":
                endpoint["internalURL"] = url.replace("https://", "https://snet-")
            if service_type == "compute":
                endpoint.update(versionId="2", versionInfo=url.rsplit("/", 1)[0])
            endpoints.append(endpoint)
        catalog.append({"name": name, "type": service_type, "endpoints": endpoints})
    for name, (service_type, _) in _RAX_GLOBAL.items():
        endpoint = {"tenantId": RAX_TENANT, "publicURL": rax_url(name)}
        catalog.append({"name": name, "type": service_type, "endpoints": [endpoint]})
    return catalog


def rax_access(
    token_id: str = "rax-token-1",
    *,
    expires_in: float = 86400,
    default_region: str | None = "DFW",
    regions: tuple[str, ...] = RAX_REGIONS,
) -> dict[str, Any]:
    """A ``POST /v2.0/tokens`` answer shaped like Rackspace Cloud Identity's."""
    expires = datetime.now(timezone.utc).timestamp() + expires_in
    user: dict[str, Any] = {
        "id": "172157",
        "name": "demo",
        "roles": [
            {"id": "3", "name": "identity:default", "description": "Default Role."},
            {"id": "10000150", "name": "checkmate", "tenantId": RAX_TENANT},
            {"id": "5", "name": "object-store:default", "tenantId": RAX_FILES_TENANT},
        ],
    }
    if default_region:
        user["RAX-AUTH:defaultRegion"] = default_region
    return {
        "access": {
            "token": {
                "id": token_id,
                "expires": datetime.fromtimestamp(expires, timezone.utc).isoformat(),
                "tenant": {"id": RAX_TENANT, "name": RAX_TENANT},
                "RAX-AUTH:authenticatedBy": ["APIKEY"],
            },
            "serviceCatalog": rax_catalog(regions),
            "user": user,
        }
    }


def rax_error(kind: str, code: int, message: str) -> dict[str, Any]:
    """An error body the way Rackspace Cloud Identity sends it: ``{kind: {code, message}}``."""
    return {kind: {"code": code, "message": message}}


class RaxCloud:
    """A respx-mocked Rackspace: Cloud Identity at `RAX_IDENTITY` (each token new:
    ``rax-token-1``, ``-2``...) and an authenticated provider inside ``async with``.

    ``opts`` default to user ``demo`` with `RAX_API_KEY`; ``access`` changes the
    answer (`rax_access` keywords: ``default_region``, ``expires_in``...).
    """

    def __init__(self, opts: Any = None, *, client_options: Any = None, **access: Any) -> None:
        from aiocloud import AuthOptions

        self.router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
        self.issued: list[str] = []
        self.token_route = self.router.post(RAX_IDENTITY + "tokens").mock(side_effect=self._token)
        self.opts = opts or AuthOptions(username="demo", api_key=RAX_API_KEY)
        self._access = access
        self._client_options: dict[str, Any] = {"retry": Retry(backoff_factor=0, backoff_jitter=0)}
        self._client_options.update(client_options or {})
        self._provider: ProviderClient | None = None

    def _token(self, request: httpx.Request) -> httpx.Response:
        self.issued.append(f"rax-token-{len(self.issued) + 1}")
        return httpx.Response(200, json=rax_access(self.issued[-1], **self._access))

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.router.async_handler)

    @property
    def provider(self) -> ProviderClient:
        assert self._provider is not None, "use RaxCloud inside 'async with'"
        return self._provider

    async def __aenter__(self) -> RaxCloud:
        from aiocloud import rackspace

        self._provider = await rackspace.authenticated_client(
            self.opts, transport=self.transport, **self._client_options
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._provider is not None:
            await self._provider.aclose()
