"""Acceptance tests run against a real cloud given by OS_* (skipped without one).

``../shared/peers/cloud/up.sh`` then ``source /tmp/peers-cloud/env.sh`` gives
the admin; DEMO_USERNAME / DEMO_PASSWORD / DEMO_PROJECT_NAME name a member.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import attrs
import pytest

from aiocloud import AuthOptions, ProviderClient, openstack

pytestmark = pytest.mark.skipif(not os.environ.get("OS_AUTH_URL"), reason="OS_AUTH_URL not set")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("OS_AUTH_URL"):
        return
    skip = pytest.mark.skip(reason="acceptance tests need a cloud: OS_AUTH_URL is not set")
    for item in items:
        item.add_marker(skip)


@pytest.fixture
def admin_options() -> AuthOptions:
    return AuthOptions.from_env()


@pytest.fixture
def demo_options(admin_options: AuthOptions) -> AuthOptions:
    return attrs.evolve(
        admin_options,
        username=os.environ.get("DEMO_USERNAME", "demo"),
        password=os.environ.get("DEMO_PASSWORD", "demo-secret"),
        tenant_name=os.environ.get("DEMO_PROJECT_NAME", "demo"),
        tenant_id=None,
    )


@pytest.fixture
async def admin(admin_options: AuthOptions) -> AsyncIterator[ProviderClient]:
    """A provider authenticated as the cloud's admin."""
    async with openstack.authenticated_client(admin_options) as provider:
        yield provider


@pytest.fixture
async def demo(demo_options: AuthOptions) -> AsyncIterator[ProviderClient]:
    """A provider authenticated as a non-admin member."""
    async with openstack.authenticated_client(demo_options) as provider:
        yield provider


@pytest.fixture
def unique_name() -> str:
    """A name no other run uses: ``aiocloud-<random>``."""
    return f"aiocloud-{uuid.uuid4().hex[:10]}"
