"""objectstorage/v1/objects: listing, streamed uploads and downloads, checksums, copy, delete."""

from __future__ import annotations

import io
import json
import os
from collections.abc import AsyncIterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote, unquote

import anyio
import attrs
import httpx
import pytest
import respx

from aiocloud import errors
from aiocloud.models import structure
from aiocloud.openstack.objectstorage.v1 import objects
from aiocloud.openstack.objectstorage.v1._body import CHUNK_SIZE
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.conftest import last_request

from .conftest import (
    ACCOUNT,
    DroppingTransport,
    SlowStream,
    chunks,
    echo_put,
    md5,
    provider_on,
)

LOGS = f"{ACCOUNT}/logs"

OBJECT: dict[str, Any] = {
    "name": "2024/05/01.json",
    "bytes": 512,
    "hash": "3e25960a79dbc69b674cd4ec67a72c62",
    "content_type": "application/json",
    "last_modified": "2024-05-01T10:00:00.123456",
}


def objects_page(*names: str) -> list[dict[str, object]]:
    return [{**OBJECT, "name": name} for name in names]


# -- list -----------------------------------------------------------------------------


async def test_list_names_follows_markers(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(LOGS, params__eq={"format": "json"}).respond(200, json=objects_page("a", "b"))
    cloud.router.get(LOGS, params__eq={"format": "json", "marker": "b"}).respond(200, json=[])
    assert await objects.list(swift, "logs").all() == ["a", "b"]


async def test_list_full_models(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(LOGS).respond(200, json=[{**OBJECT, "symlink_path": "/v1/a/c/o"}])

    found = await objects.list(swift, "logs", objects.ListOpts(full=True, limit=10)).all()

    assert found == [
        objects.Object(
            name="2024/05/01.json",
            bytes=512,
            hash="3e25960a79dbc69b674cd4ec67a72c62",
            content_type="application/json",
            symlink_path="/v1/a/c/o",
        )
    ]
    assert found[0].last_modified == datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)
    assert found[0].raw == {**OBJECT, "symlink_path": "/v1/a/c/o"}


async def test_list_with_delimiter_returns_pseudo_directories(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    page = [{"subdir": "2024/"}, {**OBJECT, "name": "readme"}]
    first = cloud.router.get(
        LOGS, params__eq={"format": "json", "delimiter": "/", "limit": "2"}
    ).respond(200, json=page)
    second = cloud.router.get(
        LOGS, params__eq={"format": "json", "delimiter": "/", "limit": "2", "marker": "readme"}
    ).respond(200, json=[{"subdir": "2025/"}])

    opts = objects.ListOpts(full=True, delimiter="/", limit=2)
    found = await objects.list(swift, "logs", opts).all()

    assert found[0] == objects.PseudoDirectory(name="2024/")
    assert isinstance(found[1], objects.Object)
    assert found[2] == objects.PseudoDirectory(name="2025/")
    assert first.called and second.called
    names = objects.ListOpts(delimiter="/", limit=2)
    assert await objects.list(swift, "logs", names).all() == ["2024/", "readme", "2025/"]


async def test_list_marker_after_a_subdir_is_the_subdir(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(LOGS, params__eq={"format": "json", "delimiter": "/"}).respond(
        200, json=[{"subdir": "a/"}]
    )
    following = cloud.router.get(
        LOGS, params__eq={"format": "json", "delimiter": "/", "marker": "a/"}
    ).respond(200, json=[])
    opts = objects.ListOpts(full=True, delimiter="/")
    assert await objects.list(swift, "logs", opts).all() == [objects.PseudoDirectory("a/")]
    assert following.called


async def test_list_sends_the_filters(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.get(LOGS).respond(200, json=[])
    await objects.list(
        swift,
        "logs",
        objects.ListOpts(prefix="2024/", end_marker="2025", marker="2024/01", reverse=False),
    ).all()
    assert dict(last_request(route).url.params) == {
        "format": "json",
        "prefix": "2024/",
        "end_marker": "2025",
        "marker": "2024/01",
        "reverse": "false",
    }


async def test_list_of_a_missing_container_raises_not_found(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{ACCOUNT}/nope").respond(
        404, text="<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
    )
    with pytest.raises(errors.NotFound) as caught:
        await objects.list(swift, "nope").all()
    assert "The resource could not be found" in str(caught.value)


async def test_list_rejects_malformed_pages(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(LOGS).respond(200, content=b"[{not json")
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "logs").all()
    cloud.router.get(LOGS).respond(200, json=[{"bytes": 1}])
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "logs").all()
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "logs", objects.ListOpts(full=True)).all()
    cloud.router.get(LOGS).respond(200, json={"subdir": "x"})
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "logs", objects.ListOpts(full=True, delimiter="/")).all()


@pytest.mark.parametrize(
    ("entry", "delimiter"),
    [
        ("a-name", None),
        (7, None),
        (None, None),
        ({"bytes": 1}, "/"),
        ("subdir", "/"),
        (7, "/"),
        ([], "/"),
    ],
)
async def test_list_rejects_entries_that_are_not_objects(
    cloud: MockCloud, swift: ServiceClient, entry: object, delimiter: str | None
) -> None:
    cloud.router.get(LOGS).respond(200, json=[OBJECT, entry])
    opts = objects.ListOpts(full=True, delimiter=delimiter, limit=5)
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "logs", opts).all()


