"""Headless ledger commands (no Qt, no display): `nuanxin import FILE` and `nuanxin export KIND`.

Exit codes: 0 done (import: every row imported), 3 import done but some rows rejected (listed in
--report), 1 failure (wrong passphrase, unreadable file …), 2 usage (bad arguments, no profile,
no passphrase available without a terminal to ask on).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

PASSPHRASE_ENV = "NUANXIN_PASSPHRASE"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_REJECTED = 0, 1, 2, 3
KINDS = ("households", "members", "visits", "referrals")
SHOWN_ERRORS = 20


class UsageProblem(Exception):
    """Something the person running the command has to change (exit 2)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _english() -> bool:
    return os.environ.get("LANG", "").lower().startswith("en")


def say(zh: str, en: str, *, error: bool = False) -> None:
    print(en if _english() else zh, file=sys.stderr if error else sys.stdout, flush=True)


def add_ledger_commands(commands: Any) -> None:
    """Add `import` and `export` to the subcommands of the `nuanxin` parser."""
    imports = commands.add_parser(
        "import", help="import households and members from a ledger (.xlsx or .csv)"
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="the ledger: .xlsx or .csv")
    imports.add_argument("--committee", metavar="CODE", help="committee of rows without one")
    imports.add_argument(
        "--mapping", type=Path, metavar="FILE", help="JSON {field: header} for unusual headers"
    )
    imports.add_argument(
        "--report", type=Path, metavar="ERRORS.csv", help="write every rejected row here"
    )
    exports = commands.add_parser("export", help="export a table for Excel (.xlsx or .csv)")
    exports.add_argument("kind", choices=KINDS)
    exports.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|FILE.csv")
    exports.add_argument("--committee", metavar="CODE", help="only this committee")
    for parser in (imports, exports):
        parser.add_argument(
            "--profile", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="profile folder"
        )


def run_ledger_command(args: argparse.Namespace, profile_dir: Path) -> int:
    """Run `import` or `export`; every expected failure becomes a message and an exit code."""
    from app.domain.errors import ValidationError
    from app.store.errors import StoreError

    try:
        if args.command == "import":
            return _import(args, profile_dir)
        return _export(args, profile_dir)
    except UsageProblem as problem:
        say(problem.zh, problem.en, error=True)
        return EXIT_USAGE
    except ValidationError as exc:
        say(
            "；".join(p.zh for p in exc.problems), "; ".join(p.en for p in exc.problems), error=True
        )
        return EXIT_USAGE if any(p.field == "mapping" for p in exc.problems) else EXIT_FAILED
    except (StoreError, OSError, ValueError) as exc:
        zh = getattr(exc, "zh", None) or str(exc)
        say(f"失败：{zh}", f"Failed: {getattr(exc, 'en', None) or exc}", error=True)
        return EXIT_FAILED


def _actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "local"


def open_store(folder: Path) -> Any:
    """The profile's store: keyring first, else NUANXIN_PASSPHRASE, else a prompt on a terminal;
    with no terminal and no passphrase, a usage problem rather than a hang."""
    from app.store.errors import KeyUnavailableError
    from app.store.profile import Profile

    if not Profile.exists(folder):
        raise UsageProblem(f"档案不存在：{folder}", f"No profile at {folder}")
    profile = Profile.load(folder)
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None and profile.uses_keyring:
        try:
            return profile.open(None)
        except KeyUnavailableError:
            pass
    if passphrase is None:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise UsageProblem(
                f"该档案需要口令：请设置环境变量 {PASSPHRASE_ENV}。",
                f"This profile needs its passphrase: set {PASSPHRASE_ENV}.",
            )
        passphrase = getpass.getpass("口令 (passphrase): ")
    return profile.open(passphrase)


def _committee(store: Any, text: str | None) -> str | None:
    from app.services.ledger_import import committee_codes

    if not text:
        return None
    with store.sessions() as session:
        code = committee_codes(session).get(text.strip())
    if code is None:
        raise UsageProblem(
            f"居委「{text}」不存在，请写居委代码或名称。", f"Unknown committee {text!r}."
        )
    return str(code)


def _import(args: argparse.Namespace, profile_dir: Path) -> int:
    from app.services.ledger_import import import_ledger, load_mapping

    if not args.file.is_file():
        raise UsageProblem(f"找不到台账文件：{args.file}", f"No such file: {args.file}")
    mapping = None
    if args.mapping is not None:
        if not args.mapping.is_file():
            raise UsageProblem(f"找不到列对应文件：{args.mapping}", f"No such file: {args.mapping}")
        mapping = load_mapping(args.mapping)
    store = open_store(profile_dir)
    try:
        committee = _committee(store, args.committee)
        result = import_ledger(store, args.file, committee, mapping, args.report, actor=_actor())
    finally:
        store.close()
    counts = result.counts
    say(
        f"已导入 {result.imported} 行（新建 {counts.households_created} 户、更新 "
        f"{counts.households_updated} 户；新增成员 {counts.members_created} 人、更新 "
        f"{counts.members_updated} 人）；{result.rejected} 行有误未导入。",
        f"Imported {result.imported} rows ({counts.households_created} households new, "
        f"{counts.households_updated} updated); {result.rejected} rows rejected.",
    )
    if args.report is not None and result.rejected:
        say(f"错误报告：{args.report}", f"Error report: {args.report}")
    elif result.errors:
        for error in sorted(result.errors, key=lambda e: e.row)[:SHOWN_ERRORS]:
            say(
                f"第 {error.row} 行 {error.column}「{error.value}」：{error.zh}",
                f"row {error.row} {error.column} {error.value!r}: {error.en}",
                error=True,
            )
    return int(result.exit_code)


def _export(args: argparse.Namespace, profile_dir: Path) -> int:
    from app.services.ledger_export import export

    out: Path = args.out
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageProblem(
            f"导出文件应以 .xlsx 或 .csv 结尾：{out}",
            f"The output must end in .xlsx or .csv: {out}",
        )
    store = open_store(profile_dir)
    try:
        committee = _committee(store, args.committee)
        rows = export(store, args.kind, out, actor=_actor(), committee=committee)
    finally:
        store.close()
    say(f"已导出 {rows} 行：{out}", f"Exported {rows} rows to {out}")
    return EXIT_OK
