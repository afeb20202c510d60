"""OpenStack: authenticate, then make a ServiceClient per service.

    async with openstack.authenticated_client(AuthOptions.from_env()) as provider:
        compute = await openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))

    provider = await openstack.authenticated_client(cloud="mycloud")   # clouds.yaml
    ...
    await provider.aclose()

The identity version comes from the URL (``.../v3``, ``.../v2.0``); an
unversioned URL is resolved by version discovery (one extra request).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any

import attrs

from ..auth import AuthOptions, IdentityVersion, Token
from ..endpoints import EndpointOpts, ServiceCatalog, normalize_url
from ..errors import AiocloudError, InvalidOptions, ResponseFormatError, ServiceNotFound
from ..provider import ClientOptions, ProviderClient, check_client_options
from ..service import ServiceClient, parse_json

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..config import CloudConfig

__all__ = [
    "authenticate",
    "authenticated_client",
    "library_max_microversion",
    "negotiate_microversion",
    "new_block_storage_v1",
    "new_block_storage_v2",
    "new_block_storage_v3",
    "new_client",
    "new_compute_v2",
    "new_identity_v2",
    "new_identity_v3",
    "new_network_v2",
    "new_object_storage_v1",
    "parse_microversion",
]

_VERSIONED = re.compile(r"^(?P<base>.*?/)(?P<version>v3|v2\.0)/?$")


def new_client(endpoint: str, **client_options: Unpack[ClientOptions]) -> ProviderClient:
    """An unauthenticated ProviderClient for the identity service at ``endpoint``.

    ``client_options`` go to :class:`~aiocloud.ProviderClient` (timeouts,
    TLS, transport, retry policy, concurrency limit).
    """
    check_client_options(client_options)
    provider = ProviderClient(endpoint, **client_options)
    match = _VERSIONED.match(endpoint)
    provider.identity_base = normalize_url(match.group("base") if match else endpoint)
    return provider


async def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Authenticate ``provider`` with ``opts`` and install the catalog locator.

    With ``opts.allow_reauth`` the provider re-authenticates by itself on a 401
    and before the token expires.
    """
    endpoint = opts.identity_endpoint or provider.identity_endpoint
    if not endpoint:
        raise InvalidOptions("identity_endpoint", "is required")
    if opts.identity_endpoint is None:
        opts = attrs.evolve(opts, identity_endpoint=endpoint)
    if not _VERSIONED.match(endpoint):
        _validate_for_some_version(opts)  # reject bad options before discovery's request
    version, versioned_url = await _choose_version(provider, endpoint)
    opts.validate(version)
    identity = ServiceClient(provider, versioned_url, type="identity")

    async def fetch_token() -> Token:
        if version == "v3":
            from .identity.v3 import tokens
        else:
            from .identity.v2 import tokens  # type: ignore[no-redef]
        return await tokens.create(identity, opts)

    provider.set_token(await fetch_token())
    provider.identity_endpoint = versioned_url
    if provider.identity_base is None:
        provider.identity_base = normalize_url(
            m.group("base") if (m := _VERSIONED.match(versioned_url)) else versioned_url
        )
    provider.reauth_func = fetch_token if opts.allow_reauth else None

    async def locate(eo: EndpointOpts) -> str:
        token = provider.token
        catalog = token.catalog if token else None
        if not isinstance(catalog, ServiceCatalog):
            raise ServiceNotFound("the token has no service catalog")
        return catalog.locate(eo)

    provider.endpoint_locator = locate


def _validate_for_some_version(opts: AuthOptions) -> None:
    try:
        opts.validate("v3")
    except InvalidOptions:
        try:
            opts.validate("v2.0")
        except InvalidOptions:
            pass
        else:
            return
        raise


async def _choose_version(provider: ProviderClient, endpoint: str) -> tuple[IdentityVersion, str]:
    match = _VERSIONED.match(endpoint)
    if match:
        version: IdentityVersion = "v3" if match.group("version") == "v3" else "v2.0"
        return version, normalize_url(endpoint)
    return await _discover_version(provider, normalize_url(endpoint))


