"""Identity v2.0 fixtures: a MockCloud whose identity speaks v2.0."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud


@pytest.fixture
async def cloud_v2() -> AsyncIterator[MockCloud]:
    """An authenticated MockCloud with identity v2.0 (``/v2.0/tokens``)."""
    async with MockCloud("v2.0") as mock:
        yield mock


@pytest.fixture
async def identity_v2(cloud_v2: MockCloud) -> ServiceClient:
    return await openstack.new_identity_v2(cloud_v2.provider)
