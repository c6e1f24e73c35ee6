"""The .deb: the PyInstaller bundle in the UOS application layout, plus Debian metadata.

/opt/apps/<appid>/files/     the onedir bundle (files/nuanxin is the program)
/opt/apps/<appid>/entries/   applications/<appid>.desktop, icons/hicolor/<size>/apps/<appid>.png
/opt/apps/<appid>/info       UOS JSON: appid, name, version, arch, permissions
DEBIAN/                      control; postinst links /usr/bin/nuanxin and the menu; postrm unlinks

``python -m installer.debian`` stages build/deb/ and writes dist/<appid>_<version>_amd64.deb.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from installer.icons import PNG_SIZES, SOURCE, png_name
from installer.linux_libraries import DEPENDS
from installer.project import (
    APP_ID,
    DEB_STAGE,
    EXECUTABLE,
    HOMEPAGE,
    ICONS_DIR,
    MAINTAINER,
    NAME_EN,
    NAME_ZH,
    ROOT,
    SUMMARY_EN,
    SUMMARY_ZH,
    bundle_dir,
    deb_path,
    debian_version,
    project_version,
)

APP_DIR = Path("opt/apps") / APP_ID
SCRIPTS = ROOT / "installer" / "linux"
COMPRESSIONS = {"xz": 6, "gzip": 6}  # dpkg-deb -Z type: -z level
COMPRESSION_ENV = "NUANXIN_DEB_COMPRESSION"
UOS_PERMISSIONS = {
    "autostart": False,
    "notification": False,
    "trayicon": False,
    "clipboard": True,
    "account": False,
    "bluetooth": False,
    "camera": False,
    "audio_record": False,
    "installed_apps": False,
}


def desktop_entry() -> str:
    """The menu entry (freedesktop Desktop Entry; UOS reads the same file from entries/)."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={NAME_EN}",
            f"Name[zh_CN]={NAME_ZH}",
            "GenericName=Social assistance workbench",
            "GenericName[zh_CN]=社区救助顾问工作台",
            f"Comment={SUMMARY_EN}",
            f"Comment[zh_CN]={SUMMARY_ZH}",
            f"Exec=/{APP_DIR}/files/{EXECUTABLE}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;",
            "Keywords=social assistance;household;visit;referral;救助;走访;转介;",
            "StartupWMClass=Nuanxin",
            "",
        ]
    )


def uos_info(version: str) -> str:
    info = {
        "appid": APP_ID,
        "name": NAME_EN,
        "version": version,
        "arch": ["amd64"],
        "permissions": UOS_PERMISSIONS,
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def control(version: str, installed_kib: int) -> str:
    return "\n".join(
        [
            f"Package: {APP_ID}",
            f"Version: {debian_version(version)}",
            "Architecture: amd64",
            f"Maintainer: {MAINTAINER}",
            f"Installed-Size: {installed_kib}",
            f"Depends: {', '.join(DEPENDS)}",
            f"Provides: {EXECUTABLE}",
            "Section: utils",
            "Priority: optional",
            f"Homepage: {HOMEPAGE}",
            f"Description: {NAME_ZH} {NAME_EN} - community social-assistance workbench",
            f" {SUMMARY_ZH}。",
            " Offline-first desktop client with an encrypted local store: households, visits,",
            " assessments, referrals and printed forms. Installs under /opt/apps/" + APP_ID + ".",
            "",
        ]
    )


def tree_kib(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def stage_icons(app_dir: Path, icons: Path) -> None:
    theme = app_dir / "entries" / "icons" / "hicolor"
    for size in PNG_SIZES:
        target = theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / png_name(size), target)
    scalable = theme / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)


def stage_package(bundle: Path, icons: Path, stage: Path, version: str) -> Path:
    """Lay out the package tree under ``stage`` (emptied first) and return it."""
    if not (bundle / EXECUTABLE).is_file():
        raise SystemExit(f"no bundle at {bundle}: run pyinstaller installer/nuanxin.spec first")
    shutil.rmtree(stage, ignore_errors=True)
    app_dir = stage / APP_DIR
    shutil.copytree(bundle, app_dir / "files", symlinks=True)
    write(app_dir / "entries" / "applications" / f"{APP_ID}.desktop", desktop_entry())
    stage_icons(app_dir, icons)
    write(app_dir / "info", uos_info(version))
    for script in ("postinst", "postrm"):
        text = (SCRIPTS / script).read_text(encoding="utf-8")
        text = text.replace("@APPID@", APP_ID).replace("@EXECUTABLE@", EXECUTABLE)
        write(stage / "DEBIAN" / script, text, 0o755)
    write(stage / "DEBIAN" / "control", control(version, tree_kib(stage / "opt")))
    for folder in [stage, *(p for p in stage.rglob("*") if p.is_dir() and not p.is_symlink())]:
        folder.chmod(0o755)
    return stage


def build_deb(stage: Path, out: Path, compression: str = "xz") -> Path:
    """dpkg-deb --build, files owned by root; xz (the release: smallest, and every dpkg reads
    it) or gzip (3-4 times faster to build, about a third larger; the CI install test uses it)."""
    if compression not in COMPRESSIONS:
        raise SystemExit(f"compression must be one of {', '.join(COMPRESSIONS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    level = COMPRESSIONS[compression]
    command = ["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}"]
    command += ["--build", str(stage), str(out)]
    subprocess.run(command, check=True, env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.debian", description=__doc__)
    parser.add_argument("--bundle", type=Path, default=bundle_dir())
    parser.add_argument("--icons", type=Path, default=ICONS_DIR)
    parser.add_argument("--stage", type=Path, default=DEB_STAGE)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--compression", choices=sorted(COMPRESSIONS), default=os.environ.get(COMPRESSION_ENV, "xz")
    )
    args = parser.parse_args(argv)
    version = project_version()
    stage = stage_package(args.bundle, args.icons, args.stage, version)
    print(build_deb(stage, args.out or deb_path(version), args.compression))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
