"""The .deb's tree, metadata and maintainer scripts, on a small stand-in bundle (fast): what UOS
and Debian read, and what postinst/postrm do to the system and never to the user's data."""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from installer.debian import build_deb, stage_package
from installer.icons import PNG_SIZES
from installer.linux_libraries import DEPENDS
from installer.project import APP_ID, EXECUTABLE, ROOT, debian_version, project_version
from tests.installer.conftest import scratch_dpkg

APP_DIR = f"opt/apps/{APP_ID}"
USER_DATA = "home/advisor/.local/share/nuanxin/demo"


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("icons")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "installer.icons", str(folder)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return folder


@pytest.fixture
def stage(tmp_path: Path, icons: Path) -> Path:
    """The package tree around a stand-in bundle: a script named like the program, one data file."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / EXECUTABLE).write_text("#!/bin/sh\necho nuanxin stand-in\n", encoding="utf-8")
    (bundle / EXECUTABLE).chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return stage_package(bundle, icons, tmp_path / "stage", project_version())


def read_control(stage: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in (stage / "DEBIAN" / "control").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            fields[key] += "\n" + line[1:]
        elif line:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def fingerprints(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_user_data(root: Path) -> Path:
    data = root / USER_DATA
    data.mkdir(parents=True)
    (data / "nuanxin.db").write_bytes(os.urandom(4096))
    (data / "profile.json").write_text('{"language": "zh_CN"}', encoding="utf-8")
    return data


def run_script(
    stage: Path, name: str, argument: str, root: Path
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DPKG_ROOT=str(root))
    script = stage / "DEBIAN" / name
    return subprocess.run(
        ["sh", str(script), argument], env=env, capture_output=True, text=True, check=True
    )


def install_tree(stage: Path, root: Path) -> None:
    """What dpkg unpacks: the package's files under the root."""
    shutil.copytree(stage / "opt", root / "opt", symlinks=True, dirs_exist_ok=True)


def test_package_tree_follows_the_uos_application_layout(stage: Path) -> None:
    app = stage / APP_DIR
    assert (app / "files" / EXECUTABLE).stat().st_mode & 0o111
    assert (app / "entries" / "applications" / f"{APP_ID}.desktop").is_file()
    for size in PNG_SIZES:
        assert (app / f"entries/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (app / f"entries/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert {p.name for p in app.iterdir()} == {"files", "entries", "info"}
    for script in ("postinst", "postrm"):
        assert (stage / "DEBIAN" / script).stat().st_mode & 0o777 == 0o755


def test_menu_entry_starts_the_installed_program_with_its_icon(stage: Path) -> None:
    entry = desktop_entry(stage / APP_DIR / "entries" / "applications" / f"{APP_ID}.desktop")
    assert entry["Type"] == "Application"
    assert entry["Exec"] == f"/{APP_DIR}/files/{EXECUTABLE}"
    assert (stage / entry["Exec"].lstrip("/")).is_file()
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == "Nuanxin" and entry["Name[zh_CN]"] == "暖心"
    assert entry["Terminal"] == "false" and entry["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        path = stage / APP_DIR / "entries" / "applications" / f"{APP_ID}.desktop"
        subprocess.run(["desktop-file-validate", str(path)], check=True)


def test_uos_info_names_the_app_its_version_and_permissions(stage: Path) -> None:
    info = json.loads((stage / APP_DIR / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APP_ID
    assert info["version"] == project_version()
    assert info["arch"] == ["amd64"]
    assert info["permissions"] and all(isinstance(v, bool) for v in info["permissions"].values())


def test_control_carries_the_pyproject_version_and_the_system_libraries(stage: Path) -> None:
    control = read_control(stage)
    assert control["Package"] == APP_ID
    assert control["Version"] == debian_version(project_version())
    assert control["Architecture"] == "amd64"
    assert [d.strip() for d in control["Depends"].split(",")] == list(DEPENDS)
    assert int(control["Installed-Size"]) > 0
    assert control["Description"].splitlines()[0].startswith("暖心 Nuanxin")


def test_maintainer_scripts_link_the_command_and_menu_and_leave_user_data(
    stage: Path, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    data = make_user_data(root)
    before = fingerprints(data)
    install_tree(stage, root)
    run_script(stage, "postinst", "configure", root)

    command = root / "usr" / "bin" / EXECUTABLE
    assert os.readlink(command) == f"/{APP_DIR}/files/{EXECUTABLE}"
    menu = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    assert os.readlink(menu) == f"/{APP_DIR}/entries/applications/{APP_ID}.desktop"
    icons = sorted((root / "usr/share/icons/hicolor").glob(f"*/apps/{APP_ID}.*"))
    assert len(icons) == len(PNG_SIZES) + 1
    assert all(os.readlink(icon).startswith(f"/{APP_DIR}/entries/icons/") for icon in icons)

    shutil.rmtree(root / APP_DIR)  # dpkg removes the package's files before postrm
    run_script(stage, "postrm", "remove", root)
    assert not command.is_symlink() and not menu.is_symlink()
    assert not list((root / "usr/share/icons/hicolor").glob(f"*/apps/{APP_ID}.*"))
    run_script(stage, "postrm", "purge", root)
    assert fingerprints(data) == before


def test_postinst_leaves_a_command_of_someone_else_alone(stage: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    install_tree(stage, root)
    other = root / "usr" / "bin" / EXECUTABLE
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho a pip-installed nuanxin\n", encoding="utf-8")
    done = run_script(stage, "postinst", "configure", root)
    assert not other.is_symlink() and "pip-installed" in other.read_text(encoding="utf-8")
    assert "not ours" in done.stderr
    run_script(stage, "postrm", "remove", root)
    assert other.is_file()


@pytest.mark.skipif(
    not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("dpkg")),
    reason="installing into a scratch root with dpkg needs root",
)
def test_dpkg_installs_and_removes_the_package_in_a_scratch_root(
    stage: Path, tmp_path: Path
) -> None:
    deb = build_deb(stage, tmp_path / "small.deb")
    root = tmp_path / "root"
    data = make_user_data(root)
    before = fingerprints(data)
    dpkg = scratch_dpkg(root)
    subprocess.run([*dpkg, "-i", str(deb)], check=True, capture_output=True)
    assert (root / APP_DIR / "files" / EXECUTABLE).is_file()
    assert (root / "usr/bin" / EXECUTABLE).is_symlink()
    subprocess.run([*dpkg, "--purge", APP_ID], check=True, capture_output=True)
    assert not (root / APP_DIR).exists() and not (root / "usr/bin" / EXECUTABLE).is_symlink()
    assert fingerprints(data) == before
