"""objectstorage/v1/download: streamed downloads, ranges, conditions, checksums, download_to."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import download
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT, SlowStream, last_request, md5

LOGS = f"{ACCOUNT}/logs"

OBJECT_HEADERS = {
    "Content-Type": "application/octet-stream",
    "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
    "X-Timestamp": "1714557600.00000",
    "X-Object-Meta-Color": "blue",
    "X-Trans-Id": "txget",
}


def object_response(
    data: bytes, *, status: int = 200, etag: str | None = None, **headers: str
) -> httpx.Response:
    return httpx.Response(
        status,
        headers={
            **OBJECT_HEADERS,
            "Etag": etag or md5(data),
            "Content-Length": str(len(data)),
            **headers,
        },
        stream=SlowStream([data[i : i + 1000] for i in range(0, len(data), 1000)]),
    )


async def test_download_streams_and_checks_the_etag(cloud: MockCloud, swift: ServiceClient) -> None:
    data = os.urandom(5000)
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(data))

    async with download.download(swift, "logs", "o") as dl:
        assert dl.status_code == 200
        assert dl.info.content_length == 5000
        assert dl.info.metadata == {"color": "blue"}
        assert dl.info.etag == md5(data)
        received = [chunk async for chunk in dl.aiter_bytes()]

    assert b"".join(received) == data
    assert len(received) == 5


async def test_download_read_and_double_read(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"small"))
    async with download.download(swift, "logs", "o") as dl:
        assert await dl.read() == b"small"
        with pytest.raises(RuntimeError):
            await dl.read()


async def test_download_etag_mismatch_raises(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"data", etag="0" * 32))
    async with download.download(swift, "logs", "o") as dl:
        with pytest.raises(errors.ChecksumMismatch) as caught:
            await dl.read()
    assert caught.value.expected == "0" * 32
    assert caught.value.actual == md5(b"data")


async def test_download_without_verification(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"data", etag="0" * 32))
    async with download.download(swift, "logs", "o", download.DownloadOpts(verify=False)) as dl:
        assert await dl.read() == b"data"


async def test_download_of_a_large_object_is_not_checked_against_its_etag(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/slo").mock(
        return_value=object_response(
            b"assembled",
            status=200,
            etag='"' + "1" * 32 + '"',
            **{"X-Static-Large-Object": "True"},
        )
    )
    async with download.download(swift, "logs", "slo") as dl:
        assert dl.info.static_large_object
        assert dl.info.etag == "1" * 32
        assert await dl.read() == b"assembled"


async def test_download_range_and_conditions(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(
            b"23456", status=206, etag="f" * 32, **{"Content-Range": "bytes 2-6/10"}
        )
    )
    opts = download.DownloadOpts(
        range=(2, 6),
        if_match="f" * 32,
        if_modified_since=datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc),
        if_unmodified_since=datetime(2024, 5, 2),
        newest=True,
    )

    async with download.download(swift, "logs", "o", opts) as dl:
        assert dl.status_code == 206
        assert dl.info.content_range == "bytes 2-6/10"
        assert await dl.read() == b"23456"  # a part: no ETag check

    headers = last_request(route).headers
    assert headers["Range"] == "bytes=2-6"
    assert headers["If-Match"] == "f" * 32
    assert headers["If-Modified-Since"] == "Wed, 01 May 2024 10:00:00 GMT"
    assert headers["If-Unmodified-Since"] == "Thu, 02 May 2024 00:00:00 GMT"
    assert headers["X-Newest"] == "true"


@pytest.mark.parametrize(
    ("value", "header", "part"),
    [
        ("bytes=0-9", "bytes=0-9", "bytes 0-9/1000"),
        ((100, None), "bytes=100-", "bytes 100-999/1000"),
        ((-500, None), "bytes=-500", "bytes 500-999/1000"),
        ((990, 2000), "bytes=990-2000", "bytes 990-999/1000"),
        ((-2000, None), "bytes=-2000", "bytes 0-999/1000"),
        ((5, 9), "bytes=5-9", "bytes 5-9/*"),
    ],
)
async def test_range_forms(
    cloud: MockCloud,
    swift: ServiceClient,
    value: str | tuple[int, int | None],
    header: str,
    part: str,
) -> None:
    first, last = (int(n) for n in part.split()[1].split("/")[0].split("-"))
    data = b"x" * (last - first + 1)
    route = cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(data, status=206, **{"Content-Range": part})
    )
    async with download.download(swift, "logs", "o", download.DownloadOpts(range=value)) as dl:
        assert await dl.read() == data
    assert last_request(route).headers["Range"] == header


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ((2, 6), None),
        ((2, 6), "bytes 0-4/10"),
        ((2, 6), "bytes 2-9/10"),
        ((2, None), "bytes 2-8/10"),
        ((-3, None), "bytes 6-9/10"),
        ((-3, None), "bytes 7-9/*"),
        ((2, 6), "bytes */10"),
    ],
)
async def test_a_part_other_than_the_range_asked_for_is_refused(
    cloud: MockCloud, swift: ServiceClient, value: tuple[int, int | None], part: str | None
) -> None:
    headers = {} if part is None else {"Content-Range": part}
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(b"23456", status=206, **headers)
    )
    with pytest.raises(errors.ResponseFormatError, match="asked for bytes="):
        async with download.download(swift, "logs", "o", download.DownloadOpts(range=value)):
            pytest.fail("a wrong part must not be handed over")


async def test_a_part_whose_length_differs_from_its_range_is_refused(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(b"234", status=206, **{"Content-Range": "bytes 2-6/10"})
    )
    with pytest.raises(errors.ResponseFormatError):
        async with download.download(swift, "logs", "o", download.DownloadOpts(range=(2, 6))):
            pass


async def test_several_ranges_come_back_multipart(cloud: MockCloud, swift: ServiceClient) -> None:
    body = b"--b\r\nContent-Range: bytes 0-0/10\r\n\r\n0\r\n--b--"
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(
            body, status=206, **{"Content-Type": "multipart/byteranges; boundary=b"}
        )
    )
    opts = download.DownloadOpts(range="bytes=0-0,5-5")
    async with download.download(swift, "logs", "o", opts) as dl:
        assert await dl.read() == body


async def test_a_part_answering_a_whole_object_download_is_refused(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    half = object_response(b"x" * 500, status=206, **{"Content-Range": "bytes 0-499/1000"})
    cloud.router.get(f"{LOGS}/o").mock(return_value=half)
    with pytest.raises(errors.UnexpectedResponseCode) as caught:
        async with download.download(swift, "logs", "o"):
            pytest.fail("half an object must not be handed over")
    assert caught.value.status_code == 206
    with pytest.raises(errors.UnexpectedResponseCode):
        await download.download_to(swift, "logs", "o", tmp_path / "o")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "opts",
    [None, download.DownloadOpts(if_match="a" * 32), download.DownloadOpts(range=(0, 9))],
)
async def test_not_modified_answering_an_unconditional_download_is_refused(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path, opts: download.DownloadOpts | None
) -> None:
    cloud.router.get(f"{LOGS}/o").respond(304, headers={"Etag": "a" * 32})
    with pytest.raises(errors.UnexpectedResponseCode) as caught:
        await download.download_to(swift, "logs", "o", tmp_path / "o", opts)
    assert caught.value.status_code == 304
    assert os.listdir(tmp_path) == []


async def test_not_modified_since(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").respond(304)
    since = download.DownloadOpts(if_modified_since=datetime(2024, 5, 1, tzinfo=timezone.utc))
    async with download.download(swift, "logs", "o", since) as dl:
        assert dl.not_modified


@pytest.mark.parametrize("value", ["0-9", (5, 2), (-5, 10)])
async def test_bad_ranges_are_refused(
    cloud: MockCloud, swift: ServiceClient, value: str | tuple[int, int | None]
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        async with download.download(swift, "logs", "o", download.DownloadOpts(range=value)):
            pass
    assert caught.value.field == "range"


async def test_download_not_modified(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    route = cloud.router.get(f"{LOGS}/o").respond(304, headers={"Etag": "a" * 32})
    target = tmp_path / "o"
    target.write_bytes(b"cached")
    opts = download.DownloadOpts(if_none_match="a" * 32)
    async with download.download(swift, "logs", "o", opts) as dl:
        assert dl.not_modified
        assert await dl.read() == b""
    async with download.download(swift, "logs", "o", opts) as dl:
        assert await dl.download_to(target) == 0
    assert target.read_bytes() == b"cached"
    assert last_request(route).headers["If-None-Match"] == "a" * 32


async def test_download_precondition_failed_and_missing(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/o").respond(412)
    with pytest.raises(errors.PreconditionFailed):
        async with download.download(swift, "logs", "o", download.DownloadOpts(if_match="x")):
            pass
    cloud.router.get(f"{LOGS}/gone").respond(404)
    with pytest.raises(errors.NotFound):
        async with download.download(swift, "logs", "gone"):
            pass


async def test_connection_dropped_mid_download_raises_connection_failed(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    stream = SlowStream([b"a" * 1000, b"b" * 1000], fail=httpx.ReadError("connection reset"))
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=httpx.Response(
            200, headers={"Content-Length": "5000", "Etag": "0" * 32}, stream=stream
        )
    )
    received: list[bytes] = []

    async def consume(dl: download.Download) -> None:
        async for chunk in dl.aiter_bytes():
            received.append(chunk)

    async with download.download(swift, "logs", "o") as dl:
        with pytest.raises(errors.ConnectionFailed) as caught:
            await consume(dl)
    assert len(b"".join(received)) == 2000
    assert caught.value.method == "GET"
    assert stream.closed


async def test_truncated_download_raises_connection_failed(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=httpx.Response(
            200,
            headers={"Content-Length": "10", "Etag": md5(b"12345")},
            stream=SlowStream([b"12345"]),
        )
    )
    async with download.download(swift, "logs", "o") as dl:
        with pytest.raises(errors.ConnectionFailed) as caught:
            await dl.read()
    assert "5 of 10 bytes" in str(caught.value)


async def test_download_to_writes_the_file(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    data = os.urandom(3 * 1024 * 1024 + 1)
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(data))
    target = tmp_path / "out.bin"
    progress: list[int] = []

    async with download.download(swift, "logs", "o") as dl:
        assert await dl.download_to(target, progress=progress.append) == len(data)

    assert target.read_bytes() == data
    assert sum(progress) == len(data)
    assert sorted(os.listdir(tmp_path)) == ["out.bin"]
    info = await download.download_to(swift, "logs", "o", tmp_path / "again.bin")
    assert info.etag == md5(data)
    assert (tmp_path / "again.bin").read_bytes() == data


async def test_download_to_leaves_nothing_behind_on_failure(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")
    cloud.router.get(f"{LOGS}/bad").mock(return_value=object_response(b"x" * 10, etag="0" * 32))
    with pytest.raises(errors.ChecksumMismatch):
        await download.download_to(swift, "logs", "bad", target)
    cloud.router.get(f"{LOGS}/cut").mock(
        return_value=httpx.Response(
            200,
            headers={"Content-Length": "4000"},
            stream=SlowStream([b"a" * 1000], fail=httpx.RemoteProtocolError("closed")),
        )
    )
    with pytest.raises(errors.ConnectionFailed):
        await download.download_to(swift, "logs", "cut", target)
    assert target.read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == ["out.bin"]


async def test_download_of_an_answer_already_read(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    """Mock transports (respx ``respond(content=...)``) hand over answers already read."""
    cloud.router.get(f"{LOGS}/o").respond(200, content=b"abc", headers={"Etag": md5(b"abc")})
    async with download.download(swift, "logs", "o") as dl:
        assert await dl.read() == b"abc"
    cloud.router.get(f"{LOGS}/o").respond(200, content=b"abd", headers={"Etag": md5(b"abc")})
    with pytest.raises(errors.ChecksumMismatch):
        await download.download_to(swift, "logs", "o", tmp_path / "never-written")
    assert os.listdir(tmp_path) == []
