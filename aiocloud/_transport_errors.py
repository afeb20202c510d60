"""Transport failures as aiocloud's errors, the same on every backend, with no secret kept.

httpx, httpx-aiohttp and aiohttp each say "the connection failed" in their own
way; `translate_transport_errors` turns them into
`aiocloud.errors.ConnectionFailed`, `TimedOut` or `ResponseFormatError`, and
`may_have_been_sent` tells whether a failed request may have reached the server:

```python
with translate_transport_errors("GET", url):
    response = await http.send(request)
```
"""

from __future__ import annotations

import contextlib
import ssl
import sys
from typing import Any

import httpx

from . import _redact, errors

__all__ = ["may_have_been_sent", "translate_transport_errors"]


@contextlib.contextmanager
def translate_transport_errors(method: str, url: str) -> Any:
    """Turn httpx/aiohttp transport failures into `aiocloud.errors` ones.

    A malformed answer is a `ConnectionFailed` on
    every backend, a body that its Content-Encoding does not decode a
    `ResponseFormatError`; no secret of the request
    (the token) is kept in the error or in its chained cause.
    """
    try:
        yield
    except httpx.TimeoutException as exc:
        cause = exc.__cause__
        if cause is not None and _is_aiohttp_connection_error(cause):
            # httpx-aiohttp maps every aiohttp connection error to ConnectTimeout
            raise errors.ConnectionFailed(_describe(cause), method=method, url=url) from exc
        raise errors.TimedOut(_describe(exc), method=method, url=url) from exc
    except httpx.DecodingError as exc:
        # a body its Content-Encoding does not describe: resending gets the same
        raise errors.ResponseFormatError(
            f"{method} {_redact.mask_url(url)}: the answer's body cannot be decoded as its "
            f"Content-Encoding says ({_describe(exc)})"
        ) from exc
    except httpx.TransportError as exc:
        raise errors.ConnectionFailed(_describe(exc), method=method, url=url) from exc
    except Exception as exc:
        if not _is_aiohttp_client_error(exc):
            raise
        # httpx-aiohttp lets a malformed answer's ClientResponseError through unmapped
        _strip_request_secrets(exc)
        raise errors.ConnectionFailed(_describe(exc), method=method, url=url) from exc


def _is_aiohttp_connection_error(cause: BaseException) -> bool:
    if not type(cause).__module__.startswith("aiohttp"):
        return False
    import asyncio  # already loaded (aiohttp runs on it); not imported with aiocloud

    return not isinstance(cause, (TimeoutError, asyncio.TimeoutError))


def _is_aiohttp_client_error(exc: BaseException) -> bool:
    """True for an aiohttp error (looked up only if aiohttp is loaded: never under trio)."""
    aiohttp = sys.modules.get("aiohttp")
    return aiohttp is not None and isinstance(exc, aiohttp.ClientError)


def _strip_request_secrets(exc: Any) -> None:
    """Mask the headers an aiohttp ClientResponseError keeps (its repr shows the token)."""
    from multidict import CIMultiDict, CIMultiDictProxy  # aiohttp's own, loaded with it

    def masked(headers: Any) -> CIMultiDictProxy[str]:
        return CIMultiDictProxy(CIMultiDict(_redact.mask_headers(headers.items())))

    info = getattr(exc, "request_info", None)
    if info is not None:
        exc.request_info = type(info)(info.url, info.method, masked(info.headers), info.real_url)
        exc.args = (exc.request_info, *exc.args[1:])
    if getattr(exc, "headers", None) is not None:
        exc.headers = masked(exc.headers)


def _describe(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    text = " ".join(message.split()) if isinstance(message, str) else str(exc)
    if not text:  # httpx's ReadError/WriteError say nothing: the OS error they wrap does
        text = _os_error_text(exc)
    tls = _tls_problem(exc)
    if tls is not None and tls not in text:
        text = f"{text} ({tls})" if text else tls
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _os_error_text(exc: BaseException) -> str:
    """The words of the first OS error (``[Errno 32] Broken pipe``) in ``exc``'s chain."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and str(cause):
            return str(cause)
        cause = cause.__cause__ or cause.__context__
    return ""


def _tls_problem(exc: BaseException) -> str | None:
    """What TLS refused, dug out of the chain (httpx under trio says only ConnectError)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLError) and type(cause).__module__ == "ssl":
            detail = getattr(cause, "verify_message", None)
            return f"certificate verify failed: {detail}" if detail else f"TLS: {cause.reason}"
        cause = cause.__cause__ or cause.__context__
    return None


def may_have_been_sent(exc: errors.TransportError) -> bool:
    """Whether the request may have reached the server (not a failure to connect)."""
    cause: BaseException | None = exc.__cause__
    while cause is not None:
        if type(cause).__name__ in _AIOHTTP_CONNECT_ERRORS:
            return False
        if isinstance(cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
            inner = cause.__cause__
            if inner is None or not type(inner).__module__.startswith("aiohttp"):
                return False
            # httpx-aiohttp calls every aiohttp connection error ConnectTimeout, a reset
            # after the request was written too: aiohttp's own error tells which it was
        cause = cause.__cause__
    return True


# aiohttp's errors raised before a request is written (checked by name: aiohttp
# is not imported under trio).
_AIOHTTP_CONNECT_ERRORS = frozenset(
    {
        "ClientConnectorError",
        "ClientConnectorCertificateError",
        "ClientConnectorSSLError",
        "ClientConnectorDNSError",
        "ConnectionTimeoutError",
        "ClientProxyConnectionError",
    }
)
