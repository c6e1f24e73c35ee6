"""`nuanxin backup | restore | diagnose | password`: looking after a profile from the command line.

Secrets come from the environment when set (NUANXIN_PASSPHRASE for the profile,
NUANXIN_BACKUP_PASSPHRASE for the backup, NUANXIN_PASSWORD / NUANXIN_NEW_PASSWORD for the server
account), else from a prompt; with neither (no terminal) the command exits 2 and says which
variable to set, so headless use never hangs.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROFILE_ENV = "NUANXIN_PASSPHRASE"
BACKUP_ENV = "NUANXIN_BACKUP_PASSPHRASE"
PASSWORD_ENV = "NUANXIN_PASSWORD"
NEW_PASSWORD_ENV = "NUANXIN_NEW_PASSWORD"
COMMANDS = ("backup", "restore", "diagnose", "password")


class MissingSecret(Exception):
    """No environment variable and no terminal to ask on."""


def add_commands(commands: Any, common: Callable[..., None]) -> None:
    """Add the subcommands to ``commands`` (argparse subparsers); ``common`` adds --profile."""
    backup = commands.add_parser("backup", help="encrypted backup of the whole profile")
    common(backup, defaults=False)
    backup.add_argument("--out", type=Path, metavar="FILE", help="backup file to write")
    backup.add_argument(
        "--daily-to", type=Path, metavar="DIR", help="also back up daily into DIR (e.g. a USB)"
    )
    backup.add_argument("--keep", type=int, default=7, help="daily backups to keep (default 7)")
    restore = commands.add_parser("restore", help="restore a backup into a NEW profile")
    common(restore, defaults=False)
    restore.add_argument("file", type=Path, metavar="FILE")
    diagnose = commands.add_parser("diagnose", help="versions, settings and logs, redacted")
    common(diagnose, defaults=False)
    diagnose.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    password = commands.add_parser("password", help="change your password on the server")
    common(password, defaults=False)


def run(args: argparse.Namespace, folder: Path) -> int:
    """Run one of COMMANDS on the profile in ``folder``."""
    from app.domain.errors import ValidationError
    from app.store.errors import StoreError

    handler = {"backup": _backup, "restore": _restore, "diagnose": _diagnose}.get(args.command)
    try:
        if handler is not None:
            return handler(args, folder)
        return _password(folder)
    except MissingSecret as missing:
        print(str(missing), file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"{error.zh}\n{error}", file=sys.stderr)
        return EXIT_FAILED
    except ValidationError as error:
        print("\n".join(f"{p.zh} ({p.en})" for p in error.problems), file=sys.stderr)
        return EXIT_USAGE


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """``env`` when set, else asked on the terminal (twice when ``confirm``)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise MissingSecret(f"没有终端可以输入，请设置环境变量 {env}。(no terminal: set {env})")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt}（再输入一次 / again）: ") != first:
        raise MissingSecret("两次输入不一致。(the two entries differ)")
    return first


def _open_store(folder: Path) -> tuple[Any, Any]:
    from app.store.profile import Profile

    profile = Profile.load(folder)
    if profile.uses_keyring and PROFILE_ENV not in os.environ:
        from app.store.errors import KeyUnavailableError

        try:
            return profile, profile.open(None)
        except KeyUnavailableError:
            pass
    return profile, profile.open(secret(PROFILE_ENV, "档案口令 / profile passphrase"))


def _backup(args: argparse.Namespace, folder: Path) -> int:
    from app.services import auto_backup

    if args.out is None and args.daily_to is None:
        print("nuanxin backup: give --out FILE (and/or --daily-to DIR)", file=sys.stderr)
        return EXIT_USAGE
    profile, store = _open_store(folder)
    try:
        passphrase = secret(BACKUP_ENV, "备份口令 / backup passphrase", confirm=True)
        if args.out is not None:
            info = auto_backup.backup_now(store, profile, Path(args.out), passphrase)
            print(f"backup written: {info.path} ({info.db_size} bytes, schema {info.revision})")
        if args.daily_to is not None:
            auto_backup.configure(store, profile, Path(args.daily_to), passphrase, args.keep)
            print(f"daily backups into {args.daily_to}, keeping {args.keep}")
    finally:
        store.close()
    return EXIT_OK


def _restore(args: argparse.Namespace, folder: Path) -> int:
    from app.store.backup import read_backup, restore_backup

    if not Path(args.file).is_file():
        print(f"no backup file {args.file}", file=sys.stderr)
        return EXIT_USAGE
    passphrase = secret(BACKUP_ENV, "备份口令 / backup passphrase")
    info = read_backup(Path(args.file), passphrase)  # checked before a new passphrase is asked
    new = secret(PROFILE_ENV, "新档案的口令 / passphrase of the new profile", confirm=True)
    restore_backup(Path(args.file), passphrase, folder, new)
    print(f"restored the backup of {info.created_at} into {folder}")
    return EXIT_OK


def _diagnose(args: argparse.Namespace, folder: Path) -> int:
    from app.services.crash_reports import write_diagnostics
    from app.store.errors import StoreError
    from app.store.profile import LOGS_DIRNAME, Profile

    settings: dict[str, Any] = {}
    try:
        settings = dict(Profile.load(folder).settings)
    except StoreError as error:
        settings = {"profile_error": str(error)}
    out = write_diagnostics(Path(args.out), settings=settings, logs_dir=folder / LOGS_DIRNAME)
    print(f"diagnostics written: {out}")
    return EXIT_OK


def _password(folder: Path) -> int:
    from app.sync.admin import AdminClient
    from app.sync.engine import SyncEngine
    from app.sync.errors import SyncError

    profile, store = _open_store(folder)
    engine = SyncEngine(store, profile.store_id)
    try:
        current = secret(PASSWORD_ENV, "当前密码 / current password")
        new = secret(NEW_PASSWORD_ENV, "新密码 / new password", confirm=True)
        AdminClient(engine).change_password(current, new)
    except SyncError as error:
        print(f"{error.zh}\n{error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        engine.close()
        store.close()
    print("password changed; other laptops of this account must log in again")
    return EXIT_OK
