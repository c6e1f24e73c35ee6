"""The bundled fonts, registered once per process, and the per-character choice between them.

LXGW WenKai is the primary font (CJK text, punctuation, Latin and digits); HanaMin B draws the
Ext-B characters WenKai lacks. ReportLab draws a string in one font, so text is split into runs
by cmap coverage and each run is drawn in its own font.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import groupby

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from app.printing.reportlab_fixes import (
    fix_advance_widths,
    install_tounicode_fix,
    read_glyf_without_copy,
)
from app.services.bundled_files import resource_path

PRIMARY = "NuanxinWenKai"
FALLBACK = "NuanxinHanaMinB"
FILES = {PRIMARY: "LXGWWenKai-Regular.ttf", FALLBACK: "HanaMinB.ttf"}


@dataclass(frozen=True)
class Glyph:
    """Which font draws a character, and its advance in 1/1000 em."""

    font: str
    advance: float


class FontSet:
    """The two registered fonts and a cache of every character looked up so far."""

    def __init__(self) -> None:
        install_tounicode_fix()
        self.faces: dict[str, TTFontFace] = {}
        for name, filename in FILES.items():
            font = TTFont(name, str(resource_path("fonts", filename)), asciiReadable=False)
            fix_advance_widths(font.face)
            read_glyf_without_copy(font.face)
            pdfmetrics.registerFont(font)
            self.faces[name] = font.face
        self._glyphs: dict[str, Glyph] = {}

    def glyph(self, char: str) -> Glyph:
        found = self._glyphs.get(char)
        if found is None:
            found = self._glyphs[char] = self._lookup(char)
        return found

    def _lookup(self, char: str) -> Glyph:
        code = ord(char)
        for name in (PRIMARY, FALLBACK):
            face = self.faces[name]
            if code in face.charToGlyph:
                return Glyph(name, float(face.charWidths.get(code, face.defaultWidth)))
        primary = self.faces[PRIMARY]  # nothing has it: the primary font's blank box
        return Glyph(PRIMARY, float(primary.defaultWidth))

    def covered(self, char: str) -> bool:
        """Whether some bundled font has a glyph for ``char``."""
        code = ord(char)
        return any(code in face.charToGlyph for face in self.faces.values())

    def advance(self, char: str) -> float:
        return self.glyph(char).advance

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at ``size``, each character in the font that draws it."""
        glyph = self.glyph
        return sum(glyph(c).advance for c in text) * size / 1000.0

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` split into (font name, text) runs by which font has each character."""
        glyph = self.glyph
        return [
            (font, "".join(chars)) for font, chars in groupby(text, key=lambda c: glyph(c).font)
        ]


_lock = threading.Lock()
_fonts: FontSet | None = None


def fonts() -> FontSet:
    """The process's font set, loading and registering the TrueType files on first use."""
    global _fonts
    if _fonts is None:
        with _lock:
            if _fonts is None:
                _fonts = FontSet()
    return _fonts
