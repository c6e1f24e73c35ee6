#!/usr/bin/env python3
"""Bootstrap and run Nuanxin from a clone: `python3 dev.py demo` and `python3 dev.py test`.

Standard library only, so it runs before anything is installed; it makes .venv, installs the
project into it (again only when pyproject.toml changed) and runs the command there.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "nuanxin-install.json"
IS_WINDOWS = os.name == "nt"
IS_LINUX = sys.platform.startswith("linux")

USAGE = """usage: python3 dev.py COMMAND [ARGS...]

  demo [ARGS...]          install the app and start it on the demo profile (nuanxin demo ARGS)
  test [PYTEST ARGS...]   install with the dev extra; ruff, mypy, import-linter, then pytest
  lint                    ruff, mypy and import-linter only
  bench NAME [--quick]    run a benchmark (python -m bench NAME); 'all --quick' runs them all
"""

# Shared libraries that Qt's offscreen and xcb platform plugins load, with their Debian packages.
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}

# Programs the test suite drives (Secret Service keyring, PDF checks, a virtual X screen, a
# Redis server).
TEST_PROGRAMS = {
    "gnome-keyring-daemon": "gnome-keyring",
    "dbus-daemon": "dbus",
    "dbus-run-session": "dbus",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "Xvfb": "xvfb",
    "xauth": "xauth",
    "redis-server": "redis-server",  # login limits shared by several server processes
}
# The server suite runs on a throwaway PostgreSQL cluster; Debian keeps its binaries off PATH.
POSTGRES_GLOB, POSTGRES_PACKAGE = "/usr/lib/postgresql/*/bin/initdb", "postgresql"


def say(text: str) -> None:
    print(f"dev.py: {text}", flush=True)


def venv_bin(name: str) -> Path:
    """Path of a program installed in .venv (bin/ on POSIX, Scripts\\*.exe on Windows)."""
    if IS_WINDOWS:
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def is_debian_root() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str]) -> None:
    """Install Debian packages (only called as root on Debian/Ubuntu); exits on failure."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    say(f"installing system packages: {' '.join(packages)}")
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
    ):
        code = subprocess.call(command, env=env)
        if code != 0:
            say(f"'{' '.join(command)}' failed with exit code {code}")
            sys.exit(code)


def require_packages(packages: list[str], what: str) -> None:
    """Install the Debian packages when root on Debian, otherwise say how and stop."""
    wanted = sorted(set(packages))
    if not wanted:
        return
    if is_debian_root():
        apt_install(wanted)
        return
    say(f"missing {what}.")
    if shutil.which("apt-get"):
        say(f"install them with:\n  sudo apt-get install {' '.join(wanted)}")
    else:
        say(f"install your distribution's equivalents of the Debian packages: {' '.join(wanted)}")
    sys.exit(1)


def installed_libraries() -> set[str]:
    """Sonames the dynamic linker knows, read from `ldconfig -p`."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return set()
    return {line.split()[0] for line in out.splitlines()[1:] if line.strip()}


def check_system(programs: bool) -> None:
    """On Linux, make sure Qt's libraries (and, for tests, the test programs) are present."""
    if not IS_LINUX:
        return
    known = installed_libraries()
    if not known:
        say("could not list the shared libraries (ldconfig -p); not checking Qt's libraries")
    missing_libs = [lib for lib in QT_LIBRARIES if known and lib not in known]
    if missing_libs:
        say(f"Qt needs shared libraries that are missing: {' '.join(missing_libs)}")
    packages = [QT_LIBRARIES[lib] for lib in missing_libs]
    if programs:
        missing_programs = [p for p in TEST_PROGRAMS if shutil.which(p) is None]
        if missing_programs:
            say(f"the tests need programs that are missing: {' '.join(missing_programs)}")
        packages += [TEST_PROGRAMS[p] for p in missing_programs]
        if not glob.glob(POSTGRES_GLOB) and shutil.which("initdb") is None:
            say("the server tests need PostgreSQL's initdb and pg_ctl")
            packages.append(POSTGRES_PACKAGE)
    require_packages(packages, "system libraries or programs")


def venv_works() -> bool:
    python = venv_bin("python")
    return python.exists() and subprocess.call([str(python), "-c", "pass"]) == 0


