"""Rackspace identity v2.0 fixtures: a RaxCloud and its identity client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aiocloud import rackspace
from aiocloud.service import ServiceClient
from tests.helpers import RaxCloud


@pytest.fixture
async def rax() -> AsyncIterator[RaxCloud]:
    """An authenticated RaxCloud (API key, user ``demo``, default region DFW)."""
    async with RaxCloud() as cloud:
        yield cloud


@pytest.fixture
async def identity(rax: RaxCloud) -> ServiceClient:
    return await rackspace.new_identity_v2(rax.provider)