async def _discover_version(provider: ProviderClient, root: str) -> tuple[IdentityVersion, str]:
    """GET the identity root and pick v3 if offered, else v2.0."""
    response = await provider.request("GET", root, ok_codes=(200, 300), authenticated=False)
    body = parse_json(response)
    try:
        versions = body["versions"]
        values = versions["values"] if isinstance(versions, dict) else versions
        offered = {
            v["id"].split(".")[0] if v["id"].startswith("v3") else v["id"]: v
            for v in values
            if v.get("status", "stable").lower() in ("stable", "current", "supported")
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise ResponseFormatError(f"{root}: unreadable version document ({exc!r})") from exc
    for wanted in ("v3", "v2.0"):
        if wanted in offered:
            links = offered[wanted].get("links") or ()
            href = next((link["href"] for link in links if link.get("rel") == "self"), None)
            chosen: IdentityVersion = "v3" if wanted == "v3" else "v2.0"
            return chosen, normalize_url(href or root + wanted)
    raise AiocloudError(f"{root} offers no identity version aiocloud supports (v3, v2.0)")


class _AuthenticatedClient:
    """Awaitable (gives the provider) and async context manager (closes it)."""

    def __init__(self, make: Callable[[], Awaitable[ProviderClient]]) -> None:
        self._make = make
        self._provider: ProviderClient | None = None

    def __await__(self) -> Generator[Any, None, ProviderClient]:
        return self._make().__await__()

    async def __aenter__(self) -> ProviderClient:
        self._provider = await self._make()
        return self._provider

    async def __aexit__(self, *exc_info: object) -> None:
        if self._provider is not None:
            await self._provider.aclose()


def authenticated_client(
    opts: AuthOptions | None = None,
    *,
    cloud: str | None = None,
    **client_options: Unpack[ClientOptions],
) -> _AuthenticatedClient:
    """An authenticated ProviderClient: ``await`` it, or use it with ``async with``.

    Credentials come from ``opts``; else from clouds.yaml (``cloud`` or
    ``OS_CLOUD``); else from the ``OS_*`` environment. ``client_options`` go to
    :class:`~aiocloud.ProviderClient`; a misspelt one raises TypeError at once.
    """
    check_client_options(client_options)

    async def make() -> ProviderClient:
        config: CloudConfig | None = None
        auth_opts = opts
        options: ClientOptions = {**client_options}
        if auth_opts is None:
            from ..config import load_cloud_config

            config = load_cloud_config(cloud)
            auth_opts = config.auth
            options = {**config.client_options(), **options}
        if not auth_opts.identity_endpoint:
            raise InvalidOptions("identity_endpoint", "is required (OS_AUTH_URL or auth_url)")
        provider = new_client(auth_opts.identity_endpoint, **options)
        if config is not None:
            provider.default_endpoint_opts = config.endpoint_opts()
            provider.endpoint_overrides = config.endpoint_overrides
        try:
            await authenticate(provider, auth_opts)
        except BaseException:
            await provider.aclose()
            raise
        return provider

    return _AuthenticatedClient(make)


async def _new_service(
    provider: ProviderClient,
    eo: EndpointOpts | None,
    service_type: str,
    *,
    fallback_types: tuple[str, ...] = (),
    resource_suffix: str | None = None,
) -> ServiceClient:
    if provider.endpoint_locator is None:
        raise AiocloudError("the provider is not authenticated: call openstack.authenticate")
    defaults = provider.default_endpoint_opts
    opts = (eo.merged_with(defaults) if eo else defaults).apply_defaults(service_type)
    override = _endpoint_override(provider, opts.type)
    if override is not None:
        return ServiceClient(provider, override, type=service_type)
    try:
        url = await provider.endpoint_locator(opts)
    except ServiceNotFound:
        if (eo is not None and eo.type) or not fallback_types:
            raise
        url = await _locate_first(provider, opts, fallback_types)
    resource_base = normalize_url(url) + resource_suffix if resource_suffix else None
    return ServiceClient(provider, url, type=service_type, resource_base=resource_base)


def _endpoint_override(provider: ProviderClient, service_type: str | None) -> str | None:
    """The cloud's ``<service>_endpoint_override`` URL, its ``%(project_id)s`` filled in."""
    url = provider.endpoint_overrides.get(service_type or "")
    if url is None or "%(" not in url:
        return url
    project = provider.token.project if provider.token else None
    if project is None:
        raise InvalidOptions(
            f"{service_type}_endpoint_override", "names %(project_id)s but the token has no project"
        )
    return url.replace("%(project_id)s", project.id).replace("%(tenant_id)s", project.id)


async def _locate_first(
    provider: ProviderClient, opts: EndpointOpts, types: tuple[str, ...]
) -> str:
    assert provider.endpoint_locator is not None
    for index, service_type in enumerate(types):
        try:
            return await provider.endpoint_locator(
                EndpointOpts(service_type, opts.name, opts.region, opts.availability)
            )
        except ServiceNotFound:
            if index == len(types) - 1:
                raise
    raise ServiceNotFound(f"none of {types} is in the catalog")


async def new_identity_v2(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Identity v2.0: the catalog's endpoint matching ``eo``, else ``<identity base>/v2.0/``."""
    return await _identity_client(provider, eo, "v2.0")


async def new_identity_v3(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Identity v3: the catalog's endpoint matching ``eo``, else ``<identity base>/v3/``."""
    return await _identity_client(provider, eo, "v3")


async def _identity_client(
    provider: ProviderClient, eo: EndpointOpts | None, version: str
) -> ServiceClient:
    """Identity at ``version`` under the located or overridden root, else the identity base."""
    if eo is not None or "identity" in provider.endpoint_overrides:
        located = await _new_service(provider, eo, "identity")
        match = _VERSIONED.match(located.endpoint)
        root = normalize_url(match.group("base")) if match else located.endpoint
        return ServiceClient(provider, root + version + "/", type="identity")
    if provider.identity_base is None:
        raise AiocloudError("the provider has no identity_base: authenticate it first")
    return ServiceClient(provider, provider.identity_base + version + "/", type="identity")


async def new_compute_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Compute v2/v2.1 (Nova), catalog type ``compute``."""
    return await _new_service(provider, eo, "compute")


async def new_network_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Networking v2.0 (Neutron), type ``network``; resources live under ``v2.0/``."""
    client = await _new_service(provider, eo, "network")
    if client.endpoint.rstrip("/").endswith("/v2.0"):
        return client
    return ServiceClient(
        provider, client.endpoint, type="network", resource_base=client.endpoint + "v2.0/"
    )


async def new_block_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v1 (Cinder), catalog type ``volume``."""
    return await _new_service(provider, eo, "volume")


async def new_block_storage_v2(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v2 (Cinder), catalog type ``volumev2``."""
    return await _new_service(provider, eo, "volumev2")


async def new_block_storage_v3(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v3 (Cinder), catalog type ``volumev3`` (or ``block-storage``)."""
    client = await _new_service(provider, eo, "volumev3", fallback_types=("block-storage",))
    return ServiceClient(provider, client.endpoint, type="volumev3")


async def new_object_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Object storage v1 (Swift), catalog type ``object-store``."""
    return await _new_service(provider, eo, "object-store")


async def negotiate_microversion(
    client: ServiceClient, *, maximum: str | None = None
) -> ServiceClient:
    """A copy of ``client`` at the highest microversion both sides support.

    Reads the service's version document (``GET`` of the endpoint's version
    root, ``.../v3/`` for ``.../v3/<project_id>/``) for its
    ``min_version``/``version``; ``maximum`` caps what the caller supports and
    defaults to what aiocloud supports for the service type (compute:
    :data:`aiocloud.openstack.compute.v2.MAX_MICROVERSION`, block storage:
    :data:`aiocloud.openstack.blockstorage.v3.MAX_MICROVERSION`).
    """
    if maximum is None:
        maximum = library_max_microversion(client.type)
    root = _version_root(client.endpoint)
    body = await client.json("GET", root, ok_codes=(200, 300))
    version = _version_document(body)
    if version is None:
        raise ResponseFormatError(f"{root}: no version document to negotiate with")
    server_max = version.get("version") or version.get("max_version")
    server_min = version.get("min_version")
    if not server_max:
        return client.with_microversion(None)
    chosen = parse_microversion(server_max)
    if maximum is not None:
        chosen = min(chosen, parse_microversion(maximum))
    if server_min and chosen < parse_microversion(server_min):
        raise AiocloudError(
            f"{client.endpoint} supports microversions {server_min}-{server_max}, "
            f"none at or below {maximum}"
        )
    return client.with_microversion(f"{chosen[0]}.{chosen[1]}")


_VERSION_ROOT = re.compile(r"^(.*?/v\d+(?:\.\d+)?/).*$")


def _version_root(endpoint: str) -> str:
    """The versioned root of an endpoint: project ids and paths after it dropped."""
    match = _VERSION_ROOT.match(endpoint)
    return match.group(1) if match else endpoint


def _version_document(body: Any) -> dict[str, Any] | None:
    """``{"version": {...}}`` (Nova) or a one-entry ``{"versions": [...]}`` (Cinder)."""
    if not isinstance(body, dict):
        return None
    version = body.get("version")
    if isinstance(version, dict):
        return version
    versions = body.get("versions")
    if isinstance(versions, list) and len(versions) == 1 and isinstance(versions[0], dict):
        found: dict[str, Any] = versions[0]
        return found
    return None


# The module that defines ``MAX_MICROVERSION`` (what aiocloud supports), by catalog type.
_MICROVERSION_MODULES = {
    "compute": "aiocloud.openstack.compute.v2",
    "volumev3": "aiocloud.openstack.blockstorage.v3",
    "block-storage": "aiocloud.openstack.blockstorage.v3",
    "block-store": "aiocloud.openstack.blockstorage.v3",
}


def library_max_microversion(service_type: str | None) -> str | None:
    """The highest microversion aiocloud supports for ``service_type`` (None: no limit)."""
    module = _MICROVERSION_MODULES.get(service_type or "")
    if module is None:
        return None
    maximum: str = importlib.import_module(module).MAX_MICROVERSION
    return maximum


def parse_microversion(text: str) -> tuple[int, int]:
    """``"2.79"`` as ``(2, 79)``; anything else raises ResponseFormatError."""
    major, _, minor = text.partition(".")
    try:
        return int(major), int(minor or 0)
    except ValueError:
        raise ResponseFormatError(f"not a microversion: {text!r}") from None
