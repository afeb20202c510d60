"""Block storage API versions, shared by v1, v2 and v3 (private: use the versions' modules).

The version documents live at the root of the Cinder endpoint, above the
``/v3/{project_id}`` of the catalog URL: the root lists every version (with a
300 Multiple Choices), ``/v3/`` describes one. ``version`` and ``min_version``
of a v3 document are the microversion range the server accepts.
"""

from __future__ import annotations

import builtins
import re
from datetime import datetime

import attrs

from ...errors import InvalidOptions, ResponseFormatError
from ...models import Model, extract, extract_list, json_key
from ...pagination import Link
from ...service import ServiceClient

__all__ = ["APIVersion", "get", "list", "root_url"]

_VERSION_SEGMENT = re.compile(r"^(?P<root>[a-z][a-z0-9+.-]*://[^/]+/(?:.*?/)?)v\d+(?:\.\d+)?/")


@attrs.frozen
class APIVersion(Model):
    """One API version: ``id`` (``"v3.0"``), its status and, for v3, the microversions.

    ``version`` is the highest microversion and ``min_version`` the lowest
    (both ``""`` for versions without microversions).
    """

    id: str
    status: str | None = None
    version: str | None = None
    min_version: str | None = None
    updated: datetime | None = None
    links: tuple[Link, ...] = ()
    media_types: tuple[dict[str, str], ...] = json_key("media-types", default=())


def root_url(client: ServiceClient) -> str:
    """The endpoint's root: its URL without the ``/vN/{project_id}`` part."""
    match = _VERSION_SEGMENT.match(client.endpoint)
    return match.group("root") if match else client.endpoint


async def list(client: ServiceClient) -> builtins.list[APIVersion]:
    """Every version the endpoint offers (``GET`` of its root)."""
    body = await client.json("GET", root_url(client), ok_codes=(200, 300))
    return extract_list(body, "versions", APIVersion)


async def get(client: ServiceClient, version: str) -> APIVersion:
    """One version's document (``GET /v3/``): ``version`` is ``"v3"``, ``"v3.0"``, ``"v1"``..."""
    wanted = version.strip("/")
    if not re.fullmatch(r"v\d+(?:\.\d+)?", wanted):
        raise InvalidOptions("version", f"must look like 'v3' or 'v3.0', not {version!r}")
    major = wanted.split(".")[0]
    body = await client.json("GET", root_url(client) + major + "/", ok_codes=(200, 300))
    if isinstance(body, dict) and "version" in body:
        return extract(body, "version", APIVersion)
    return _pick(extract_list(body, "versions", APIVersion), wanted)


def _pick(versions: builtins.list[APIVersion], wanted: str) -> APIVersion:
    """The document for ``wanted`` among those a ``/vN/`` answer lists."""
    major = wanted.split(".")[0]
    for item in versions:
        if item.id == wanted or item.id.split(".")[0] == major:
            return item
    raise ResponseFormatError(
        f"the answer for {wanted} describes {[v.id for v in versions]} instead"
    )
