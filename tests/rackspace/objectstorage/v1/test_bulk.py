"""Cloud Files bulk: archive auto-extract streamed from every source, its report, its errors."""

from __future__ import annotations

import io
import json
import os
import tarfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
import respx

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import bulk as openstack_bulk
from aiocloud.rackspace.objectstorage.v1 import bulk
from aiocloud.service import ServiceClient
from tests.helpers import RAX_FILES_TENANT, RaxCloud, last_request

from .conftest import FILES, HTTP_ERRORS

PHOTOS = f"{FILES}/photos"
MiB = 1 << 20


def tar_of(files: dict[str, bytes], mode: Literal["w", "w:gz"] = "w:gz") -> bytes:
    """A tar archive of ``files`` (name -> content), ``mode`` as `tarfile.open` takes it."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tar:
        for name, data in files.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            tar.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


ARCHIVE = tar_of({"2024/a.jpg": b"jpeg bytes", "2024/b.txt": b"text"})


def report(
    created: int = 2,
    status: str = "201 Created",
    failures: list[list[str]] | None = None,
    body: str = "",
) -> dict[str, Any]:
    """The JSON report Cloud Files answers ``?extract-archive`` with (always with a 200)."""
    return {
        "Number Files Created": created,
        "Response Status": status,
        "Errors": failures or [],
        "Response Body": body,
    }


def extracting(router: respx.MockRouter, url: str = PHOTOS, fmt: str = "tar.gz") -> respx.Route:
    return router.put(url, params__eq={"extract-archive": fmt}).respond(200, json=report())


def sent_headers(request: httpx.Request) -> dict[str, str]:
    """The headers of ``request`` that say what the body is and what is asked for."""
    names = (
        "accept",
        "content-type",
        "content-length",
        "transfer-encoding",
        "x-detect-content-type",
    )
    return {name: request.headers[name] for name in names if name in request.headers}


async def chunks_of(data: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


# -- the archive's sources, streamed ----------------------------------------------------


BIG = tar_of({"big/random.bin": os.urandom(5 * MiB)}, "w")
"""An uncompressed tar over 4 MiB: files and paths are sent in two chunks."""


def _from_bytes(tmp_path: Path) -> Any:
    return BIG


def _from_path(tmp_path: Path) -> Any:
    (tmp_path / "photos.tar").write_bytes(BIG)
    return tmp_path / "photos.tar"


def _from_file(tmp_path: Path) -> Any:
    (tmp_path / "photos.tar").write_bytes(BIG)
    return (tmp_path / "photos.tar").open("rb")


def _from_iterator(tmp_path: Path) -> Any:
    return chunks_of(BIG, 3 * MiB)


@pytest.mark.parametrize(
    ("source", "length", "chunks"),
    [
        (_from_bytes, str(len(BIG)), [len(BIG)]),
        (_from_path, str(len(BIG)), [4 * MiB, len(BIG) - 4 * MiB]),
        (_from_file, str(len(BIG)), [4 * MiB, len(BIG) - 4 * MiB]),
        (_from_iterator, None, [3 * MiB, len(BIG) - 3 * MiB]),
    ],
    ids=["bytes", "path", "file", "async-iterator"],
)
async def test_the_archive_is_streamed_from_every_source(
    rax: RaxCloud,
    files: ServiceClient,
    tmp_path: Path,
    source: Callable[[Path], Any],
    length: str | None,
    chunks: list[int],
) -> None:
    route = extracting(rax.router, fmt="tar")
    archive = source(tmp_path)
    sent: list[int] = []

    result = await bulk.extract_archive(
        files, archive, "tar", container="photos", progress=sent.append
    )

    request = last_request(route)
    assert request.method == "PUT"
    assert request.url.path == f"/v1/{RAX_FILES_TENANT}/photos"
    assert request.content == BIG
    expected = {"accept": "application/json", "x-detect-content-type": "true"}
    if length is None:
        expected["transfer-encoding"] = "chunked"
    else:
        expected["content-length"] = length
    assert sent_headers(request) == expected  # no Content-Type: Cloud Files would give it to all
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert sent == chunks
    assert result == bulk.ExtractArchiveResult(created=2, status="201 Created")
    assert (result.ok, result.status_code, result.raw) == (True, 201, report())
    if hasattr(archive, "close"):
        archive.close()


async def test_an_iterator_of_declared_length_is_sent_with_it(
    rax: RaxCloud, files: ServiceClient
) -> None:
    route = extracting(rax.router)
    await bulk.extract_archive(
        files, chunks_of(ARCHIVE, 100), container="photos", content_length=len(ARCHIVE)
    )
    assert last_request(route).headers["Content-Length"] == str(len(ARCHIVE))
    assert last_request(route).content == ARCHIVE

    with pytest.raises(errors.InvalidOptions, match="more than 10 bytes") as caught:
        await bulk.extract_archive(
            files, chunks_of(ARCHIVE, 100), container="photos", content_length=10
        )
    assert caught.value.field == "content_length"


@pytest.mark.parametrize(
    ("container", "prefix", "path"),
    [
        (None, None, ""),
        ("", None, ""),
        ("photos", None, "/photos"),
        ("photos", "2024/may/", "/photos/2024/may"),
        ("my photos", "/été", "/my%20photos/%C3%A9t%C3%A9"),
    ],
)
async def test_where_the_archive_is_unpacked(
    rax: RaxCloud, files: ServiceClient, container: str | None, prefix: str | None, path: str
) -> None:
    route = extracting(rax.router, FILES + path)
    await bulk.extract_archive(files, ARCHIVE, container=container, prefix=prefix)
    assert last_request(route).url.raw_path.decode() == (
        f"/v1/{RAX_FILES_TENANT}{path}?extract-archive=tar.gz"
    )


@pytest.mark.parametrize("fmt", bulk.ARCHIVE_FORMATS)
async def test_every_format_is_the_query(rax: RaxCloud, files: ServiceClient, fmt: str) -> None:
    route = extracting(rax.router, fmt=fmt)
    await bulk.extract_archive(files, ARCHIVE, fmt, container="photos")
    assert route.call_count == 1


# -- the report -----------------------------------------------------------------------


async def test_per_file_errors_are_read_from_the_report(
    rax: RaxCloud, files: ServiceClient
) -> None:
    failures = [
        [f"/v1/{RAX_FILES_TENANT}/photos/big_file.wav", "413 Request Entity Too Large"],
        ["photos/caf%C3%A9%20menu.txt", "400 Bad Request"],
        [f"/v1/{RAX_FILES_TENANT}/other", "403 Forbidden"],
        ["photos/unlucky.jpg", "503 Service Unavailable"],
    ]
    answer = report(8, "502 Bad Gateway", failures)
    # Swift sends whitespace while it works, then the report
    rax.router.put(PHOTOS).respond(200, content=b" \r\n\r\n" + json.dumps(answer).encode())

    result = await bulk.extract_archive(files, ARCHIVE, container="photos")

    assert (result.created, result.status, result.status_code) == (8, "502 Bad Gateway", 502)
    assert not result.ok
    assert [(f.name, f.status, f.status_code) for f in result.failures] == [
        ("photos/big_file.wav", "413 Request Entity Too Large", 413),
        ("photos/café menu.txt", "400 Bad Request", 400),
        ("other", "403 Forbidden", 403),
        ("photos/unlucky.jpg", "503 Service Unavailable", 503),
    ]
    assert result.raw == answer


async def test_the_rackspace_documented_report_with_errors(
    rax: RaxCloud, files: ServiceClient
) -> None:
    """The example of Rackspace's "Extracting archive files" page, as it is."""
    failures = [["/v1/AUTH_test/test_cont/big_file.wav", "413 Request Entity Too Large"]]
    rax.router.put(FILES).respond(200, json=report(10, "400 Bad Request", failures))

    result = await bulk.extract_archive(files, ARCHIVE)

    assert result.created == 10
    assert result.failures == [
        bulk.ExtractArchiveFailure(
            name="v1/AUTH_test/test_cont/big_file.wav", status="413 Request Entity Too Large"
        )
    ]


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        ("400 Bad Request", "Invalid Tar File: not a gzip file", errors.BadRequest),
        ("400 Bad Request", "Invalid Tar File: No Valid Files", errors.BadRequest),
        ("401 Unauthorized", "", errors.Unauthorized),
        ("411 Length Required", "", errors.UnexpectedResponseCode),
        ("413 Request Entity Too Large", "", errors.RequestEntityTooLarge),
    ],
)
async def test_a_request_failed_as_a_whole_raises_its_reported_status(
    rax: RaxCloud, files: ServiceClient, status: str, body: str, error: type[errors.HTTPError]
) -> None:
    rax.router.put(PHOTOS).respond(200, json=report(0, status, body=body))

    with pytest.raises(error) as caught:
        await bulk.extract_archive(files, ARCHIVE, container="photos")

    assert type(caught.value) is error
    assert caught.value.status_code == int(status[:3])
    assert caught.value.method == "PUT"
    assert caught.value.url.endswith("/photos?extract-archive=tar.gz")
    assert (body or status) in str(caught.value)


