"""Encrypted backups of a whole profile, and restoring one into a new profile.

A backup is one file: ``NXBACKUP`` + header length + header (JSON: format, argon2id parameters
and salt, a key check, the schema revision, the profile's settings sealed with AES-GCM), then a
SQLCipher copy of the store keyed from the backup passphrase, then an HMAC-SHA256 over all of it.
The copy is made with ``sqlcipher_export`` inside one read transaction: a consistent snapshot
while the app writes (WAL), never a copy of the live file. Restoring checks the passphrase, the
length and the HMAC before it creates anything, and removes what it made when it fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import shutil
import struct
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.store.backup_errors import BackupDamagedError, WrongBackupPassphraseError
from app.store.engine import KEY_BYTES, Store, open_engine
from app.store.errors import ProfileExistsError
from app.store.keys import DEFAULT_KDF, KdfParams, validate_passphrase
from app.store.migrations import ensure_known, upgrade_to_head
from app.store.profile import Profile

MAGIC = b"NXBACKUP"
FORMAT = 1
MAC_BYTES = 32
MAX_HEADER = 1 << 20
CHUNK = 1 << 20
SUFFIX = ".nxbackup"
EXPORT_ALIAS = "nuanxin_backup"

__all__ = [
    "BackupDamagedError",
    "BackupInfo",
    "BackupKey",
    "WrongBackupPassphraseError",
    "derive_backup_key",
    "read_backup",
    "restore_backup",
    "write_backup",
]


@dataclass(frozen=True)
class BackupKey:
    """The argon2id result of a backup passphrase and its salt (kept for automatic backups)."""

    kdf: KdfParams
    salt: bytes
    master: bytes

    def sub(self, label: str) -> bytes:
        return hmac.new(self.master, f"nuanxin backup {label}".encode(), hashlib.sha256).digest()

    @property
    def check(self) -> str:
        return self.sub("check").hex()[:32]

    def to_json(self) -> dict[str, Any]:
        kdf = self.kdf
        return {
            "time_cost": kdf.time_cost,
            "memory_cost_kib": kdf.memory_cost,
            "parallelism": kdf.parallelism,
            "version": kdf.version,
            "salt": self.salt.hex(),
            "master": self.master.hex(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BackupKey:
        kdf = KdfParams(
            int(data["time_cost"]),
            int(data["memory_cost_kib"]),
            int(data["parallelism"]),
            int(data["version"]),
        )
        return cls(kdf, bytes.fromhex(data["salt"]), bytes.fromhex(data["master"]))


def derive_backup_key(
    passphrase: str, salt: bytes | None = None, kdf: KdfParams = DEFAULT_KDF
) -> BackupKey:
    """argon2id of the (NFC) passphrase; a fresh random salt unless one is given."""
    import unicodedata

    salt = salt if salt is not None else secrets.token_bytes(16)
    master = hash_secret_raw(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
        version=kdf.version,
    )
    return BackupKey(kdf, salt, master)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, from its header (the settings only once it is unlocked)."""

    path: Path
    created_at: str
    revision: str | None
    store_id: str
    db_size: int
    settings: dict[str, Any]


# ---- writing ------------------------------------------------------------------------------------


