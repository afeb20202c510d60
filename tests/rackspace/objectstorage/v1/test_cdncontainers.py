"""Cloud Files CDN containers: enable, disable, list, get, update with Rackspace's headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from aiocloud import errors
from aiocloud.rackspace.objectstorage.v1 import cdncontainers
from aiocloud.service import ServiceClient
from tests.helpers import RAX_FILES_TENANT, RaxCloud, last_request, query_of, serve_pages

from .conftest import CDN, FILES, HTTP_ERRORS

SITE = f"{CDN}/site"

CDN_URI = "http://081e40d3ee1cec5f77bf-346eb45fd42c58ca13011d659bfc1ac1.r49.cf0.rackcdn.com"
SSL_URI = "https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com"
STREAMING_URI = (
    "http://084cc2790632ccee0a12-346eb45fd42c58ca13011d659bfc1ac1.r49.stream.cf0.rackcdn.com"
)
IOS_URI = "http://acc3b9ba6a79805f5577-e7e60117100ffd73b45850c0b1fd96c1.iosr.cf5.rackcdn.com"

URIS = {
    "X-Cdn-Uri": CDN_URI,
    "X-Cdn-Ssl-Uri": SSL_URI,
    "X-Cdn-Streaming-Uri": STREAMING_URI,
    "X-Cdn-Ios-Uri": IOS_URI,
    "X-Trans-Id": "tx82a6752e00424edb9c46fa2573132e2c",
    "Content-Length": "0",
}
"""What the CDN answers an enable or an update with (Rackspace's examples)."""

SETTINGS = {**URIS, "X-Ttl": "259200", "X-Cdn-Enabled": "True", "X-Log-Retention": "False"}
"""What the CDN answers ``HEAD /<container>`` with."""


def cdn_headers(request: httpx.Request) -> dict[str, str]:
    """The CDN settings ``request`` sends (every ``X-`` header but the token)."""
    return {
        name: value
        for name, value in request.headers.items()
        if name.startswith("x-") and name != "x-auth-token"
    }


def entry(name: str, **changes: Any) -> dict[str, Any]:
    """A container of the ``format=json`` CDN listing."""
    item = {
        "name": name,
        "cdn_enabled": True,
        "ttl": 259200,
        "log_retention": False,
        "cdn_uri": CDN_URI,
        "cdn_ssl_uri": SSL_URI,
        "cdn_streaming_uri": STREAMING_URI,
        "cdn_ios_uri": IOS_URI,
    }
    item.update(changes)
    return item


PUBLISHED = cdncontainers.CDNContainer(
    name="site",
    cdn_enabled=True,
    ttl=259200,
    log_retention=False,
    cdn_uri=CDN_URI,
    cdn_ssl_uri=SSL_URI,
    cdn_streaming_uri=STREAMING_URI,
    cdn_ios_uri=IOS_URI,
)


# -- enable, disable, update ----------------------------------------------------------


async def test_enable_sends_rackspaces_headers_and_reads_the_uris(
    rax: RaxCloud, cdn: ServiceClient
) -> None:
    route = rax.router.put(SITE).respond(201, headers=URIS)

    site = await cdncontainers.enable(
        cdn, "site", cdncontainers.EnableOpts(ttl=259200, log_retention=False)
    )

    request = last_request(route)
    assert request.url.path == f"/v1/{RAX_FILES_TENANT}/site"
    assert request.headers["X-Auth-Token"] == "rax-token-1"
    assert cdn_headers(request) == {
        "x-cdn-enabled": "True",
        "x-ttl": "259200",
        "x-log-retention": "False",
    }
    assert site == PUBLISHED  # the settings sent, where the answer gives none
    assert site.raw["x-trans-id"] == "tx82a6752e00424edb9c46fa2573132e2c"
    assert "x-cdn-enabled" not in site.raw  # raw is the answer alone


async def test_enable_without_options_keeps_the_default_ttl(
    rax: RaxCloud, cdn: ServiceClient
) -> None:
    route = rax.router.put(SITE).respond(204, headers={**URIS, "X-Ttl": "259200"})

    site = await cdncontainers.enable(cdn, "site")

    assert cdn_headers(last_request(route)) == {"x-cdn-enabled": "True"}
    assert (site.cdn_enabled, site.ttl, site.cdn_uri) == (True, cdncontainers.DEFAULT_TTL, CDN_URI)


async def test_disable_posts_only_the_flag(rax: RaxCloud, cdn: ServiceClient) -> None:
    route = rax.router.post(SITE).respond(204, headers=URIS)

    site = await cdncontainers.disable(cdn, "site")

    assert cdn_headers(last_request(route)) == {"x-cdn-enabled": "False"}
    assert (site.name, site.cdn_enabled, site.cdn_ssl_uri) == ("site", False, SSL_URI)


async def test_update_sends_the_settings_given(rax: RaxCloud, cdn: ServiceClient) -> None:
    """Rackspace's "Update CDN-enabled container metadata" example."""
    answer = {**URIS, "X-Ttl": "259200", "X-Cdn-Enabled": "True", "X-Log-Retention": "False"}
    route = rax.router.post(SITE).respond(204, headers=answer)

    site = await cdncontainers.update(
        cdn, "site", cdncontainers.UpdateOpts(cdn_enabled=True, ttl=86400, log_retention=True)
    )

    assert cdn_headers(last_request(route)) == {
        "x-cdn-enabled": "True",
        "x-ttl": "86400",
        "x-log-retention": "True",
    }
    assert site == PUBLISHED  # what the answer says wins


async def test_update_leaves_out_what_is_not_given(rax: RaxCloud, cdn: ServiceClient) -> None:
    route = rax.router.post(SITE).respond(204)

    site = await cdncontainers.update(cdn, "site", cdncontainers.UpdateOpts(log_retention=True))

    assert cdn_headers(last_request(route)) == {"x-log-retention": "True"}
    assert (site.cdn_enabled, site.ttl, site.log_retention, site.cdn_uri) == (
        False,
        None,
        True,
        None,
    )


@pytest.mark.parametrize(
    ("opts", "field"),
    [
        (cdncontainers.EnableOpts(ttl=899), "ttl"),
        (cdncontainers.EnableOpts(ttl=31_536_001), "ttl"),
        (cdncontainers.EnableOpts(ttl=True), "ttl"),
        (cdncontainers.EnableOpts(ttl="3600"), "ttl"),  # type: ignore[arg-type]
        (cdncontainers.EnableOpts(log_retention="yes"), "log_retention"),  # type: ignore[arg-type]
        (cdncontainers.UpdateOpts(), "cdn_enabled"),
        (cdncontainers.UpdateOpts(ttl=0), "ttl"),
    ],
)
async def test_options_are_checked_before_any_request(
    rax: RaxCloud, cdn: ServiceClient, opts: Any, field: str
) -> None:
    route = rax.router.route(url__startswith=CDN)
    call = (
        cdncontainers.enable if isinstance(opts, cdncontainers.EnableOpts) else cdncontainers.update
    )
    with pytest.raises(errors.InvalidOptions) as caught:
        await call(cdn, "site", opts)
    assert caught.value.field == field
    assert route.call_count == 0


@pytest.mark.parametrize("ttl", [cdncontainers.MIN_TTL, cdncontainers.MAX_TTL])
async def test_the_ttl_range_is_rackspaces(rax: RaxCloud, cdn: ServiceClient, ttl: int) -> None:
    route = rax.router.put(SITE).respond(201, headers=URIS)
    site = await cdncontainers.enable(cdn, "site", cdncontainers.EnableOpts(ttl=ttl))
    assert last_request(route).headers["X-Ttl"] == str(ttl)
    assert site.ttl == ttl
    assert (cdncontainers.MIN_TTL, cdncontainers.MAX_TTL) == (900, 365 * 24 * 3600)


# -- get and list ---------------------------------------------------------------------


async def test_get_reads_the_cdn_headers(rax: RaxCloud, cdn: ServiceClient) -> None:
    route = rax.router.head(SITE).respond(204, headers=SETTINGS)

    site = await cdncontainers.get(cdn, "site")

    assert last_request(route).method == "HEAD"
    assert site == PUBLISHED
    assert site.raw["x-cdn-uri"] == CDN_URI


async def test_get_without_the_streaming_links(rax: RaxCloud, cdn: ServiceClient) -> None:
    headers = {"X-Cdn-Uri": CDN_URI, "X-Cdn-Ssl-Uri": SSL_URI, "X-Cdn-Enabled": "False"}
    rax.router.head(SITE).respond(204, headers={**headers, "X-Ttl": "900"})

    site = await cdncontainers.get(cdn, "site")

    assert (site.cdn_enabled, site.ttl, site.log_retention) == (False, 900, False)
    assert (site.cdn_streaming_uri, site.cdn_ios_uri) == (None, None)


async def test_list_pages_the_enabled_containers_with_a_marker(
    rax: RaxCloud, cdn: ServiceClient
) -> None:
    documented = {  # Rackspace's own example writes the URIs under their header names
        "cdn_enabled": True,
        "X-Cdn-Ios-Uri": IOS_URI,
        "X-Cdn-Ssl-Uri": SSL_URI,
        "X-Cdn-Streaming-Uri": STREAMING_URI,
        "X-Cdn-Uri": CDN_URI,
        "log_retention": False,
        "name": "site",
        "ttl": 259200,
    }
    route = serve_pages(
        rax.router,
        CDN,
        [entry("images", ttl=900, log_retention=True), entry("movies", cdn_enabled=False)],
        [documented],
        [],
    )

    found = await cdncontainers.list(cdn).all()

    assert [list(call.request.url.params.multi_items()) for call in route.calls] == [
        [("format", "json"), ("enabled_only", "true")],
        [("format", "json"), ("enabled_only", "true"), ("marker", "movies")],
        [("format", "json"), ("enabled_only", "true"), ("marker", "site")],
    ]
    assert [(c.name, c.cdn_enabled, c.ttl, c.log_retention) for c in found] == [
        ("images", True, 900, True),
        ("movies", False, 259200, False),
        ("site", True, 259200, False),
    ]
    assert found[2] == PUBLISHED
    assert found[2].raw == documented


async def test_list_options(rax: RaxCloud, cdn: ServiceClient) -> None:
    route = rax.router.get(CDN).respond(200, json=[entry("a"), entry("b")])
    opts = cdncontainers.ListOpts(enabled_only=False, limit=2, marker="0", end_marker="z")

    found = await cdncontainers.list(cdn, opts, max_items=2).all()

    assert query_of(route) == [
        ("format", "json"),
        ("enabled_only", "false"),
        ("limit", "2"),
        ("marker", "0"),
        ("end_marker", "z"),
    ]
    assert [c.name for c in found] == ["a", "b"]


async def test_an_empty_listing_is_204(rax: RaxCloud, cdn: ServiceClient) -> None:
    rax.router.get(CDN).respond(204)
    assert await cdncontainers.list(cdn).all() == []


@pytest.mark.parametrize(
    "body",
    [
        {"name": "site"},
        ["site", "images"],  # the text/plain listing's names, sent as JSON
        [{"cdn_enabled": True}],
        [entry("site", ttl="soon")],
        [entry("site", ttl=3600.5)],
        [entry("site", cdn_uri=42)],
        [entry(7)],  # type: ignore[arg-type]
    ],
)
async def test_a_malformed_listing_raises(rax: RaxCloud, cdn: ServiceClient, body: Any) -> None:
    rax.router.get(CDN).respond(200, json=body)
    with pytest.raises(errors.ResponseFormatError):
        await cdncontainers.list(cdn).all()


async def test_a_listing_that_is_not_json_raises(rax: RaxCloud, cdn: ServiceClient) -> None:
    rax.router.get(CDN).respond(200, text="images\nmovies\n")
    with pytest.raises(errors.ResponseFormatError):
        await cdncontainers.list(cdn).all()


async def test_malformed_cdn_headers_raise(rax: RaxCloud, cdn: ServiceClient) -> None:
    rax.router.head(SITE).respond(204, headers={**SETTINGS, "X-Ttl": "3 days"})
    with pytest.raises(errors.ResponseFormatError):
        await cdncontainers.get(cdn, "site")


# -- errors ---------------------------------------------------------------------------

OPERATIONS: dict[str, Callable[[ServiceClient], Awaitable[Any]]] = {
    "enable": lambda client: cdncontainers.enable(client, "site"),
    "get": lambda client: cdncontainers.get(client, "site"),
    "update": lambda client: cdncontainers.update(
        client, "site", cdncontainers.UpdateOpts(ttl=3600)
    ),
    "disable": lambda client: cdncontainers.disable(client, "site"),
    "list": lambda client: cdncontainers.list(client).all(),
}


@pytest.mark.parametrize(
    ("status", "error"),
    HTTP_ERRORS,
)
@pytest.mark.parametrize("operation", OPERATIONS)
async def test_http_errors(
    rax: RaxCloud,
    cdn: ServiceClient,
    operation: str,
    status: int,
    error: type[errors.HTTPError],
) -> None:
    headers = {} if status == 413 else {"Retry-After": "20"}  # a 413 with it is a rate limit
    route = rax.router.route(url__startswith=CDN).respond(
        status, headers=headers, text="<html><h1>Nope</h1></html>"
    )
    with pytest.raises(error) as caught:
        await OPERATIONS[operation](cdn)
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert route.call_count == (2 if status == 401 else 1)
    if status == 401:
        assert rax.issued == ["rax-token-1", "rax-token-2"]  # a new token was tried once


async def test_a_storage_client_is_refused(rax: RaxCloud, files: ServiceClient) -> None:
    route = rax.router.route(url__startswith=FILES)
    for operation in OPERATIONS.values():
        with pytest.raises(errors.InvalidOptions, match="rax:object-cdn") as caught:
            await operation(files)
        assert caught.value.field == "client"
    assert route.call_count == 0


async def test_a_hand_built_client_without_a_type_is_trusted(rax: RaxCloud) -> None:
    route = rax.router.head(SITE).respond(204, headers=SETTINGS)
    cdn = ServiceClient(rax.provider, CDN)
    assert await cdncontainers.get(cdn, "site") == PUBLISHED
    assert route.call_count == 1
