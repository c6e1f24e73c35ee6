"""Server settings: database, token lifetimes, login limits, tombstone retention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from server.models.base import utcnow

DEFAULT_DATABASE_URL = "sqlite:///nuanxin-server.db"


@dataclass(frozen=True)
class ServerSettings:
    database_url: str = DEFAULT_DATABASE_URL
    access_ttl: dt.timedelta = dt.timedelta(minutes=15)
    refresh_ttl: dt.timedelta = dt.timedelta(days=30)
    # A refresh token presented again this soon after its rotation, while its successor is still
    # unused, is taken as a retry after a lost response (rotated again), not as a theft.
    refresh_retry_grace: dt.timedelta = dt.timedelta(seconds=60)
    login_limit_per_user: str = "10/minute"  # `limits` notation
    login_limit_per_address: str = "30/minute"
    rate_limit_storage: str = "memory://"  # e.g. redis://host for several server processes
    tombstone_days: int = 180
    max_body_bytes: int = 64 * 1024 * 1024  # after gunzip
    max_mutations: int = 5000  # per push
    clock: Callable[[], dt.datetime] = field(default=utcnow)
