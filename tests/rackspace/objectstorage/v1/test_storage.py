"""Cloud Files storage: accounts, containers and objects are OpenStack's, on Rackspace's URLs."""

from __future__ import annotations

from types import ModuleType

import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import accounts as openstack_accounts
from aiocloud.openstack.objectstorage.v1 import containers as openstack_containers
from aiocloud.openstack.objectstorage.v1 import objects as openstack_objects
from aiocloud.rackspace.objectstorage.v1 import accounts, containers, objects
from aiocloud.service import ServiceClient
from tests.helpers import RAX_FILES_TENANT, RaxCloud, echo_put, last_request, md5

from .conftest import FILES

TEMP_URL_KEY = "ed6a04a9f70458575112811a9af5284e"


@pytest.mark.parametrize(
    ("module", "openstack"),
    [
        (accounts, openstack_accounts),
        (containers, openstack_containers),
        (objects, openstack_objects),
    ],
)
def test_the_storage_modules_are_openstacks(module: ModuleType, openstack: ModuleType) -> None:
    assert module.__all__ == openstack.__all__
    for name in module.__all__:
        assert getattr(module, name) is getattr(openstack, name)


async def test_account_details_as_rackspace_documents_them(
    rax: RaxCloud, files: ServiceClient
) -> None:
    route = rax.router.head(FILES).respond(
        204,
        headers={
            "Content-Length": "0",
            "X-Account-Object-Count": "573",
            "X-Timestamp": "1369081921.78518",
            "X-Account-Meta-Temp-Url-Key": TEMP_URL_KEY,
            "X-Account-Bytes-Used": "14268918",
            "X-Account-Container-Count": "1",
            "Content-Type": "text/plain; charset=utf-8",
            "Accept-Ranges": "bytes",
            "X-Trans-Id": "tx8e82a77399724e40a90e8-0052cf0e52dfw1",
            "Date": "Thu, 09 Jan 2014 21:02:10 GMT",
        },
    )

    account = await accounts.get(files)

    assert last_request(route).url.path == f"/v1/{RAX_FILES_TENANT}"
    assert (account.container_count, account.object_count, account.bytes_used) == (
        1,
        573,
        14268918,
    )
    assert account.temp_url_key == TEMP_URL_KEY
    assert account.metadata == {}  # the key is a secret, not metadata
    assert TEMP_URL_KEY not in repr(account)


async def test_account_temp_url_key_is_set_with_its_header(
    rax: RaxCloud, files: ServiceClient
) -> None:
    route = rax.router.post(FILES).respond(204)
    await accounts.update(files, accounts.UpdateOpts(temp_url_key=TEMP_URL_KEY))
    assert last_request(route).headers["X-Account-Meta-Temp-Url-Key"] == TEMP_URL_KEY


async def test_objects_detect_their_content_type(rax: RaxCloud, files: ServiceClient) -> None:
    """``X-Detect-Content-Type`` on upload, metadata update and copy, as Rackspace documents."""
    put = rax.router.put(f"{FILES}/site/index.html").mock(side_effect=echo_put)
    post = rax.router.post(f"{FILES}/site/index.html").respond(202)
    copied = rax.router.put(f"{FILES}/backup/index.html").respond(201, headers={"Etag": md5(b"")})

    stored = await objects.create(
        files,
        "site",
        "index.html",
        b"<h1>hi</h1>",
        objects.CreateOpts(content_type="text/plain", detect_content_type=True),
    )
    await objects.update(files, "site", "index.html", objects.UpdateOpts(detect_content_type=True))
    await objects.copy(
        files, "site", "index.html", "backup", opts=objects.CopyOpts(detect_content_type=True)
    )

    for route in (put, post, copied):
        assert last_request(route).headers["X-Detect-Content-Type"] == "true"
    assert last_request(put).content == b"<h1>hi</h1>"
    assert stored.etag == md5(b"<h1>hi</h1>")
    assert last_request(copied).headers["X-Copy-From"] == "/site/index.html"


async def test_containers_on_cloud_files(rax: RaxCloud, files: ServiceClient) -> None:
    created = rax.router.put(f"{FILES}/site").respond(201)
    rax.router.get(FILES).respond(
        200, json=[{"name": "site", "count": 1, "bytes": 11, "last_modified": "2024-05-01T10:00"}]
    )
    refused = rax.router.delete(f"{FILES}/site").respond(409)

    await containers.create(files, "site", containers.CreateOpts(metadata={"Team": "web"}))
    found = await containers.list(files, containers.ListOpts(full=True, limit=10)).all()
    with pytest.raises(containers.ContainerNotEmpty):
        await containers.delete(files, "site")

    assert last_request(created).headers["X-Container-Meta-Team"] == "web"
    assert [(c.name, c.count, c.bytes) for c in found] == [("site", 1, 11)]
    assert refused.call_count == 1


async def test_a_missing_object_is_not_found(rax: RaxCloud, files: ServiceClient) -> None:
    rax.router.head(f"{FILES}/site/gone.txt").respond(404)
    with pytest.raises(errors.NotFound):
        await objects.get(files, "site", "gone.txt")
