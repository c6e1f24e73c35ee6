"""installer/windows/nuanxin.iss, checked without Windows: per-user setup in Chinese and English,
shortcuts, user data left alone on uninstall, the version from pyproject.toml, and (slow) every
path against the onedir bundle that PyInstaller builds on Linux (nuanxin.exe ↔ nuanxin)."""

from __future__ import annotations

import re
import sys
from pathlib import Path, PureWindowsPath

import pytest

from app.__main__ import default_data_dir
from installer import project
from installer.project import EXECUTABLE, ROOT, project_version
from tests.installer.conftest import LinuxBuild
from tests.installer.inno_script import InnoScript

WINDOWS = ROOT / "installer" / "windows"
ISS = WINDOWS / "nuanxin.iss"


@pytest.fixture(scope="module")
def iss() -> InnoScript:
    return InnoScript.read(ISS)


def test_setup_installs_per_user_without_admin_rights(iss: InnoScript) -> None:
    setup = iss.directives()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == ""
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\Nuanxin"
    assert setup["AppId"].startswith("{{")  # a fixed id: upgrades replace, not duplicate
    assert "{commonpf}" not in iss.text and "{autopf}" not in iss.text


def test_setup_pages_come_in_simplified_chinese_and_english(iss: InnoScript) -> None:
    languages = {row["Name"]: row["MessagesFile"] for row in iss.entries("Languages")}
    assert languages == {"chinesesimp": "{#ChineseMessages}", "english": "compiler:Default.isl"}
    assert "compiler:Languages\\ChineseSimplified.isl" in iss.text  # Inno Setup's own, if any
    assert "languages\\ChineseSimplified.isl" in iss.text  # else the translation BUILD.md fetches
    build = (WINDOWS / "BUILD.md").read_text(encoding="utf-8")
    assert r"installer\windows\languages\ChineseSimplified.isl" in build
    assert "https://jrsoftware.org/files/istrans/" in build
    custom = [line.split("=", 1)[0] for line in iss.sections["CustomMessages"]]
    names = {key.split(".", 1)[1] for key in custom}
    assert sorted(custom) == sorted(
        f"{lang}.{n}" for lang in ("chinesesimp", "english") for n in names
    )


def test_start_menu_and_optional_desktop_shortcuts_open_the_program(iss: InnoScript) -> None:
    icons = {PureWindowsPath(row["Name"]).parts[0]: row for row in iss.entries("Icons")}
    assert set(icons) == {"{autoprograms}", "{autodesktop}"}
    assert all(row["Filename"] == r"{app}\{#AppExe}" for row in icons.values())
    assert icons["{autodesktop}"]["Tasks"] == "desktopicon"
    assert [t["Name"] for t in iss.entries("Tasks")] == ["desktopicon"]
    assert iss.value("AppExe") == f"{EXECUTABLE}.exe"


def test_uninstall_removes_the_program_and_keeps_user_data(
    iss: InnoScript, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "UninstallDelete" not in iss.sections and "InstallDelete" not in iss.sections
    assert {row["DestDir"].split("\\")[0] for row in iss.entries("Files")} == {"{app}"}
    code = "\n".join(iss.sections["Code"])
    assert not re.search(r"DelTree|DeleteFile|RemoveDir", code)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", r"C:\Users\advisor\AppData\Roaming")
    assert default_data_dir().name == iss.value("DataFolder")  # the folder the message names
    assert "{userappdata}\\{#DataFolder}" in code


def test_version_is_injected_from_pyproject(
    iss: InnoScript, capsys: pytest.CaptureFixture[str]
) -> None:
    assert re.search(r"#ifndef AppVersion\s+#error", iss.text)
    setup = iss.directives()
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in setup["OutputBaseFilename"]
    build = (WINDOWS / "BUILD.md").read_text(encoding="utf-8")
    assert r"$version = .venv\Scripts\python -m installer.project version" in build
    assert "/DAppVersion=$version installer\\windows\\nuanxin.iss" in build
    assert project.main(["version"]) == 0
    assert capsys.readouterr().out.strip() == project_version()


def test_files_take_the_program_and_its_internal_folder(iss: InnoScript) -> None:
    sources = [row["Source"] for row in iss.entries("Files")]
    assert sources == [r"{#BundleDir}\{#AppExe}", r"{#BundleDir}\_internal\*"]
    internal = iss.entries("Files")[1]
    assert set(internal["Flags"].split()) >= {"recursesubdirs", "createallsubdirs"}
    assert internal["DestDir"] == r"{app}\_internal"


def resolve(iss: InnoScript, text: str, build_dir: Path) -> Path:
    """A script path on the Linux build: BuildDir → the build folder, nuanxin.exe → nuanxin."""
    expanded = iss.expand(text, {"BuildDir": str(build_dir)})
    relative = PureWindowsPath(expanded.replace(str(build_dir), "BUILD"))
    parts = [EXECUTABLE if p == f"{EXECUTABLE}.exe" else p for p in relative.parts[1:]]
    return build_dir.joinpath(*parts)


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_script_paths_match_the_bundle_layout(iss: InnoScript, linux_build: LinuxBuild) -> None:
    build_dir = linux_build.build_dir
    for row in iss.entries("Files"):
        source = resolve(iss, row["Source"], build_dir)
        if source.name == "*":
            assert source.parent.is_dir() and any(source.parent.iterdir()), source
        else:
            assert source.is_file(), source
    assert resolve(iss, iss.directives()["SetupIconFile"], build_dir).is_file()
    default = (ISS.parent / PureWindowsPath(iss.value("BundleDir")).as_posix()).resolve()
    assert default == ROOT / "build" / "bundle" / "dist" / EXECUTABLE  # where BUILD.md builds
