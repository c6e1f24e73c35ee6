"""The app's own smoke test (`nuanxin demo --screenshot`) and the bundled CJK fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QImage, QRawFont

from app.__main__ import build_parser, default_data_dir
from app.views.application import APP_FONT_POINT_SIZE, create_application, register_fonts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "户档案暖心救助顾问𠮷䶮𡌶·０１２3"


def test_demo_screenshot_command_saves_a_picture_of_the_loaded_window(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "app", "demo", "--profile", str(tmp_path / "demo")]
    command += ["--households", "40", "--screenshot", str(shot)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(shot)
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 300, 7)}
    assert len(colours) > 20  # text and a table, not a blank window
    assert shot.stat().st_size > 20_000


def test_screenshot_of_a_missing_profile_fails_with_a_usage_error(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("NUANXIN_PASSPHRASE", None)
    command = [sys.executable, "-m", "app", "--profile", str(tmp_path / "none")]
    command += ["--screenshot", str(tmp_path / "x.png")]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "档案不存在" in done.stderr


def test_command_line_options_before_or_after_demo() -> None:
    parser = build_parser()
    early = parser.parse_args(["--lang", "en", "demo", "--households", "5"])
    late = parser.parse_args(["demo", "--lang", "en", "--profile", "/tmp/p"])
    assert (early.command, early.lang, early.households) == ("demo", "en", 5)
    assert (late.lang, str(late.profile)) == ("en", "/tmp/p")
    assert parser.parse_args([]).command is None
    assert default_data_dir().name.lower() == "nuanxin"


def test_bundled_fonts_draw_chinese_and_ext_b_names(qapp: object) -> None:
    app, _translations = create_application([])
    families = register_fonts()
    assert families[:2] == ["LXGW WenKai", "HanaMinB"]
    fonts = [QRawFont.fromFont(QFont(family, APP_FONT_POINT_SIZE)) for family in families]
    for char in SAMPLE:
        covered = [f.familyName() for f in fonts if f.supportsCharacter(ord(char))]
        assert covered, f"no bundled font draws {char!r} (U+{ord(char):04X})"
    assert fonts[0].supportsCharacter(ord("户")) and fonts[1].supportsCharacter(ord("𠮷"))
    assert app.font().families()[:2] == families[:2]
