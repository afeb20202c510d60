"""Cloud Files fixtures: a RaxCloud, its storage client and its CDN client (region DFW)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aiocloud import errors, rackspace
from aiocloud.service import ServiceClient
from tests.helpers import RaxCloud, rax_url

FILES = rax_url("cloudFiles", "DFW")
"""The Cloud Files account URL: ``https://storage101.dfw1.clouddrive.com/v1/MossoCloudFS_...``."""
CDN = rax_url("cloudFilesCDN", "DFW")
"""The CDN management URL of the same account: ``https://cdn.dfw1.clouddrive.com/v1/...``."""

HTTP_ERRORS: list[tuple[int, type[errors.HTTPError]]] = [
    (401, errors.Unauthorized),  # once a new token was refused too
    (403, errors.Forbidden),
    (404, errors.NotFound),
    (409, errors.Conflict),
    (413, errors.RequestEntityTooLarge),
]
"""The refusals every Cloud Files operation is tested with, and what each raises."""


@pytest.fixture
async def rax() -> AsyncIterator[RaxCloud]:
    """An authenticated RaxCloud (API key, user ``demo``, default region DFW)."""
    async with RaxCloud() as cloud:
        yield cloud


@pytest.fixture
async def files(rax: RaxCloud) -> ServiceClient:
    """Cloud Files storage, found in the catalog (``object-store`` named ``cloudFiles``)."""
    client = await rackspace.new_object_storage_v1(rax.provider)
    assert client.resource_base_url() == FILES + "/"
    return client


@pytest.fixture
async def cdn(rax: RaxCloud) -> ServiceClient:
    """The CDN management endpoint, found in the catalog (``rax:object-cdn``)."""
    client = await rackspace.new_object_cdn_v1(rax.provider)
    assert client.resource_base_url() == CDN + "/"
    return client
