"""The options of server actions: reboot, rebuild, resize, snapshot, rescue, unshelve."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs

from ....._resource import BodyBuilder
from .....errors import InvalidOptions
from .....params import body, body_metadata, build_body, check_types
from ._lookup import NamedRefs
from ._options import Personality, b64

RebuildOptsBuilder = BodyBuilder
"""Anything that builds a rebuild action body: `RebuildOpts` or a wrapper of it."""
ResizeOptsBuilder = BodyBuilder
"""Anything that builds a resize action body: `ResizeOpts` or a wrapper of it."""


class RebootType:
    """How to reboot: SOFT asks the guest OS, HARD power-cycles the server."""

    SOFT = "SOFT"
    HARD = "HARD"


@attrs.frozen
class RebootOpts:
    """A reboot, SOFT (the default) or HARD."""

    type: str = RebootType.SOFT

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.type.upper() not in (RebootType.SOFT, RebootType.HARD):
            raise InvalidOptions("type", "must be SOFT or HARD")
        return {"reboot": {"type": self.type.upper()}}


@attrs.frozen
class RebuildOpts(NamedRefs):
    """A rebuild onto ``image_ref`` (or ``image_name``), optionally changing more.

    ``key_name`` needs 2.54, ``user_data`` 2.57 (replacing ``personality``),
    ``trusted_image_certificates`` 2.63, ``hostname`` 2.90.
    """

    _REFS: ClassVar[tuple[str, ...]] = ("image",)

    image_ref: str | None = body("imageRef")
    image_name: str | None = None
    name: str | None = None
    admin_pass: str | None = attrs.field(
        default=None, repr=False, metadata=body_metadata("adminPass")
    )
    access_ipv4: str | None = body("accessIPv4")
    access_ipv6: str | None = body("accessIPv6")
    metadata: Mapping[str, str] | None = None
    personality: Sequence[Personality] | None = None
    preserve_ephemeral: bool | None = None
    description: str | None = None
    key_name: str | None = None
    user_data: bytes | str | None = attrs.field(default=None, repr=False)
    trusted_image_certificates: Sequence[str] | None = None
    hostname: str | None = None

    def to_body(self) -> dict[str, Any]:
        self._ready()
        return {"rebuild": build_body(attrs.evolve(self, user_data=b64(self.user_data)))}


@attrs.frozen
class ResizeOpts(NamedRefs):
    """A resize to ``flavor_ref`` (or ``flavor_name``); confirm or revert it afterwards."""

    _REFS: ClassVar[tuple[str, ...]] = ("flavor",)

    flavor_ref: str | None = body("flavorRef")
    flavor_name: str | None = None

    def to_body(self) -> dict[str, Any]:
        self._ready()
        return {"resize": build_body(self)}


@attrs.frozen
class CreateImageOpts:
    """A snapshot of a server into a new image named ``name``."""

    name: str
    metadata: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"createImage": build_body(self)}


@attrs.frozen
class RescueOpts:
    """Rescue mode: the password of the rescue system and the image to boot it from."""

    admin_pass: str | None = attrs.field(
        default=None, repr=False, metadata=body_metadata("adminPass")
    )
    rescue_image_ref: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"rescue": build_body(self) or None}


@attrs.frozen
class UnshelveOpts:
    """Where to unshelve: an availability zone (2.77) and/or a host (2.91)."""

    availability_zone: str | None = None
    host: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"unshelve": build_body(self) or None}
