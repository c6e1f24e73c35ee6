"""Command line of the server (DESIGN §7):

nuanxin-server serve --database-url URL --host H --port P
nuanxin-server migrate | purge
nuanxin-server create-user NAME --role R --scope CODE... | seed-demo --households N
nuanxin-server backup --out FILE | restore FILE   (stop every server process before a restore)
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.enums import Role
from app.sync.collector import settle_heap
from server.core import logs
from server.core.settings import DEFAULT_DATABASE_URL, ServerSettings

if TYPE_CHECKING:
    from server.core.backend import Backend

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def serve(args: argparse.Namespace) -> int:
    """Serve the API with uvicorn until interrupted (SQLite databases are migrated first)."""
    import uvicorn

    from server.api.app import create_app

    logs.configure(args.log_level)
    settings = ServerSettings(
        database_url=args.database_url, rate_limit_storage=args.rate_limit_storage
    )
    application = create_app(settings=settings)
    # What is alive now (the libraries, the app, its routes and schemas) lives as long as the
    # process: frozen, the cyclic collector stops walking it in every full collection, which
    # cost requests 60-80 ms each time (measured on pushes: p95 110 ms, 48 ms frozen).
    settle_heap()
    uvicorn.run(
        application,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return EXIT_OK


def migrate(args: argparse.Namespace) -> int:
    from server.core.database import Database
    from server.core.database import migrate as upgrade

    database = Database(args.database_url)
    try:
        upgrade(database)
    finally:
        database.dispose()
    print(f"database at the newest schema: {args.database_url}")
    return EXIT_OK


def create_user(args: argparse.Namespace) -> int:
    from server.core.accounts import NewUser
    from server.core.accounts import create_user as create
    from server.core.errors import ServerError

    password = os.environ.get("NUANXIN_PASSWORD") or _prompt_password()
    if password is None:
        print("no password: set NUANXIN_PASSWORD or run in a terminal", file=sys.stderr)
        return EXIT_USAGE
    new = NewUser(args.name, password, Role(args.role), tuple(args.scope), args.display_name)
    with _backend(args) as backend:
        try:
            user = create(backend, new)
        except ServerError as error:
            print(f"{error.message} ({error.message_en})", file=sys.stderr)
            return EXIT_FAILED
    print(f"created {user.login} ({user.role}, scope {' '.join(user.scope)})")
    return EXIT_OK


def seed_demo(args: argparse.Namespace) -> int:
    from server.core.demo_seed import seed_demo as seed

    with _backend(args) as backend:
        report = seed(backend, args.households, args.seed)
    print(f"demo rows added: {report.rows}")
    for login, password in report.users.items():
        print(f"demo user {login} password {password}")
    return EXIT_OK


def purge(args: argparse.Namespace) -> int:
    from server.core.maintenance import purge as drop

    with _backend(args) as backend:
        print(f"rows dropped: {drop(backend)}")
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    from server.core.backups import BackupError
    from server.core.backups import backup as write

    try:
        out = write(args.database_url, args.out)
    except BackupError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"backup written: {out}")
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    from server.core.backups import BackupError
    from server.core.backups import restore as read

    try:
        report = read(args.database_url, args.file)
    except BackupError as error:
        print(f"restore failed, the database was not changed: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"restored {args.file} (seq {report.seq}); clients will download everything again")
    return EXIT_OK


@contextmanager
def _backend(args: argparse.Namespace) -> Iterator[Backend]:
    """A backend on a migrated database for one command, closed afterwards."""
    from server.core.backend import Backend
    from server.core.maintenance import prepare_schema

    backend = Backend(ServerSettings(database_url=args.database_url))
    try:
        prepare_schema(backend.database)
        yield backend
    finally:
        backend.close()


def _prompt_password() -> str | None:
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        print("the passwords differ", file=sys.stderr)
        return None
    return first


def _limits_storage(value: str) -> str:
    """A storage URL the `limits` library accepts, refused on the command line otherwise."""
    from limits.errors import ConfigurationError
    from limits.storage import storage_from_string

    try:
        storage_from_string(value)
    except (ConfigurationError, ValueError) as exc:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a rate-limit store ({exc}); use memory:// or e.g. redis://host:6379"
        ) from exc
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nuanxin-server", description="Nuanxin sync server")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        default=os.environ.get("NUANXIN_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db "
        f"(default: $NUANXIN_DATABASE_URL or {DEFAULT_DATABASE_URL})",
    )
    serve_parser = commands.add_parser("serve", parents=[database], help="serve the HTTP API")
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve_parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve_parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve_parser.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="reverse proxies whose X-Forwarded-For is trusted (client address for rate limits)",
    )
    serve_parser.add_argument(
        "--rate-limit-storage",
        type=_limits_storage,
        default=os.environ.get("NUANXIN_RATE_LIMIT_STORAGE") or "memory://",
        help="where login attempts are counted: memory:// (this process; the default, or "
        "$NUANXIN_RATE_LIMIT_STORAGE), or a store every server process shares, e.g. "
        "redis://host:6379 (several processes: the limits then hold for all of them together)",
    )
    serve_parser.set_defaults(handler=serve)
    commands.add_parser(
        "migrate", parents=[database], help="bring the schema up to date"
    ).set_defaults(handler=migrate)
    user = commands.add_parser("create-user", parents=[database], help="add a user")
    user.add_argument("name", help="login name")
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    user.add_argument(
        "--scope", required=True, nargs="+", metavar="CODE", help="jurisdiction codes"
    )
    user.add_argument("--display-name", default="")
    user.set_defaults(handler=create_user)
    demo = commands.add_parser("seed-demo", parents=[database], help="fill with demo data")
    demo.add_argument("--households", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(handler=seed_demo)
    commands.add_parser(
        "purge", parents=[database], help="drop tombstones older than 180 days"
    ).set_defaults(handler=purge)
    saving = commands.add_parser("backup", parents=[database], help="back up the database")
    saving.add_argument("--out", type=Path, required=True, metavar="FILE")
    saving.set_defaults(handler=backup)
    loading = commands.add_parser(
        "restore", parents=[database], help="replace the database with a backup (server stopped)"
    )
    loading.add_argument("file", type=Path, metavar="FILE")
    loading.set_defaults(handler=restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
