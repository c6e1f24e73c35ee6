"""Command line of the server: `nuanxin-server serve --host H --port P --database-url URL`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

EXIT_USAGE = 2


def serve(args: argparse.Namespace) -> int:
    """Serve the API with uvicorn until interrupted."""
    import uvicorn

    from server.api.app import create_app

    application = create_app(database_url=args.database_url)
    uvicorn.run(application, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nuanxin-server", description="Nuanxin sync server")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve_parser = commands.add_parser("serve", help="serve the HTTP API")
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve_parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve_parser.add_argument(
        "--database-url",
        default=os.environ.get("NUANXIN_DATABASE_URL"),
        help="SQLAlchemy URL of the server database (default: $NUANXIN_DATABASE_URL)",
    )
    serve_parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve_parser.set_defaults(handler=serve)
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
