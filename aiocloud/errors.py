"""The exceptions aiocloud raises.

Every failure is an `AiocloudError`:

```text
AiocloudError
├── InvalidOptions              bad input, rejected before any request
├── ServiceNotFound             no catalog entry of that type/name
├── EndpointNotFound            the service has no endpoint for region/interface
│   └── AmbiguousEndpoint       more than one endpoint matches
├── ReauthError                 re-authentication after a 401 failed
├── BodyNotReplayable           a one-shot stream cannot be resent after reauth
├── PaginationLoop              a server handed back the same marker/next link
├── WaitTimeout                 wait_for gave up
├── ResourceError               a resource reached a failure state (ERROR, error)
├── ChecksumMismatch            an ETag/MD5 did not match the bytes moved
├── ResponseFormatError         malformed JSON or a body of the wrong shape
├── TransportError              no HTTP answer at all
│   ├── ConnectionFailed        connect, read or write failed, or the peer went away
│   └── TimedOut                a connect/read/write/pool timeout expired
└── HTTPError                   an HTTP answer the operation did not expect
    ├── UnexpectedResponseCode  any status without a class of its own
    ├── BadRequest (400), Unauthorized (401), Forbidden (403), NotFound (404),
    │   MethodNotAllowed (405), UnsupportedMicroversion (406),
    │   RequestTimeout (408), Conflict (409),
    │   RequestEntityTooLarge (413), PreconditionFailed (412),
    │   UnprocessableEntity (422), TooManyRequests (429)
    └── InternalServerError (500), NotImplementedByServer (501), BadGateway (502),
        ServiceUnavailable (503), GatewayTimeout (504)
```

Usage:

```python
try:
    server = await servers.get(compute, server_id)
except errors.NotFound:
    ...
except errors.HTTPError as exc:
    log.warning("%s %s -> %d (%s)", exc.method, exc.url, exc.status_code, exc.request_id)
```
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Collection, Mapping
from typing import Any, ClassVar

__all__ = [
    "AiocloudError",
    "AmbiguousEndpoint",
    "BadGateway",
    "BadRequest",
    "BodyNotReplayable",
    "ChecksumMismatch",
    "Conflict",
    "ConnectionFailed",
    "EndpointNotFound",
    "Forbidden",
    "GatewayTimeout",
    "HTTPError",
    "InternalServerError",
    "InvalidOptions",
    "MethodNotAllowed",
    "NotFound",
    "NotImplementedByServer",
    "PaginationLoop",
    "PreconditionFailed",
    "ReauthError",
    "RequestEntityTooLarge",
    "RequestTimeout",
    "ResourceError",
    "ResponseFormatError",
    "ServiceNotFound",
    "ServiceUnavailable",
    "TimedOut",
    "TooManyRequests",
    "TransportError",
    "Unauthorized",
    "UnexpectedResponseCode",
    "UnprocessableEntity",
    "UnsupportedMicroversion",
    "WaitTimeout",
    "error_for_status",
    "parse_retry_after",
]

_REQUEST_ID_HEADERS = ("x-openstack-request-id", "x-compute-request-id", "x-trans-id")
_MAX_BODY_IN_MESSAGE = 300
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_HTML_SKIPPED = re.compile(r"<(head|script|style|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_BLOCK = re.compile(r"</?(?:h[1-6]|p|div|br|li|pre|body)\b[^>]*>", re.IGNORECASE)


class AiocloudError(Exception):
    """Root of every exception aiocloud raises."""


class InvalidOptions(AiocloudError, ValueError):
    """Options that cannot be sent; ``field`` names the offending option."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class ServiceNotFound(AiocloudError):
    """The service catalog has no service of the requested type (and name)."""


class EndpointNotFound(AiocloudError):
    """The service exists but no endpoint matches the region and interface."""


class AmbiguousEndpoint(EndpointNotFound):
    """More than one endpoint matches: aiocloud never picks one silently."""


class ReauthError(AiocloudError):
    """Re-authentication after a 401 failed; the cause is chained."""


class BodyNotReplayable(AiocloudError):
    """The request body was a one-shot stream and the request must be resent."""


class PaginationLoop(AiocloudError):
    """The server returned a marker or next link already seen."""


class WaitTimeout(AiocloudError, TimeoutError):
    """`aiocloud.wait_for()` ran out of time."""


class ResourceError(AiocloudError):
    """A resource went to a failure state while being waited on."""

    def __init__(self, message: str, *, status: str | None = None, fault: str | None = None):
        super().__init__(message)
        self.status = status
        self.fault = fault


class ChecksumMismatch(AiocloudError):
    """The checksum of the bytes moved differs from the one the server reports."""

    def __init__(self, message: str, *, expected: str | None, actual: str | None) -> None:
        super().__init__(message)
        self.expected = expected
        self.actual = actual


class ResponseFormatError(AiocloudError):
    """The answer's body is not the JSON (or the shape) the operation expects."""


class TransportError(AiocloudError):
    """The request got no HTTP answer.

    ``outcome_unknown`` is True when a request that is not safe to resend
    (POST, PATCH) may have reached the server: it may have been carried out.
    """

    def __init__(
        self, message: str, *, method: str, url: str, outcome_unknown: bool = False
    ) -> None:
        if outcome_unknown:
            message += (
                f"; the {method} may have reached the server and been carried out: "
                "its outcome is unknown (check before sending it again)"
            )
        url = _masked(url)
        super().__init__(f"{method} {url}: {message}")
        self.method = method
        self.url = url
        self.outcome_unknown = outcome_unknown


