"""``python -m app.store.migrations revision -m MESSAGE`` and ``heads``: developer commands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app.store.migrations import head_revision, write_revision


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.store.migrations")
    sub = parser.add_subparsers(dest="command", required=True)
    revision = sub.add_parser("revision", help="autogenerate a revision from model changes")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--rev-id", default=None)
    sub.add_parser("heads", help="print the newest revision")
    args = parser.parse_args(argv)
    if args.command == "revision":
        print(write_revision(args.message, args.rev_id))
    else:
        print(head_revision())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
