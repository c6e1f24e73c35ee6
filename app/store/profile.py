"""A profile folder: the encrypted store (nuanxin.db), profile.json (non-secret) and logs/.

profile.json holds the store id, the passphrase-wrapped key with its KDF parameters, whether the
OS keyring also keeps the key, and the non-secret settings. It is always replaced atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.store.engine import DB_FILENAME, Store, inspect_store, open_engine, sidecar_paths
from app.store.errors import (
    CorruptStoreError,
    KeyUnavailableError,
    NewerSchemaError,
    ProfileExistsError,
    ProfileNotFoundError,
    WrongKeyError,
)
from app.store.faults import explain_write_failure
from app.store.keys import (
    WrappedKey,
    delete_from_keyring,
    key_check,
    load_from_keyring,
    new_key,
    save_to_keyring,
    unwrap_key,
    validate_passphrase,
    wrap_key,
)
from app.store.lock import ProfileLock
from app.store.migrations import ensure_known, upgrade_to_head

PROFILE_FILENAME = "profile.json"
PROFILE_FORMAT = 1
LOGS_DIRNAME = "logs"
DEFAULT_SETTINGS: dict[str, Any] = {"language": "zh_CN", "idle_lock_minutes": 10}


class Profile:
    """One user's local profile. Create it once, load it on start, open it to get the Store."""

    def __init__(
        self,
        folder: Path,
        store_id: str,
        *,
        wrapped: WrappedKey,
        check: str,
        uses_keyring: bool,
        settings: dict[str, Any],
        created_at: str,
    ) -> None:
        self.folder = folder
        self.store_id = store_id
        self.uses_keyring = uses_keyring
        self.settings = settings
        self.created_at = created_at
        self._wrapped = wrapped
        self._check = check

    @property
    def db_path(self) -> Path:
        return self.folder / DB_FILENAME

    @property
    def json_path(self) -> Path:
        return self.folder / PROFILE_FILENAME

    @property
    def logs_dir(self) -> Path:
        return self.folder / LOGS_DIRNAME

    @property
    def _aad(self) -> bytes:
        return _binding(self.store_id)

    @staticmethod
    def exists(folder: Path) -> bool:
        return (Path(folder) / PROFILE_FILENAME).is_file()

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        use_keyring: bool = True,
        build: Callable[[Path, bytes], None] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Profile:
        """Make a new key, an empty store at the newest schema and profile.json (written last).

        ``build(db_path, key)`` makes the store instead (a restore writes a backup's copy)."""
        validate_passphrase(passphrase)
        folder = Path(folder)
        if cls.exists(folder) or any(p.exists() for p in sidecar_paths(folder / DB_FILENAME)):
            raise ProfileExistsError(f"{folder} already holds a Nuanxin profile or store")
        if not folder.exists():
            folder.mkdir(parents=True)
            folder.chmod(0o700)
        (folder / LOGS_DIRNAME).mkdir(exist_ok=True)
        key = new_key()
        store_id = str(uuid.uuid4())
        profile = cls(
            folder,
            store_id,
            wrapped=wrap_key(key, passphrase, _binding(store_id)),
            check=key_check(key),
            uses_keyring=False,
            settings={**DEFAULT_SETTINGS, **(settings or {})},
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        try:
            (build or profile._make_store_at)(profile.db_path, key)
            profile.db_path.chmod(0o600)
            profile.uses_keyring = use_keyring and save_to_keyring(store_id, key)
            profile._write()
        except BaseException:
            profile._undo_create()
            raise
        return profile

    @staticmethod
    def _make_store_at(db_path: Path, key: bytes) -> None:
        store = open_engine(db_path, key)
        try:
            upgrade_to_head(store.engine)
        finally:
            store.close()

    def lock(self) -> ProfileLock:
        """Hold this profile for this process (ProfileLockedError when another one has it)."""
        return ProfileLock(self.folder).acquire()

    def _undo_create(self) -> None:
        """Remove what a failed create() made, so the folder can be used again."""
        for path in sidecar_paths(self.db_path):
            path.unlink(missing_ok=True)
        if self.uses_keyring:
            delete_from_keyring(self.store_id)

    @classmethod
    def load(cls, folder: Path) -> Profile:
        """Read profile.json; raises ProfileNotFoundError, CorruptStoreError, NewerSchemaError."""
        folder = Path(folder)
        path = folder / PROFILE_FILENAME
        if not path.is_file():
            raise ProfileNotFoundError(f"no {PROFILE_FILENAME} in {folder}")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if int(data["format"]) > PROFILE_FORMAT:
                raise NewerSchemaError(f"{path.name} was written by a newer Nuanxin")
            profile = cls(
                folder,
                str(data["store_id"]),
                wrapped=WrappedKey.from_json(data["wrapped_key"]),
                check=str(data["key_check"]),
                uses_keyring=bool(data["keyring"]),
                settings={**DEFAULT_SETTINGS, **dict(data.get("settings", {}))},
                created_at=str(data.get("created_at", "")),
            )
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise CorruptStoreError(
                f"{path} is damaged: {exc}",
                "档案文件 profile.json 已损坏，无法读取密钥信息。文件未被改动，请从备份恢复。",
            ) from exc
        (folder / LOGS_DIRNAME).mkdir(exist_ok=True)
        return profile

    def open(self, passphrase: str | None = None) -> Store:
        """Unlock the key (keyring, or the passphrase), check the file, migrate to head, open."""
        key = self._key(passphrase)
        if not self.db_path.is_file() or self.db_path.stat().st_size == 0:
            raise CorruptStoreError(
                f"{self.db_path} is missing or empty",
                "找不到本地数据库文件 nuanxin.db，或文件是空的。请从备份恢复，或联系管理员。",
            )
        try:
            revision = inspect_store(self.db_path, key)
        except WrongKeyError as exc:  # the key is proven to be this profile's: the file is bad
            raise CorruptStoreError(
                f"{self.db_path.name} does not open with this profile's key: damaged or replaced"
            ) from exc
        ensure_known(revision)
        store = open_engine(self.db_path, key)
        try:
            upgrade_to_head(store.engine)
        except BaseException:
            store.close()
            raise
        return store

    def _key(self, passphrase: str | None) -> bytes:
        if passphrase is not None:
            key = self._unwrap(passphrase)
            if self.uses_keyring and load_from_keyring(self.store_id) != key:
                save_to_keyring(self.store_id, key)  # the keyring lost it: put it back
            return key
        if not self.uses_keyring:
            raise KeyUnavailableError(
                "this profile is unlocked with its passphrase; none was given",
                "请输入口令以打开本地数据库。",
            )
        kept = load_from_keyring(self.store_id)
        if kept is None or not hmac.compare_digest(key_check(kept), self._check):
            raise KeyUnavailableError("the OS keyring holds no key for this store")
        return kept

    def _unwrap(self, passphrase: str) -> bytes:
        key = unwrap_key(self._wrapped, passphrase, self._aad)
        if not hmac.compare_digest(key_check(key), self._check):
            raise CorruptStoreError("profile.json is inconsistent: key check does not match")
        return key

    def verify_passphrase(self, passphrase: str) -> bool:
        """True when ``passphrase`` unlocks this profile's key (lock screen); no database I/O."""
        try:
            self._unwrap(passphrase)
        except WrongKeyError:
            return False
        return True

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the same key under ``new``; the database itself is not touched."""
        validate_passphrase(new, field="new_passphrase")
        key = self._unwrap(old)
        self._wrapped = wrap_key(key, new, self._aad)
        self._write()

    def save_settings(self) -> None:
        self._write()

    def _write(self) -> None:
        data = {
            "format": PROFILE_FORMAT,
            "store_id": self.store_id,
            "created_at": self.created_at,
            "keyring": self.uses_keyring,
            "key_check": self._check,
            "wrapped_key": self._wrapped.to_json(),
            "settings": self.settings,
        }
        try:
            _write_atomically(self.json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:  # a full disk or read-only folder; profile.json is as it was
            fault = explain_write_failure(exc)
            if fault is None:
                raise
            raise fault from exc


def _binding(store_id: str) -> bytes:
    """Associated data of the key wrapping: a wrapped key only opens under its own store id."""
    return f"nuanxin store key {store_id}".encode()


def _write_atomically(path: Path, text: str) -> None:
    """Write a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if os.name == "posix":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
