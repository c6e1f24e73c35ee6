"""What every request of one server process shares: settings, database, caches, limiters."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from server.core.database import Database
from server.core.scope import TreeCache
from server.core.settings import ServerSettings

# OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~30 ms a login on one core.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1


class Backend:
    """The server's state in one process (the database is shared by every process)."""

    def __init__(self, settings: ServerSettings, database: Database | None = None) -> None:
        self.settings = settings
        self.database = database or Database(settings.database_url)
        self.trees = TreeCache()
        self.hasher = PasswordHasher(
            time_cost=ARGON2_TIME_COST,
            memory_cost=ARGON2_MEMORY_KIB,
            parallelism=ARGON2_PARALLELISM,
        )
        self.limiter = MovingWindowRateLimiter(storage_from_string(settings.rate_limit_storage))
        self.user_limit = parse(settings.login_limit_per_user)
        self.address_limit = parse(settings.login_limit_per_address)

    def now(self) -> dt.datetime:
        return self.settings.clock()

    def close(self) -> None:
        self.database.dispose()
