"""Networking API versions: which versions Neutron serves and the resources of one.

```python
async for version in apiversions.list_versions(network):
    print(version.id, version.status)                 # v2.0 CURRENT
async for resource in apiversions.list_version_resources(network, "v2.0"):
    print(resource.collection)                        # networks, subnets, ports, ...
```
"""

from __future__ import annotations

import re

import attrs

from ....errors import InvalidOptions
from ....models import Model
from ....pagination import Link, Pager, SinglePage
from ....service import ServiceClient

__all__ = ["APIVersion", "APIVersionResource", "list_version_resources", "list_versions"]

_VERSIONED_SUFFIX = re.compile(r"v2\.0/$")
_VERSION = re.compile(r"v\d+(?:\.\d+)?")


@attrs.frozen
class APIVersion(Model):
    """A version Neutron serves (``v2.0``) and its status (``CURRENT``)."""

    id: str
    status: str = ""
    links: tuple[Link, ...] = ()


@attrs.frozen
class APIVersionResource(Model):
    """A resource of a version: its ``name`` (``network``) and ``collection`` (``networks``)."""

    name: str
    collection: str
    links: tuple[Link, ...] = ()


def _root(client: ServiceClient) -> str:
    """Neutron's unversioned root, whether the catalog URL names the version or not."""
    return _VERSIONED_SUFFIX.sub("", client.endpoint)


def list_versions(client: ServiceClient) -> Pager[APIVersion]:
    """The API versions (``GET /`` of the endpoint)."""
    return Pager(client, _root(client), SinglePage(APIVersion, "versions"))


def list_version_resources(
    client: ServiceClient, version: str = "v2.0"
) -> Pager[APIVersionResource]:
    """The resources of one version (``GET /v2.0/``); ``version`` looks like ``v2.0``."""
    if not isinstance(version, str) or not _VERSION.fullmatch(version.strip("/")):
        raise InvalidOptions("version", f"must look like 'v2' or 'v2.0', not {version!r}")
    url = _root(client) + version.strip("/") + "/"
    return Pager(client, url, SinglePage(APIVersionResource, "resources"))
