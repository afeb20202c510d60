"""Keeping secrets out of logs: the naming rule, the constant and token fingerprints.

A header, JSON key or query parameter is secret when its name contains (in any
case) ``key``, ``secret``, ``token``, ``pass``, ``credential``, ``authorization``
or ``cookie`` (query parameters also ``sig``, for temp URL signatures). Secret
values become `REDACTED`; tokens become a fingerprint salted per process,
enough to see which token a request used and useless for guessing it offline.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import httpx

from .errors import _request_id

REDACTED = "<redacted>"

_SECRET_NAME = re.compile(r"key|secret|token|pass|credential|authorization|cookie", re.IGNORECASE)
_SECRET_QUERY = re.compile(_SECRET_NAME.pattern + "|sig", re.IGNORECASE)
_SALT = os.urandom(16)
_HEADER_REPR = re.compile(r"\(b(['\"])((?:(?!\1).)*)\1, b(['\"])((?:\\.|(?!\3).)*)\3\)")
_URL_IN_TEXT = re.compile(r"https?://[^\s'\"<>]+")
_TOKEN_IN_PATH = re.compile(r"(/v2\.0/tokens/)([^/]+)")
_LIBRARY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


def is_secret_name(name: str) -> bool:
    """True if a header or JSON key of this name holds a secret."""
    return _SECRET_NAME.search(name) is not None


def _secret_key(key: Any) -> str | None:
    return key if isinstance(key, str) and is_secret_name(key) else None


def fingerprint(token: str) -> str:
    """A salted, per-process fingerprint of a token: correlates, never reveals."""
    digest = hmac.new(_SALT, token.encode(), hashlib.sha256).hexdigest()[:8]
    return f"<token {digest}>"


def _mask(name: str, value: str) -> str:
    """What a secret value under ``name`` becomes: a fingerprint for tokens, else the constant."""
    return fingerprint(value) if "token" in name.lower() else REDACTED


def mask_headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A copy of headers with every secret value masked."""
    return {name: _mask(name, value) if is_secret_name(name) else value for name, value in items}


def mask_json(data: Any, hidden_by: str | None = None) -> Any:
    """A copy of parsed JSON with every value under a secret key masked, at any depth."""
    if isinstance(data, Mapping):
        return {key: mask_json(value, hidden_by or _secret_key(key)) for key, value in data.items()}
    if isinstance(data, list):
        return [mask_json(item, hidden_by) for item in data]
    if hidden_by is None or data is None or isinstance(data, bool):
        return data
    return _mask(hidden_by, str(data))


def mask_url(text: str) -> str:
    """``text`` with its password, secret query values (``temp_url_sig``) and a token id
    in its path (identity v2.0's ``/tokens/<id>``) masked."""
    parts = urlsplit(text)
    path = _TOKEN_IN_PATH.sub(lambda m: m.group(1) + fingerprint(unquote(m.group(2))), parts.path)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(":" + parts.password + "@", ":" + REDACTED + "@", 1)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_SECRET_QUERY.search(name) for name, _ in pairs):
            query = urlencode(
                [(n, REDACTED if _SECRET_QUERY.search(n) else v) for n, v in pairs], safe="<>"
            )
    if netloc == parts.netloc and query == parts.query and path == parts.path:
        return text
    return urlunsplit(parts._replace(netloc=netloc, path=path, query=query))


def mask_text(text: str) -> str:
    """``text`` with secret ``(b'Name', b'value')`` header pairs and URL secrets masked."""
    text = _HEADER_REPR.sub(_mask_header_repr, text)
    return _URL_IN_TEXT.sub(lambda match: mask_url(match.group()), text)


def _mask_header_repr(match: re.Match[str]) -> str:
    name = match.group(2)
    if not is_secret_name(name):
        return match.group()
    return f"(b{match.group(1)}{name}{match.group(1)}, b'{_mask(name, match.group(4))}')"


class _LibraryLogFilter(logging.Filter):
    """Rewrites a record of httpx or httpcore whose message shows a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_LIBRARY_FILTER = _LibraryLogFilter()


def filter_library_logs() -> None:
    """Mask secrets in httpx's and httpcore's own logs (httpcore's DEBUG shows every header).

    A filter on a logger does not apply to its children's records, so each
    logger httpcore writes to gets it; adding it again is a no-op.
    """
    for name in _LIBRARY_LOGGERS:
        logging.getLogger(name).addFilter(_LIBRARY_FILTER)


_log = logging.getLogger("aiocloud")
_wire_log = logging.getLogger("aiocloud.wire")


def log_exchange(request: httpx.Request, response: httpx.Response, started: float) -> None:
    """Log one exchange at DEBUG, masked: ``aiocloud`` gets a line, ``aiocloud.wire`` the
    request's headers and JSON body."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    request_id = _request_id(response.headers) or "-"
    _log.debug(
        "%s %s -> %d [%s] %.1f ms",
        request.method,
        mask_url(str(request.url)),
        response.status_code,
        request_id,
        elapsed_ms,
    )
    if _wire_log.isEnabledFor(logging.DEBUG):
        _wire_log.debug(
            "request headers %s body %s",
            mask_headers(request.headers.items()),
            _masked_body(request),
        )


def _masked_body(request: httpx.Request) -> str:
    if request.headers.get("content-type") != "application/json":
        return "<not JSON>"
    try:
        data = json.loads(request.content)
    except (httpx.RequestNotRead, ValueError):
        return "<unreadable>"
    return json.dumps(mask_json(data))
