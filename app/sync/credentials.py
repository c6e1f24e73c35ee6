"""Where the refresh token lives: the OS keyring (service ``nuanxin``, user
``refresh-<store_id>``) or, where no keyring works, the encrypted store's settings table.

Never in plaintext on disk: the settings table is inside the SQLCipher file. The access token
is only ever held in memory (SyncClient)."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors

from app.store.engine import Store
from app.store.keys import KEYRING_SERVICE, keyring_backend_usable
from app.sync.state import read_setting, write_setting

SETTING_KEY = "sync.refresh"


def keyring_username(store_id: str) -> str:
    return f"refresh-{store_id}"


class RefreshTokens:
    """The refresh token of one store: load, save (after every rotation), clear."""

    def __init__(self, store: Store, store_id: str) -> None:
        self.store = store
        self.username = keyring_username(store_id)

    def load(self) -> str | None:
        kept = self._from_keyring()
        if kept:
            return kept
        with self.store.sessions() as session:
            value = read_setting(session, SETTING_KEY)
        token = value.get("token") if value else None
        return str(token) if token else None

    def save(self, token: str) -> None:
        """Keep ``token``: in the keyring when it works (read back to be sure), else the store."""
        in_keyring = self._to_keyring(token)
        with self.store.transaction() as session:
            write_setting(session, SETTING_KEY, None if in_keyring else {"token": token})

    def clear(self) -> None:
        if keyring_backend_usable():
            with contextlib.suppress(Exception):  # nothing stored, or no keyring: both mean gone
                keyring.delete_password(KEYRING_SERVICE, self.username)
        with self.store.transaction() as session:
            write_setting(session, SETTING_KEY, None)

    @property
    def in_keyring(self) -> bool:
        return self._from_keyring() is not None

    def _from_keyring(self) -> str | None:
        if not keyring_backend_usable():
            return None
        try:
            return keyring.get_password(KEYRING_SERVICE, self.username)
        except Exception:  # any backend failure (locked, D-Bus gone) means "not available"
            return None

    def _to_keyring(self, token: str) -> bool:
        if not keyring_backend_usable():
            return False
        try:
            keyring.set_password(KEYRING_SERVICE, self.username, token)
            return keyring.get_password(KEYRING_SERVICE, self.username) == token
        except Exception:  # as above: the keyring refused, so the store keeps the token
            return False
