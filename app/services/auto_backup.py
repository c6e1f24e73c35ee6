"""Backups of the profile: made now, or daily into a chosen folder (a USB stick) keeping the last N.

The daily backup needs no one to type the backup passphrase: its argon2id result (not the
passphrase) is kept inside the encrypted store, so it is as safe as the data it protects. The
folder, how many to keep and the day of the last one are ordinary profile settings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from app.models import SettingsEntry
from app.store.backup import BackupInfo, BackupKey, derive_backup_key, write_backup
from app.store.engine import Store
from app.store.keys import validate_passphrase
from app.store.profile import Profile

FOLDER_SETTING = "auto_backup_folder"
KEEP_SETTING = "auto_backup_keep"
LAST_SETTING = "auto_backup_last"
KEY_SETTING = "backup.key"  # in the encrypted store's settings table
DEFAULT_KEEP = 7
NAME = re.compile(r"^nuanxin-\d{8}-\d{6}\.nxbackup$")


@dataclass(frozen=True)
class Schedule:
    folder: Path | None
    keep: int
    last: str  # ISO date of the last automatic backup, "" when none


def backup_now(
    store: Store, profile: Profile, out: Path, passphrase: str | BackupKey
) -> BackupInfo:
    """One backup of the whole profile to ``out`` under a passphrase (or a kept key)."""
    if isinstance(passphrase, str):
        validate_passphrase(passphrase, field="backup_passphrase")
        key = derive_backup_key(passphrase)
    else:
        key = passphrase
    return write_backup(store, out, key, settings=profile.settings, store_id=profile.store_id)


def schedule(profile: Profile) -> Schedule:
    folder = profile.settings.get(FOLDER_SETTING)
    keep = int(profile.settings.get(KEEP_SETTING) or DEFAULT_KEEP)
    last = str(profile.settings.get(LAST_SETTING) or "")
    return Schedule(Path(folder) if folder else None, max(1, keep), last)


def configure(
    store: Store, profile: Profile, folder: Path | None, passphrase: str = "", keep: int = 7
) -> None:
    """Turn daily backups on (into ``folder`` under ``passphrase``) or off (folder None)."""
    if folder is None:
        with store.transaction() as session:
            entry = session.get(SettingsEntry, KEY_SETTING)
            if entry is not None:
                session.delete(entry)
        profile.settings.pop(FOLDER_SETTING, None)
        profile.save_settings()
        return
    validate_passphrase(passphrase, field="backup_passphrase")
    key = derive_backup_key(passphrase)
    with store.transaction() as session:
        session.merge(SettingsEntry(key=KEY_SETTING, value=key.to_json()))
    profile.settings[FOLDER_SETTING] = str(Path(folder))
    profile.settings[KEEP_SETTING] = max(1, int(keep))
    profile.save_settings()


def run_if_due(
    store: Store, profile: Profile, *, now: dt.datetime | None = None
) -> BackupInfo | None:
    """Make today's backup when daily backups are on and none was made today; prune old ones.

    Returns None when nothing was due (off, done today, or the folder is not there: a USB stick
    that is not plugged in is tried again next time)."""
    plan = schedule(profile)
    now = now or dt.datetime.now().astimezone()
    if plan.folder is None or plan.last == now.date().isoformat() or not plan.folder.is_dir():
        return None
    with store.sessions() as session:
        kept = session.get(SettingsEntry, KEY_SETTING)
        value = dict(kept.value) if kept is not None else None
    if not value:
        return None
    out = plan.folder / f"nuanxin-{now:%Y%m%d-%H%M%S}.nxbackup"
    info = backup_now(store, profile, out, BackupKey.from_json(value))
    prune(plan.folder, plan.keep)
    profile.settings[LAST_SETTING] = now.date().isoformat()
    profile.save_settings()
    return info


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` automatic backups in ``folder``; other files stay."""
    ours = sorted(p for p in folder.iterdir() if p.is_file() and NAME.match(p.name))
    doomed = ours[: max(0, len(ours) - keep)]
    for path in doomed:
        path.unlink()
    return doomed
