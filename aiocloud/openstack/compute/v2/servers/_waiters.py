"""Waiting for a server to reach a status, or to be gone."""

from __future__ import annotations

from ._base import _servers

wait_for_status = _servers.status_waiter(
    """Poll a server until its status is ``status``; returns it as last seen.

    ERROR (unless that is what you wait for) raises
    `ResourceError` with Nova's fault message;
    running out of time raises `WaitTimeout`.
    """
)
wait_for_delete = _servers.delete_waiter(
    """Poll until the server is gone (404, or status DELETED when soft-deleted).

    A server passes through ERROR while Nova deletes it (and failed servers
    are what gets deleted most): only "gone" or the timeout
    (`WaitTimeout`) ends this wait.
    """
)
