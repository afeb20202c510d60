"""Fixtures of the OpenStack acceptance tests: the demo project's Swift and a container."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aiocloud import ProviderClient, errors, openstack
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.service import ServiceClient


async def purge(swift: ServiceClient, container: str) -> None:
    """Delete ``container`` and everything in it (no error if it is gone)."""
    try:
        names = await objects.list(swift, container).all()
    except errors.NotFound:
        return
    if names:
        await objects.bulk_delete(swift, container, names, per_request=500, concurrency=8)
    await containers.delete(swift, container)


@pytest.fixture
async def swift(demo: ProviderClient) -> ServiceClient:
    """Object storage of the demo project, found in the Keystone catalog."""
    return await openstack.new_object_storage_v1(demo)


@pytest.fixture
async def container(swift: ServiceClient, unique_name: str) -> AsyncIterator[str]:
    await containers.create(swift, unique_name)
    try:
        yield unique_name
    finally:
        await purge(swift, unique_name)
        await purge(swift, unique_name + "_segments")
