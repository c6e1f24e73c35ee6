"""What every view of an open profile shares: the profile, its services and the task runner."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.services.households import HouseholdService
from app.store.engine import Store
from app.views.application import Translations
from app.views.tasks import TaskRunner

if TYPE_CHECKING:
    from app.store.profile import Profile

DEFAULT_IDLE_LOCK_MINUTES = 10


def local_actor() -> str:
    """The login recorded in audit rows until users sign in to a server."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "local"


@dataclass
class Workspace:
    """An open profile: views read and write only through ``households`` run on ``tasks``."""

    profile: Profile
    store: Store
    households: HouseholdService
    tasks: TaskRunner
    translations: Translations
    demo_passphrase: str | None = None  # shown as a hint on the demo profile's lock panel
    committees: list[tuple[str, str]] = field(default_factory=list)  # (code, name)

    @property
    def language(self) -> str:
        return self.translations.language

    @property
    def is_demo(self) -> bool:
        return self.demo_passphrase is not None

    @property
    def actor(self) -> str:
        return self.households.actor

    @property
    def idle_lock_minutes(self) -> int:
        value = self.profile.settings.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_LOCK_MINUTES

    def committee_name(self, code: str) -> str:
        return next((name for c, name in self.committees if c == code), code)
