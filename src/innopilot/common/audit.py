"""The audit trail's actor outside (and inside) a request."""

import contextlib
from collections.abc import Iterator

from auditlog.context import auditlog_value, set_actor


@contextlib.contextmanager
def audited_as(actor) -> Iterator[None]:
    """Record ``actor`` on the audit entries written inside, also outside a request (commands, the
    shell, tests), keeping the request's client address.

    auditlog's ``set_actor`` leaves its context behind when it ends, which would silence the request
    middleware's context for the rest of the request; the outer one is put back afterwards."""
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor, remote_addr=(outer or {}).get("remote_addr")):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)