def create_venv() -> None:
    """Create .venv with this interpreter (recreating a broken one)."""
    if venv_works():
        return
    try:
        import ensurepip  # noqa: F401  (Debian splits it out into python3.X-venv)
    except ImportError:
        package = f"python3.{sys.version_info.minor}-venv"
        say(f"Python's venv support (ensurepip) is missing: it is in the package {package}")
        require_packages([package], f"the package {package}")
    say(f"creating {VENV}")
    code = subprocess.call([sys.executable, "-m", "venv", "--clear", str(VENV)])
    if code != 0 or not venv_works():
        say("could not create the virtual environment")
        sys.exit(code or 1)


def install(extras: tuple[str, ...]) -> None:
    """`pip install -e .[extras]` unless the stamp says this pyproject.toml is installed already."""
    create_venv()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = {}
    installed = set(stamp.get("extras", []))
    if stamp.get("pyproject") == digest and set(extras) <= installed:
        return
    extras = tuple(sorted(installed | set(extras)))  # keep the dev tools a test run installed
    target = f".[{','.join(extras)}]" if extras else "."
    say(f"installing {target} into .venv (once per change of pyproject.toml)")
    started = time.monotonic()
    pip = [str(venv_bin("python")), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    code = subprocess.call([*pip, "-e", target], cwd=ROOT)
    if code != 0:
        say(f"pip install failed with exit code {code}")
        sys.exit(code)
    STAMP.write_text(json.dumps({"pyproject": digest, "extras": sorted(extras)}), encoding="utf-8")
    say(f"installed in {time.monotonic() - started:.1f} s")


def tool_env(headless_on_ci: bool) -> dict[str, str]:
    """Environment with .venv first on PATH and Qt offscreen where there is no screen."""
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(venv_bin("python").parent) + os.pathsep + env.get("PATH", "")
    no_display = not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    on_ci = headless_on_ci and env.get("CI", "").lower() in ("1", "true", "yes")
    if IS_LINUX and (no_display or on_ci) and "QT_QPA_PLATFORM" not in env:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_steps(steps: list[tuple[str, list[str]]], env: dict[str, str]) -> int:
    """Run each step with a header; the first failure stops the run with its exit code."""
    for title, command in steps:
        print(f"\n===== {title} =====", flush=True)
        started = time.monotonic()
        code = subprocess.call(command, cwd=ROOT, env=env)
        elapsed = time.monotonic() - started
        if code != 0:
            print(f"===== {title}: FAILED (exit {code}, {elapsed:.1f} s) =====", flush=True)
            return code
        print(f"===== {title}: ok ({elapsed:.1f} s) =====", flush=True)
    return 0


def lint_steps() -> list[tuple[str, list[str]]]:
    ruff, mypy, lint_imports = (str(venv_bin(n)) for n in ("ruff", "mypy", "lint-imports"))
    return [
        ("ruff check", [ruff, "check", "."]),
        ("ruff format --check", [ruff, "format", "--check", "."]),
        ("mypy", [mypy]),
        ("import-linter", [lint_imports, "--no-cache"]),
    ]


def cmd_demo(args: list[str]) -> int:
    check_system(programs=False)
    install(())
    return subprocess.call([str(venv_bin("nuanxin")), "demo", *args], env=tool_env(False))


def cmd_test(args: list[str]) -> int:
    check_system(programs=True)
    install(("dev",))
    pytest = [str(venv_bin("python")), "-m", "pytest", "-p", "no:cacheprovider", *args]
    return run_steps([*lint_steps(), ("pytest", pytest)], tool_env(True))


def cmd_lint(args: list[str]) -> int:
    install(("dev",))
    return run_steps(lint_steps(), tool_env(True))


def cmd_bench(args: list[str]) -> int:
    check_system(programs=False)
    install(())
    python = str(venv_bin("python"))
    return subprocess.call([python, "-m", "bench", *args], cwd=ROOT, env=tool_env(False))


COMMANDS = {"demo": cmd_demo, "test": cmd_test, "lint": cmd_lint, "bench": cmd_bench}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (this script runs before any check)
        say(f"Nuanxin needs Python 3.11 or newer; this is {sys.version.split()[0]}")
        return 1
    if argv[:1] in (["-h"], ["--help"], ["help"]):
        print(USAGE)
        return 0
    if not argv or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
