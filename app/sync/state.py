"""The sync state of one store, kept in its encrypted settings table (key ``sync``).

Written in the same local transaction as the work it describes (a pulled page and its cursor,
a re-bootstrap and its flag), so a crash at any point leaves a state that resumes correctly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SettingsEntry
from app.store.engine import Store

STATE_KEY = "sync"


@dataclass
class SyncState:
    server_url: str = ""
    login: str = ""
    user: dict[str, Any] = field(default_factory=dict)  # wire.UserInfo as JSON
    device_id: str = ""
    cursor: int = 0
    history: str = ""  # the server's line of the sequence the cursor is on (PullPage.history)
    fingerprint: str = ""  # of the scope codes, as the server computes it
    codes: list[str] = field(default_factory=list)
    entered: list[str] = field(default_factory=list)  # codes that joined the scope, being fetched
    entered_cursor: int = 0
    rebootstrap: bool = False  # a pull from 0 after 410 is under way (sync_seen holds its rows)
    derived_dirty: bool = False  # head names, counts, search index to redo (after a large pull)
    refetch: bool = False  # a discarded refusal needs the server's values again (re-bootstrap)
    last_sync_at: str = ""  # ISO time of the last sync that finished
    last_error: str = ""

    @property
    def linked(self) -> bool:
        return bool(self.server_url and self.login and self.device_id)

    @property
    def last_sync(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.last_sync_at) if self.last_sync_at else None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SyncState:
        known = {f.name for f in fields(cls)}
        # Lists and dicts copied: edited in place, the stored value (the ORM's committed copy)
        # would change with them and a save would look like no change at all.
        return cls(**{k: _copied(v) for k, v in data.items() if k in known})

    def to_json(self) -> dict[str, Any]:
        """Its fields as they are (JSON values already): asdict's deep copies cost a push of
        100 edits 2 ms, three times over."""
        return {f.name: getattr(self, f.name) for f in _FIELDS}


_FIELDS = fields(SyncState)


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def load_state(session: Session) -> SyncState:
    entry = session.get(SettingsEntry, STATE_KEY)
    return SyncState.from_json(entry.value) if entry is not None else SyncState()


def save_state(session: Session, state: SyncState) -> None:
    entry = session.get(SettingsEntry, STATE_KEY)
    if entry is None:
        session.add(SettingsEntry(key=STATE_KEY, value=state.to_json()))
    else:
        entry.value = state.to_json()


def read_setting(session: Session, key: str) -> dict[str, Any] | None:
    value = session.execute(select(SettingsEntry.value).where(SettingsEntry.key == key))
    found: dict[str, Any] | None = value.scalar_one_or_none()
    return found


def write_setting(session: Session, key: str, value: dict[str, Any] | None) -> None:
    """Set (or with None, remove) one settings entry."""
    entry = session.get(SettingsEntry, key)
    if value is None:
        if entry is not None:
            session.delete(entry)
    elif entry is None:
        session.add(SettingsEntry(key=key, value=value))
    else:
        entry.value = value


def signed_in_login(store: Store) -> str | None:
    """The login this store is linked to on a sync server (the actor of its edits), if any."""
    with store.sessions() as session:
        return load_state(session).login or None