@pytest.mark.parametrize(
    "answer",
    [
        b"Number Files Created: 2\nResponse Status: 201 Created",  # text/plain: not asked for
        b"[]",
        b'{"Errors": "none"}',
        b'{"Errors": [["photos/a.jpg"]]}',
        b'{"Number Files Created": "2", "Response Status": "201 Created"}',
        b'{"Response Status": "201 Created", "Response Body": 0}',
        b"",
    ],
)
async def test_a_malformed_report_raises(
    rax: RaxCloud, files: ServiceClient, answer: bytes
) -> None:
    rax.router.put(PHOTOS).respond(200, content=answer)
    with pytest.raises(errors.ResponseFormatError):
        await bulk.extract_archive(files, ARCHIVE, container="photos")


# -- HTTP errors and options ----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [
        *HTTP_ERRORS,
        (201, errors.UnexpectedResponseCode),  # a cluster without the middleware stored it
    ],
)
async def test_http_errors(
    rax: RaxCloud, files: ServiceClient, status: int, error: type[errors.HTTPError]
) -> None:
    route = rax.router.put(PHOTOS).respond(status, text="<html><h1>Nope</h1></html>")
    with pytest.raises(error) as caught:
        await bulk.extract_archive(files, ARCHIVE, container="photos")
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert route.call_count == (2 if status == 401 else 1)  # a new token, then once more


