"""Identity v2.0 tokens: authenticate with a password, an API key or a token.

    token = await tokens.create(identity, AuthOptions(username="demo", password="...",
                                                      tenant_name="demo"))
    token.catalog, token.user, token.project   # project = the v2.0 "tenant"
    info = await tokens.get(identity, other_token_id)   # validate it (an admin call)

Rackspace's API keys go in ``api_key`` (``RAX-KSKEY:apiKeyCredentials``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ....auth import AuthOptions, Token, TokenProject, TokenUser
from ....endpoints import ServiceCatalog
from ....errors import ResponseFormatError
from ....models import Model, extract, json_key
from ....service import ServiceClient, parse_json
from .._roles import Role

__all__ = ["build_auth_body", "create", "get"]


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
    access = extract(body, "access", _Access)
    token = access.token
    if not token.id:
        raise ResponseFormatError("the identity service sent an empty token id")
    user = access.user
    roles = (user.roles if user else None) or ()
    return Token(
        id=token.id,
        expires_at=token.expires,
        issued_at=token.issued_at,
        user=TokenUser(id=user.id, name=user.name, raw=user.raw) if user else None,
        project=token.tenant,
        catalog=ServiceCatalog.from_v2(access.service_catalog or ()),
        methods=(),
        roles=tuple(role.name for role in roles),
        role_ids=_role_ids(access, roles),
        audit_ids=token.audit_ids or (),
    )


def _role_ids(access: _Access, roles: tuple[Role, ...]) -> tuple[str, ...]:
    """The roles' ids: on each role, or in ``metadata.roles`` (Keystone's v2.0)."""
    ids = tuple(role.id for role in roles if role.id)
    if ids or access.metadata is None:
        return ids
    return access.metadata.roles or ()


@attrs.frozen
class _TokenInfo(Model):
    id: str
    expires: datetime | None = None
    issued_at: datetime | None = None
    tenant: TokenProject | None = None
    audit_ids: tuple[str, ...] | None = None


@attrs.frozen
class _User(Model):
    id: str
    name: str | None = None
    roles: tuple[Role, ...] | None = None


@attrs.frozen
class _Metadata(Model):
    roles: tuple[str, ...] | None = None


@attrs.frozen
class _Access(Model):
    """The ``access`` object of an answer, each field checked."""

    token: _TokenInfo
    user: _User | None = None
    metadata: _Metadata | None = None
    service_catalog: list[dict[str, Any]] | None = json_key("serviceCatalog", default=None)


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


async def get(client: ServiceClient, token_id: str, *, belongs_to: str | None = None) -> Token:
    """Validate ``token_id`` (``GET /v2.0/tokens/<id>``, an admin call): what it grants.

    ``belongs_to`` checks it is scoped to that tenant; NotFound if it is not valid.
    """
    response = await client.request(
        "GET",
        client.service_url("tokens", token_id),
        params={"belongsTo": belongs_to} if belongs_to else None,
        ok_codes=(200, 203),
    )
    return _token_from_access(parse_json(response))
