"""objectstorage/v1/tempurl: signatures checked against Swift 2.30's own ``get_hmac``; keys found.

The expected signatures were computed with ``swift.common.digest.get_hmac`` of the
Swift the acceptance tests run against (key ``mykey``, expiry 1893456000).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import tempurl
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT

LOGS = f"{ACCOUNT}/logs"

URL = "https://swift.test:8080/v1/AUTH_test/c/o%20b"
EXPIRES = datetime(2030, 1, 1, tzinfo=timezone.utc)  # 1893456000


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


@pytest.mark.parametrize(
    ("digest", "signature"),
    [
        ("sha1", "36b5ebaa77a70d96d875b112902d79f008770170"),
        ("sha256", "bf10fdff57e57f54923b1d1374f83c53a05fb65ce9374934d57970a715c8f139"),
        (
            "sha512",
            "bdfba085cf050569b544b540c61706ea1a77d2e25f216b834113a35d85f3d680"
            "afd3e0df9f2fb6f840da1ee8db8b49be4d9ca2dd9d66ed6b9afdf9b81c03dfdd",
        ),
    ],
)
def test_signatures_match_swift(digest: tempurl.Digest, signature: str) -> None:
    url = tempurl.generate("mykey", URL, expires=EXPIRES, digest=digest)
    assert url.startswith(URL + "?")
    assert query(url) == {"temp_url_sig": [signature], "temp_url_expires": ["1893456000"]}


def test_prefix_signature_matches_swift() -> None:
    url = tempurl.generate(
        "mykey",
        "https://swift.test/v1/AUTH_test/c/pics/2024/a.jpg",
        expires=EXPIRES,
        prefix="pics/",
    )
    assert query(url)["temp_url_sig"] == [
        "fff607cc97b1cc97b50a96e87c967fd972b619497b3b04bba514bff4f2eb4861"
    ]
    assert query(url)["temp_url_prefix"] == ["pics/"]


def test_ip_range_signature_matches_swift() -> None:
    url = tempurl.generate(
        b"mykey",
        "https://swift.test/v1/AUTH_test/c/o",
        expires=EXPIRES,
        method="put",
        ip_range="10.0.0.0/8",
    )
    assert query(url)["temp_url_sig"] == [
        "dca2df3f937eff5beca2d36acb49ed3cdfa79e74a853932eb8d91849d4bf13ce"
    ]
    assert query(url)["temp_url_ip_range"] == ["10.0.0.0/8"]


def test_relative_expiry_iso8601_filename_inline() -> None:
    before = int(time.time())
    url = tempurl.generate(
        "k", URL, expires=timedelta(minutes=10), filename="report 1.pdf", inline=True
    )
    expires = int(query(url)["temp_url_expires"][0])
    assert before + 600 <= expires <= int(time.time()) + 600
    assert query(url)["filename"] == ["report 1.pdf"]
    assert url.endswith("&inline")
    iso = tempurl.generate("k", URL, expires=EXPIRES, iso8601=True)
    assert query(iso)["temp_url_expires"] == ["2030-01-01T00:00:00Z"]
    assert (
        query(iso)["temp_url_sig"]
        == query(tempurl.generate("k", URL, expires=EXPIRES))["temp_url_sig"]
    )


def test_naive_datetimes_are_utc() -> None:
    naive = tempurl.generate("k", URL, expires=datetime(2030, 1, 1))
    assert query(naive)["temp_url_expires"] == ["1893456000"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"key": ""}, "key"),
        ({"method": "PATCH"}, "method"),
        ({"digest": "md5"}, "digest"),
        ({"expires": timedelta(seconds=-1)}, "expires"),
        ({"expires": 1893456000}, "expires"),
        ({"url": "https://swift.test/AUTH_x/c/o"}, "url"),
        ({"url": "https://swift.test/v1/AUTH_x/c"}, "url"),
        ({"prefix": "other/"}, "prefix"),
    ],
)
def test_bad_input_is_refused(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {"key": "k", "url": URL, "expires": EXPIRES, **kwargs}
    key = arguments.pop("key")
    url = arguments.pop("url")
    with pytest.raises(errors.InvalidOptions) as caught:
        tempurl.generate(key, url, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


# -- create_temp_url: the key read from the account or the container ----------------


async def test_create_temp_url_with_a_key_is_offline(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    before = len(cloud.router.calls)
    url = await tempurl.create_temp_url(
        swift, "logs", "a b", tempurl.TempURLOpts(ttl=60, temp_url_key="k")
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
    url = await tempurl.create_temp_url(
        swift, "logs", "o", tempurl.TempURLOpts(expires_at=datetime(2030, 1, 1))
    )
    assert account.called and container.called
    assert "temp_url_expires=1893456000" in url

    cloud.router.head(LOGS).respond(204)
    with pytest.raises(errors.InvalidOptions) as caught:
        await tempurl.create_temp_url(swift, "logs", "o", tempurl.TempURLOpts(ttl=5))
    assert caught.value.field == "temp_url_key"


@pytest.mark.parametrize(
    "opts",
    [
        tempurl.TempURLOpts(temp_url_key="k"),
        tempurl.TempURLOpts(ttl=5, expires_at=datetime(2030, 1, 1), temp_url_key="k"),
        tempurl.TempURLOpts(ttl=-5, temp_url_key="k"),
    ],
)
async def test_create_temp_url_needs_one_expiry(
    cloud: MockCloud, swift: ServiceClient, opts: tempurl.TempURLOpts
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await tempurl.create_temp_url(swift, "logs", "o", opts)
    assert caught.value.field == "ttl"
    assert "temp_url_key='k'" not in repr(opts)
