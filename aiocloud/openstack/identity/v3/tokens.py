"""Identity v3 tokens: create (authenticate), get, validate, revoke.

```python
token = await tokens.create(identity, AuthOptions(username="demo", password="...",
                                                  domain_name="Default", tenant_name="demo"))
token.catalog.locate(EndpointOpts(type="compute"))
info = await tokens.get(identity, other_token_id)     # who/what the token is for
await tokens.revoke(identity, other_token_id)
```
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ....auth import AuthOptions, Token, TokenDomain, TokenProject, TokenUser
from ....endpoints import ServiceCatalog
from ....errors import NotFound, ResponseFormatError
from ....models import Model, extract
from ....params import check_header
from ....service import ServiceClient, parse_json
from .._roles import Role

__all__ = ["build_auth_body", "create", "get", "revoke", "token_from_response", "validate"]


def build_auth_body(opts: AuthOptions) -> dict[str, Any]:
    """The ``{"auth": ...}`` request body for ``opts`` (validated first)."""
    opts.validate("v3")
    auth: dict[str, Any] = {"identity": _identity(opts)}
    if not opts.application_credential_secret:
        scope = _scope(opts)
        if scope:
            auth["scope"] = scope
    return {"auth": auth}


def _domain(domain_id: str | None, domain_name: str | None) -> dict[str, str] | None:
    if domain_id:
        return {"id": domain_id}
    if domain_name:
        return {"name": domain_name}
    return None


def _user(opts: AuthOptions) -> dict[str, Any]:
    if opts.user_id:
        return {"id": opts.user_id}
    user: dict[str, Any] = {"name": opts.username}
    domain = _domain(opts.domain_id, opts.domain_name)
    if domain:
        user["domain"] = domain
    return user


def _identity(opts: AuthOptions) -> dict[str, Any]:
    if opts.application_credential_secret:
        credential: dict[str, Any] = {"secret": opts.application_credential_secret}
        if opts.application_credential_id:
            credential["id"] = opts.application_credential_id
        else:
            credential["name"] = opts.application_credential_name
            credential["user"] = _user(opts)
        return {"methods": ["application_credential"], "application_credential": credential}
    if opts.token_id:
        return {"methods": ["token"], "token": {"id": opts.token_id}}
    user = _user(opts)
    user["password"] = opts.password
    return {"methods": ["password"], "password": {"user": user}}


def _scope(opts: AuthOptions) -> dict[str, Any] | None:
    if opts.tenant_id:
        return {"project": {"id": opts.tenant_id}}
    if opts.tenant_name:
        domain = _domain(opts.project_domain_id, opts.project_domain_name) or _domain(
            opts.domain_id, opts.domain_name
        )
        return {"project": {"name": opts.tenant_name, "domain": domain}}
    domain = _domain(opts.scope_domain_id, opts.scope_domain_name)
    if domain:
        return {"domain": domain}
    if opts.system_scope:
        return {"system": {opts.system_scope: True}}
    return None


def token_from_response(token_id: str | None, body: Any) -> Token:
    """A `Token` from ``X-Subject-Token`` and a ``{"token": ...}`` body."""
    if not token_id:
        raise ResponseFormatError("the identity service sent no X-Subject-Token header")
    data = extract(body, "token", _TokenBody)
    roles = data.roles or ()
    return Token(
        id=token_id,
        expires_at=data.expires_at,
        issued_at=data.issued_at,
        user=data.user,
        project=data.project,
        catalog=ServiceCatalog.from_v3(data.catalog or ()),
        methods=data.methods or (),
        roles=tuple(role.name for role in roles),
        role_ids=tuple(role.id for role in roles if role.id),
        domain=data.domain,
        system=_system_scope(data.system),
        audit_ids=data.audit_ids or (),
    )


def _system_scope(system: dict[str, Any] | None) -> str | None:
    """``"all"`` for a token with ``"system": {"all": true}``."""
    if not system:
        return None
    scopes = [name for name, granted in system.items() if granted is True]
    return ",".join(sorted(scopes)) or None


@attrs.frozen
class _TokenBody(Model):
    """The ``token`` object of an answer, each field checked."""

    expires_at: datetime | None = None
    issued_at: datetime | None = None
    user: TokenUser | None = None
    project: TokenProject | None = None
    domain: TokenDomain | None = None
    system: dict[str, Any] | None = None
    catalog: list[dict[str, Any]] | None = None
    methods: tuple[str, ...] | None = None
    roles: tuple[Role, ...] | None = None
    audit_ids: tuple[str, ...] | None = None


async def create(client: ServiceClient, opts: AuthOptions) -> Token:
    """Authenticate with ``opts``: ``POST /v3/auth/tokens``, without a token."""
    response = await client.provider.request(
        "POST",
        client.service_url("auth", "tokens"),
        json=build_auth_body(opts),
        ok_codes=(201,),
        authenticated=False,
    )
    return token_from_response(response.headers.get("X-Subject-Token"), parse_json(response))


def _subject(token_id: str) -> dict[str, str]:
    return {"X-Subject-Token": check_header("X-Subject-Token", token_id, "token_id")}


async def get(client: ServiceClient, token_id: str) -> Token:
    """Validate ``token_id`` and return what it grants (``GET /v3/auth/tokens``)."""
    response = await client.request(
        "GET", client.service_url("auth", "tokens"), headers=_subject(token_id)
    )
    subject = response.headers.get("X-Subject-Token") or token_id
    return token_from_response(subject, parse_json(response))


async def validate(client: ServiceClient, token_id: str) -> bool:
    """True if ``token_id`` is valid, False if the identity service does not know it."""
    try:
        await client.request(
            "HEAD",
            client.service_url("auth", "tokens"),
            headers=_subject(token_id),
            ok_codes=(200, 204),
        )
    except NotFound:
        return False
    return True


async def revoke(client: ServiceClient, token_id: str) -> None:
    """Revoke ``token_id`` (``DELETE /v3/auth/tokens``)."""
    await client.request(
        "DELETE",
        client.service_url("auth", "tokens"),
        headers=_subject(token_id),
        ok_codes=(204,),
    )
