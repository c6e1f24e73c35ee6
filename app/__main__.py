"""The `nuanxin` command: the GUI by default, `demo` for the demo profile.

Qt is imported only once the command is known to need the GUI, so headless commands (import,
export, sync: later issues add them as subcommands here) start fast and run without a display.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__, profile_commands
from app.ledger_commands import add_ledger_commands, run_ledger_command
from app.print_commands import COMMANDS as PRINT_COMMANDS
from app.print_commands import add_print_commands, run_print_command
from app.sync.command_line import add_parsers as add_sync_commands

EXIT_USAGE = 2
DEFAULT_DEMO_HOUSEHOLDS = 2000


def default_data_dir() -> Path:
    """Where profiles live: %APPDATA%\\Nuanxin, ~/Library/Application Support/Nuanxin, or
    $XDG_DATA_HOME/nuanxin (~/.local/share/nuanxin)."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "Nuanxin"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Nuanxin"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "nuanxin"


def _common_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """Options valid before or after the subcommand: `nuanxin --lang en demo` = `demo --lang en`."""
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", default=default, help="profile folder to use"
    )
    parser.add_argument(
        "--lang",
        choices=("zh_CN", "zh", "en"),
        default=default,
        help="interface language (default: the profile's setting, zh_CN at first)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        default=default,
        help="open the main window, wait until it is loaded, save a picture of it and exit",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nuanxin",
        description="暖心 Nuanxin: the workbench of community social-assistance advisors.",
    )
    parser.add_argument("--version", action="version", version=f"nuanxin {__version__}")
    _common_options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="open (creating on first use) a profile filled with generated demo data"
    )
    _common_options(demo, defaults=False)
    demo.add_argument(
        "--households",
        type=int,
        default=DEFAULT_DEMO_HOUSEHOLDS,
        metavar="N",
        help="households to generate when the demo profile is new (default %(default)s)",
    )
    demo.add_argument(
        "--server",
        metavar="URL",
        default=None,
        help="join another demo's server as a second laptop (it prints its URL when it starts)",
    )
    add_ledger_commands(commands)
    add_print_commands(commands)
    add_sync_commands(commands, lambda sub: _common_options(sub, defaults=False))
    profile_commands.add_commands(commands, _common_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen app's archive workers (spawn) start here
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "demo"):
        return _run_gui(args)
    if args.command in ("import", "export"):
        folder = Path(args.profile or default_data_dir()).expanduser().resolve()
        return run_ledger_command(args, folder)
    if args.command in PRINT_COMMANDS:
        folder = Path(args.profile or default_data_dir()).expanduser().resolve()
        return run_print_command(args, folder)
    if args.command in ("login", "sync"):
        from app.sync.command_line import run as run_sync_command

        return run_sync_command(args, Path(args.profile or default_data_dir()).expanduser())
    if args.command in profile_commands.COMMANDS:
        return profile_commands.run(args, Path(args.profile or default_data_dir()).expanduser())
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE


def _run_gui(args: argparse.Namespace) -> int:
    demo = args.command == "demo"
    folder = args.profile or (default_data_dir() / "demo" if demo else default_data_dir())
    if demo and args.households < 1:
        print("--households must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    from app.views.launch import GuiOptions, run_gui

    return run_gui(
        GuiOptions(
            profile_dir=Path(folder).expanduser().resolve(),
            language=args.lang,
            screenshot=Path(args.screenshot).resolve() if args.screenshot else None,
            demo=demo,
            households=getattr(args, "households", DEFAULT_DEMO_HOUSEHOLDS),
            server=getattr(args, "server", None),
        )
    )


if __name__ == "__main__":
    sys.exit(main())
