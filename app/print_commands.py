"""Headless printing (no Qt, no display): `nuanxin print KIND ID --out FILE.pdf [--unmasked]` and
`nuanxin archive --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.zip [--committee CODE]`.

Exit codes: 0 done, 1 failed (wrong passphrase, record not found, unwritable file …), 2 usage
(bad arguments or dates, no profile, no passphrase available without a terminal to ask on).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.ledger_commands import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageProblem,
    _actor,
    _committee,
    open_store,
    say,
)

COMMANDS = ("print", "archive")
KINDS = ("household", "visit", "assessment", "plan", "referral", "receipt")  # FormKind values


def day(text: str) -> dt.date:
    """An argparse type: a calendar date written YYYY-MM-DD, with the fix in the message."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"「{text}」不是日期：请写成 YYYY-MM-DD，例如 2025-03-31 "
            f"({text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-03-31)"
        ) from None


def add_print_commands(commands: Any) -> None:
    """Add `print` and `archive` to the subcommands of the `nuanxin` parser."""
    printing = commands.add_parser("print", help="render one form to a PDF file")
    printing.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    printing.add_argument("id", metavar="ID", help="the record's id")
    printing.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    printing.add_argument(
        "--unmasked",
        action="store_true",
        help="print ID numbers in full (written to the audit log)",
    )
    archiving = commands.add_parser(
        "archive", help="归档: every finalised form of a period as PDF/A in one zip"
    )
    archiving.add_argument(
        "--from", dest="date_from", type=day, required=True, metavar="YYYY-MM-DD"
    )
    archiving.add_argument("--to", dest="date_to", type=day, required=True, metavar="YYYY-MM-DD")
    archiving.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    archiving.add_argument("--committee", metavar="CODE", help="only this committee")
    for parser in (printing, archiving):
        parser.add_argument(
            "--profile", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="profile folder"
        )


def run_print_command(args: argparse.Namespace, profile_dir: Path) -> int:
    """Run `print` or `archive`; every expected failure becomes a message and an exit code."""
    from app.domain.errors import ValidationError
    from app.store.errors import StoreError

    try:
        if args.command == "print":
            return _print(args, profile_dir)
        return _archive(args, profile_dir)
    except UsageProblem as problem:
        say(problem.zh, problem.en, error=True)
        return EXIT_USAGE
    except ValidationError as exc:
        say(
            "；".join(p.zh for p in exc.problems), "; ".join(p.en for p in exc.problems), error=True
        )
        return EXIT_FAILED
    except LookupError as exc:
        say(f"找不到记录：{exc}", f"Not found: {exc}", error=True)
        return EXIT_FAILED
    except (StoreError, OSError, ValueError) as exc:
        zh = getattr(exc, "zh", None) or str(exc)
        say(f"失败：{zh}", f"Failed: {getattr(exc, 'en', None) or exc}", error=True)
        return EXIT_FAILED


def _check_suffix(out: Path, suffix: str) -> None:
    if out.suffix.lower() != suffix:
        raise UsageProblem(
            f"--out 应是 {suffix} 文件：{out}（请以 {suffix} 结尾）",
            f"--out must be a {suffix} file: {out} (end it in {suffix})",
        )


def _print(args: argparse.Namespace, profile_dir: Path) -> int:
    from app.printing.printer import print_form

    _check_suffix(args.out, ".pdf")
    store = open_store(profile_dir)
    try:
        path = print_form(
            store, args.kind, args.id, args.out, actor=_actor(), unmasked=args.unmasked
        )
    finally:
        store.close()
    say(f"已生成：{path}", f"Written: {path}")
    return EXIT_OK


def _archive(args: argparse.Namespace, profile_dir: Path) -> int:
    from app.printing.archive import archive

    if args.date_from > args.date_to:
        raise UsageProblem(
            f"--from {args.date_from} 晚于 --to {args.date_to}：请把 --from 改早或 --to 改晚。",
            f"--from {args.date_from} is after --to {args.date_to}: make --from earlier or --to "
            "later.",
        )
    _check_suffix(args.out, ".zip")
    store = open_store(profile_dir)
    try:
        committee = _committee(store, args.committee)
        result = archive(
            store, args.date_from, args.date_to, args.out, committee=committee, actor=_actor()
        )
    finally:
        store.close()
    say(
        f"已归档 {result.forms} 份表单：{result.path}"
        f"（{result.size} 字节，SHA-256 {result.sha256}）",
        f"Archived {result.forms} forms to {result.path} ({result.size} bytes, "
        f"SHA-256 {result.sha256})",
    )
    return EXIT_OK
