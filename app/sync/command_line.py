"""`nuanxin login` and `nuanxin sync` (DESIGN §7): headless, never hanging on a prompt.

The profile passphrase comes from NUANXIN_PASSPHRASE (or the keyring, or a prompt on a
terminal), the password from NUANXIN_PASSWORD (or a prompt on a terminal). Exit codes: 0 done,
1 failed, 2 usage error, 3 done but some edits were refused (listed on stderr)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parser is built on every start: the engine is imported only to run
    from app.store.engine import Store
    from app.store.profile import Profile
    from app.sync.engine import SyncEngine

PASSWORD_ENV = "NUANXIN_PASSWORD"
PASSPHRASE_ENV = "NUANXIN_PASSPHRASE"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageProblem(Exception):
    """Something only the person running the command can fix (exit code 2)."""


def add_parsers(commands: Any, common: Any) -> None:
    """Add `login` and `sync` to the `nuanxin` subcommands; ``common(parser)`` adds --profile."""
    login = commands.add_parser("login", help="link this profile to a sync server and sign in")
    common(login)
    login.add_argument("--server", required=True, metavar="URL", help="e.g. https://host:8443")
    login.add_argument("--user", required=True, metavar="LOGIN", help="your login name")
    sync = commands.add_parser("sync", help="push this laptop's edits and pull the server's")
    common(sync)


def run(args: argparse.Namespace, profile_dir: Path) -> int:
    """Run `login` or `sync` on the profile in ``profile_dir``; returns the exit code."""
    from app.store.errors import StoreError
    from app.sync.engine import SyncEngine
    from app.sync.errors import SyncError

    try:
        profile, store = open_profile(profile_dir, create=args.command == "login")
    except UsageProblem as problem:
        _say(str(problem))
        return EXIT_USAGE
    except StoreError as error:
        _say(error.zh)
        return EXIT_FAILED
    engine = SyncEngine(store, profile.store_id)
    try:
        if args.command == "login":
            return _login(engine, args.server, args.user)
        return _sync(engine)
    except UsageProblem as problem:
        _say(str(problem))
        return EXIT_USAGE
    except SyncError as error:
        _say(error.zh)
        return EXIT_FAILED
    finally:
        engine.close()
        store.close()


def open_profile(folder: Path, *, create: bool) -> tuple[Profile, Store]:
    """Open (for `login`, create when absent) a profile without ever waiting on a prompt
    when no terminal is attached."""
    from app.store.errors import KeyUnavailableError
    from app.store.profile import Profile

    if not Profile.exists(folder):
        if not create:
            raise UsageProblem(
                f"档案不存在：{folder}。请先运行 nuanxin login，或用 --profile 指定。"
            )
        secret = _secret(PASSPHRASE_ENV, "新档案的口令（至少 8 个字符）: ")
        created = Profile.create(folder, secret)
        return created, created.open(secret)
    profile = Profile.load(folder)
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None and not profile.uses_keyring:
        passphrase = _secret(PASSPHRASE_ENV, "档案口令: ")
    try:
        return profile, profile.open(passphrase)
    except KeyUnavailableError:
        return profile, profile.open(_secret(PASSPHRASE_ENV, "档案口令: "))


def _login(engine: SyncEngine, server: str, login: str) -> int:
    password = _secret(PASSWORD_ENV, f"{login} 的密码: ")
    user = engine.login(server, login, password)
    print(f"已登录 {server}：{user.display_name or user.login}（{user.role}）")
    return EXIT_OK


def _sync(engine: SyncEngine) -> int:
    report = engine.sync(progress=_progress if sys.stderr.isatty() else None)
    print(report.summary())
    if report.refused:
        _say("以下修改未被服务器接受，已保留在本机，请在“同步 → 冲突处理”中处理：")
        for message in report.refused:
            _say(f"  - {message}")
    elif report.open_refusals:
        _say(f"仍有 {report.open_refusals} 条修改未被接受，请在“同步 → 冲突处理”中处理。")
    return report.exit_code


def _progress(done: int, total: int, text: str) -> None:
    print(f"\r{text} {done}/{total}", end="", file=sys.stderr, flush=True)


def _secret(variable: str, prompt: str) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageProblem(f"没有终端可以询问：请设置环境变量 {variable}。")
    return getpass.getpass(prompt)


def _say(text: str) -> None:
    print(text, file=sys.stderr)
