"""The CI step for the Linux installer: build the bundle and the .deb with installer/build-linux.sh,
install the package with dpkg into a scratch root, run the INSTALLED program's smoke test on a
font set without any CJK font (the bundled fonts must do the work), an export and a forms
archive (worker processes) by the installed program, then remove and purge the package and check
that the user's data is still there. Also what the bundle must carry, and that
the system libraries it links are exactly the .deb's Depends. Timings are printed (run with -s)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from app.printing.archive import PARALLEL_FROM
from app.services.households import HouseholdService
from app.store.profile import Profile
from installer.linux_libraries import DEPENDS, packages_for, system_sonames
from installer.project import APP_ID, EXECUTABLE, ROOT, debian_version, project_version
from tests.gui.casework_seed import add_case_household
from tests.gui.conftest import PASSPHRASE, seed_jurisdictions
from tests.gui.test_printing_screens import VISITED_AT, finished_visit
from tests.installer.conftest import LinuxBuild, scratch_dpkg

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

APP_DIR = f"opt/apps/{APP_ID}"
SOURCE_PROGRAM = Path(sys.executable).parent / EXECUTABLE
HOUSEHOLDS = "200"
RUN_TIMEOUT_S = 300
NAV_AREA = (0, 30, 140, 400)  # the page list at the left of the main window (1280×720)


def test_bundle_carries_what_the_app_loads_at_run_time(linux_build: LinuxBuild) -> None:
    internal = linux_build.bundle / "_internal"
    metadata = {p.name.lower().split("-")[0]: p for p in internal.glob("*.dist-info")}
    version_line = f"Version: {project_version()}"
    assert version_line in (metadata["nuanxin"] / "METADATA").read_text(encoding="utf-8")
    assert "[keyring.backends]" in (metadata["keyring"] / "entry_points.txt").read_text()
    assert {"secretstorage", "jeepney", "pikepdf"} <= set(metadata)
    for pattern in (
        "sqlcipher3/_sqlite3*.so",
        "_rl_accel*.so",
        "zstandard/backend_c*.so",  # httpx asks for zstd pull pages only when it can read them
        "pypdfium2_raw/libpdfium*",
        "resources/fonts/LXGWWenKai-Regular.ttf",
        "resources/fonts/HanaMinB.ttf",
        "resources/translations/nuanxin_en.qm",
        "resources/instruments/*.toml",
        "resources/standards/shanghai.toml",
        "resources/icons/nuanxin.svg",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",  # the window icon is an SVG
    ):
        assert list(internal.glob(pattern)), pattern
    for package in ("app/store/migrations", "server/migrations"):
        source = {p.name for p in (ROOT / package).rglob("*.py")}
        bundled = {p.name for p in (internal / package).rglob("*.py")}
        assert source == bundled, package
    assert not list(internal.glob("PySide6/Qt/plugins/platforms/libqwayland*"))
    assert not list(internal.glob("PySide6/Qt/translations/qtbase_de.qm"))


def test_bundle_links_exactly_the_system_libraries_the_deb_depends_on(
    linux_build: LinuxBuild,
) -> None:
    sonames = system_sonames(linux_build.bundle)
    assert not {s for s in sonames if s.startswith(("libssl", "libcrypto", "libpython"))}
    packages = packages_for(sonames)
    assert None not in packages.values(), {s for s, p in packages.items() if p is None}
    assert set(packages.values()) == set(DEPENDS)


@dataclass(frozen=True)
class Run:
    seconds: float
    screenshot: Path


def font_config(folder: Path) -> Path:
    """A fontconfig setup with the system's DejaVu fonts only: Latin, no Chinese at all."""
    folder.mkdir(parents=True)
    dirs = [d for d in ("/usr/share/fonts/truetype/dejavu",) if Path(d).is_dir()]
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def clean_env(home: Path, fonts: Path) -> dict[str, str]:
    """What a desktop session gives a program, minus the display: nothing of the build's Python."""
    runtime = home / ".run"
    runtime.mkdir(parents=True, mode=0o700)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(fonts),
    }


