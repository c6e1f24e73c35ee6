"""The Linux build (bundle + .deb), made once per session into a temporary folder by the real
installer/build-linux.sh, for the tests that install and run it; and the GUI fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from installer.project import APP_ID, EXECUTABLE, ROOT, debian_version, project_version
from tests.gui.conftest import opened_profile, window, workspace

__all__ = ["linux_build", "opened_profile", "scratch_dpkg", "window", "workspace"]

BUILD_TIMEOUT_S = 1500


@dataclass(frozen=True)
class LinuxBuild:
    build_dir: Path
    bundle: Path  # .../bundle/dist/nuanxin (nuanxin + _internal/)
    deb: Path
    seconds: float
    log: str


def build_skip_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the .deb is built on Linux"
    missing = [tool for tool in ("dpkg-deb", "dpkg", "bash") if shutil.which(tool) is None]
    return f"needs {', '.join(missing)}" if missing else None


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory: pytest.TempPathFactory) -> LinuxBuild:
    """Run installer/build-linux.sh as a build machine would, into a private build/dist pair."""
    reason = build_skip_reason()
    if reason:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("linux-build")
    env = dict(
        os.environ,
        NUANXIN_BUILD_DIR=str(base / "build"),
        NUANXIN_DIST_DIR=str(base / "dist"),
        NUANXIN_DEB_COMPRESSION="gzip",  # the same package, built in a quarter of xz's time
    )
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(ROOT / "installer" / "build-linux.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    seconds = time.monotonic() - started
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-4000:]
    deb = base / "dist" / f"{APP_ID}_{debian_version(project_version())}_amd64.deb"
    assert deb.is_file(), log[-4000:]
    bundle = base / "build" / "bundle" / "dist" / EXECUTABLE
    return LinuxBuild(base / "build", bundle, deb, seconds, log)


def scratch_dpkg(root: Path) -> list[str]:
    """dpkg on an empty root: its own database; scripts run unchrooted with $DPKG_ROOT; the
    dependencies are the host's business (tests/installer/test_linux_package.py checks them)."""
    admin = root / "var" / "lib" / "dpkg"
    for folder in ("info", "updates", "triggers"):
        (admin / folder).mkdir(parents=True, exist_ok=True)
    (admin / "status").touch()
    return [
        "dpkg",
        f"--root={root}",
        "--force-script-chrootless",
        "--force-depends",
        "--log=/dev/null",
    ]
