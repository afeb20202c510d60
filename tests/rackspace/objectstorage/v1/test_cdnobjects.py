"""Cloud Files CDN objects: purge with its e-mail notice, and an object's CDN URL."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import errors
from aiocloud.rackspace.objectstorage.v1 import cdnobjects
from aiocloud.service import ServiceClient
from tests.helpers import RAX_FILES_TENANT, RaxCloud, last_request

from .conftest import CDN, FILES, HTTP_ERRORS

CDN_URI = "http://081e40d3ee1cec5f77bf-346eb45fd42c58ca13011d659bfc1ac1.r49.cf0.rackcdn.com"
SSL_URI = "https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com"
PURGED = {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": "0",
    "X-Trans-Id": "txd57d75dcd51e4a79a886d-0055101ecford1",
}


async def test_purge_deletes_the_object_on_the_cdn_endpoint(
    rax: RaxCloud, cdn: ServiceClient
) -> None:
    route = rax.router.delete(f"{CDN}/site/2024/q1 results.pdf").respond(204, headers=PURGED)

    await cdnobjects.purge(cdn, "site", "2024/q1 results.pdf")

    request = last_request(route)
    assert request.url.raw_path.decode() == f"/v1/{RAX_FILES_TENANT}/site/2024/q1%20results.pdf"
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert "X-Purge-Email" not in request.headers


@pytest.mark.parametrize(
    ("email", "header"),
    [
        ("ops@example.com", "ops@example.com"),
        (["ops@example.com", " cto@example.com"], "ops@example.com,cto@example.com"),
        (("a@example.com" for _ in range(1)), "a@example.com"),
    ],
)
async def test_purge_tells_whom_it_is_asked_to(
    rax: RaxCloud, cdn: ServiceClient, email: Any, header: str
) -> None:
    route = rax.router.delete(f"{CDN}/site/logo.png").respond(204, headers=PURGED)
    await cdnobjects.purge(cdn, "site", "logo.png", email=email)
    assert last_request(route).headers["X-Purge-Email"] == header


@pytest.mark.parametrize(
    ("email", "field"),
    [
        ([], "email"),
        ("ops.example.com", "email"),
        ("a@example.com,b@example.com", "email"),  # several: give a list
        (["ops@example.com", 42], "email"),
        ("ops@example.com\r\nX-Injected: 1", "email"),
    ],
)
async def test_purge_options_are_checked_before_any_request(
    rax: RaxCloud, cdn: ServiceClient, email: Any, field: str
) -> None:
    route = rax.router.route(url__startswith=CDN)
    with pytest.raises(errors.InvalidOptions) as caught:
        await cdnobjects.purge(cdn, "site", "logo.png", email=email)
    assert caught.value.field == field
    for name in ("", "a/../b"):
        with pytest.raises(errors.InvalidOptions) as caught:
            await cdnobjects.purge(cdn, "site", name)
        assert caught.value.field == "name"
    assert route.call_count == 0


async def test_purge_on_a_storage_client_deletes_nothing(
    rax: RaxCloud, files: ServiceClient
) -> None:
    route = rax.router.route(url__startswith=FILES)
    with pytest.raises(errors.InvalidOptions, match="rax:object-cdn") as caught:
        await cdnobjects.purge(files, "site", "logo.png")
    assert caught.value.field == "client"
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("status", "error"),
    [
        *HTTP_ERRORS,
        (498, errors.UnexpectedResponseCode),  # Rackspace's "Rate Limited": 25 purges a day
    ],
)
async def test_purge_errors(
    rax: RaxCloud, cdn: ServiceClient, status: int, error: type[errors.HTTPError]
) -> None:
    route = rax.router.delete(f"{CDN}/site/logo.png").respond(status, text="Rate Limited")
    with pytest.raises(error) as caught:
        await cdnobjects.purge(cdn, "site", "logo.png", email="ops@example.com")
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert route.call_count == (2 if status == 401 else 1)


@pytest.mark.parametrize(("ssl", "base"), [(False, CDN_URI), (True, SSL_URI)])
async def test_cdn_url_joins_the_container_uri_and_the_name(
    rax: RaxCloud, cdn: ServiceClient, ssl: bool, base: str
) -> None:
    route = rax.router.head(f"{CDN}/site").respond(
        204, headers={"X-Cdn-Uri": CDN_URI, "X-Cdn-Ssl-Uri": SSL_URI, "X-Cdn-Enabled": "True"}
    )
    url = await cdnobjects.cdn_url(cdn, "site", "img/café logo.png", ssl=ssl)
    assert url == f"{base}/img/caf%C3%A9%20logo.png"
    assert route.call_count == 1


async def test_cdn_url_of_a_container_without_uri(rax: RaxCloud, cdn: ServiceClient) -> None:
    rax.router.head(f"{CDN}/site").respond(204, headers={"X-Cdn-Uri": CDN_URI})
    with pytest.raises(errors.ResponseFormatError, match="X-Cdn-Ssl-Uri"):
        await cdnobjects.cdn_url(cdn, "site", "logo.png", ssl=True)
    rax.router.head(f"{CDN}/never").respond(404)
    with pytest.raises(errors.NotFound):
        await cdnobjects.cdn_url(cdn, "never", "logo.png")
