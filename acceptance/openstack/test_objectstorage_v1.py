"""Object storage v1 against the real Swift 2.30: Keystone tokens (demo) and tempauth.

Every container is ``unique_name`` (plus ``_segments``) and is emptied and deleted
at the end, whatever happens.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Literal

import anyio
import anyio.to_thread
import httpx
import pytest

from aiocloud import errors, openstack
from aiocloud.openstack.objectstorage.v1 import (
    accounts,
    bulk,
    containers,
    info,
    largeobjects,
    objects,
    tempauth,
    tempurl,
    transfer,
)
from aiocloud.service import ServiceClient

from .conftest import purge

MiB = 1 << 20
ST_AUTH = os.environ.get("ST_AUTH", "http://127.0.0.1:8080/auth/v1.0")
ST_USER = os.environ.get("ST_USER", "test:tester")
ST_KEY = os.environ.get("ST_KEY", "testing")


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


async def test_info_announces_what_the_tests_use(swift: ServiceClient) -> None:
    caps = await info.get(swift)
    assert caps.swift.version
    assert caps.swift.max_file_size is not None and caps.swift.max_file_size > 5 * 2**30
    assert caps.slo is not None and caps.slo.max_manifest_segments >= 10
    assert caps.bulk_delete is not None and caps.bulk_delete.max_deletes_per_request >= 1000
    assert caps.supports("tempurl")


async def test_account_metadata_round_trip(swift: ServiceClient, unique_name: str) -> None:
    key = unique_name
    try:
        await accounts.update(swift, accounts.UpdateOpts(metadata={key: "round-trip"}))
        account = await accounts.get(swift)
        assert account.metadata[key.lower()] == "round-trip"
        assert account.container_count >= 0
        assert account.trans_id
    finally:
        await accounts.update(swift, accounts.UpdateOpts(remove_metadata=[key]))
    assert key.lower() not in (await accounts.get(swift)).metadata


async def test_container_crud(swift: ServiceClient, unique_name: str) -> None:
    await containers.create(
        swift,
        unique_name,
        containers.CreateOpts(metadata={"Team": "ops", "Stage": "one"}, read_acl=".r:*"),
    )
    try:
        found = await containers.get(swift, unique_name)
        assert found.metadata == {"team": "ops", "stage": "one"}
        assert found.read_acl == ".r:*"
        assert found.object_count == 0
        assert found.storage_policy

        await containers.update(
            swift,
            unique_name,
            containers.UpdateOpts(
                metadata={"Stage": "two"}, remove_metadata=["Team"], remove_read_acl=True
            ),
        )
        found = await containers.get(swift, unique_name)
        assert found.metadata == {"stage": "two"}
        assert found.read_acl is None

        listed = await containers.list(
            swift, containers.ListOpts(full=True, prefix=unique_name)
        ).all()
        assert [c.name for c in listed] == [unique_name]
        assert await containers.list(swift, containers.ListOpts(prefix=unique_name)).all() == [
            unique_name
        ]

        await objects.create(swift, unique_name, "keep", b"x")
        assert (await containers.get(swift, unique_name)).object_count == 1
        with pytest.raises(containers.ContainerNotEmpty) as caught:
            await containers.delete(swift, unique_name)
        assert "is not empty" in str(caught.value)
        await objects.delete(swift, unique_name, "keep")
        await containers.delete(swift, unique_name)
        with pytest.raises(errors.NotFound):
            await containers.get(swift, unique_name)
    finally:
        await purge(swift, unique_name)


async def test_container_listing_with_a_delimiter(swift: ServiceClient, unique_name: str) -> None:
    names = [f"{unique_name}-a", f"{unique_name}-b", f"{unique_name}.c"]
    for name in names:
        await containers.create(swift, name)
    try:
        opts = containers.ListOpts(prefix=unique_name, delimiter="-")
        assert await containers.list(swift, opts).all() == [f"{unique_name}-", names[2]]
        full = containers.ListOpts(full=True, prefix=unique_name, delimiter="-")
        listed = await containers.list(swift, full).all()
        assert listed[0] == objects.PseudoDirectory(name=f"{unique_name}-")
        assert isinstance(listed[1], containers.Container)
        assert listed[1].name == names[2]
    finally:
        for name in names:
            await purge(swift, name)


async def test_object_crud_metadata_copy_and_ranges(swift: ServiceClient, container: str) -> None:
    data = os.urandom(100_000)
    created = await objects.create(
        swift,
        container,
        "dir/a b.bin",
        data,
        objects.CreateOpts(
            content_type="application/x-test",
            content_disposition='attachment; filename="a.bin"',
            metadata={"Color": "blue", "Owner": "ops"},
        ),
    )
    assert created.etag == md5(data)
    assert created.size == len(data)

    found = await objects.get(swift, container, "dir/a b.bin")
    assert found.content_length == len(data)
    assert found.etag == md5(data)
    assert found.content_type == "application/x-test"
    assert found.content_disposition == 'attachment; filename="a.bin"'
    assert found.metadata == {"color": "blue", "owner": "ops"}
    assert found.last_modified is not None

    await objects.update(
        swift, container, "dir/a b.bin", objects.UpdateOpts(metadata={"Stage": "2"})
    )
    assert (await objects.get(swift, container, "dir/a b.bin")).metadata == {"stage": "2"}

    async with objects.download(swift, container, "dir/a b.bin") as dl:
        assert dl.status_code == 200
        assert await dl.read() == data
    ranged = objects.DownloadOpts(range=(1000, 1999))
    async with objects.download(swift, container, "dir/a b.bin", ranged) as dl:
        assert dl.status_code == 206
        assert await dl.read() == data[1000:2000]
    suffix = objects.DownloadOpts(range=(-100, None))
    async with objects.download(swift, container, "dir/a b.bin", suffix) as dl:
        assert await dl.read() == data[-100:]
    unchanged = objects.DownloadOpts(if_none_match=md5(data))
    async with objects.download(swift, container, "dir/a b.bin", unchanged) as dl:
        assert dl.not_modified
    with pytest.raises(errors.PreconditionFailed):
        async with objects.download(
            swift, container, "dir/a b.bin", objects.DownloadOpts(if_match="0" * 32)
        ):
            pass

    copied = await objects.copy(
        swift,
        container,
        "dir/a b.bin",
        container,
        "copy/fresh",
        objects.CopyOpts(metadata={"Copied": "yes"}, fresh_metadata=True),
    )
    assert copied.etag == md5(data)
    fresh = await objects.get(swift, container, "copy/fresh")
    assert fresh.metadata == {"copied": "yes"}
    await objects.copy(swift, container, "dir/a b.bin", container, "copy/kept")
    assert (await objects.get(swift, container, "copy/kept")).metadata == {"stage": "2"}

    await objects.delete(swift, container, "dir/a b.bin")
    with pytest.raises(errors.NotFound):
        await objects.get(swift, container, "dir/a b.bin")
    with pytest.raises(errors.NotFound):
        await objects.delete(swift, container, "dir/a b.bin")
    with pytest.raises(errors.NotFound):
        await objects.list(swift, container + "-missing").all()


async def test_upload_sources_download_to_and_checksums(
    swift: ServiceClient, container: str, tmp_path: Path
) -> None:
    data = os.urandom(5 * MiB + 123)
    path = tmp_path / "source.bin"
    await anyio.Path(path).write_bytes(data)
    progress: list[int] = []

    from_path = await objects.create(swift, container, "from-path", path, progress=progress.append)
    assert from_path.etag == md5(data)
    assert sum(progress) == len(data)

    with path.open("rb") as file:
        from_file = await objects.create(swift, container, "from-file", file)
    assert from_file.etag == md5(data)

    async def stream() -> AsyncIterator[bytes]:
        for start in range(0, len(data), 64 * 1024):
            yield data[start : start + 64 * 1024]

    from_stream = await objects.create(swift, container, "from-stream", stream())
    assert from_stream.etag == md5(data)

    for name in ("from-path", "from-file", "from-stream"):
        target = tmp_path / f"{name}.out"
        found = await objects.download_to(swift, container, name, target)
        assert found.content_length == len(data)
        assert await anyio.Path(target).read_bytes() == data

    with pytest.raises(errors.ChecksumMismatch):  # Swift answers 422 to a wrong ETag
        await objects.create(swift, container, "bad", b"data", objects.CreateOpts(etag="0" * 32))
    with pytest.raises(errors.NotFound):
        await objects.get(swift, container, "bad")


async def test_5000_objects_marker_paging_prefix_delimiter_and_bulk_delete(
    swift: ServiceClient, container: str
) -> None:
    names = [f"dir{i % 10}/obj-{i:05d}" for i in range(5000)]
    limiter = anyio.Semaphore(32)

    async def upload(name: str) -> None:
        async with limiter:
            await objects.create(swift, container, name, name.encode())

    async with anyio.create_task_group() as tasks:
        for name in names:
            tasks.start_soon(upload, name)

    expected = sorted((name, len(name), md5(name.encode())) for name in names)
    pager = objects.list(swift, container, objects.ListOpts(full=True, limit=1000))
    sizes = [len(page.items) async for page in pager.pages()]
    assert sizes == [1000] * 5 + [0]
    listed = await objects.list(swift, container, objects.ListOpts(full=True, limit=1000)).all()
    assert [(o.name, o.bytes, o.hash) for o in listed] == expected
    assert all(o.content_type and o.last_modified for o in listed)

    assert await objects.list(swift, container).all() == sorted(names)
    backwards = objects.ListOpts(limit=700, reverse=True)
    assert await objects.list(swift, container, backwards).all() == sorted(names, reverse=True)

    in_dir3 = await objects.list(swift, container, objects.ListOpts(prefix="dir3/")).all()
    assert in_dir3 == sorted(n for n in names if n.startswith("dir3/"))
    top = await objects.list(
        swift, container, objects.ListOpts(full=True, delimiter="/", limit=4)
    ).all()
    assert top == [objects.PseudoDirectory(f"dir{i}/") for i in range(10)]
    window = objects.ListOpts(prefix="dir1/", marker="dir1/obj-00100", end_marker="dir1/obj-00200")
    assert await objects.list(swift, container, window).all() == [
        f"dir1/obj-{i:05d}" for i in range(101, 200, 10)
    ]

    result = await objects.bulk_delete(
        swift, container, [*names, "never-there"], per_request=500, concurrency=8
    )
    assert result.ok
    assert (result.deleted, result.not_found) == (5000, 1)
    assert await objects.list(swift, container).all() == []


def archive_of(files: dict[str, bytes], mode: Literal["w", "w:gz"] = "w:gz") -> bytes:
    """A tar archive (``mode`` "w:gz": tar.gz) of ``files`` (name -> content), in memory."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tar:
        for name, data in files.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            tar.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


