"""Render resources/icons/nuanxin.svg into the PNG sizes of the hicolor theme and a Windows .ico.

``python -m installer.icons OUT_DIR`` (runs Qt offscreen; needs no display).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from installer.project import ICONS_DIR, ROOT

SOURCE = ROOT / "resources" / "icons" / "nuanxin.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_name(size: int) -> str:
    return f"nuanxin-{size}.png"


def render_pngs(out_dir: Path, source: Path = SOURCE) -> list[Path]:
    """One antialiased PNG per size; transparent outside the rounded tile."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["icons"])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {source}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / png_name(size)
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    return written


def write_ico(out_dir: Path) -> Path:
    """nuanxin.ico with every size up to 256 (each drawn from its own PNG, not scaled)."""
    from PIL import Image

    images = [Image.open(out_dir / png_name(size)).convert("RGBA") for size in ICO_SIZES]
    path = out_dir / "nuanxin.ico"
    largest = images[-1]
    largest.save(path, format="ICO", sizes=[i.size for i in images], append_images=images[:-1])
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ICONS_DIR
    render_pngs(out_dir)
    write_ico(out_dir)
    print(out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
