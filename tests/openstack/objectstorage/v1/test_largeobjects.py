"""objectstorage/v1/largeobjects: SLO/DLO uploads (segments, manifest, cleanup) and deletion."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import anyio
import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import largeobjects, objects
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT, INFO, INFO_URL, chunks, echo_put, last_request, md5

LOGS = f"{ACCOUNT}/logs"
SEGMENTS = f"{ACCOUNT}/logs_segments"
SEGMENT_URL = rf"^{SEGMENTS}/big/seg/\d{{8}}$"
OPTS = largeobjects.LargeObjectOpts(segment_size=10, segment_prefix="big/seg/")


class SwiftSLO:
    """Routes of a Swift that stores segments and checks the SLO manifest's ETag."""

    def __init__(
        self,
        cloud: MockCloud,
        *,
        info: dict[str, object] = INFO,
        failures: dict[str, httpx.Response] | None = None,
    ) -> None:
        self.failures = failures or {}
        self.segments: dict[str, bytes] = {}
        self.in_flight = 0
        self.most_in_flight = 0
        self.info = cloud.router.get(INFO_URL).respond(200, json=info)
        self.container = cloud.router.put(SEGMENTS).respond(201)
        self.segment = cloud.router.put(url__regex=SEGMENT_URL).mock(side_effect=self.store)
        self.manifest = cloud.router.put(f"{LOGS}/big", params={"multipart-manifest": "put"}).mock(
            side_effect=self.put_manifest
        )
        self.bulk = cloud.router.post(ACCOUNT, params={"bulk-delete": ""}).mock(
            side_effect=self.bulk_delete
        )
        self.deleted: list[bytes] = []

    async def store(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await anyio.sleep(0.01)
        self.in_flight -= 1
        body = await request.aread()
        name = request.url.path.rsplit("/", 1)[1]
        if name in self.failures:
            return self.failures[name]
        self.segments[name] = body
        return await echo_put(request)

    async def put_manifest(self, request: httpx.Request) -> httpx.Response:
        manifest = json.loads(await request.aread())
        etag = md5("".join(entry["etag"] for entry in manifest).encode())
        if request.headers.get("ETag") != etag:
            return httpx.Response(422)
        return httpx.Response(201, headers={"Etag": f'"{etag}"', "X-Trans-Id": "txslo"})

    def bulk_delete(self, request: httpx.Request) -> httpx.Response:
        self.deleted.extend(request.content.split(b"\n"))
        count = len(request.content.split(b"\n"))
        return httpx.Response(
            200, json={"Number Deleted": count, "Errors": [], "Response Status": "200 OK"}
        )

    def data(self) -> bytes:
        return b"".join(self.segments[name] for name in sorted(self.segments))


DATA = bytes(range(65, 91))  # 26 bytes: three segments of 10, 10 and 6


async def test_create_slo_from_bytes(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)

    result = await largeobjects.create_slo(
        swift,
        "logs",
        "big",
        DATA,
        largeobjects.LargeObjectOpts(
            segment_size=10,
            segment_prefix="big/seg/",
            create_opts=objects.CreateOpts(
                content_type="text/plain", metadata={"k": "v"}, delete_after=600
            ),
        ),
    )

    assert server.data() == DATA
    assert sorted(server.segments) == ["00000000", "00000001", "00000002"]
    manifest = json.loads(last_request(server.manifest).content)
    assert manifest == [
        {"path": f"/logs_segments/big/seg/{i:08d}", "etag": md5(part), "size_bytes": len(part)}
        for i, part in enumerate([DATA[:10], DATA[10:20], DATA[20:]])
    ]
    headers = last_request(server.manifest).headers
    assert headers["Content-Type"] == "text/plain"
    assert headers["X-Object-Meta-k"] == "v"
    slo_etag = md5("".join(md5(p) for p in [DATA[:10], DATA[10:20], DATA[20:]]).encode())
    assert result.etag == slo_etag
    assert result.size == 26
    assert [s.size_bytes for s in result.segments] == [10, 10, 6]
    assert result.segments[0].container == "logs_segments"
    assert result.segments[0].name == "big/seg/00000000"
    assert server.container.called
    assert headers["X-Delete-After"] == "600"
    for request in (call.request for call in server.segment.calls):
        assert request.headers["ETag"] == md5(request.content)  # buffers: ETag sent
        assert request.headers["X-Delete-After"] == "600"  # segments expire with it
        assert "X-Object-Meta-k" not in request.headers


async def test_segments_upload_with_bounded_concurrency(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    server = SwiftSLO(cloud)
    opts = largeobjects.LargeObjectOpts(segment_size=2, segment_prefix="big/seg/", concurrency=3)
    await largeobjects.create_slo(swift, "logs", "big", DATA, opts)
    assert len(server.segments) == 13
    assert server.most_in_flight == 3
    assert server.data() == DATA


async def test_create_slo_from_a_path(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    server = SwiftSLO(cloud)
    path = tmp_path / "big"
    path.write_bytes(DATA)
    result = await largeobjects.create_slo(swift, "logs", "big", path, OPTS)
    assert server.data() == DATA
    assert result.size == 26
    for request in (call.request for call in server.segment.calls):
        assert "ETag" not in request.headers  # read while sent, checked on the answer


async def test_create_slo_from_a_stream_and_a_file(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)
    pieces = [DATA[i : i + 3] for i in range(0, len(DATA), 3)]
    await largeobjects.create_slo(swift, "logs", "big", chunks(*pieces), OPTS)
    assert server.data() == DATA
    assert sorted(len(v) for v in server.segments.values()) == [6, 10, 10]
    server.segments.clear()
    await largeobjects.create_slo(swift, "logs", "big", io.BytesIO(DATA), OPTS)
    assert server.data() == DATA


async def test_too_many_segments_are_refused_and_cleaned_up(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    server = SwiftSLO(cloud, info={**INFO, "slo": {"max_manifest_segments": 2}})
    with pytest.raises(errors.InvalidOptions) as caught:
        await largeobjects.create_slo(swift, "logs", "big", DATA, OPTS)
    assert caught.value.field == "segment_size"
    assert not server.manifest.called
    assert sorted(server.deleted) == [
        b"/logs_segments/big/seg/00000000",
        b"/logs_segments/big/seg/00000001",
    ]


async def test_a_failed_segment_raises_its_error_and_cleans_up(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    server = SwiftSLO(cloud, failures={"00000001": httpx.Response(503, text="busy")})
    with pytest.raises(errors.ServiceUnavailable):
        await largeobjects.create_slo(
            swift,
            "logs",
            "big",
            DATA,
            largeobjects.LargeObjectOpts(segment_size=10, segment_prefix="big/seg/", concurrency=1),
        )
    assert not server.manifest.called
    assert server.deleted == [
        b"/logs_segments/big/seg/00000000",
        b"/logs_segments/big/seg/00000001",
    ]
    assert server.segment.call_count == 2 + 3  # the 503 was retried 3 times, then no more


async def test_a_refused_manifest_raises_and_cleans_up(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    server = SwiftSLO(cloud)
    cloud.router.put(f"{LOGS}/big", params={"multipart-manifest": "put"}).respond(
        400, text="Errors:\n/logs_segments/big/seg/00000000, 404 Not Found"
    )
    with pytest.raises(errors.BadRequest):
        await largeobjects.create_slo(swift, "logs", "big", DATA, OPTS)
    assert len(server.deleted) == 3


async def test_keep_segments_on_failure(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)
    cloud.router.put(f"{LOGS}/big", params={"multipart-manifest": "put"}).respond(500)
    opts = largeobjects.LargeObjectOpts(
        segment_size=10, segment_prefix="big/seg/", keep_segments_on_failure=True
    )
    with pytest.raises(errors.InternalServerError):
        await largeobjects.create_slo(swift, "logs", "big", DATA, opts)
    assert not server.bulk.called


async def test_bad_input(cloud: MockCloud, swift: ServiceClient) -> None:
    SwiftSLO(cloud)
    with pytest.raises(errors.InvalidOptions) as caught:
        await largeobjects.create_slo(swift, "logs", "big", b"", OPTS)
    assert caught.value.field == "data"
    with pytest.raises(errors.InvalidOptions) as caught:
        await largeobjects.create_slo(
            swift, "logs", "big", DATA, largeobjects.LargeObjectOpts(segment_size=0)
        )
    assert caught.value.field == "segment_size"
    with pytest.raises(errors.InvalidOptions):
        await largeobjects.create_slo(swift, "logs", "big", "text", OPTS)  # type: ignore[arg-type]


async def test_segments_under_the_cluster_minimum_are_refused(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    server = SwiftSLO(cloud, info={**INFO, "slo": {"min_segment_size": 1048576}})
    with pytest.raises(errors.InvalidOptions) as caught:
        await largeobjects.create_slo(swift, "logs", "big", DATA, OPTS)
    assert caught.value.field == "segment_size"
    assert not server.segment.called


async def test_slo_needs_the_middleware(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(INFO_URL).respond(200, json={"swift": {}})
    with pytest.raises(errors.InvalidOptions):
        await largeobjects.create_slo(swift, "logs", "big", DATA, OPTS)


async def test_without_info_the_defaults_apply(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)
    cloud.router.get(INFO_URL).respond(404)
    await largeobjects.create_slo(swift, "logs", "big", DATA, OPTS)
    assert server.data() == DATA


async def test_create_dlo(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)
    manifest = cloud.router.put(f"{LOGS}/big").respond(201, headers={"Etag": md5(b"")})

    result = await largeobjects.create_dlo(swift, "logs", "big", DATA, OPTS)

    assert server.data() == DATA
    request = last_request(manifest)
    assert request.headers["X-Object-Manifest"] == "logs_segments/big/seg/"
    assert request.headers["Content-Length"] == "0"
    assert result.size == 26
    assert len(result.segments) == 3


async def test_create_dlo_manifest_quotes_the_prefix(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/all").respond(201, headers={"Etag": md5(b"")})
    await largeobjects.create_dlo_manifest(swift, "logs", "all", "my segs", "day 1/")
    assert last_request(route).headers["X-Object-Manifest"] == "my%20segs/day%201/"


async def test_get_segments(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/big", params={"multipart-manifest": "get"}).respond(
        200,
        headers={"X-Static-Large-Object": "True"},
        json=[
            {
                "name": "/logs_segments/big/seg/00000000",
                "hash": "a" * 32,
                "bytes": 10,
                "content_type": "application/octet-stream",
                "last_modified": "2024-05-01T10:00:00.000000",
            }
        ],
    )
    segments = await largeobjects.get_segments(swift, "logs", "big")
    assert segments == [
        largeobjects.Segment(path="/logs_segments/big/seg/00000000", etag="a" * 32, size_bytes=10)
    ]
    cloud.router.get(f"{LOGS}/plain", params={"multipart-manifest": "get"}).respond(
        200, content=b"plain bytes"
    )
    with pytest.raises(errors.InvalidOptions):
        await largeobjects.get_segments(swift, "logs", "plain")


async def test_delete_an_slo_with_its_segments(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{LOGS}/big").respond(
        200, headers={"X-Static-Large-Object": "True", "Etag": '"abc"'}
    )
    route = cloud.router.delete(f"{LOGS}/big", params={"multipart-manifest": "delete"}).respond(
        200,
        json={
            "Number Deleted": 4,
            "Number Not Found": 0,
            "Errors": [],
            "Response Status": "200 OK",
            "Response Body": "",
        },
    )
    result = await largeobjects.delete(swift, "logs", "big")
    assert result.deleted == 4
    assert last_request(route).headers["Accept"] == "application/json"


async def test_delete_a_dlo_with_its_segments(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{LOGS}/big").respond(
        200, headers={"X-Object-Manifest": "logs_segments/big/seg%201/"}
    )
    cloud.router.get(INFO_URL).respond(200, json=INFO)
    listing = cloud.router.get(
        SEGMENTS, params__eq={"format": "json", "prefix": "big/seg 1/"}
    ).respond(200, json=[{"name": "big/seg 1/00000000"}, {"name": "big/seg 1/00000001"}])
    cloud.router.get(SEGMENTS, params={"marker": "big/seg 1/00000001"}).respond(200, json=[])
    bulk = cloud.router.post(ACCOUNT).respond(
        200, json={"Number Deleted": 2, "Errors": [], "Response Status": "200 OK"}
    )
    manifest = cloud.router.delete(f"{LOGS}/big").respond(204)

    result = await largeobjects.delete(swift, "logs", "big")

    assert listing.called
    assert last_request(bulk).content == (
        b"/logs_segments/big/seg%201/00000000\n/logs_segments/big/seg%201/00000001"
    )
    assert manifest.called
    assert result.deleted == 3


async def test_delete_a_plain_object(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{LOGS}/o").respond(200, headers={"Etag": "a" * 32})
    route = cloud.router.delete(f"{LOGS}/o").respond(204)
    assert (await largeobjects.delete(swift, "logs", "o")).deleted == 1
    assert route.called


async def test_delete_a_missing_object(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{LOGS}/o").respond(404)
    with pytest.raises(errors.NotFound):
        await largeobjects.delete(swift, "logs", "o")


async def test_a_slo_of_random_data_round_trips(cloud: MockCloud, swift: ServiceClient) -> None:
    server = SwiftSLO(cloud)
    data = os.urandom(5000)
    opts = largeobjects.LargeObjectOpts(segment_size=1024, segment_prefix="big/seg/")
    result = await largeobjects.create_slo(swift, "logs", "big", data, opts)
    assert server.data() == data
    assert len(result.segments) == 5