async def stream_of(data: bytes, size: int = 16384) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_archive_of_500_files_streamed_listed_and_bulk_deleted(
    swift: ServiceClient, container: str
) -> None:
    files = {
        f"dir{i % 10}/file-{i:03d}.txt": f"file {i}\n".encode() * (i % 7 + 1) for i in range(500)
    }
    assert (await info.get(swift)).supports("bulk_upload")

    report = await bulk.extract_archive(
        swift, stream_of(archive_of(files)), "tar.gz", container=container, prefix="site/"
    )

    assert report.ok, report.failures
    assert (report.created, report.status_code, report.body) == (500, 201, "")
    listed = await objects.list(swift, container, objects.ListOpts(full=True)).all()
    assert [(o.name, o.bytes, o.hash) for o in listed] == sorted(
        (f"site/{name}", len(data), md5(data)) for name, data in files.items()
    )
    for name in ("dir0/file-000.txt", "dir3/file-123.txt", "dir9/file-499.txt"):
        async with objects.download(swift, container, f"site/{name}") as download:
            assert await download.read() == files[name]
    assert (await objects.get(swift, container, "site/dir0/file-000.txt")).content_type == (
        "text/plain"
    )

    result = await bulk.bulk_delete(swift, container, [o.name for o in listed], per_request=500)
    assert (result.deleted, result.failures) == (500, [])
    assert await objects.list(swift, container).all() == []


