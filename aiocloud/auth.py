"""Credentials (`AuthOptions`) and what authenticating yields (`Token`).

Secrets (password, api_key, token_id, application credential secret, token
ids) never appear in ``repr``, ``str``, logs or exception messages:

```python
opts = AuthOptions(identity_endpoint="https://keystone:5000/v3",
                   username="demo", password="s3cret", domain_name="Default",
                   tenant_name="demo", allow_reauth=True)
repr(opts)   # "AuthOptions(identity_endpoint=..., username='demo', password=<set>, ...)"
```
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import attrs

from ._redact import REDACTED, fingerprint
from .errors import InvalidOptions
from .models import Model

__all__ = ["AuthOptions", "Token", "TokenDomain", "TokenProject", "TokenUser", "redact"]

_SECRETS = frozenset({"password", "api_key", "token_id", "application_credential_secret"})

IdentityVersion = Literal["v2.0", "v3"]


def redact(secret: str | None) -> str:
    """What a secret shows as in logs and reprs: a constant, never the value or its hash."""
    return REDACTED if secret else "<none>"


def _repr_without_secrets(self: Any) -> str:
    parts = []
    for field in attrs.fields(type(self)):
        value = getattr(self, field.name)
        if value is None or value is False:
            continue
        shown = "<set>" if field.name in _SECRETS else repr(value)
        parts.append(f"{field.name}={shown}")
    return f"{type(self).__name__}({', '.join(parts)})"


@attrs.frozen(repr=False)
class AuthOptions:
    """How to authenticate against identity v2.0 or v3 (gophercloud's AuthOptions).

    User: ``username`` (+ ``domain_id``/``domain_name`` on v3) or ``user_id``.
    Secret: ``password``, ``api_key`` (Rackspace, v2.0), ``token_id`` (an existing
    token), or an application credential (``application_credential_id``, or its
    name with the user, plus ``application_credential_secret``).
    Scope: a project by ``tenant_id`` or ``tenant_name`` (+ ``project_domain_*``,
    which default to the user's domain), a domain (``scope_domain_id``/``_name``)
    or the system (``system_scope="all"``).
    ``allow_reauth`` (on by default) renews the token on a 401 and before it
    expires; ``False`` leaves a provider with the first token until it expires.
    """

    identity_endpoint: str | None = None
    username: str | None = None
    user_id: str | None = None
    password: str | None = None
    api_key: str | None = None
    domain_id: str | None = None
    domain_name: str | None = None
    tenant_id: str | None = None
    tenant_name: str | None = None
    allow_reauth: bool = True
    token_id: str | None = None
    application_credential_id: str | None = None
    application_credential_name: str | None = None
    application_credential_secret: str | None = None
    project_domain_id: str | None = None
    project_domain_name: str | None = None
    scope_domain_id: str | None = None
    scope_domain_name: str | None = None
    system_scope: str | None = None

    __repr__ = __str__ = _repr_without_secrets

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuthOptions:
        """Options from the ``OS_*`` variables openstack CLI users already export."""
        env = os.environ if environ is None else environ

        def get(*names: str) -> str | None:
            for name in names:
                value = env.get(name)
                if value:
                    return value
            return None

        return cls(
            identity_endpoint=get("OS_AUTH_URL"),
            username=get("OS_USERNAME"),
            user_id=get("OS_USER_ID"),
            password=get("OS_PASSWORD"),
            api_key=get("OS_API_KEY"),
            domain_id=get("OS_USER_DOMAIN_ID", "OS_DOMAIN_ID"),
            domain_name=get("OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME"),
            tenant_id=get("OS_PROJECT_ID", "OS_TENANT_ID"),
            tenant_name=get("OS_PROJECT_NAME", "OS_TENANT_NAME"),
            token_id=get("OS_TOKEN"),
            application_credential_id=get("OS_APPLICATION_CREDENTIAL_ID"),
            application_credential_name=get("OS_APPLICATION_CREDENTIAL_NAME"),
            application_credential_secret=get("OS_APPLICATION_CREDENTIAL_SECRET"),
            project_domain_id=get("OS_PROJECT_DOMAIN_ID"),
            project_domain_name=get("OS_PROJECT_DOMAIN_NAME"),
            scope_domain_id=(
                get("OS_DOMAIN_ID") if not get("OS_PROJECT_ID", "OS_PROJECT_NAME") else None
            ),
            scope_domain_name=(
                get("OS_DOMAIN_NAME") if not get("OS_PROJECT_ID", "OS_PROJECT_NAME") else None
            ),
            system_scope=get("OS_SYSTEM_SCOPE"),
            allow_reauth=True,
        )

    def validate(self, version: IdentityVersion) -> None:
        """Raise `InvalidOptions` naming the field if these cannot authenticate."""
        if not self.identity_endpoint:
            raise InvalidOptions("identity_endpoint", "is required")
        if self.password and self.api_key:
            raise InvalidOptions("api_key", "give password or api_key, not both")
        if self.token_id and (self.password or self.api_key):
            raise InvalidOptions("token_id", "give a token or a secret, not both")
        if version == "v2.0":
            self._validate_v2()
        else:
            self._validate_v3()

    def _validate_v2(self) -> None:
        if self.application_credential_id or self.application_credential_secret:
            raise InvalidOptions("application_credential_id", "requires identity v3")
        if self.user_id:
            raise InvalidOptions("user_id", "identity v2.0 authenticates by username")
        if self.domain_id or self.domain_name:
            field = "domain_id" if self.domain_id else "domain_name"
            raise InvalidOptions(field, "domains require identity v3")
        if self.token_id:
            return
        if not self.username:
            raise InvalidOptions("username", "is required")
        if not (self.password or self.api_key):
            raise InvalidOptions("password", "a password or api_key is required")

    def _validate_v3(self) -> None:
        if self.api_key:
            raise InvalidOptions("api_key", "identity v3 does not accept api keys")
        if self.application_credential_secret or self.application_credential_id:
            self._validate_application_credential()
        elif not self.token_id:
            self._validate_v3_password()
        self._validate_scope()

    def _validate_application_credential(self) -> None:
        if not self.application_credential_secret:
            raise InvalidOptions("application_credential_secret", "is required")
        if self.application_credential_id:
            return
        if not self.application_credential_name:
            raise InvalidOptions(
                "application_credential_id", "give the credential's id, or its name and user"
            )
        self._validate_user()

    def _validate_v3_password(self) -> None:
        if not self.password:
            raise InvalidOptions(
                "password", "is required (or token_id or an application credential)"
            )
        self._validate_user()

    def _validate_user(self) -> None:
        if self.user_id:
            if self.username:
                raise InvalidOptions("username", "give user_id or username, not both")
            return
        if not self.username:
            raise InvalidOptions("username", "username or user_id is required")
        if not (self.domain_id or self.domain_name):
            raise InvalidOptions("domain_name", "a username needs domain_id or domain_name in v3")
        if self.domain_id and self.domain_name:
            raise InvalidOptions("domain_id", "give domain_id or domain_name, not both")

    def _validate_scope(self) -> None:
        kinds = [
            name
            for name, chosen in (
                ("tenant", self.tenant_id or self.tenant_name),
                ("scope_domain", self.scope_domain_id or self.scope_domain_name),
                ("system_scope", self.system_scope),
            )
            if chosen
        ]
        if len(kinds) > 1:
            raise InvalidOptions(kinds[1], f"only one scope may be given (also {kinds[0]})")
        if self.tenant_name and not self.tenant_id:
            has_domain = (
                self.project_domain_id
                or self.project_domain_name
                or self.domain_id
                or self.domain_name
            )
            if not has_domain:
                raise InvalidOptions(
                    "project_domain_name", "a project name needs its domain (id or name)"
                )


@attrs.frozen
class TokenDomain(Model):
    """A domain a token names: the user's, the project's, or the token's scope."""

    id: str
    name: str | None = None


@attrs.frozen
class TokenUser(Model):
    """The user a token authenticates."""

    id: str
    name: str | None = None
    domain: TokenDomain | None = None


@attrs.frozen
class TokenProject(Model):
    """The project (v2.0: tenant) a token is scoped to."""

    id: str
    name: str | None = None
    domain: TokenDomain | None = None


@attrs.frozen(repr=False)
class Token:
    """An authentication token: its id (secret), when it expires, and what it grants.

    ``catalog`` is the service catalog that came with it (identity v2 or v3).
    ``user`` is who it authenticates; its scope is ``project`` (v2.0's tenant),
    ``domain`` or ``system`` (``"all"``), or none. ``roles`` are the role names
    granted on that scope and ``role_ids`` their ids; ``audit_ids`` identify
    the token (and the one it was made from) in audit records and revocations.
    """

    id: str
    expires_at: datetime | None = None
    issued_at: datetime | None = None
    user: TokenUser | None = attrs.field(default=None, eq=False)
    project: TokenProject | None = attrs.field(default=None, eq=False)
    catalog: Any = attrs.field(default=None, eq=False)
    methods: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    role_ids: tuple[str, ...] = ()
    domain: TokenDomain | None = attrs.field(default=None, eq=False)
    system: str | None = None
    audit_ids: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Token(id={fingerprint(self.id)}, expires_at={self.expires_at!r})"

    __str__ = __repr__

    def expires_within(self, seconds: float) -> bool:
        """True if the token is known to expire in less than ``seconds``."""
        if self.expires_at is None:
            return False
        return self.expires_at.timestamp() - time.time() < seconds
