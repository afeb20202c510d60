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

import re
from typing import TYPE_CHECKING, Any

import attrs

from ..auth import AuthOptions
from ..endpoints import EndpointOpts
from ..errors import AiocloudError, ResponseFormatError
from ..provider import ClientOptions, ProviderClient, check_client_options
from ..service import ServiceClient, parse_microversion
from ._connect import AuthenticatedClient, connect, new_service
from ._keystone import KeystoneAuthenticator, identity_root

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


def new_client(endpoint: str, **client_options: Unpack[ClientOptions]) -> ProviderClient:
    """An unauthenticated ProviderClient for the identity service at ``endpoint``.

    ``client_options`` go to `ProviderClient` (timeouts,
    TLS, transport, retry policy, concurrency limit).
    """
    check_client_options(client_options)
    return ProviderClient(endpoint, identity_base=identity_root(endpoint), **client_options)


async def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Authenticate ``provider`` at Keystone with ``opts``; services come from its catalog.

    With ``opts.allow_reauth`` the provider re-authenticates by itself on a 401
    and before the token expires.
    """
    if opts.identity_endpoint is None and provider.identity_endpoint:
        opts = attrs.evolve(opts, identity_endpoint=provider.identity_endpoint)
    await provider.authenticate(KeystoneAuthenticator(opts))


def authenticated_client(
    opts: AuthOptions | None = None,
    *,
    cloud: str | None = None,
    **client_options: Unpack[ClientOptions],
) -> AuthenticatedClient:
    """An authenticated ProviderClient: ``await`` it, or use it with ``async with``.

    Credentials come from ``opts``; else from clouds.yaml (``cloud`` or
    ``OS_CLOUD``); else from the ``OS_*`` environment. ``client_options`` go to
    `ProviderClient`; a misspelt one raises TypeError at once.
    """
    check_client_options(client_options)

    def load() -> CloudConfig:
        from ..config import load_cloud_config

        return load_cloud_config(cloud)

    return AuthenticatedClient(lambda: connect(opts, load, client_options, KeystoneAuthenticator))


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
        located = await new_service(provider, eo, "identity")
        return ServiceClient(
            provider, identity_root(located.endpoint) + version + "/", type="identity"
        )
    if provider.identity_base is None:
        raise AiocloudError("the provider has no identity_base: authenticate it first")
    return ServiceClient(provider, provider.identity_base + version + "/", type="identity")


async def new_compute_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Compute v2/v2.1 (Nova), catalog type ``compute``."""
    return await new_service(provider, eo, "compute")


async def new_network_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Networking v2.0 (Neutron), type ``network``; resources live under ``v2.0/``."""
    client = await new_service(provider, eo, "network")
    if client.endpoint.rstrip("/").endswith("/v2.0"):
        return client
    return ServiceClient(
        provider, client.endpoint, type="network", resource_base=client.endpoint + "v2.0/"
    )


async def new_block_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v1 (Cinder), catalog type ``volume``."""
    return await new_service(provider, eo, "volume")


async def new_block_storage_v2(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v2 (Cinder), catalog type ``volumev2``."""
    return await new_service(provider, eo, "volumev2")


async def new_block_storage_v3(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Block storage v3 (Cinder), catalog type ``volumev3`` (or ``block-storage``)."""
    client = await new_service(provider, eo, "volumev3", fallback_types=("block-storage",))
    return ServiceClient(provider, client.endpoint, type="volumev3")


async def new_object_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Object storage v1 (Swift), catalog type ``object-store``."""
    return await new_service(provider, eo, "object-store")


async def negotiate_microversion(
    client: ServiceClient, *, maximum: str | None = None
) -> ServiceClient:
    """A copy of ``client`` at the highest microversion both sides support.

    Reads the service's version document (``GET`` of the endpoint's version
    root, ``.../v3/`` for ``.../v3/<project_id>/``) for its
    ``min_version``/``version``; ``maximum`` caps what the caller supports and
    defaults to what aiocloud supports for the service type (compute:
    `aiocloud.openstack.compute.v2.MAX_MICROVERSION`, block storage:
    `aiocloud.openstack.blockstorage.v3.MAX_MICROVERSION`).
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


def library_max_microversion(service_type: str | None) -> str | None:
    """The highest microversion aiocloud supports for ``service_type`` (None: no limit).

    The service packages are imported only when asked about.
    """
    if service_type == "compute":
        from .compute.v2 import MAX_MICROVERSION

        return MAX_MICROVERSION
    if service_type in ("volumev3", "block-storage", "block-store"):
        from .blockstorage.v3 import MAX_MICROVERSION as BLOCK_STORAGE_MAX

        return BLOCK_STORAGE_MAX
    return None
