"""Disk and power faults (issue 8, item 4): a full disk, a read-only profile folder, a profile
held by another running Nuanxin, a database from a newer version. Each is a clear message and
leaves no write half done.

The full and read-only disks are real: a small tmpfs mounted for the test (root, as in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.models import SettingsEntry
from app.store.errors import NewerSchemaError
from app.store.faults import DiskFullError, ReadOnlyStoreError
from app.store.lock import ProfileLock, ProfileLockedError
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE, fingerprints


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` at ``folder``; skipped (saying why) where mounting is not allowed."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip(
            "a real full/read-only disk needs root to mount a small tmpfs (CI runs as root)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}): run the test as root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the disk under ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    number = len(list(folder.glob("filler*")))
    (folder / f"filler{number}").write_bytes(b"\0" * max(0, free - leave))


def test_a_full_disk_refuses_the_save_clearly_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "8m") as disk:
        profile = Profile.create(disk / "profile", PASSPHRASE, use_keyring=False)
        store = profile.open(PASSPHRASE)
        with store.transaction() as session:
            session.add(SettingsEntry(key="before", value={"kept": True}))
        fill(disk, 64 * 1024)

        with pytest.raises(DiskFullError) as full, store.transaction() as session:
            for number in range(64):  # about 2 MB in one transaction
                session.add(SettingsEntry(key=f"big{number}", value={"x": "9" * 32_000}))
        store.close()
        fill(disk, 0)
        with pytest.raises(DiskFullError):
            profile.settings["language"] = "en"
            profile.save_settings()

        for filler in disk.glob("filler*"):
            filler.unlink()
        assert "磁盘空间已满" in full.value.zh
        assert Profile.load(profile.folder).settings["language"] == "zh_CN"
        reopened = profile.open(PASSPHRASE)
        with reopened.sessions() as session:
            keys = set(session.execute(select(SettingsEntry.key)).scalars())
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        reopened.close()
        assert "before" in keys and not any(k.startswith("big") for k in keys)


def test_a_read_only_profile_folder_is_named_and_nothing_changes(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "8m") as disk:
        profile = Profile.create(disk / "profile", PASSPHRASE, use_keyring=False)
        profile.open(PASSPHRASE).close()
        before = fingerprints(profile.folder)
        assert _mount("-o", "remount,ro", str(disk)).returncode == 0

        with pytest.raises(ReadOnlyStoreError) as opening:
            Profile.load(profile.folder).open(PASSPHRASE)
        with pytest.raises(ReadOnlyStoreError):
            profile.save_settings()

        assert "只读" in opening.value.zh
        assert fingerprints(profile.folder) == before


HOLDER = """
import sys, time
from pathlib import Path
from app.store.lock import ProfileLock
lock = ProfileLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_profile_open_in_another_running_nuanxin_is_refused_with_who_holds_it(
    profile: Profile,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(profile.folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(ProfileLockedError) as refused:
            profile.lock()
        assert "正被另一个正在运行的暖心程序使用" in refused.value.zh
        assert str(holder.pid) in refused.value.zh
    finally:
        holder.communicate("")  # the holder exits; its lock goes with it
    with profile.lock() as lock:  # free again, also after a crash: the OS drops the lock
        assert lock.held
        with pytest.raises(ProfileLockedError):
            ProfileLock(profile.folder).acquire()


def test_a_database_from_a_newer_version_is_refused_untouched(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    before = fingerprints(profile.folder)

    with pytest.raises(NewerSchemaError) as refused:
        profile.open(PASSPHRASE)

    assert "更新版本" in refused.value.zh
    assert fingerprints(profile.folder) == before
