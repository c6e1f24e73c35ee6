"""One version number, from pyproject.toml, in the app (``--version``, the About box), the bundle's
metadata, the .deb and its UOS info (test_deb_layout.py), and the Windows installer
(test_windows_installer.py)."""

from __future__ import annotations

import tomllib
from importlib.metadata import version

import pytest

from app import __version__
from app.__main__ import main
from app.views.main_window import MainWindow
from installer.project import ROOT, debian_version, project_version, windows_file_version


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def test_the_app_reports_the_pyproject_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert project_version() == pyproject_version() == version("nuanxin") == __version__
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"nuanxin {pyproject_version()}"


def test_about_box_shows_the_version(window: MainWindow) -> None:
    assert window.about_text().endswith(f"暖心 Nuanxin {pyproject_version()}")
    assert window.about_text().startswith("暖心：社区救助顾问工作台")


def test_version_spellings_for_debian_and_windows_keep_the_order() -> None:
    assert debian_version("1.2.0") == "1.2.0"
    assert debian_version("1.2.0rc1") == "1.2.0~rc1"  # dpkg sorts ~ before the release
    assert debian_version("1.2.0.dev3") == "1.2.0~dev3"
    assert windows_file_version("1.2") == "1.2.0.0"
    assert windows_file_version("1.2.3rc1+local") == "1.2.3.0"
