"""The roles of a token, listed the same way by identity v2.0 and v3 answers."""

from __future__ import annotations

import attrs

from ...models import Model

__all__ = ["Role"]


@attrs.frozen
class Role(Model):
    """One role a token grants: its name, and its id when the service sends one."""

    name: str = ""
    id: str | None = None
