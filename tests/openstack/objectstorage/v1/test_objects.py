"""objectstorage/v1/objects: listing, streamed uploads, checksums, copy, delete, re-exports."""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, cast

import attrs
import httpx
import pytest

from aiocloud import errors
from aiocloud.models import structure
from aiocloud.openstack.objectstorage.v1 import bulk, download, objects, tempurl
from aiocloud.openstack.objectstorage.v1._body import CHUNK_SIZE
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import (
    ACCOUNT,
    DroppingTransport,
    chunks,
    echo_put,
    last_request,
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


# -- get, update, copy, delete --------------------------------------------------------


async def test_get_reads_the_object_headers(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.head(f"{LOGS}/o").respond(
        200,
        headers={
            "Content-Type": "application/octet-stream",
            "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
            "X-Timestamp": "1714557600.00000",
            "X-Object-Meta-Color": "blue",
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


# -- the object verbs of other modules ------------------------------------------------


def test_objects_re_exports_the_object_verbs_of_other_modules() -> None:
    for module in (bulk, download, tempurl):
        for name in module.__all__:
            if hasattr(objects, name):
                assert getattr(objects, name) is getattr(module, name)
    assert objects.download is download.download
    assert objects.download_to is download.download_to
    assert objects.bulk_delete is bulk.bulk_delete
    assert objects.create_temp_url is tempurl.create_temp_url
    assert objects.BULK_DELETE_CONCURRENCY == bulk.BULK_DELETE_CONCURRENCY == 8