async def test_archive_into_the_account_and_errors_in_the_report(
    swift: ServiceClient, container: str
) -> None:
    into_account = archive_of({f"{container}/top.txt": b"top", "at-the-root.txt": b"skipped"}, "w")
    report = await bulk.extract_archive(swift, into_account, "tar")
    assert (report.created, report.failures, report.status_code) == (1, [], 201)

    too_long = "d/" + "x" * 1100
    archive = archive_of({"d/ok.txt": b"ok", too_long: b"too long a name", "at-the-root.txt": b"x"})

    report = await bulk.extract_archive(swift, archive, container=container)

    assert (report.created, report.status_code, report.ok) == (2, 400, False)
    assert [(f.name, f.status_code) for f in report.failures] == [(f"{container}/{too_long}", 400)]
    assert await objects.list(swift, container).all() == ["at-the-root.txt", "d/ok.txt", "top.txt"]
    with pytest.raises(errors.BadRequest, match="Invalid Tar File"):
        await bulk.extract_archive(swift, b"not a tar at all", "tar.gz", container=container)
    with pytest.raises(errors.BadRequest, match="No Valid Files"):
        await bulk.extract_archive(swift, archive_of({}), container=container)


async def test_static_large_object_of_100_mib(
    swift: ServiceClient, container: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"

    def write() -> str:
        digest = hashlib.md5()
        with path.open("wb") as file:
            for _ in range(100):
                block = os.urandom(MiB)
                digest.update(block)
                file.write(block)
        return digest.hexdigest()

    source_md5 = await anyio.to_thread.run_sync(write)
    result = await largeobjects.create_slo(
        swift,
        container,
        "big.bin",
        path,
        largeobjects.LargeObjectOpts(segment_size=10 * MiB, concurrency=4),
    )
    assert result.size == 100 * MiB
    assert len(result.segments) == 10

    found = await objects.get(swift, container, "big.bin")
    assert found.static_large_object
    assert found.content_length == 100 * MiB
    assert found.etag == result.etag
    assert len(await largeobjects.get_segments(swift, container, "big.bin")) == 10

    digest = hashlib.md5()
    received = 0
    async with objects.download(swift, container, "big.bin") as dl:
        async for chunk in dl.aiter_bytes():
            digest.update(chunk)
            received += len(chunk)
    assert received == 100 * MiB
    assert digest.hexdigest() == source_md5  # byte-identical

    ranged = objects.DownloadOpts(range=(10 * MiB - 5, 10 * MiB + 4))  # across two segments
    async with objects.download(swift, container, "big.bin", ranged) as dl:
        part = await dl.read()
    with path.open("rb") as file:
        file.seek(10 * MiB - 5)
        assert part == file.read(10)

    deleted = await largeobjects.delete(swift, container, "big.bin")
    assert deleted.ok and deleted.deleted == 11
    assert await objects.list(swift, container + "_segments").all() == []


async def test_dynamic_large_object(swift: ServiceClient, container: str) -> None:
    data = os.urandom(3 * MiB + 7)
    result = await largeobjects.create_dlo(
        swift, container, "dlo.bin", data, largeobjects.LargeObjectOpts(segment_size=MiB)
    )
    assert len(result.segments) == 4
    found = await objects.get(swift, container, "dlo.bin")
    assert found.object_manifest is not None
    async with objects.download(swift, container, "dlo.bin") as dl:
        assert await dl.read() == data
    deleted = await largeobjects.delete(swift, container, "dlo.bin")
    assert deleted.deleted == 5
    assert await objects.list(swift, container + "_segments").all() == []


async def test_temp_urls_work_without_a_token(swift: ServiceClient, container: str) -> None:
    await containers.update(swift, container, containers.UpdateOpts(temp_url_key="k-" + container))
    await objects.create(swift, container, "shared/a.txt", b"alpha")
    await objects.create(swift, container, "shared/b.txt", b"beta")

    async with httpx.AsyncClient() as anonymous:
        url = await objects.create_temp_url(
            swift,
            container,
            "shared/a.txt",
            objects.TempURLOpts(ttl=300, temp_url_key="k-" + container),
        )
        answer = await anonymous.get(url)
        assert answer.status_code == 200
        assert answer.content == b"alpha"
        assert "X-Auth-Token" not in answer.request.headers
        assert (await anonymous.head(url)).status_code == 200
        tampered = url.replace("temp_url_expires=", "temp_url_expires=1")
        assert (await anonymous.get(tampered)).status_code == 401

        # the key is found on the container when none is given; sha512 and an IP range
        url = await objects.create_temp_url(
            swift,
            container,
            "shared/b.txt",
            objects.TempURLOpts(ttl=300, digest="sha512", ip_range="127.0.0.1"),
        )
        assert (await anonymous.get(url)).content == b"beta"

        # one prefix-based signature for every object under shared/
        signed = await objects.create_temp_url(
            swift,
            container,
            "shared/a.txt",
            objects.TempURLOpts(ttl=300, prefix="shared/", temp_url_key="k-" + container),
        )
        query = signed.split("?", 1)[1]
        other = signed.split("?", 1)[0].replace("shared/a.txt", "shared/b.txt")
        assert (await anonymous.get(f"{other}?{query}")).content == b"beta"

        # a PUT temp URL uploads without a token
        put_url = tempurl.generate(
            "k-" + container,
            signed.split("?", 1)[0].replace("shared/a.txt", "shared/uploaded"),
            method="PUT",
            expires=timedelta(minutes=5),
        )
        assert (await anonymous.put(put_url, content=b"gamma")).status_code == 201
    async with objects.download(swift, container, "shared/uploaded") as dl:
        assert await dl.read() == b"gamma"


async def test_tempauth_v1_auth(unique_name: str) -> None:
    provider, swift = await tempauth.authenticate(ST_AUTH, ST_USER, ST_KEY, http_backend="httpx")
    async with provider:
        assert ST_KEY not in repr(provider)
        assert "/v1/" in swift.endpoint
        account = await accounts.get(swift)
        assert account.container_count >= 0
        await containers.create(swift, unique_name)
        try:
            data = os.urandom(2 * MiB)
            assert (await objects.create(swift, unique_name, "o", data)).etag == md5(data)
            async with objects.download(swift, unique_name, "o") as dl:
                assert await dl.read() == data
            assert await containers.list(swift, containers.ListOpts(prefix=unique_name)).all() == [
                unique_name
            ]
            located = await openstack.new_object_storage_v1(provider)
            assert located.endpoint == swift.endpoint
        finally:
            await purge(swift, unique_name)
    with pytest.raises(errors.Unauthorized):
        await tempauth.authenticate(ST_AUTH, ST_USER, "wrong-key")


async def test_directory_round_trip(swift: ServiceClient, container: str, tmp_path: Path) -> None:
    source = tmp_path / "src"
    files = {f"d{i % 3}/f{i:02d}.bin": os.urandom(1000 * i) for i in range(20)}
    files["big/large.bin"] = os.urandom(3 * MiB)
    for name, data in files.items():
        target = source / name
        await anyio.Path(target.parent).mkdir(parents=True, exist_ok=True)
        await anyio.Path(target).write_bytes(data)
    seen: list[transfer.Progress] = []

    uploaded = await transfer.upload_directory(
        swift,
        container,
        source,
        transfer.UploadOpts(prefix="bk/", concurrency=8, segment_size=MiB, progress=seen.append),
    )
    assert uploaded.ok, uploaded.failures
    assert uploaded.objects_done == len(files)
    assert seen[-1].bytes_done == seen[-1].bytes_total == sum(map(len, files.values()))

    restored = tmp_path / "restored"
    downloaded = await transfer.download_container(
        swift, container, restored, transfer.DownloadOpts(prefix="bk/", strip_prefix=True)
    )
    assert downloaded.ok, downloaded.failures
    assert downloaded.objects_done == len(files)
    for name, data in files.items():
        assert await anyio.Path(restored / name).read_bytes() == data