async def test_a_refused_token_cannot_resend_an_iterator(
    rax: RaxCloud, files: ServiceClient
) -> None:
    route = rax.router.put(PHOTOS).respond(401)
    with pytest.raises(errors.BodyNotReplayable):
        await bulk.extract_archive(files, chunks_of(ARCHIVE, 100), container="photos")
    assert route.call_count == 1
    assert rax.issued == ["rax-token-1", "rax-token-2"]


@pytest.mark.parametrize(
    ("archive", "options", "field"),
    [
        (ARCHIVE, {"format": "zip"}, "format"),
        (ARCHIVE, {"format": ".tar.gz"}, "format"),
        (ARCHIVE, {"prefix": "2024"}, "prefix"),
        (ARCHIVE, {"container": "a/b"}, "container"),
        (ARCHIVE, {"container": "photos", "prefix": "2024/../etc"}, "prefix"),
        (ARCHIVE, {"content_length": -1}, "content_length"),
        ("photos.tar.gz", {}, "data"),
        (12, {}, "data"),
    ],
)
async def test_options_are_checked_before_any_request(
    rax: RaxCloud, files: ServiceClient, archive: Any, options: dict[str, Any], field: str
) -> None:
    route = rax.router.put(url__startswith=FILES)
    with pytest.raises(errors.InvalidOptions) as caught:
        await bulk.extract_archive(files, archive, **options)
    assert caught.value.field == field
    assert route.call_count == 0


# -- bulk delete, and the module ------------------------------------------------------


async def test_bulk_delete_on_cloud_files(rax: RaxCloud, files: ServiceClient) -> None:
    rax.router.get("https://storage101.dfw1.clouddrive.com/info").respond(
        200, json={"bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000}}
    )
    route = rax.router.post(FILES, params__eq={"bulk-delete": ""}).respond(
        200,
        json={
            "Number Not Found": 1,
            "Response Status": "400 Bad Request",
            "Errors": [["/photos/locked.jpg", "409 Conflict"]],
            "Number Deleted": 1,
            "Response Body": "",
        },
    )

    result = await bulk.bulk_delete(files, "photos", ["a b.jpg", "gone.jpg", "locked.jpg"])

    assert last_request(route).content == b"/photos/a%20b.jpg\n/photos/gone.jpg\n/photos/locked.jpg"
    assert (result.deleted, result.not_found) == (1, 1)
    assert [(f.container, f.name, f.status_code) for f in result.failures] == [
        ("photos", "locked.jpg", 409)
    ]


def test_the_module_is_openstacks() -> None:
    assert bulk.__all__ == openstack_bulk.__all__
    for name in bulk.__all__:
        assert getattr(bulk, name) is getattr(openstack_bulk, name)