async def test_list_entries_keep_nulls_and_unknown_keys(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    sent = {"name": "x", "bytes": 0, "hash": None, "content_type": None, "swift_bytes": "9"}
    cloud.router.get(LOGS).respond(200, json=[sent, {"subdir": "d/", "extra": 1}])

    opts = objects.ListOpts(full=True, delimiter="/", limit=5)
    found, directory = await objects.list(swift, "logs", opts).all()

    assert found == objects.Object(name="x")
    assert found.last_modified is None
    assert found.raw == sent
    assert directory == objects.PseudoDirectory("d/")
    assert directory.raw == {"subdir": "d/", "extra": 1}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.name = "y"  # type: ignore[misc]


def test_listing_models_from_structure_match_the_listing() -> None:
    built = structure(OBJECT, objects.Object)
    assert (built.name, built.bytes, built.hash, built.content_type, built.symlink_path) == (
        OBJECT["name"],
        512,
        OBJECT["hash"],
        "application/json",
        None,
    )
    assert built.last_modified == datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)
    assert structure({"subdir": "a/"}, objects.PseudoDirectory) == objects.PseudoDirectory("a/")
    same = objects.Object(
        name=OBJECT["name"], bytes=512, hash=OBJECT["hash"], content_type="application/json"
    )
    assert built == same
    assert hash(built) == hash(same)


# -- create ---------------------------------------------------------------------------