def run_demo(program: Path, home: Path, env: dict[str, str], name: str) -> Run:
    profile = home / ".local" / "share" / "nuanxin" / "demo"
    shot = home / f"{name}.png"
    command = [str(program), "demo", "--profile", str(profile), "--households", HOUSEHOLDS]
    started = time.monotonic()
    done = subprocess.run(
        [*command, "--screenshot", str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return Run(seconds, shot)


def check_screenshot(path: Path) -> None:
    """A real window: big, not one flat colour, and ink (text) in the page list."""
    with Image.open(path) as image:
        assert image.width >= 1000 and image.height >= 600
        gray = image.convert("L")
        assert ImageStat.Stat(gray).stddev[0] > 10
        nav = gray.crop(NAV_AREA)
        background = max(range(256), key=nav.histogram().__getitem__)
        ink = sum(n for level, n in enumerate(nav.histogram()) if abs(level - background) > 80)
        assert ink > 500, f"only {ink} non-background pixels in the page list"


def same_pixels(a: Path, b: Path, box: tuple[int, int, int, int]) -> bool:
    with Image.open(a) as first, Image.open(b) as second:
        return first.convert("RGB").crop(box).tobytes() == second.convert("RGB").crop(box).tobytes()


def fingerprints(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def host_lacks(package: str) -> bool:
    query = ["dpkg-query", "-W", "-f=${db:Status-Status}", package]
    done = subprocess.run(query, capture_output=True, text=True)
    return done.stdout.strip() != "installed"


def report(text: str) -> None:
    print(f"[installer] {text}", flush=True)


def install(deb: Path, dpkg: list[str], root: Path) -> Path:
    """dpkg -i into the scratch root; the installed program's path."""
    assert not [p for p in DEPENDS if host_lacks(p)], "the host must have the .deb's Depends"
    subprocess.run([*dpkg, "-i", str(deb)], check=True, capture_output=True)
    status = subprocess.run([*dpkg, "-s", APP_ID], capture_output=True, text=True, check=True)
    assert f"Version: {debian_version(project_version())}" in status.stdout
    assert "install ok installed" in status.stdout
    assert os.readlink(root / "usr" / "bin" / EXECUTABLE) == f"/{APP_DIR}/files/{EXECUTABLE}"
    return root / APP_DIR / "files" / EXECUTABLE


def check_no_chinese_fonts(fonts: Path) -> None:
    if shutil.which("fc-list") is None:
        return
    env = {"FONTCONFIG_FILE": str(fonts)}
    chinese = subprocess.run(["fc-list", ":lang=zh"], env=env, capture_output=True, text=True)
    assert chinese.stdout.strip() == "", "the test's font set must hold no CJK font"
    host = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    report(f"CJK fonts on this machine: {len(host.splitlines())} (the runs use none)")


def export_households(program: Path, home: Path, env: dict[str, str]) -> None:
    """The headless side of the installed program: an export from the demo profile."""
    out = home / "households.csv"
    profile = home / ".local" / "share" / "nuanxin" / "demo"
    command = [str(program), "export", "households", "--profile", str(profile), "--out", str(out)]
    env = {**env, "NUANXIN_PASSPHRASE": "nuanxin-demo"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) > 1


def profile_with_forms(folder: Path) -> Path:
    """A profile with enough finished visits for the archive to start its worker processes."""
    store = Profile.create(folder, PASSPHRASE, use_keyring=False).open(PASSPHRASE)
    try:
        seed_jurisdictions(store)
        household = add_case_household(HouseholdService(store, "advisor1"))
        for day in range(PARALLEL_FROM):
            finished_visit(store, household, VISITED_AT + dt.timedelta(days=day))
    finally:
        store.close()
    return folder


def archive(program: Path, profile: Path, env: dict[str, str], out: Path) -> bytes:
    """`nuanxin archive`: ReportLab with the bundled fonts, PDF/A by pikepdf, spawned workers."""
    command = [str(program), "archive", "--from", "2025-01-01", "--to", "2025-12-31"]
    command += ["--out", str(out), "--profile", str(profile)]
    env = {**env, "NUANXIN_PASSPHRASE": PASSPHRASE}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def check_archive_matches_source(program: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """The installed program's archive is byte for byte the one made from source."""
    profile = profile_with_forms(tmp_path / "forms-profile")
    installed = archive(program, profile, env, tmp_path / "installed.zip")
    source = archive(SOURCE_PROGRAM, profile, env, tmp_path / "source.zip")
    assert installed == source
    with zipfile.ZipFile(tmp_path / "installed.zip") as made:
        assert len([n for n in made.namelist() if n.endswith(".pdf")]) == PARALLEL_FROM


def remove(dpkg: list[str], root: Path, user_data: Path) -> None:
    """dpkg -r, then --purge: the program goes, the user's data stays as it was."""
    before = fingerprints(user_data)
    subprocess.run([*dpkg, "-r", APP_ID], check=True, capture_output=True)
    assert not (root / APP_DIR / "files").exists()
    assert not (root / "usr" / "bin" / EXECUTABLE).is_symlink()
    subprocess.run([*dpkg, "--purge", APP_ID], check=True, capture_output=True)
    assert not (root / APP_DIR).exists()
    assert fingerprints(user_data) == before


@pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="dpkg installs into the scratch root as root only (CI runs as root)",
)
def test_installed_app_runs_without_cjk_fonts_and_removal_keeps_user_data(
    linux_build: LinuxBuild, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    dpkg = scratch_dpkg(root)
    program = install(linux_build.deb, dpkg, root)
    fonts = font_config(tmp_path / "fonts")
    check_no_chinese_fonts(fonts)

    home = tmp_path / "home"
    env = clean_env(home, fonts)
    version = subprocess.run([str(program), "--version"], env=env, capture_output=True, text=True)
    assert version.stdout.strip() == f"nuanxin {project_version()}"
    first = run_demo(program, home, env, "installed-first")
    again = run_demo(program, home, env, "installed")
    check_screenshot(again.screenshot)
    export_households(program, home, env)
    check_archive_matches_source(program, tmp_path, env)

    source_home = tmp_path / "source-home"
    source_env = clean_env(source_home, fonts)
    source_first = run_demo(SOURCE_PROGRAM, source_home, source_env, "source-first")
    source = run_demo(SOURCE_PROGRAM, source_home, source_env, "source")
    assert same_pixels(again.screenshot, source.screenshot, NAV_AREA)

    remove(dpkg, root, home / ".local" / "share" / "nuanxin")
    report(f"build (bundle + .deb, gzip): {linux_build.seconds:.0f} s")
    report(f"bundle: {tree_mb(linux_build.bundle):.0f} MB; .deb: {mb(linux_build.deb):.0f} MB")
    report(f"installed --screenshot: first {first.seconds:.1f} s, again {again.seconds:.1f} s")
    report(f"source --screenshot: first {source_first.seconds:.1f} s, again {source.seconds:.1f} s")
    report(f"screenshots: {again.screenshot} {source.screenshot}")


def mb(path: Path) -> float:
    return path.stat().st_size / 2**20


def tree_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*")) / 2**20
