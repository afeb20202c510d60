"""Finding a service's URL in the identity service catalog (v2.0 and v3).

    opts = EndpointOpts(region="RegionOne").apply_defaults("compute")
    url = catalog.locate(opts)     # "https://nova:8774/v2.1/"

No match raises `ServiceNotFound` or
`EndpointNotFound`; more than one match raises
`AmbiguousEndpoint` instead of picking one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .errors import AmbiguousEndpoint, EndpointNotFound, ResponseFormatError, ServiceNotFound
from .models import Model, json_key, structure_list

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
    """Which endpoint to pick: service ``type`` and ``name``, ``region``, ``availability``.

    A field left at None is not chosen: `merged_with()` fills it from the
    cloud's defaults, and an unset ``availability`` means the public interface.
    """

    type: str | None = None
    name: str | None = None
    region: str | None = None
    availability: Availability | None = None

    def apply_defaults(self, service_type: str) -> EndpointOpts:
        """These options with ``type`` set to ``service_type`` when it was not given."""
        if self.type:
            return self
        return attrs.evolve(self, type=service_type)

    def merged_with(self, defaults: EndpointOpts) -> EndpointOpts:
        """These options, each unset field taken from ``defaults`` (the cloud's region...)."""
        return EndpointOpts(
            type=self.type or defaults.type,
            name=self.name or defaults.name,
            region=self.region or defaults.region,
            availability=self.availability or defaults.availability,
        )


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
        services = _read_catalog(catalog, _V3Service, "v3")
        try:
            return cls(
                tuple(
                    CatalogEntry(
                        type=service.type,
                        name=service.name,
                        id=service.id,
                        endpoints=tuple(
                            CatalogEndpoint(
                                url=endpoint.url,
                                interface=Availability(endpoint.interface),
                                region=endpoint.region_id or endpoint.region,
                                id=endpoint.id,
                            )
                            for endpoint in service.endpoints
                        ),
                    )
                    for service in services
                )
            )
        except ValueError as exc:
            raise ResponseFormatError(f"malformed v3 service catalog: {exc!r}") from exc

    @classmethod
    def from_v2(cls, catalog: Iterable[Mapping[str, Any]]) -> ServiceCatalog:
        """From a v2.0 access's ``serviceCatalog`` (publicURL/internalURL/adminURL)."""
        return cls(
            tuple(
                CatalogEntry(
                    type=service.type,
                    name=service.name,
                    id=service.id,
                    endpoints=tuple(
                        CatalogEndpoint(
                            url=url, interface=interface, region=endpoint.region, id=endpoint.id
                        )
                        for endpoint in service.endpoints
                        for interface, url in (
                            (Availability.PUBLIC, endpoint.public_url),
                            (Availability.INTERNAL, endpoint.internal_url),
                            (Availability.ADMIN, endpoint.admin_url),
                        )
                        if url
                    ),
                )
                for service in _read_catalog(catalog, _V2Service, "v2.0")
            )
        )

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
        interface = opts.availability or Availability.PUBLIC
        offered = [
            (entry.name, endpoint)
            for entry in services
            for endpoint in entry.endpoints
            if endpoint.interface == interface
        ]
        matching = [(name, e) for name, e in offered if not opts.region or e.region == opts.region]
        urls = sorted({e.url for _, e in matching})
        where = f"{interface.value} interface" + (
            f" in region {opts.region!r}" if opts.region else ""
        )
        if not urls:
            regions = ", ".join(sorted({e.region for _, e in offered if e.region})) or "none"
            raise EndpointNotFound(
                f"the {opts.type} service has no endpoint for the {where} "
                f"(regions offering its {interface.value} interface: {regions})"
            )
        if len(urls) > 1:
            found = f"{len(urls)} {opts.type} endpoints match the {where}: {', '.join(urls)}"
            names = sorted({name or "<unnamed>" for name, _ in matching})
            if len(names) > 1:
                raise AmbiguousEndpoint(
                    f"{found}; services {', '.join(map(repr, names))} share the type "
                    f"{opts.type!r}: set EndpointOpts.name to one of them"
                )
            raise AmbiguousEndpoint(f"{found}; set EndpointOpts.region or name")
        return normalize_url(urls[0])


@attrs.frozen
class _V3Endpoint(Model):
    url: str
    interface: str
    region_id: str | None = None
    region: str | None = None
    id: str | None = None


@attrs.frozen
class _V3Service(Model):
    type: str
    name: str | None = None
    id: str | None = None
    endpoints: tuple[_V3Endpoint, ...] = ()


@attrs.frozen
class _V2Endpoint(Model):
    public_url: str | None = json_key("publicURL", default=None)
    internal_url: str | None = json_key("internalURL", default=None)
    admin_url: str | None = json_key("adminURL", default=None)
    region: str | None = None
    id: str | None = None


@attrs.frozen
class _V2Service(Model):
    type: str
    name: str | None = None
    id: str | None = None
    endpoints: tuple[_V2Endpoint, ...] = ()


_S = TypeVar("_S")


def _read_catalog(catalog: Any, service: type[_S], version: str) -> list[_S]:
    """The catalog's services, each checked; a wrong shape raises ResponseFormatError."""
    if not isinstance(catalog, (list, tuple)):
        raise ResponseFormatError(f"malformed {version} service catalog: not a JSON array")
    try:
        return structure_list(list(catalog), service)
    except ResponseFormatError as exc:
        raise ResponseFormatError(f"malformed {version} service catalog: {exc}") from exc