async def test_create_from_bytes_sends_etag_length_and_headers(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/a.txt").mock(side_effect=echo_put)

    result = await objects.create(
        swift,
        "logs",
        "a.txt",
        b"hello world",
        objects.CreateOpts(
            content_type="text/plain",
            content_encoding="identity",
            content_disposition='attachment; filename="a.txt"',
            metadata={"Color": "blue"},
            delete_at=datetime(2030, 1, 1, tzinfo=timezone.utc),
            if_none_match="*",
        ),
    )

    request = last_request(route)
    assert request.content == b"hello world"
    assert request.headers["ETag"] == md5(b"hello world")
    assert request.headers["Content-Length"] == "11"
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["Content-Encoding"] == "identity"
    assert request.headers["Content-Disposition"] == 'attachment; filename="a.txt"'
    assert request.headers["X-Object-Meta-Color"] == "blue"
    assert request.headers["X-Delete-At"] == "1893456000"
    assert request.headers["If-None-Match"] == "*"
    assert result.etag == md5(b"hello world")
    assert result.size == 11
    assert result.last_modified == datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    assert result.trans_id == "tx-put"


async def test_create_quotes_names(cloud: MockCloud, swift: ServiceClient) -> None:
    plain = cloud.router.put(f"{LOGS}/dir/a%20b%3F").mock(side_effect=echo_put)
    await objects.create(swift, "logs", "dir/a b?", b"1")
    assert last_request(plain).url.raw_path.endswith(b"/logs/dir/a%20b%3F")


async def test_create_from_a_path_streams_it(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    data = os.urandom(3 * CHUNK_SIZE + 17)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    route = cloud.router.put(f"{LOGS}/big.bin").mock(side_effect=echo_put)
    progress: list[int] = []

    result = await objects.create(
        swift,
        "logs",
        "big.bin",
        path,
        objects.CreateOpts(delete_after=3600),
        progress=progress.append,
    )

    request = last_request(route)
    assert request.content == data
    assert request.headers["Content-Length"] == str(len(data))
    assert "ETag" not in request.headers  # unknown until read: checked on the answer
    assert request.headers["X-Delete-After"] == "3600"
    assert result.etag == md5(data)
    assert result.size == len(data)
    assert sum(progress) == len(data)
    assert len(progress) == 4  # read and sent in chunks of CHUNK_SIZE


async def test_create_from_a_file_object_starts_at_its_position(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/f").mock(side_effect=echo_put)
    file = io.BytesIO(b"skip:payload")
    file.seek(5)
    result = await objects.create(swift, "logs", "f", file)
    assert last_request(route).content == b"payload"
    assert last_request(route).headers["Content-Length"] == "7"
    assert result.etag == md5(b"payload")


async def test_create_from_an_async_iterator_is_chunked(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/s").mock(side_effect=echo_put)
    result = await objects.create(
        swift, "logs", "s", chunks(b"ab", cast(bytes, bytearray(b"cd")), b"", b"e")
    )
    request = last_request(route)
    assert request.content == b"abcde"
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert result.etag == md5(b"abcde")
    assert result.size == 5


async def test_create_with_a_known_length_from_an_iterator(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/s").mock(side_effect=echo_put)
    await objects.create(
        swift,
        "logs",
        "s",
        chunks(b"abc"),
        objects.CreateOpts(content_length=3, etag=md5(b"abc")),
    )
    assert last_request(route).headers["Content-Length"] == "3"
    assert last_request(route).headers["ETag"] == md5(b"abc")
    assert "Transfer-Encoding" not in last_request(route).headers


async def test_create_stored_etag_mismatch_raises(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.put(f"{LOGS}/s").respond(201, headers={"Etag": md5(b"something else")})
    with pytest.raises(errors.ChecksumMismatch) as caught:
        await objects.create(swift, "logs", "s", chunks(b"abc"))
    assert caught.value.expected == md5(b"abc")
    assert caught.value.actual == md5(b"something else")


async def test_create_without_verification_accepts_any_etag(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{LOGS}/s").respond(201, headers={"Etag": md5(b"x")})
    no_check = objects.CreateOpts(verify=False)
    assert (await objects.create(swift, "logs", "s", b"abc", no_check)).etag == md5(b"x")
    assert "ETag" not in last_request(route).headers  # no MD5 computed at all
    result = await objects.create(
        swift, "logs", "s", chunks(b"abc"), objects.CreateOpts(verify=False)
    )
    assert result.etag == md5(b"x")


async def test_create_422_becomes_a_checksum_mismatch(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.put(f"{LOGS}/s").respond(
        422, text="<html><h1>Unprocessable Entity</h1></html>", headers={"X-Trans-Id": "tx422"}
    )
    with pytest.raises(errors.ChecksumMismatch) as caught:
        await objects.create(swift, "logs", "s", b"abc")
    assert caught.value.expected == md5(b"abc")
    assert "corrupted" in str(caught.value)
    assert isinstance(caught.value.__cause__, errors.UnprocessableEntity)

    with pytest.raises(errors.ChecksumMismatch) as wrong:
        await objects.create(swift, "logs", "s", b"abc", objects.CreateOpts(etag="0" * 32))
    assert wrong.value.expected == "0" * 32
    assert wrong.value.actual == md5(b"abc")


async def test_create_errors(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.put(f"{ACCOUNT}/nope/a").respond(404)
    with pytest.raises(errors.NotFound):
        await objects.create(swift, "nope", "a", b"x")
    cloud.router.put(f"{LOGS}/huge").respond(413, text="Your request is too large.")
    with pytest.raises(errors.RequestEntityTooLarge):
        await objects.create(swift, "logs", "huge", b"x")
    cloud.router.put(f"{LOGS}/exists").respond(412)
    with pytest.raises(errors.PreconditionFailed):
        await objects.create(swift, "logs", "exists", b"x", objects.CreateOpts(if_none_match="*"))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("some text", "data"),
        (12345, "data"),
    ],
)
async def test_create_refuses_unclear_data(
    cloud: MockCloud, swift: ServiceClient, data: object, field: str
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await objects.create(swift, "logs", "x", data)  # type: ignore[arg-type]
    assert caught.value.field == field


async def test_create_refuses_bad_names_before_any_request(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await objects.create(swift, "logs", "", b"x")
    assert caught.value.field == "name"
    with pytest.raises(errors.InvalidOptions) as caught:
        await objects.create(swift, "a/b", "x", b"x")
    assert caught.value.field == "container"
    with pytest.raises(errors.InvalidOptions):
        await objects.create(swift, "logs", "x", b"x", objects.CreateOpts(content_length=-1))


async def test_create_refuses_a_text_file(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    cloud.router.put(f"{LOGS}/t").mock(side_effect=echo_put)
    path = tmp_path / "t.txt"
    path.write_text("hello")
    with path.open("r") as text, pytest.raises(errors.InvalidOptions):
        await objects.create(swift, "logs", "t", text)  # type: ignore[arg-type]


async def test_connection_dropped_mid_upload_resends_a_file_from_the_start(
    cloud: MockCloud, tmp_path: Path
) -> None:
    data = os.urandom(2 * CHUNK_SIZE + 5)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    route = cloud.router.put(f"{LOGS}/f.bin").mock(side_effect=echo_put)
    transport = DroppingTransport(cloud, after=CHUNK_SIZE)
    progress: list[int] = []

    async with provider_on(cloud, transport) as (_, swift):
        result = await objects.create(swift, "logs", "f.bin", path, progress=progress.append)

    assert transport.sent_before_drop == [CHUNK_SIZE]
    assert last_request(route).content == data
    assert result.etag == md5(data)
    assert result.size == len(data)
    assert sum(progress) == len(data)  # the aborted attempt is taken back


async def test_connection_dropped_mid_upload_resends_bytes_and_seekable_files(
    cloud: MockCloud,
) -> None:
    route = cloud.router.put(f"{LOGS}/b").mock(side_effect=echo_put)
    async with provider_on(cloud, DroppingTransport(cloud, drops=2)) as (_, swift):
        assert (await objects.create(swift, "logs", "b", b"payload")).etag == md5(b"payload")
    async with provider_on(cloud, DroppingTransport(cloud)) as (_, swift):
        file = io.BytesIO(b"0123456789")
        file.seek(2)
        assert (await objects.create(swift, "logs", "b", file)).etag == md5(b"23456789")
    assert last_request(route).content == b"23456789"


async def test_connection_dropped_mid_upload_of_a_stream_raises(cloud: MockCloud) -> None:
    route = cloud.router.put(f"{LOGS}/s").mock(side_effect=echo_put)
    async with provider_on(cloud, DroppingTransport(cloud)) as (_, swift):
        with pytest.raises(errors.ConnectionFailed):
            await objects.create(swift, "logs", "s", chunks(b"abc", b"def"))
    assert not route.called  # a one-shot stream is never resent


async def test_stream_upload_after_a_stale_token_cannot_be_resent(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    answers = iter([httpx.Response(401), httpx.Response(201)])
    cloud.router.put(f"{LOGS}/s").mock(side_effect=lambda request: next(answers))
    with pytest.raises(errors.BodyNotReplayable):
        await objects.create(swift, "logs", "s", chunks(b"abc"))
    assert cloud.token_route.call_count == 2  # the token is renewed for the next try


async def test_path_upload_after_a_stale_token_is_resent(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    path = tmp_path / "p"
    path.write_bytes(b"content")
    seen: list[bytes] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        seen.append(await request.aread())
        if len(seen) == 1:
            return httpx.Response(401)
        return await echo_put(request)

    cloud.router.put(f"{LOGS}/p").mock(side_effect=answer)
    result = await objects.create(swift, "logs", "p", path)
    assert seen == [b"content", b"content"]
    assert result.etag == md5(b"content")


# -- download -------------------------------------------------------------------------

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

    async with objects.download(swift, "logs", "o") as dl:
        assert dl.status_code == 200
        assert dl.info.content_length == 5000
        assert dl.info.metadata == {"color": "blue"}
        assert dl.info.etag == md5(data)
        received = [chunk async for chunk in dl.aiter_bytes()]

    assert b"".join(received) == data
    assert len(received) == 5


async def test_download_read_and_double_read(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"small"))
    async with objects.download(swift, "logs", "o") as dl:
        assert await dl.read() == b"small"
        with pytest.raises(RuntimeError):
            await dl.read()


async def test_download_etag_mismatch_raises(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"data", etag="0" * 32))
    async with objects.download(swift, "logs", "o") as dl:
        with pytest.raises(errors.ChecksumMismatch) as caught:
            await dl.read()
    assert caught.value.expected == "0" * 32
    assert caught.value.actual == md5(b"data")


async def test_download_without_verification(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").mock(return_value=object_response(b"data", etag="0" * 32))
    async with objects.download(swift, "logs", "o", objects.DownloadOpts(verify=False)) as dl:
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
    async with objects.download(swift, "logs", "slo") as dl:
        assert dl.info.static_large_object
        assert dl.info.etag == "1" * 32
        assert await dl.read() == b"assembled"


async def test_download_range_and_conditions(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(
            b"23456", status=206, etag="f" * 32, **{"Content-Range": "bytes 2-6/10"}
        )
    )
    opts = objects.DownloadOpts(
        range=(2, 6),
        if_match="f" * 32,
        if_modified_since=datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc),
        if_unmodified_since=datetime(2024, 5, 2),
        newest=True,
    )

    async with objects.download(swift, "logs", "o", opts) as dl:
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
    async with objects.download(swift, "logs", "o", objects.DownloadOpts(range=value)) as dl:
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
        async with objects.download(swift, "logs", "o", objects.DownloadOpts(range=value)):
            pytest.fail("a wrong part must not be handed over")


async def test_a_part_whose_length_differs_from_its_range_is_refused(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(b"234", status=206, **{"Content-Range": "bytes 2-6/10"})
    )
    with pytest.raises(errors.ResponseFormatError):
        async with objects.download(swift, "logs", "o", objects.DownloadOpts(range=(2, 6))):
            pass


async def test_several_ranges_come_back_multipart(cloud: MockCloud, swift: ServiceClient) -> None:
    body = b"--b\r\nContent-Range: bytes 0-0/10\r\n\r\n0\r\n--b--"
    cloud.router.get(f"{LOGS}/o").mock(
        return_value=object_response(
            body, status=206, **{"Content-Type": "multipart/byteranges; boundary=b"}
        )
    )
    opts = objects.DownloadOpts(range="bytes=0-0,5-5")
    async with objects.download(swift, "logs", "o", opts) as dl:
        assert await dl.read() == body


async def test_a_part_answering_a_whole_object_download_is_refused(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    half = object_response(b"x" * 500, status=206, **{"Content-Range": "bytes 0-499/1000"})
    cloud.router.get(f"{LOGS}/o").mock(return_value=half)
    with pytest.raises(errors.UnexpectedResponseCode) as caught:
        async with objects.download(swift, "logs", "o"):
            pytest.fail("half an object must not be handed over")
    assert caught.value.status_code == 206
    with pytest.raises(errors.UnexpectedResponseCode):
        await objects.download_to(swift, "logs", "o", tmp_path / "o")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "opts",
    [None, objects.DownloadOpts(if_match="a" * 32), objects.DownloadOpts(range=(0, 9))],
)
async def test_not_modified_answering_an_unconditional_download_is_refused(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path, opts: objects.DownloadOpts | None
) -> None:
    cloud.router.get(f"{LOGS}/o").respond(304, headers={"Etag": "a" * 32})
    with pytest.raises(errors.UnexpectedResponseCode) as caught:
        await objects.download_to(swift, "logs", "o", tmp_path / "o", opts)
    assert caught.value.status_code == 304
    assert os.listdir(tmp_path) == []


async def test_not_modified_since(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(f"{LOGS}/o").respond(304)
    since = objects.DownloadOpts(if_modified_since=datetime(2024, 5, 1, tzinfo=timezone.utc))
    async with objects.download(swift, "logs", "o", since) as dl:
        assert dl.not_modified


@pytest.mark.parametrize("value", ["0-9", (5, 2), (-5, 10)])
async def test_bad_ranges_are_refused(
    cloud: MockCloud, swift: ServiceClient, value: str | tuple[int, int | None]
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        async with objects.download(swift, "logs", "o", objects.DownloadOpts(range=value)):
            pass
    assert caught.value.field == "range"


async def test_download_not_modified(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    route = cloud.router.get(f"{LOGS}/o").respond(304, headers={"Etag": "a" * 32})
    target = tmp_path / "o"
    target.write_bytes(b"cached")
    opts = objects.DownloadOpts(if_none_match="a" * 32)
    async with objects.download(swift, "logs", "o", opts) as dl:
        assert dl.not_modified
        assert await dl.read() == b""
    async with objects.download(swift, "logs", "o", opts) as dl:
        assert await dl.download_to(target) == 0
    assert target.read_bytes() == b"cached"
    assert last_request(route).headers["If-None-Match"] == "a" * 32


async def test_download_precondition_failed_and_missing(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(f"{LOGS}/o").respond(412)
    with pytest.raises(errors.PreconditionFailed):
        async with objects.download(swift, "logs", "o", objects.DownloadOpts(if_match="x")):
            pass
    cloud.router.get(f"{LOGS}/gone").respond(404)
    with pytest.raises(errors.NotFound):
        async with objects.download(swift, "logs", "gone"):
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

    async def consume(dl: objects.Download) -> None:
        async for chunk in dl.aiter_bytes():
            received.append(chunk)

    async with objects.download(swift, "logs", "o") as dl:
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
    async with objects.download(swift, "logs", "o") as dl:
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

    async with objects.download(swift, "logs", "o") as dl:
        assert await dl.download_to(target, progress=progress.append) == len(data)

    assert target.read_bytes() == data
    assert sum(progress) == len(data)
    assert sorted(os.listdir(tmp_path)) == ["out.bin"]
    info = await objects.download_to(swift, "logs", "o", tmp_path / "again.bin")
    assert info.etag == md5(data)
    assert (tmp_path / "again.bin").read_bytes() == data


async def test_download_to_leaves_nothing_behind_on_failure(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")
    cloud.router.get(f"{LOGS}/bad").mock(return_value=object_response(b"x" * 10, etag="0" * 32))
    with pytest.raises(errors.ChecksumMismatch):
        await objects.download_to(swift, "logs", "bad", target)
    cloud.router.get(f"{LOGS}/cut").mock(
        return_value=httpx.Response(
            200,
            headers={"Content-Length": "4000"},
            stream=SlowStream([b"a" * 1000], fail=httpx.RemoteProtocolError("closed")),
        )
    )
    with pytest.raises(errors.ConnectionFailed):
        await objects.download_to(swift, "logs", "cut", target)
    assert target.read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == ["out.bin"]


# -- get, update, copy, delete --------------------------------------------------------


async def test_get_reads_the_object_headers(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.head(f"{LOGS}/o").respond(
        200,
        headers={
            **OBJECT_HEADERS,
            "Content-Length": "512",
            "Etag": '"' + "a" * 32 + '"',
            "X-Static-Large-Object": "True",
            "X-Delete-At": "1893456000",
            "Content-Disposition": "inline",
            "X-Object-Meta-Owner": "ops",
        },
    )

    info = await objects.get(swift, "logs", "o", objects.GetOpts(newest=True))

    assert info.content_length == 512
    assert info.etag == "a" * 32
    assert info.content_type == "application/octet-stream"
    assert info.last_modified == datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    assert info.delete_at == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert info.static_large_object and info.is_large_object
    assert info.content_disposition == "inline"
    assert info.metadata == {"color": "blue", "owner": "ops"}
    assert info.timestamp == 1714557600.0
    assert last_request(route).headers["X-Newest"] == "true"


async def test_get_missing_object(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{LOGS}/nope").respond(404)
    with pytest.raises(errors.NotFound):
        await objects.get(swift, "logs", "nope")


async def test_update_posts_the_metadata(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.post(f"{LOGS}/o").respond(202)
    await objects.update(
        swift,
        "logs",
        "o",
        objects.UpdateOpts(
            metadata={"Owner": "dev"}, content_type="text/csv", remove_delete_at=True
        ),
    )
    headers = last_request(route).headers
    assert headers["X-Object-Meta-Owner"] == "dev"
    assert headers["Content-Type"] == "text/csv"
    assert headers["X-Remove-Delete-At"] == "x"
    route = cloud.router.post(f"{LOGS}/o").respond(202)
    await objects.update(swift, "logs", "o", objects.UpdateOpts(delete_at=1893456000))
    assert last_request(route).headers["X-Delete-At"] == "1893456000"


async def test_copy_is_a_put_with_x_copy_from(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.put(f"{ACCOUNT}/archive/2024/a%20b").respond(
        201, headers={"Etag": "e" * 32, "X-Copied-From": "logs/a%20b"}
    )

    result = await objects.copy(
        swift,
        "logs",
        "a b",
        "archive",
        "2024/a b",
        objects.CopyOpts(metadata={"Stage": "archived"}, fresh_metadata=True),
    )

    request = last_request(route)
    assert request.headers["X-Copy-From"] == "/logs/a%20b"
    assert request.headers["X-Fresh-Metadata"] == "true"
    assert request.headers["X-Object-Meta-Stage"] == "archived"
    assert request.headers["Content-Length"] == "0"
    assert request.content == b""
    assert result.etag == "e" * 32


async def test_copy_keeps_the_name_and_can_copy_a_manifest(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{ACCOUNT}/archive/o").respond(201, headers={"Etag": "e" * 32})
    await objects.copy(swift, "logs", "o", "archive", opts=objects.CopyOpts(copy_manifest=True))
    assert last_request(route).url.params["multipart-manifest"] == "get"


async def test_copy_of_a_missing_object(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.put(f"{ACCOUNT}/archive/o").respond(404)
    with pytest.raises(errors.NotFound):
        await objects.copy(swift, "logs", "o", "archive")


async def test_delete(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.delete(f"{LOGS}/o").respond(204)
    await objects.delete(swift, "logs", "o")
    assert route.called
    cloud.router.delete(f"{LOGS}/gone").respond(404)
    with pytest.raises(errors.NotFound):
        await objects.delete(swift, "logs", "gone")


# -- bulk delete ----------------------------------------------------------------------

BULK_OK = {
    "Number Not Found": 0,
    "Response Status": "200 OK",
    "Errors": [],
    "Number Deleted": 2,
    "Response Body": "",
}


BULK_INFO = {
    "swift": {"max_object_name_length": 1024, "max_container_name_length": 256},
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
}


@pytest.fixture
def bulk_info(cloud: MockCloud) -> respx.Route:
    """A cluster whose ``/info`` offers the bulk middleware with Swift's default limits."""
    return cloud.router.get("https://cloud.test:8080/info").respond(200, json=BULK_INFO)


async def test_bulk_delete_sends_names_as_the_middleware_reads_them(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    route = cloud.router.post(ACCOUNT, params__eq={"bulk-delete": ""}).respond(200, json=BULK_OK)

    names = ["a b", "dir/c", "50%", "café/ü", " edge\t"]
    result = await objects.bulk_delete(swift, "logs", names, per_request=10)

    request = last_request(route)
    assert request.content == (
        "/logs/a%20b\n/logs/dir/c\n/logs/50%25\n/logs/café/ü\n/logs/%20edge%09".encode()
    )
    assert [unquote(line) for line in request.content.decode().split("\n")] == [
        f"/logs/{name}" for name in names
    ]
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["Accept"] == "application/json"
    assert result.deleted == 2
    assert result.ok


async def test_bulk_delete_defaults_are_small_parallel_requests(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(200, json={**BULK_OK, "Number Deleted": bodies[-1].count(b"\n") + 1})

    cloud.router.post(ACCOUNT).mock(side_effect=answer)

    result = await objects.bulk_delete(swift, "logs", [f"o{i}" for i in range(250)])

    assert [body.count(b"\n") + 1 for body in bodies] == [100, 100, 50]
    assert result.deleted == 250
    assert objects.BULK_DELETE_CONCURRENCY == 8


async def test_bulk_delete_longest_utf8_name_fits_and_unreadable_ones_go_alone(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    longest = "é" * 512  # 1,024 bytes: legal, 3,072 once percent-encoded
    spaced = " " * 1000  # legal, but longer than a bulk line once encoded
    bulk = cloud.router.post(ACCOUNT).respond(200, json={**BULK_OK, "Number Deleted": 2})
    alone = cloud.router.delete(f"{LOGS}/{quote(spaced)}").respond(204)

    result = await objects.bulk_delete(swift, "logs", ["a", longest, spaced])

    assert last_request(bulk).content == f"/logs/a\n/logs/{longest}".encode()
    assert alone.call_count == 1
    assert (result.deleted, result.ok) == (3, True)


async def test_bulk_delete_request_refused_whole_deletes_its_names_alone(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    cloud.router.post(ACCOUNT).respond(
        200,
        json={
            "Number Not Found": 0,
            "Response Status": "400 Bad Request",
            "Errors": [],
            "Number Deleted": 0,
            "Response Body": "Invalid File Name",
        },
    )
    cloud.router.delete(f"{LOGS}/a").respond(204)
    cloud.router.delete(f"{LOGS}/b").respond(404)
    cloud.router.delete(f"{LOGS}/c").respond(409)

    result = await objects.bulk_delete(swift, "logs", ["a", "b", "c"])

    assert (result.deleted, result.not_found) == (1, 1)
    assert [(f.name, f.status) for f in result.failures] == [("c", "409 Conflict")]


async def test_bulk_delete_chunks_by_the_cluster_limit(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    info_route = cloud.router.get("https://cloud.test:8080/info").respond(
        200, json={"swift": {}, "bulk_delete": {"max_deletes_per_request": 2}}
    )
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        count = len(request.content.split(b"\n"))
        return httpx.Response(200, json={**BULK_OK, "Number Deleted": count})

    cloud.router.post(ACCOUNT).mock(side_effect=answer)

    async def names() -> AsyncIterator[str]:
        for name in ["a", "b", "c", "d", "e"]:
            yield name

    result = await objects.bulk_delete(swift, "logs", names())

    assert bodies == [b"/logs/a\n/logs/b", b"/logs/c\n/logs/d", b"/logs/e"]
    assert result.deleted == 5
    assert info_route.call_count == 1


async def test_bulk_delete_reports_every_failure(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    cloud.router.post(ACCOUNT).respond(
        200,
        # Swift keeps the connection alive with spaces before the report
        content=b"   \n"
        + json.dumps(
            {
                "Number Not Found": 1,
                "Response Status": "400 Bad Request",
                "Errors": [["/logs/locked%20one", "409 Conflict"], ["/logs/x", "403 Forbidden"]],
                "Number Deleted": 3,
                "Response Body": "",
            }
        ).encode(),
    )

    result = await objects.bulk_delete(swift, "logs", ["a", "b"], per_request=100)

    assert not result.ok
    assert (result.deleted, result.not_found) == (3, 1)
    assert [(f.container, f.name, f.status, f.status_code) for f in result.failures] == [
        ("logs", "locked one", "409 Conflict", 409),
        ("logs", "x", "403 Forbidden", 403),
    ]


async def test_bulk_delete_request_level_failure_raises(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    cloud.router.post(ACCOUNT).respond(
        200,
        json={
            "Number Not Found": 0,
            "Response Status": "413 Request Entity Too Large",
            "Errors": [],
            "Number Deleted": 0,
            "Response Body": "Maximum Bulk Deletes: 10000 per request",
        },
    )
    with pytest.raises(errors.RequestEntityTooLarge) as caught:
        await objects.bulk_delete(swift, "logs", ["a"], per_request=5)
    assert "Maximum Bulk Deletes" in str(caught.value)
    cloud.router.post(ACCOUNT).respond(200, text="<html>not json</html>")
    with pytest.raises(errors.ResponseFormatError):
        await objects.bulk_delete(swift, "logs", ["a"], per_request=5)


async def test_bulk_delete_without_the_middleware_deletes_one_by_one(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get("https://cloud.test:8080/info").respond(200, json={"swift": {}})
    cloud.router.delete(f"{LOGS}/a").respond(204)
    cloud.router.delete(f"{LOGS}/b").respond(404)
    cloud.router.delete(f"{LOGS}/c").respond(409)

    result = await objects.bulk_delete(swift, "logs", ["a", "b", "c"])

    assert (result.deleted, result.not_found) == (1, 1)
    assert [(f.name, f.status) for f in result.failures] == [("c", "409 Conflict")]


async def test_bulk_delete_refuses_a_single_str(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    with pytest.raises(errors.InvalidOptions):
        await objects.bulk_delete(swift, "logs", "abc", per_request=5)
    with pytest.raises(errors.InvalidOptions):
        await objects.bulk_delete(swift, "logs", ["a"], per_request=0)


# -- temp URLs ------------------------------------------------------------------------


async def test_create_temp_url_with_a_key_is_offline(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    before = len(cloud.router.calls)
    url = await objects.create_temp_url(
        swift, "logs", "a b", objects.TempURLOpts(ttl=60, temp_url_key="k")
    )
    assert len(cloud.router.calls) == before
    assert url.startswith(f"{LOGS}/a%20b?temp_url_sig=")
    assert "temp_url_expires=" in url


async def test_create_temp_url_reads_the_account_then_the_container_key(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    account = cloud.router.head(ACCOUNT).respond(204)
    container = cloud.router.head(LOGS).respond(
        204, headers={"X-Container-Meta-Temp-Url-Key-2": "ck"}
    )
    url = await objects.create_temp_url(
        swift, "logs", "o", objects.TempURLOpts(expires_at=datetime(2030, 1, 1))
    )
    assert account.called and container.called
    assert "temp_url_expires=1893456000" in url

    cloud.router.head(LOGS).respond(204)
    with pytest.raises(errors.InvalidOptions) as caught:
        await objects.create_temp_url(swift, "logs", "o", objects.TempURLOpts(ttl=5))
    assert caught.value.field == "temp_url_key"


@pytest.mark.parametrize(
    "opts",
    [
        objects.TempURLOpts(temp_url_key="k"),
        objects.TempURLOpts(ttl=5, expires_at=datetime(2030, 1, 1), temp_url_key="k"),
        objects.TempURLOpts(ttl=-5, temp_url_key="k"),
    ],
)
async def test_create_temp_url_needs_one_expiry(
    cloud: MockCloud, swift: ServiceClient, opts: objects.TempURLOpts
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await objects.create_temp_url(swift, "logs", "o", opts)
    assert caught.value.field == "ttl"
    assert "temp_url_key='k'" not in repr(opts)


async def test_download_of_an_answer_already_read(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    """Mock transports (respx ``respond(content=...)``) hand over answers already read."""
    cloud.router.get(f"{LOGS}/o").respond(200, content=b"abc", headers={"Etag": md5(b"abc")})
    async with objects.download(swift, "logs", "o") as dl:
        assert await dl.read() == b"abc"
    cloud.router.get(f"{LOGS}/o").respond(200, content=b"abd", headers={"Etag": md5(b"abc")})
    with pytest.raises(errors.ChecksumMismatch):
        await objects.download_to(swift, "logs", "o", tmp_path / "never-written")
    assert os.listdir(tmp_path) == []


async def test_bulk_delete_requests_in_parallel(
    cloud: MockCloud, swift: ServiceClient, bulk_info: respx.Route
) -> None:
    in_flight = most = 0
    bodies: list[bytes] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await anyio.sleep(0.01)
        in_flight -= 1
        bodies.append(request.content)
        return httpx.Response(200, json={**BULK_OK, "Number Deleted": 2})

    cloud.router.post(ACCOUNT).mock(side_effect=answer)
    names = [f"o{i}" for i in range(12)]

    result = await objects.bulk_delete(swift, "logs", names, per_request=2, concurrency=3)

    assert result.deleted == 12
    assert most == 3
    assert sorted(bodies) == sorted(
        f"/logs/{names[i]}\n/logs/{names[i + 1]}".encode() for i in range(0, 12, 2)
    )


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("2024-05-01T10:00:00.123456", datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)),
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)),
        ("2024-05-01T12:00:00+02:00", datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)),
        (None, None),
    ],
)
async def test_listing_timestamps(
    cloud: MockCloud, swift: ServiceClient, sent: str | None, expected: datetime | None
) -> None:
    cloud.router.get(LOGS).respond(200, json=[{**OBJECT, "last_modified": sent}])
    (found,) = await objects.list(swift, "logs", objects.ListOpts(full=True, limit=5)).all()
    assert found.last_modified == expected


@pytest.mark.parametrize("sent", ["yesterday", 12])
async def test_listing_timestamps_that_are_not(
    cloud: MockCloud, swift: ServiceClient, sent: object
) -> None:
    cloud.router.get(LOGS).respond(200, json=[{**OBJECT, "last_modified": sent}])
    (found,) = await objects.list(swift, "logs", objects.ListOpts(full=True, limit=5)).all()
    assert found.name == OBJECT["name"]
    with pytest.raises(errors.ResponseFormatError):
        _ = found.last_modified  # parsed when read
