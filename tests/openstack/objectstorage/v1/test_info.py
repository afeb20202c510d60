"""objectstorage/v1/info: where /info is and what is read from it."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import info
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import INFO, INFO_URL


async def test_get_parses_the_capabilities(cloud: MockCloud, swift: ServiceClient) -> None:
    body = {**INFO, "staticweb": {}, "tempurl": {**INFO["tempurl"], "allowed_digests": ["sha256"]}}
    route = cloud.router.get(INFO_URL).respond(200, json=body)

    caps = await info.get(swift)

    assert route.called
    assert caps.swift.max_file_size == 5368709122
    assert caps.swift.container_listing_limit == 10000
    assert caps.slo is not None and caps.slo.max_manifest_segments == 1000
    assert caps.bulk_delete is not None and caps.bulk_delete.max_deletes_per_request == 10000
    assert caps.tempurl is not None and caps.tempurl.allowed_digests == ["sha256"]
    assert caps.supports("staticweb")
    assert not caps.supports("formpost")
    assert caps.raw["staticweb"] == {}


async def test_missing_sections_are_none(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(INFO_URL).respond(200, json={"swift": {"version": "2.30.1"}})
    caps = await info.get(swift)
    assert caps.slo is None
    assert caps.bulk_delete is None
    assert caps.tempurl is None
    assert caps.swift.version == "2.30.1"


async def test_disabled_or_malformed(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(INFO_URL).respond(403)
    with pytest.raises(errors.Forbidden):
        await info.get(swift)
    cloud.router.get(INFO_URL).respond(200, json=["not", "an", "object"])
    with pytest.raises(errors.ResponseFormatError):
        await info.get(swift)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("https://swift.test:8080/v1/AUTH_x", "https://swift.test:8080/info"),
        ("https://swift.test/object-store/v1/AUTH_x/", "https://swift.test/object-store/info"),
        ("https://swift.test:8080/", "https://swift.test:8080/info"),
    ],
)
def test_info_url(cloud: MockCloud, endpoint: str, expected: str) -> None:
    assert info.info_url(ServiceClient(cloud.provider, endpoint)) == expected
