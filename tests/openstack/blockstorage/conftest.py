"""Fixtures of the block storage unit tests: Cinder v1/v2/v3 clients on the MockCloud.

``cinder`` is parametrised over the three versions: a test taking it runs
once per version, with the version's modules, base URL and field names.
"""

from __future__ import annotations

import pytest

from aiocloud.testing import MockCloud
from tests.helpers import Cinder, new_cinder


@pytest.fixture(params=["v1", "v2", "v3"])
async def cinder(request: pytest.FixtureRequest, cloud: MockCloud) -> Cinder:
    """Each Cinder version in turn."""
    return await new_cinder(cloud, request.param)


@pytest.fixture(params=["v2", "v3"])
async def cinder_v2plus(request: pytest.FixtureRequest, cloud: MockCloud) -> Cinder:
    """The versions with paging, cascade and the ``os-*`` actions."""
    return await new_cinder(cloud, request.param)


@pytest.fixture
async def cinder_v1(cloud: MockCloud) -> Cinder:
    return await new_cinder(cloud, "v1")


@pytest.fixture
async def cinder_v2(cloud: MockCloud) -> Cinder:
    return await new_cinder(cloud, "v2")


@pytest.fixture
async def cinder_v3(cloud: MockCloud) -> Cinder:
    return await new_cinder(cloud, "v3")
