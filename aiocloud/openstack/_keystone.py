"""Keystone as a ProviderClient's authenticator: version discovery, tokens, the catalog.

    provider = ProviderClient(url, authenticator=KeystoneAuthenticator(opts))
    await provider.authenticate()

The identity version comes from the URL (``.../v3``, ``.../v2.0``); an
unversioned URL is resolved by version discovery (one extra request, made with
the first token request).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..auth import AuthOptions, IdentityVersion, Token
from ..endpoints import EndpointOpts, ServiceCatalog, normalize_url
from ..errors import AiocloudError, InvalidOptions, ResponseFormatError, ServiceNotFound
from ..service import ServiceClient, parse_json

if TYPE_CHECKING:
    from ..provider import ProviderClient

__all__ = ["KeystoneAuthenticator", "identity_root"]

_VERSIONED = re.compile(r"^(?P<base>.*?/)(?P<version>v3|v2\.0)/?$")


def identity_root(url: str) -> str:
    """The identity root of ``url``: ``https://k:5000/`` for ``https://k:5000/v3``."""
    match = _VERSIONED.match(url)
    return normalize_url(match.group("base") if match else url)


class KeystoneAuthenticator:
    """Tokens from Keystone v3 or v2.0 with ``opts``, services from the token's catalog.

    Options that no identity version accepts raise `InvalidOptions` at once.
    """

    def __init__(self, opts: AuthOptions) -> None:
        if not opts.identity_endpoint:
            raise InvalidOptions("identity_endpoint", "is required")
        if not _VERSIONED.match(opts.identity_endpoint):
            _validate_for_some_version(opts)  # before discovery's request
        self._opts = opts
        self._identity: ServiceClient | None = None
        self._version: IdentityVersion | None = None

    @property
    def allow_reauth(self) -> bool:
        """``opts.allow_reauth``: renew the token on a 401 and before it expires."""
        return self._opts.allow_reauth

    @property
    def identity_endpoint(self) -> str | None:
        """The versioned identity URL (after discovery for an unversioned one)."""
        return self._identity.endpoint if self._identity else None

    @property
    def identity_base(self) -> str | None:
        """The root the identity versions live under."""
        return identity_root(self._identity.endpoint) if self._identity else None

    async def fetch_token(self, provider: ProviderClient) -> Token:
        """A new token: ``POST /v3/auth/tokens`` or ``POST /v2.0/tokens``."""
        if self._identity is None or self._identity.provider is not provider:
            version, url = await _choose_version(provider, self._opts.identity_endpoint or "")
            self._opts.validate(version)
            self._identity = ServiceClient(provider, url, type="identity")
            self._version = version
        if self._version == "v3":
            from .identity.v3 import tokens
        else:
            from .identity.v2 import tokens  # type: ignore[no-redef]
        return await tokens.create(self._identity, self._opts)

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        """The URL of the service ``opts`` names in the token's catalog."""
        catalog = token.catalog if token else None
        if not isinstance(catalog, ServiceCatalog):
            raise ServiceNotFound("the token has no service catalog")
        return catalog.locate(opts)


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