def write_backup(
    store: Store,
    out: Path,
    key: BackupKey,
    *,
    settings: Mapping[str, Any],
    store_id: str = "",
) -> BackupInfo:
    """Write a consistent encrypted copy of ``store`` (and ``settings``) to ``out``, atomically."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix=".nuanxin-backup-", dir=out.parent) as folder:
        copy = Path(folder) / "store.db"
        revision = _export(store, copy, key.sub("database"))
        header = _header(key, settings, revision, store_id, copy.stat().st_size)
        tmp = Path(folder) / "backup.tmp"
        tmp.touch(mode=0o600)
        with tmp.open("wb") as sink:
            mac = hmac.new(key.sub("mac"), digestmod=hashlib.sha256)
            _emit(sink, mac, MAGIC + struct.pack(">I", len(header)) + header)
            with copy.open("rb") as source:
                for chunk in iter(lambda: source.read(CHUNK), b""):
                    _emit(sink, mac, chunk)
            sink.write(mac.digest())
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, out)
    _fsync_folder(out.parent)
    data = json.loads(header)
    return BackupInfo(out, data["created_at"], revision, store_id, data["db_size"], dict(settings))


def _emit(sink: IO[bytes], mac: hmac.HMAC, data: bytes) -> None:
    sink.write(data)
    mac.update(data)


def _export(store: Store, target: Path, db_key: bytes) -> str | None:
    """sqlcipher_export of the whole store into ``target`` (keyed with ``db_key``) in one read
    transaction; returns the schema revision of that snapshot."""
    raw: Any = store.engine.raw_connection()
    driver = raw.driver_connection
    saved = driver.isolation_level
    driver.isolation_level = None
    try:
        driver.execute(
            f"ATTACH DATABASE ? AS {EXPORT_ALIAS} KEY ?", (str(target), f"x'{db_key.hex()}'")
        )
        try:
            driver.execute("BEGIN")
            try:
                row = driver.execute("SELECT version_num FROM alembic_version").fetchone()
                driver.execute(f"SELECT sqlcipher_export('{EXPORT_ALIAS}')")
            finally:
                driver.execute("COMMIT")
        finally:
            driver.execute(f"DETACH DATABASE {EXPORT_ALIAS}")
    finally:
        driver.isolation_level = saved
        raw.close()
    return None if row is None else str(row[0])


def _header(
    key: BackupKey, settings: Mapping[str, Any], revision: str | None, store_id: str, size: int
) -> bytes:
    core = {
        "format": FORMAT,
        "kdf": "argon2id",
        "time_cost": key.kdf.time_cost,
        "memory_cost_kib": key.kdf.memory_cost,
        "parallelism": key.kdf.parallelism,
        "version": key.kdf.version,
        "salt": key.salt.hex(),
        "key_check": key.check,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "revision": revision,
        "store_id": store_id,
        "db_size": size,
    }
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key.sub("settings")).encrypt(
        nonce, json.dumps(dict(settings), ensure_ascii=False).encode("utf-8"), b"settings"
    )
    core["settings_nonce"], core["settings"] = nonce.hex(), sealed.hex()
    return json.dumps(core, sort_keys=True).encode("utf-8")


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    header: dict[str, Any]
    db_offset: int
    kdf: KdfParams
    salt: bytes


def _parse(path: Path) -> _Parsed:
    """The header of a backup file; BackupDamagedError when it is not one or is cut short."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(MAGIC) + 4)
            if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
                raise BackupDamagedError(f"{path.name} is not a Nuanxin backup")
            (length,) = struct.unpack(">I", start[len(MAGIC) :])
            if length > MAX_HEADER:
                raise BackupDamagedError(f"{path.name}: the header length is implausible")
            header = json.loads(handle.read(length).decode("utf-8"))
        if int(header["format"]) > FORMAT:
            raise BackupDamagedError(
                f"{path.name} was written by a newer Nuanxin (format {header['format']})",
                "该备份由更新版本的暖心制作，请先升级本软件再恢复。文件未被改动。",
            )
        kdf = KdfParams(
            int(header["time_cost"]),
            int(header["memory_cost_kib"]),
            int(header["parallelism"]),
            int(header["version"]),
        )
        if not (1 <= kdf.time_cost <= 64 and 8 <= kdf.memory_cost <= 1024 * 1024):
            raise BackupDamagedError(f"{path.name}: out-of-range key derivation parameters")
        return _Parsed(header, len(MAGIC) + 4 + length, kdf, bytes.fromhex(header["salt"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BackupDamagedError(f"{path.name} is damaged: {exc}") from exc


def _unlock(parsed: _Parsed, passphrase: str) -> BackupKey:
    key = derive_backup_key(passphrase, parsed.salt, parsed.kdf)
    if not hmac.compare_digest(key.check, str(parsed.header.get("key_check", ""))):
        raise WrongBackupPassphraseError("the backup passphrase is wrong")
    return key


def _verify(path: Path, parsed: _Parsed, key: BackupKey, copy_to: Path | None = None) -> None:
    """Check the length and the HMAC of the whole file (copying the store part when asked)."""
    size = int(parsed.header["db_size"])
    expected = parsed.db_offset + size + MAC_BYTES
    actual = path.stat().st_size
    if actual != expected:
        raise BackupDamagedError(
            f"{path.name} is {actual} bytes, {expected} expected: truncated or damaged"
        )
    mac = hmac.new(key.sub("mac"), digestmod=hashlib.sha256)
    with path.open("rb") as source, _sink(copy_to) as sink:
        mac.update(source.read(parsed.db_offset))
        left = size
        while left:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                raise BackupDamagedError(f"{path.name} ended early")
            mac.update(chunk)
            if sink is not None:
                sink.write(chunk)
            left -= len(chunk)
        stored = source.read(MAC_BYTES)
    if not hmac.compare_digest(mac.digest(), stored):
        raise BackupDamagedError(f"{path.name} is damaged: its checksum does not match")


@contextlib.contextmanager
def _sink(path: Path | None) -> Iterator[IO[bytes] | None]:
    if path is None:
        yield None
        return
    with path.open("wb") as handle:
        yield handle


def _settings(parsed: _Parsed, key: BackupKey) -> dict[str, Any]:
    try:
        plain = AESGCM(key.sub("settings")).decrypt(
            bytes.fromhex(parsed.header["settings_nonce"]),
            bytes.fromhex(parsed.header["settings"]),
            b"settings",
        )
        settings = json.loads(plain.decode("utf-8"))
    except (InvalidTag, ValueError, KeyError) as exc:
        raise BackupDamagedError(f"the settings in the backup are damaged: {exc}") from exc
    return dict(settings) if isinstance(settings, dict) else {}


def read_backup(path: Path, passphrase: str) -> BackupInfo:
    """Check a backup wholly (passphrase, length, checksum) without writing anything."""
    path = Path(path)
    parsed = _parse(path)
    key = _unlock(parsed, passphrase)
    _verify(path, parsed, key)
    header = parsed.header
    return BackupInfo(
        path,
        str(header["created_at"]),
        header.get("revision"),
        str(header.get("store_id", "")),
        int(header["db_size"]),
        _settings(parsed, key),
    )


# ---- restoring ----------------------------------------------------------------------------------


def restore_backup(
    path: Path,
    passphrase: str,
    folder: Path,
    profile_passphrase: str,
    *,
    use_keyring: bool = True,
) -> Profile:
    """Make a NEW profile in ``folder`` from a backup: a new local key, ``profile_passphrase``.

    Everything is checked before anything is made; on failure what was made is removed."""
    path, folder = Path(path), Path(folder)
    validate_passphrase(profile_passphrase)
    if Profile.exists(folder) or (folder / "nuanxin.db").exists():
        raise ProfileExistsError(f"{folder} already holds a Nuanxin profile or store")
    parsed = _parse(path)
    key = _unlock(parsed, passphrase)
    _verify(path, parsed, key)
    ensure_known(parsed.header.get("revision"))
    settings = _settings(parsed, key)
    made_folder = not folder.exists()
    try:
        return Profile.create(
            folder,
            profile_passphrase,
            use_keyring=use_keyring,
            settings=settings,
            build=lambda db_path, new_key: _rebuild(path, parsed, key, db_path, new_key),
        )
    except BaseException:
        if made_folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _rebuild(path: Path, parsed: _Parsed, key: BackupKey, db_path: Path, new_key: bytes) -> None:
    """Copy the backup's store out (verifying it again), check it and re-key it as ``db_path``."""
    staging = db_path.with_name(db_path.name + ".restoring")
    try:
        _verify(path, parsed, key, copy_to=staging)
        conn = sqlcipher3.connect(str(staging), isolation_level=None)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{key.sub('database').hex()}'\"")
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise BackupDamagedError(f"the store in the backup fails its check: {result[:3]}")
            conn.execute(
                f"ATTACH DATABASE ? AS {EXPORT_ALIAS} KEY ?", (str(db_path), f"x'{new_key.hex()}'")
            )
            conn.execute(f"SELECT sqlcipher_export('{EXPORT_ALIAS}')")
            conn.execute(f"DETACH DATABASE {EXPORT_ALIAS}")
        except sqlcipher3.DatabaseError as exc:
            raise BackupDamagedError(f"the store in the backup does not open: {exc}") from exc
        finally:
            conn.close()
    finally:
        staging.unlink(missing_ok=True)
    store = open_engine(db_path, new_key)
    try:
        upgrade_to_head(store.engine)  # a backup made by an older version
    finally:
        store.close()
