"""The retry policy: an immutable value in the style of urllib3's ``Retry``.

By default only idempotent methods are retried, on connection errors and on
429/503 answers, with exponential backoff and jitter; ``Retry-After`` is
honoured (capped), and ``budget`` bounds the time one request may spend:

```python
provider = ProviderClient(retry=Retry(total=5, backoff_factor=0.2))
await provider.request("POST", url, retry=Retry(methods=ALL_METHODS))  # this call only
ProviderClient(retry=Retry.disabled())                                  # never retry
```
"""

from __future__ import annotations

import random

import attrs

__all__ = ["ALL_METHODS", "IDEMPOTENT_METHODS", "Retry"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
ALL_METHODS = IDEMPOTENT_METHODS | {"POST", "PATCH", "COPY"}


@attrs.frozen
class Retry:
    """When and how long to wait before sending a failed request again.

    ``total``: retries after the first attempt (0 disables retrying).
    ``methods``: the HTTP methods that may be resent.
    ``statuses``: answers that are retried (429 and 503 by default). With 429
    among them, a 413 that carries Retry-After is retried too: it is the rate
    limit of Rackspace and of older Nova and Cinder (``overLimit``).
    ``on_connection_errors``: retry when no answer came (refused, reset, timeout).
    ``backoff_factor``: the n-th retry waits ``backoff_factor * 2**(n-1)`` seconds,
    at most ``backoff_max``, plus up to ``backoff_jitter`` seconds of random jitter.
    ``respect_retry_after``: a Retry-After header replaces the backoff, capped at
    ``retry_after_max`` (a longer demand is not retried; the error is raised).
    ``budget``: seconds one request may spend in all its attempts and waits;
    each attempt's timeouts are cut to what is left of it, and a spent budget
    raises `TimedOut`.
    """

    total: int = 3
    methods: frozenset[str] = IDEMPOTENT_METHODS
    statuses: frozenset[int] = frozenset({429, 503})
    on_connection_errors: bool = True
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    backoff_jitter: float = 0.25
    respect_retry_after: bool = True
    retry_after_max: float = 60.0
    budget: float | None = 120.0

    @classmethod
    def disabled(cls) -> Retry:
        """A policy that never retries."""
        return cls(total=0)

    def retries_status(self, status: int, retry_after: str | None) -> bool:
        """Is an answer with ``status`` (and this Retry-After header) one to retry?"""
        if status in self.statuses:
            return True
        return status == 413 and retry_after is not None and 429 in self.statuses

    def allows(self, method: str, attempt: int) -> bool:
        """May a request with ``method`` be sent again after ``attempt`` failures?"""
        return attempt <= self.total and method in self.methods

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based), with jitter."""
        base: float = min(self.backoff_max, self.backoff_factor * (2.0 ** (attempt - 1)))
        return base + random.uniform(0, self.backoff_jitter) if self.backoff_jitter else base

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """The wait before retry ``attempt``, or None if Retry-After asks too much."""
        if retry_after is not None and self.respect_retry_after:
            return retry_after if retry_after <= self.retry_after_max else None
        return self.backoff(attempt)
