"""objectstorage/v1/transfer: directory uploads and container downloads, with every failure."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
import trio

from aiocloud import errors, openstack
from aiocloud.openstack.objectstorage.v1 import transfer
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT, INFO, INFO_URL, SlowStream, echo_put, md5

BACKUP = f"{ACCOUNT}/backup"


def make_tree(root: Path) -> dict[str, bytes]:
    files = {
        "top.txt": b"top",
        "a/1.txt": b"one",
        "a/b/2.bin": os.urandom(2 * 1024 * 1024 + 3),
        "c/empty": b"",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


class Store:
    """A container that keeps what is PUT in it."""

    def __init__(self, cloud: MockCloud, refuse: set[str] | None = None) -> None:
        self.objects: dict[str, bytes] = {}
        self.refuse = refuse or set()
        self.container = cloud.router.put(BACKUP).respond(201)
        cloud.router.put(url__regex=rf"^{BACKUP}/.+").mock(side_effect=self.put)

    async def put(self, request: httpx.Request) -> httpx.Response:
        name = request.url.path.split("/backup/", 1)[1]
        if name in self.refuse:
            return httpx.Response(403, text="Forbidden")
        self.objects[name] = await request.aread()
        return await echo_put(request)


async def test_upload_directory(cloud: MockCloud, swift: ServiceClient, tmp_path: Path) -> None:
    files = make_tree(tmp_path)
    store = Store(cloud)
    seen: list[transfer.Progress] = []

    result = await transfer.upload_directory(
        swift, "backup", tmp_path, transfer.UploadOpts(prefix="2024/", progress=seen.append)
    )

    assert store.container.called
    assert store.objects == {f"2024/{name}": data for name, data in files.items()}
    assert result.ok
    assert result.objects_done == 4
    total = sum(len(d) for d in files.values())
    assert result.bytes_done == total
    last = seen[-1]
    assert (last.objects_done, last.objects_total, last.bytes_done, last.bytes_total) == (
        4,
        4,
        total,
        total,
    )
    assert last.totals_final
    assert all(p.bytes_done <= total for p in seen)


async def test_upload_directory_lists_every_failure(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    make_tree(tmp_path)
    Store(cloud, refuse={"a/1.txt"})
    seen: list[transfer.Progress] = []

    result = await transfer.upload_directory(
        swift, "backup", tmp_path, transfer.UploadOpts(concurrency=2, progress=seen.append)
    )

    assert not result.ok
    assert result.objects_done == 3
    assert [(f.name, f.path) for f in result.failures] == [
        ("a/1.txt", str(tmp_path / "a" / "1.txt"))
    ]
    assert isinstance(result.failures[0].error, errors.Forbidden)
    assert seen[-1].objects_failed == 1


async def test_upload_directory_large_files_become_slos(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    (tmp_path / "small").write_bytes(b"s" * 10)
    (tmp_path / "large").write_bytes(b"L" * 25)
    store = Store(cloud)
    cloud.router.get(INFO_URL).respond(200, json=INFO)
    cloud.router.put(f"{ACCOUNT}/backup_segments").respond(201)
    segments = cloud.router.put(url__regex=rf"^{ACCOUNT}/backup_segments/large/slo/").mock(
        side_effect=echo_put
    )

    result = await transfer.upload_directory(
        swift, "backup", tmp_path, transfer.UploadOpts(segment_size=10, create_container=False)
    )

    assert result.ok
    assert result.bytes_done == 35
    assert segments.call_count == 3
    assert store.objects["small"] == b"s" * 10
    assert "large" in store.objects  # the manifest
    assert not store.container.called


async def test_upload_directory_skips_symlinks_unless_asked(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    (tmp_path / "real").write_bytes(b"r")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    store = Store(cloud)
    await transfer.upload_directory(swift, "backup", tmp_path)
    assert sorted(store.objects) == ["real"]
    await transfer.upload_directory(
        swift, "backup", tmp_path, transfer.UploadOpts(follow_symlinks=True)
    )
    assert sorted(store.objects) == ["link", "real"]


async def test_upload_directory_bad_input(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await transfer.upload_directory(swift, "backup", tmp_path / "missing")
    assert caught.value.field == "directory"
    Store(cloud)
    with pytest.raises(errors.InvalidOptions) as caught:
        await transfer.upload_directory(
            swift, "backup", tmp_path, transfer.UploadOpts(concurrency=0)
        )
    assert caught.value.field == "concurrency"


def listing(*objects: tuple[str, bytes]) -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "bytes": len(data),
            "hash": md5(data),
            "content_type": "application/octet-stream",
            "last_modified": "2024-05-01T10:00:00.000000",
        }
        for name, data in objects
    ]


def serve(cloud: MockCloud, objects: dict[str, bytes], *, bad_etag: str | None = None) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        name = request.url.path.split("/backup/", 1)[1]
        if name not in objects:
            return httpx.Response(404)
        data = objects[name]
        etag = "0" * 32 if name == bad_etag else md5(data)
        return httpx.Response(
            200,
            headers={"Etag": etag, "Content-Length": str(len(data))},
            stream=SlowStream([data]),
        )

    cloud.router.get(url__regex=rf"^{BACKUP}/.+").mock(side_effect=answer)


async def test_download_container(cloud: MockCloud, swift: ServiceClient, tmp_path: Path) -> None:
    objects = {"x/a.txt": b"alpha", "x/sub/b.bin": os.urandom(3000), "x/dir/": b""}
    cloud.router.get(BACKUP, params__eq={"format": "json", "prefix": "x/"}).respond(
        200, json=listing(*objects.items())
    )
    cloud.router.get(
        BACKUP, params__eq={"format": "json", "prefix": "x/", "marker": "x/dir/"}
    ).respond(200, json=[])
    serve(cloud, objects)
    seen: list[transfer.Progress] = []

    result = await transfer.download_container(
        swift,
        "backup",
        tmp_path / "out",
        transfer.DownloadOpts(prefix="x/", strip_prefix=True, progress=seen.append),
    )

    assert result.ok
    assert result.objects_done == 3
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"alpha"
    assert (tmp_path / "out" / "sub" / "b.bin").read_bytes() == objects["x/sub/b.bin"]
    assert (tmp_path / "out" / "dir").is_dir()
    assert seen[-1].bytes_done == seen[-1].bytes_total == 3005
    assert seen[-1].totals_final


async def test_download_container_lists_every_failure(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    stored = {"ok": b"fine", "corrupt": b"bits", "../escape": b"x", "/abs": b"y"}
    listed = [*stored.items(), ("vanished", b"z")]
    cloud.router.get(BACKUP, params__eq={"format": "json"}).respond(200, json=listing(*listed))
    cloud.router.get(BACKUP, params__eq={"format": "json", "marker": "vanished"}).respond(
        200, json=[]
    )
    serve(cloud, stored, bad_etag="corrupt")

    result = await transfer.download_container(swift, "backup", tmp_path)

    assert result.objects_done == 1
    failures = {f.name: f.error for f in result.failures}
    assert sorted(failures) == ["../escape", "/abs", "corrupt", "vanished"]
    assert isinstance(failures["corrupt"], errors.ChecksumMismatch)
    assert isinstance(failures["vanished"], errors.NotFound)
    assert isinstance(failures["../escape"], errors.InvalidOptions)
    assert isinstance(failures["/abs"], errors.InvalidOptions)
    assert sorted(os.listdir(tmp_path)) == ["ok"]
    assert result.bytes_done == 4


async def test_download_of_a_missing_container_raises(
    cloud: MockCloud, swift: ServiceClient, tmp_path: Path
) -> None:
    cloud.router.get(BACKUP).respond(404)
    with pytest.raises(errors.NotFound):
        await transfer.download_container(swift, "backup", tmp_path)


def test_directory_round_trip_under_trio(tmp_path: Path) -> None:
    """Worker threads hand files over with anyio.from_thread: trio works too."""

    async def main() -> None:
        async with MockCloud() as cloud:
            swift = await openstack.new_object_storage_v1(cloud.provider)
            files = make_tree(tmp_path / "src")
            store = Store(cloud)
            uploaded = await transfer.upload_directory(swift, "backup", tmp_path / "src")
            assert uploaded.ok and uploaded.objects_done == len(files)
            names = sorted(store.objects)
            cloud.router.get(BACKUP, params__eq={"format": "json"}).respond(
                200, json=listing(*[(n, store.objects[n]) for n in names])
            )
            cloud.router.get(BACKUP, params__eq={"format": "json", "marker": names[-1]}).respond(
                200, json=[]
            )
            serve(cloud, store.objects)
            downloaded = await transfer.download_container(swift, "backup", tmp_path / "dst")
            assert downloaded.ok and downloaded.objects_done == len(files)
            for name, data in files.items():
                assert (tmp_path / "dst" / name).read_bytes() == data

    trio.run(main)
