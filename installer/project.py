"""What every installer shares: the one version number (from pyproject.toml), ids and names.

``python -m installer.project version`` prints the version for shell scripts and Inno Setup.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "cn.nuanxin.workbench"  # UOS app id: /opt/apps/<APP_ID>/, the .deb package name
EXECUTABLE = "nuanxin"  # nuanxin.exe on Windows
NAME_ZH, NAME_EN = "暖心", "Nuanxin"
SUMMARY_ZH = "暖心：社区救助顾问工作台"
SUMMARY_EN = "Nuanxin: the workbench of community social-assistance advisors"
MAINTAINER = "Nuanxin project <nuanxin@example.org>"
HOMEPAGE = "https://example.org/nuanxin"
# Build products go to build/ and dist/, or to $NUANXIN_BUILD_DIR and $NUANXIN_DIST_DIR (the
# installer test builds into a temporary folder so that it never clobbers a developer's build).
BUILD_DIR = Path(os.environ.get("NUANXIN_BUILD_DIR") or ROOT / "build").resolve()
DIST_DIR = Path(os.environ.get("NUANXIN_DIST_DIR") or ROOT / "dist").resolve()
# The PyInstaller onedir bundle: <BUNDLE_PARENT>/nuanxin/{nuanxin,_internal/}.
BUNDLE_PARENT = BUILD_DIR / "bundle" / "dist"
WORK_DIR = BUILD_DIR / "bundle" / "work"
ICONS_DIR = BUILD_DIR / "icons"
DEB_STAGE = BUILD_DIR / "deb"

_PRE_RELEASE = re.compile(r"(?<=\d)[.-]?(a|b|rc|dev)(\d*)")


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``[project] version`` of pyproject.toml: the version of the app, bundle and installers."""
    with pyproject.open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def debian_version(version: str) -> str:
    """PEP 440 to Debian ordering: 1.2rc1 → 1.2~rc1 (sorts before 1.2), 1.2+local1 kept."""
    return _PRE_RELEASE.sub(lambda m: f"~{m.group(1)}{m.group(2)}", version)


def windows_file_version(version: str) -> str:
    """The numeric a.b.c.d form Windows version resources need: 1.2rc1 → 1.2.0.0."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = release.group(0).split(".") if release else []
    return ".".join((numbers + ["0"] * 4)[:4])


def bundle_dir() -> Path:
    return BUNDLE_PARENT / EXECUTABLE


def deb_path(version: str | None = None) -> Path:
    """dist/cn.nuanxin.workbench_<version>_amd64.deb (Debian's file naming)."""
    return DIST_DIR / f"{APP_ID}_{debian_version(version or project_version())}_amd64.deb"


def main(argv: list[str]) -> int:
    commands: dict[str, Callable[[], str]] = {
        "version": project_version,
        "debian-version": lambda: debian_version(project_version()),
        "windows-version": lambda: windows_file_version(project_version()),
        "deb-path": lambda: str(deb_path()),
        "bundle-dir": lambda: str(bundle_dir()),
        "bundle-parent": lambda: str(BUNDLE_PARENT),
        "work-dir": lambda: str(WORK_DIR),
    }
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m installer.project {'|'.join(commands)}", file=sys.stderr)
        return 2
    print(commands[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