class ConnectionFailed(TransportError):
    """Connecting, sending or receiving failed (refused, reset, dropped mid-body)."""


class TimedOut(TransportError):
    """A connect, read, write or pool timeout expired."""


class HTTPError(AiocloudError):
    """An HTTP answer with a status the operation does not accept.

    Carries what is needed to report or correlate it; never the token.
    """

    status: ClassVar[int | None] = None

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status_code: int,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        expected: Collection[int] = (),
    ) -> None:
        self.method = method
        self.url = _masked(url)
        self.status_code = status_code
        self.body = body
        self.headers: Mapping[str, str] = headers or {}
        self.expected = tuple(expected)
        self.request_id = _request_id(self.headers)
        self.message = _error_message(body)
        super().__init__(self._describe())

    def _describe(self) -> str:
        text = f"{self.method} {self.url} returned {self.status_code}"
        if self.expected:
            text += f" (expected {', '.join(map(str, self.expected))})"
        if self.message:
            text += f": {self.message}"
        if self.request_id:
            text += f" [request {self.request_id}]"
        return text


class UnexpectedResponseCode(HTTPError):
    """A status that has no class of its own (or an unexpected success)."""


class BadRequest(HTTPError):
    status = 400


class Unauthorized(HTTPError):
    status = 401


class Forbidden(HTTPError):
    status = 403


class NotFound(HTTPError):
    status = 404


class MethodNotAllowed(HTTPError):
    status = 405


class UnsupportedMicroversion(HTTPError):
    """406: the service does not offer the microversion the request asked for."""

    status = 406


class RequestTimeout(HTTPError):
    status = 408


class Conflict(HTTPError):
    status = 409


class PreconditionFailed(HTTPError):
    status = 412


class _RetryAfter(HTTPError):
    """An answer that may say how long to wait before asking again."""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait (its Retry-After header), if it said."""
        return parse_retry_after(self.headers.get("retry-after"))


class RequestEntityTooLarge(_RetryAfter):
    """413: too large, or (with Retry-After) Rackspace's and older Nova's rate limit."""

    status = 413


class UnprocessableEntity(HTTPError):
    status = 422


class TooManyRequests(_RetryAfter):
    """429; ``retry_after`` holds the seconds the server asked to wait, if any."""

    status = 429


class InternalServerError(HTTPError):
    status = 500


class NotImplementedByServer(HTTPError):
    status = 501


class BadGateway(HTTPError):
    status = 502


class ServiceUnavailable(_RetryAfter):
    """503; ``retry_after`` as for `TooManyRequests`."""

    status = 503


class GatewayTimeout(HTTPError):
    status = 504


_BY_STATUS: dict[int, type[HTTPError]] = {
    cls.status: cls
    for cls in (
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        UnsupportedMicroversion,
        RequestTimeout,
        Conflict,
        PreconditionFailed,
        RequestEntityTooLarge,
        UnprocessableEntity,
        TooManyRequests,
        InternalServerError,
        NotImplementedByServer,
        BadGateway,
        ServiceUnavailable,
        GatewayTimeout,
    )
    if cls.status is not None
}


def error_for_status(status_code: int) -> type[HTTPError]:
    """The exception class for an HTTP status (UnexpectedResponseCode if none)."""
    return _BY_STATUS.get(status_code, UnexpectedResponseCode)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime  # rare: keeps import time low

        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _masked(url: str) -> str:
    """``url`` with secret query values (a temp URL's signature) and token ids masked."""
    if "?" not in url and "/v2.0/tokens/" not in url:
        return url
    from ._redact import mask_url

    return mask_url(url)


def _request_id(headers: Mapping[str, str]) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def _error_message(body: bytes) -> str | None:
    """Find the human message in the error body shapes OpenStack services send.

    Nova/Cinder: ``{"itemNotFound": {"message": ..., "code": 404}}``; Neutron:
    ``{"NeutronError": {"type": ..., "message": ...}}``; Keystone:
    ``{"error": {"message": ..., "title": ...}}``; Glance and others: text or HTML.
    """
    if not body:
        return None
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to be an error message
        text = body.decode("utf-8", "replace")
        if _HTML_TAG.search(text):
            text = _text_of_html(text)
        text = " ".join(text.split())
        return _shorten(text) if text else None
    return _message_from_json(data)


def _text_of_html(html: str) -> str:
    """The words of an HTML error page (Swift's ``<h1>Not Found</h1><p>...``): the
    heading, then the paragraphs, joined with ``: ``."""
    html = _HTML_SKIPPED.sub(" ", html)
    text = ""
    for part in _HTML_BLOCK.split(html):
        block = " ".join(_HTML_TAG.sub(" ", part).split())
        if block:
            separator = " " if not text or text.endswith((".", "!", "?", ":")) else ": "
            text = (text + separator + block).lstrip()
    return text


def _message_from_json(data: Any) -> str | None:
    if isinstance(data, dict):
        for key in ("message", "faultstring", "detail", "title"):
            if isinstance(data.get(key), str):
                message: str = data[key]
                kind = data.get("type")
                return _shorten(f"{kind}: {message}" if isinstance(kind, str) else message)
        if len(data) == 1:
            ((name, inner),) = data.items()
            found = _message_from_json(inner)
            if found and isinstance(inner, dict) and "type" not in inner and name != "error":
                return f"{name}: {found}"
            return found
    if isinstance(data, str):
        return _shorten(data)
    return None


def _shorten(text: str) -> str:
    if len(text) <= _MAX_BODY_IN_MESSAGE:
        return text
    return text[: _MAX_BODY_IN_MESSAGE - 1] + "…"
