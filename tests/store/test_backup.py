"""Encrypted backups of a profile (issue 8, item 1): a consistent copy while the app writes, a
restore that equals the source, and refusals (wrong passphrase, damaged file) that touch nothing."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.domain.enums import AuditAction
from app.services import audit
from app.services.demo_profile import load_demo
from app.store.backup import (
    BackupDamagedError,
    WrongBackupPassphraseError,
    derive_backup_key,
    read_backup,
    restore_backup,
    write_backup,
)
from app.store.engine import Store
from app.store.errors import NewerSchemaError, ProfileExistsError
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE, fingerprints

BACKUP_PASSPHRASE = "备份口令 backup-1"
NEW_PASSPHRASE = "新档案口令 profile-2"


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the store, row for row (sqlite_sequence and FTS5 shadow tables too)."""
    with store.engine.connect() as conn:
        names = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        return {
            name: sorted(
                (tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr
            )
            for name in list(names)
        }


@pytest.fixture
def source(profile: Profile) -> Iterator[Store]:
    store = profile.open(PASSPHRASE)
    load_demo(store, 40)
    with store.transaction() as session:
        audit.record(session, "advisor", AuditAction.REVEAL_ID, "member", "m-1")
    profile.settings["language"] = "en"
    profile.save_settings()
    yield store
    store.close()


def test_a_restored_profile_equals_its_source_table_by_table(
    profile: Profile, source: Store, tmp_path: Path
) -> None:
    backup = tmp_path / "laptop.nxbackup"
    key = derive_backup_key(BACKUP_PASSPHRASE)
    write_backup(source, backup, key, settings=profile.settings, store_id=profile.store_id)

    restored = restore_backup(backup, BACKUP_PASSPHRASE, tmp_path / "new", NEW_PASSPHRASE)
    copy = restored.open(NEW_PASSPHRASE)
    try:
        assert table_rows(copy) == table_rows(source)
    finally:
        copy.close()
    assert restored.settings["language"] == "en"
    assert restored.store_id != profile.store_id  # a new profile with its own key
    assert not restored.verify_passphrase(PASSPHRASE)
    assert b"household" not in backup.read_bytes()  # nothing readable in the file


def test_a_backup_taken_while_the_app_writes_is_one_moment_of_it(
    profile: Profile, tmp_path: Path
) -> None:
    store = profile.open(PASSPHRASE)
    stop = threading.Event()
    written = [0]

    def keep_writing() -> None:  # each transaction: one audit row and one setting, same number
        from app.models import SettingsEntry

        while not stop.is_set():
            number = written[0]
            with store.transaction() as session:
                audit.record(session, "writer", AuditAction.PRINT, "form", str(number))
                session.add(SettingsEntry(key=f"n{number}", value={"n": number}))
            written[0] += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while written[0] < 20:
            threading.Event().wait(0.01)
        key = derive_backup_key(BACKUP_PASSPHRASE)
        backups = [tmp_path / f"b{i}.nxbackup" for i in range(3)]
        for path in backups:
            write_backup(store, path, key, settings={}, store_id=profile.store_id)
    finally:
        stop.set()
        writer.join()
        store.close()

    for number, path in enumerate(backups):
        restored = restore_backup(path, BACKUP_PASSPHRASE, tmp_path / f"r{number}", NEW_PASSPHRASE)
        copy = restored.open(NEW_PASSPHRASE)
        with copy.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            prints = conn.execute(
                text("SELECT entity_id FROM audit_event WHERE action = 'print'")
            ).scalars()
            settings = conn.execute(text("SELECT key FROM setting WHERE key LIKE 'n%'")).scalars()
            seen = sorted(int(n) for n in prints)
            assert seen == list(range(len(seen))) and len(seen) >= 20  # a prefix: no gaps
            assert sorted(int(k[1:]) for k in settings) == seen  # both halves of each write
        copy.close()


@pytest.fixture
def backup_file(profile: Profile, source: Store, tmp_path: Path) -> Path:
    path = tmp_path / "b.nxbackup"
    key = derive_backup_key(BACKUP_PASSPHRASE)
    write_backup(source, path, key, settings=profile.settings, store_id=profile.store_id)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_wrong_backup_passphrase_is_refused_and_nothing_is_made(
    backup_file: Path, profile: Profile, tmp_path: Path
) -> None:
    before, source_files = digest(backup_file), fingerprints(profile.folder)
    target = tmp_path / "restored"

    with pytest.raises(WrongBackupPassphraseError) as refused:
        restore_backup(backup_file, "not the passphrase", target, NEW_PASSPHRASE)

    assert "备份口令不正确" in refused.value.zh
    assert not target.exists()
    assert digest(backup_file) == before and fingerprints(profile.folder) == source_files


@pytest.mark.parametrize("cut", ["header", "middle", "checksum", "flipped"])
def test_a_damaged_or_truncated_backup_is_refused_and_nothing_is_made(
    backup_file: Path, tmp_path: Path, cut: str
) -> None:
    data = backup_file.read_bytes()
    damaged = tmp_path / "damaged.nxbackup"
    if cut == "header":
        damaged.write_bytes(data[:40])
    elif cut == "middle":
        damaged.write_bytes(data[: len(data) // 2])
    elif cut == "checksum":
        damaged.write_bytes(data[:-1])
    else:
        middle = len(data) // 2
        damaged.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    before = digest(damaged)
    target = tmp_path / "restored"

    with pytest.raises(BackupDamagedError) as refused:
        restore_backup(damaged, BACKUP_PASSPHRASE, target, NEW_PASSPHRASE)
    with pytest.raises(BackupDamagedError):
        read_backup(damaged, BACKUP_PASSPHRASE)

    assert "备份文件已损坏或不完整" in refused.value.zh
    assert not target.exists() and digest(damaged) == before


def test_restore_never_overwrites_a_profile(backup_file: Path, profile: Profile) -> None:
    before = fingerprints(profile.folder)
    with pytest.raises(ProfileExistsError):
        restore_backup(backup_file, BACKUP_PASSPHRASE, profile.folder, NEW_PASSPHRASE)
    assert fingerprints(profile.folder) == before


def test_a_backup_from_a_newer_version_is_refused(profile: Profile, tmp_path: Path) -> None:
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    path = tmp_path / "newer.nxbackup"
    write_backup(store, path, derive_backup_key(BACKUP_PASSPHRASE), settings={})
    store.close()

    with pytest.raises(NewerSchemaError):
        restore_backup(path, BACKUP_PASSPHRASE, tmp_path / "restored", NEW_PASSPHRASE)
    assert not (tmp_path / "restored").exists()
