"""ServiceClient: one service's endpoint on top of a ProviderClient.

    compute = await openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))
    compute.service_url("servers", server_id)   # "https://nova:8774/v2.1/servers/<id>"
    body = await compute.json("GET", compute.service_url("flavors"))

A ServiceClient is immutable; `ServiceClient.with_microversion()` returns a
copy that sends the microversion headers.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs
import httpx

from .endpoints import normalize_url
from .errors import InvalidOptions, ResponseFormatError
from .provider import ProviderClient, RequestOptions

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["ServiceClient", "parse_json", "parse_microversion"]

# A segment sent as is: unreserved characters only, and not "." or "..".
_SAFE_SEGMENT = re.compile(r"(?!\.\.?\Z)[A-Za-z0-9._~-]+")

# The name a service uses in ``OpenStack-API-Version: <name> X.Y``, by catalog type.
_MICROVERSION_NAMES = {
    "compute": "compute",
    "volume": "volume",
    "volumev2": "volume",
    "volumev3": "volume",
    "block-storage": "volume",
    "block-store": "volume",
    "image": "image",
    "placement": "placement",
    "shared-file-system": "shared-file-system",
    "sharev2": "shared-file-system",
    "identity": "identity",
}

# The microversion a service speaks when none is asked for, by catalog type.
_BASE_MICROVERSIONS = {
    "compute": "2.1",
    "volumev3": "3.0",
    "block-storage": "3.0",
    "block-store": "3.0",
}


def parse_microversion(text: str) -> tuple[int, int]:
    """``"2.79"`` as ``(2, 79)``; anything else raises ResponseFormatError."""
    major, _, minor = text.partition(".")
    try:
        return int(major), int(minor or 0)
    except ValueError:
        raise ResponseFormatError(f"not a microversion: {text!r}") from None


def parse_json(response: httpx.Response) -> Any:
    """The JSON body of ``response`` (None when empty); malformed raises."""
    content = response.content
    if not content:
        return None
    try:
        return jsonlib.loads(content)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        raise ResponseFormatError(
            f"{response.request.method} {response.request.url}: the answer is not valid "
            f"JSON ({exc})"
        ) from exc


def _normalize_optional_url(url: str | None) -> str | None:
    return normalize_url(url) if url else None


def _all_safe(parts: tuple[str, ...]) -> bool:
    try:
        return all(map(_SAFE_SEGMENT.fullmatch, parts))
    except TypeError:  # a part that is not a string
        return False


def _quote_path(parts: tuple[str, ...]) -> str:
    """``parts`` percent-encoded, each as one segment; a part that cannot be one raises."""
    for index, part in enumerate(parts):
        problem = _segment_problem(part)
        if problem:
            before = "/".join(map(str, parts[:index]))
            raise InvalidOptions(f"the segment after {before}/" if before else "path", problem)
    return "/".join(quote(p, safe="") for p in parts)


def _segment_problem(part: object) -> str | None:
    """Why ``part`` cannot be one URL path segment (None if it can).

    URL layers collapse ``.`` and ``..`` (aiohttp even as ``%2E``) and services
    decode ``%2F`` before routing: either would reach another resource; an
    empty segment would name the collection.
    """
    if not isinstance(part, str):
        return f"expected a string, got {type(part).__name__}"
    if not part:
        return "must not be empty (it would name the collection)"
    if part in (".", ".."):
        return f"{part!r} would be collapsed on the way and reach another resource"
    if "/" in part:
        return f"{part!r} cannot contain '/' (the service would read several segments)"
    return None


_MICROVERSION = re.compile(r"\d+\.\d+|latest")


def _check_microversion(_: object, __: object, value: str | None) -> None:
    """A microversion is ``X.Y`` or ``latest`` (it becomes a header value)."""
    if value is not None and not (isinstance(value, str) and _MICROVERSION.fullmatch(value)):
        raise InvalidOptions("microversion", f"{value!r} is not X.Y or 'latest'")


@attrs.frozen
class ServiceClient:
    """A service endpoint: where its URLs start and how its requests are sent.

    ``endpoint`` comes from the catalog (normalized to end in ``/``);
    ``resource_base`` overrides where resource URLs start (for services whose
    catalog URL is not the API root); ``type`` is the catalog type;
    ``microversion`` ("2.79") is sent with every request when set.
    """

    provider: ProviderClient
    endpoint: str = attrs.field(converter=normalize_url)
    type: str | None = None
    resource_base: str | None = attrs.field(default=None, converter=_normalize_optional_url)
    microversion: str | None = attrs.field(default=None, validator=_check_microversion)
    _headers: Mapping[str, str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_headers", self._microversion_headers())

    def _microversion_headers(self) -> dict[str, str]:
        if not self.microversion:
            return {}
        name = _MICROVERSION_NAMES.get(self.type or "", self.type or "")
        headers = {"OpenStack-API-Version": f"{name} {self.microversion}"}
        if name == "compute":
            headers["X-OpenStack-Nova-API-Version"] = self.microversion
        return headers

    def with_microversion(self, microversion: str | None) -> ServiceClient:
        """A copy of this client that requests ``microversion`` (None: the default)."""
        return attrs.evolve(self, microversion=microversion)

    @property
    def effective_microversion(self) -> str | None:
        """The microversion requests are served at: the one asked for, else the service's base.

        ``"2.1"`` for compute and ``"3.0"`` for block storage v3 when none is
        set; None for services without microversions.
        """
        if self.microversion is not None:
            return self.microversion
        return _BASE_MICROVERSIONS.get(self.type or "")

    def at_least(self, minimum: str) -> bool:
        """Whether requests are served at ``minimum`` or a later microversion.

        ``"latest"`` is later than any; a service without microversions is at
        none, so this is False for it:

        ```python
        if compute.at_least("2.47"):   # flavors embedded in servers
            ...
        ```
        """
        current = self.effective_microversion
        if current is None:
            return False
        return current == "latest" or parse_microversion(current) >= parse_microversion(minimum)

    def resource_base_url(self) -> str:
        """Where resource URLs start: ``resource_base`` or else ``endpoint``."""
        return self.resource_base or self.endpoint

    def service_url(self, *parts: str) -> str:
        """The resource base joined with ``parts``, each percent-encoded as one segment.

        A part that is not a string, is empty, ``.`` or ``..``, or contains ``/``
        raises `InvalidOptions` (naming where it goes) before any request.
        """
        path = "/".join(parts) if _all_safe(parts) else _quote_path(parts)
        return self.resource_base_url() + path

    async def request(
        self, method: str, url: str, **options: Unpack[RequestOptions]
    ) -> httpx.Response:
        """`ProviderClient.request()` with this service's headers."""
        return await self.provider.request(method, url, **self._merge(options))

    async def json(self, method: str, url: str, **options: Unpack[RequestOptions]) -> Any:
        """Send a request and return its parsed JSON body (None if empty)."""
        return parse_json(await self.provider.request(method, url, **self._merge(options)))

    @asynccontextmanager
    async def stream(
        self, method: str, url: str, **options: Unpack[RequestOptions]
    ) -> AsyncIterator[httpx.Response]:
        """`ProviderClient.stream()` with this service's headers."""
        async with self.provider.stream(method, url, **self._merge(options)) as response:
            yield response

    def _merge(self, options: RequestOptions) -> RequestOptions:
        """``options`` with this service's headers under the caller's."""
        if self._headers:
            headers = options.get("headers")
            options["headers"] = {**self._headers, **headers} if headers else self._headers
        return options
