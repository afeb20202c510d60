"""Identity v2.0 tokens: authenticate with a password, an API key or a token.

    token = await tokens.create(identity, AuthOptions(username="demo", password="...",
                                                      tenant_name="demo"))
    token.catalog, token.user, token.project   # project = the v2.0 "tenant"

Rackspace's API keys go in ``api_key`` (``RAX-KSKEY:apiKeyCredentials``).
"""

from __future__ import annotations

from typing import Any

from ....auth import AuthOptions, Token
from ....endpoints import ServiceCatalog
from ....errors import ResponseFormatError
from ....models import parse_timestamp
from ....service import ServiceClient, parse_json

__all__ = ["build_auth_body", "create"]


def build_auth_body(opts: AuthOptions) -> dict[str, Any]:
    """The ``{"auth": ...}`` request body for ``opts`` (validated first)."""
    opts.validate("v2.0")
    auth: dict[str, Any]
    if opts.token_id:
        auth = {"token": {"id": opts.token_id}}
    elif opts.api_key:
        auth = {"RAX-KSKEY:apiKeyCredentials": {"username": opts.username, "apiKey": opts.api_key}}
    else:
        auth = {"passwordCredentials": {"username": opts.username, "password": opts.password}}
    if opts.tenant_id:
        auth["tenantId"] = opts.tenant_id
    elif opts.tenant_name:
        auth["tenantName"] = opts.tenant_name
    return {"auth": auth}


def _token_from_access(body: Any) -> Token:
    try:
        access = body["access"]
        token = access["token"]
        token_id = token["id"]
    except (KeyError, TypeError) as exc:
        raise ResponseFormatError(f"expected an 'access' object with a token: {exc!r}") from exc
    expires = token.get("expires")
    issued = token.get("issued_at")
    user = access.get("user") or {}
    return Token(
        id=token_id,
        expires_at=parse_timestamp(expires) if expires else None,
        issued_at=parse_timestamp(issued) if issued else None,
        user=user,
        project=token.get("tenant"),
        catalog=ServiceCatalog.from_v2(access.get("serviceCatalog") or ()),
        methods=(),
        roles=tuple(role.get("name", "") for role in user.get("roles") or ()),
    )


async def create(client: ServiceClient, opts: AuthOptions) -> Token:
    """Authenticate with ``opts``: ``POST /v2.0/tokens``, without a token."""
    response = await client.provider.request(
        "POST",
        client.service_url("tokens"),
        json=build_auth_body(opts),
        ok_codes=(200, 203),
        authenticated=False,
    )
    return _token_from_access(parse_json(response))
