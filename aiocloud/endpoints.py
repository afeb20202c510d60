"""Finding a service's URL in the identity service catalog (v2.0 and v3).

    opts = EndpointOpts(region="RegionOne").apply_defaults("compute")
    url = catalog.locate(opts)     # "https://nova:8774/v2.1/"

No match raises :class:`~aiocloud.errors.ServiceNotFound` or
:class:`~aiocloud.errors.EndpointNotFound`; more than one match raises
:class:`~aiocloud.errors.AmbiguousEndpoint` instead of picking one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .errors import AmbiguousEndpoint, EndpointNotFound, ResponseFormatError, ServiceNotFound

__all__ = [
    "Availability",
    "CatalogEndpoint",
    "CatalogEntry",
    "EndpointOpts",
    "ServiceCatalog",
    "normalize_url",
]


class Availability(str, enum.Enum):
    """Which interface of an endpoint to use."""

    PUBLIC = "public"
    INTERNAL = "internal"
    ADMIN = "admin"


@attrs.frozen
class EndpointOpts:
    """Which endpoint to pick: service ``type`` and ``name``, ``region``, ``availability``."""

    type: str | None = None
    name: str | None = None
    region: str | None = None
    availability: Availability = Availability.PUBLIC

    def apply_defaults(self, service_type: str) -> EndpointOpts:
        """These options with ``type`` set to ``service_type`` when it was not given."""
        if self.type:
            return self
        return attrs.evolve(self, type=service_type)


@attrs.frozen
class CatalogEndpoint:
    """One URL of a service, for one interface in one region."""

    url: str
    interface: Availability
    region: str | None = None
    id: str | None = None


@attrs.frozen
class CatalogEntry:
    """A service in the catalog with all its endpoints."""

    type: str
    name: str | None
    id: str | None
    endpoints: tuple[CatalogEndpoint, ...]


def normalize_url(url: str) -> str:
    """``url`` with exactly one trailing slash (gophercloud's NormalizeURL)."""
    return url.rstrip("/") + "/"


@attrs.frozen
class ServiceCatalog:
    """The catalog returned with a token, in one shape for identity v2.0 and v3."""

    entries: tuple[CatalogEntry, ...] = ()

    @classmethod
    def from_v3(cls, catalog: Iterable[Mapping[str, Any]]) -> ServiceCatalog:
        """From a v3 token's ``catalog`` list."""
        try:
            return cls(
                tuple(
                    CatalogEntry(
                        type=service["type"],
                        name=service.get("name"),
                        id=service.get("id"),
                        endpoints=tuple(
                            CatalogEndpoint(
                                url=endpoint["url"],
                                interface=Availability(endpoint["interface"]),
                                region=endpoint.get("region_id") or endpoint.get("region"),
                                id=endpoint.get("id"),
                            )
                            for endpoint in service.get("endpoints", ())
                        ),
                    )
                    for service in catalog
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResponseFormatError(f"malformed v3 service catalog: {exc!r}") from exc

    @classmethod
    def from_v2(cls, catalog: Iterable[Mapping[str, Any]]) -> ServiceCatalog:
        """From a v2.0 access's ``serviceCatalog`` (publicURL/internalURL/adminURL)."""
        keys = (
            (Availability.PUBLIC, "publicURL"),
            (Availability.INTERNAL, "internalURL"),
            (Availability.ADMIN, "adminURL"),
        )
        try:
            return cls(
                tuple(
                    CatalogEntry(
                        type=service["type"],
                        name=service.get("name"),
                        id=service.get("id"),
                        endpoints=tuple(
                            CatalogEndpoint(
                                url=endpoint[key],
                                interface=interface,
                                region=endpoint.get("region"),
                                id=endpoint.get("id"),
                            )
                            for endpoint in service.get("endpoints", ())
                            for interface, key in keys
                            if endpoint.get(key)
                        ),
                    )
                    for service in catalog
                )
            )
        except (KeyError, TypeError) as exc:
            raise ResponseFormatError(f"malformed v2.0 service catalog: {exc!r}") from exc

    def locate(self, opts: EndpointOpts) -> str:
        """The one URL matching ``opts`` (normalized with a trailing slash)."""
        if not opts.type:
            raise ServiceNotFound("EndpointOpts.type is required to search the catalog")
        services = [
            entry
            for entry in self.entries
            if entry.type == opts.type and (not opts.name or entry.name == opts.name)
        ]
        if not services:
            known = ", ".join(sorted({e.type for e in self.entries})) or "none"
            wanted = opts.type + (f" named {opts.name!r}" if opts.name else "")
            raise ServiceNotFound(f"no {wanted} service in the catalog (it has: {known})")
        urls = sorted(
            {
                endpoint.url
                for entry in services
                for endpoint in entry.endpoints
                if endpoint.interface == opts.availability
                and (not opts.region or endpoint.region == opts.region)
            }
        )
        where = f"{opts.availability.value} interface" + (
            f" in region {opts.region!r}" if opts.region else ""
        )
        if not urls:
            raise EndpointNotFound(f"the {opts.type} service has no endpoint for the {where}")
        if len(urls) > 1:
            raise AmbiguousEndpoint(
                f"{len(urls)} {opts.type} endpoints match the {where}: {', '.join(urls)}; "
                "set EndpointOpts.region or name"
            )
        return normalize_url(urls[0])
