"""A store that cannot be opened says why, in Chinese, and is left exactly as it was on disk."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from app.models import Jurisdiction
from app.store.engine import PAGE_SIZE, open_engine
from app.store.errors import CorruptStoreError, NewerSchemaError, WrongKeyError
from app.store.migrations import upgrade_to_head
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE, fingerprints


def add_rows(profile: Profile, count: int) -> None:
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        for n in range(count):
            session.add(Jurisdiction(code=f"31{n:010d}", name=f"示例居委{n}", level="committee"))
    store.close()


def rearm_sqlcipher_logging() -> None:
    """SQLCipher's log level is process-wide: put it back to its default (errors to stderr)."""
    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA cipher_log_level = ERROR")
    conn.close()


def test_wrong_key_is_refused_silently_and_changes_nothing(
    profile: Profile, capfd: pytest.CaptureFixture[str]
) -> None:
    add_rows(profile, 50)
    before = fingerprints(profile.folder)
    rearm_sqlcipher_logging()
    capfd.readouterr()
    with pytest.raises(WrongKeyError) as caught:
        open_engine(profile.db_path, secrets.token_bytes(32))
    assert "文件未被改动" in caught.value.zh
    assert capfd.readouterr().err == ""  # no 'ERROR CORE ... hmac check failed' lines
    assert fingerprints(profile.folder) == before


def test_wrong_key_leaves_a_live_wal_untouched(profile: Profile) -> None:
    """Another connection holds the store open with un-checkpointed WAL pages."""
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        session.add(Jurisdiction(code="310115000000", name="浦东新区", level="district"))
    names = {p.name for p in profile.folder.iterdir()}
    assert {"nuanxin.db-wal", "nuanxin.db-shm"} <= names
    before = fingerprints(profile.folder)
    with pytest.raises(WrongKeyError):
        open_engine(profile.db_path, secrets.token_bytes(32))
    assert fingerprints(profile.folder) == before
    store.close()


@pytest.mark.parametrize(
    "damage",
    ["random_bytes", "text_file", "plain_sqlite", "first_page_flipped", "empty", "missing"],
)
def test_damaged_store_is_corrupt_not_a_crash_and_stays_as_found(
    profile: Profile, damage: str, capfd: pytest.CaptureFixture[str]
) -> None:
    add_rows(profile, 20)
    db = profile.db_path
    if damage == "random_bytes":
        db.write_bytes(os.urandom(db.stat().st_size))
    elif damage == "text_file":
        db.write_text("这不是数据库 not a database\n", encoding="utf-8")
    elif damage == "plain_sqlite":
        db.unlink()
        with sqlite3.connect(db) as plain:
            plain.execute("CREATE TABLE t (x)")
        plain.close()
    elif damage == "first_page_flipped":
        data = bytearray(db.read_bytes())
        data[200] ^= 0xFF
        db.write_bytes(bytes(data))
    elif damage == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    before = fingerprints(profile.folder)
    capfd.readouterr()
    with pytest.raises(CorruptStoreError) as caught:
        Profile.load(profile.folder).open(PASSPHRASE)
    assert "nuanxin.db" in str(caught.value) or "damaged" in str(caught.value)
    assert "损坏" in caught.value.zh or "找不到" in caught.value.zh
    assert capfd.readouterr().err == ""
    assert fingerprints(profile.folder) == before


@pytest.mark.parametrize("keep", [0.5, 0.75])
@pytest.mark.parametrize("on_page_boundary", [True, False])
def test_truncated_store_is_corrupt_and_stays_as_found(
    profile: Profile, keep: float, on_page_boundary: bool
) -> None:
    add_rows(profile, 400)
    db = profile.db_path
    size = int(db.stat().st_size * keep)
    size = size - size % PAGE_SIZE + (0 if on_page_boundary else 1000)
    with db.open("r+b") as handle:
        handle.truncate(size)
    before = fingerprints(profile.folder)
    with pytest.raises(CorruptStoreError):
        Profile.load(profile.folder).open(PASSPHRASE)
    assert fingerprints(profile.folder) == before


def test_store_replaced_by_another_profiles_store_is_refused(tmp_path: Path) -> None:
    mine = Profile.create(tmp_path / "mine", PASSPHRASE)
    theirs = Profile.create(tmp_path / "theirs", PASSPHRASE)
    mine.db_path.write_bytes(theirs.db_path.read_bytes())
    before = fingerprints(mine.folder)
    with pytest.raises(CorruptStoreError) as caught:
        mine.open(PASSPHRASE)
    assert "replaced" in str(caught.value)
    assert fingerprints(mine.folder) == before


def test_store_from_a_newer_version_is_refused_untouched(profile: Profile) -> None:
    add_rows(profile, 5)
    store = profile.open(PASSPHRASE)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9001'"))
    store.close()
    before = fingerprints(profile.folder)

    with pytest.raises(NewerSchemaError) as caught:
        Profile.load(profile.folder).open(PASSPHRASE)
    assert "9001" in str(caught.value)
    assert "升级" in caught.value.zh and "文件未被改动" in caught.value.zh
    assert fingerprints(profile.folder) == before


def test_upgrade_refuses_a_newer_store_opened_directly(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    store = open_engine(tmp_path / "nuanxin.db", key)
    upgrade_to_head(store.engine)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(NewerSchemaError):
        upgrade_to_head(store.engine)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            "ffff_future"
        )
    store.close()
