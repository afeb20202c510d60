"""Tolerant timestamp parsing: every form OpenStack services send, to aware UTC."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .errors import ResponseFormatError

__all__ = ["parse_http_date", "parse_timestamp"]

_UTC = timezone.utc

_TZ_SUFFIX = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_FRACTION = re.compile(r"\.(\d+)")


def parse_timestamp(value: str) -> datetime:
    """A timezone-aware UTC datetime from any timestamp form OpenStack sends.

    Accepts ``2024-05-01T10:00:00Z``, ``...T10:00:00.123456Z``, ``...10:00:00``
    (no zone: UTC), ``...+02:00``, ``...+0200``, a space instead of ``T``, and
    fractions of any length (Swift sends 6, some services 9). Anything else,
    a value that is not a string included, raises ResponseFormatError.
    """
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = _parse_loose_timestamp(value.strip(), value)
    except TypeError:
        raise ResponseFormatError(f"not a timestamp: {value!r:.100}") from None
    zone = parsed.tzinfo
    if zone is _UTC:
        return parsed
    if zone is None:
        return datetime(
            parsed.year,
            parsed.month,
            parsed.day,
            parsed.hour,
            parsed.minute,
            parsed.second,
            parsed.microsecond,
            _UTC,
        )
    try:
        return parsed.astimezone(_UTC)
    except OverflowError:
        raise ResponseFormatError(f"not a timestamp: {value!r}") from None


def _parse_loose_timestamp(text: str, original: str) -> datetime:
    zone = _TZ_SUFFIX.search(text)
    suffix = ""
    if zone:
        text = text[: zone.start()]
        suffix = zone.group(1)
        if suffix == "Z":
            suffix = "+00:00"
        elif ":" not in suffix:
            suffix = suffix[:3] + ":" + suffix[3:]
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text)
    try:
        return datetime.fromisoformat(text.replace(" ", "T") + suffix)
    except ValueError:
        raise ResponseFormatError(f"not a timestamp: {original!r}") from None


def parse_http_date(value: str) -> datetime:
    """A UTC datetime from an HTTP date header (``Last-Modified``)."""
    from email.utils import parsedate_to_datetime  # only for header dates

    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return parse_timestamp(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)
