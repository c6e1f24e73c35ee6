"""Narrow fixes to ReportLab's TrueType embedding (measured in notes/fonts-and-pdf.md).

1. ToUnicode: ReportLab writes each destination as ``<%04X>`` of the code point, so characters
   beyond the BMP (𠮷 U+20BB7) extract as the wrong character. The destination must be UTF-16BE
   code units, a surrogate pair for astral characters (``<D842DFB7>``).
2. Advance widths: for glyphs past the font's last full hmtx entry, ReportLab keeps the advance
   already scaled to 1000 units and writes that into the subset program; in a font whose
   unitsPerEm is not 1000 (HanaMin B: 1024) the embedded program then disagrees with /Widths,
   which PDF/A forbids (ISO 19005-2 6.2.11.5).
3. Speed: each subset copies the whole 'glyf' table (15–30 MB for our fonts) only to slice a few
   glyphs out of it; a view that slices without the copy saves about 5 ms a form.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence

from reportlab.pdfbase import ttfonts


def utf16_hex(code_point: int) -> str:
    """The ToUnicode destination of one character: its UTF-16BE code units in hex."""
    return chr(code_point).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap for one 256-glyph subset, with UTF-16BE destinations."""
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    entries = [f"<{code:02X}> <{utf16_hex(value)}>" for code, value in enumerate(subset)]
    tail = [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(head + entries + tail)


def install_tounicode_fix() -> None:
    """Make ReportLab's TrueType embedding use ``to_unicode_cmap`` (idempotent)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def fix_advance_widths(face: ttfonts.TTFontFace) -> int:
    """Put the unscaled advance back on the glyphs that share the last hmtx entry.

    Returns how many glyph metrics were corrected (0 when unitsPerEm is 1000)."""
    read_table: Callable[[str], bytes] = face.get_table
    hhea = read_table("hhea")
    full_metrics = struct.unpack(">H", hhea[34:36])[0]
    metrics: list[tuple[float, int]] = face.hmetrics
    if face.unitsPerEm == 1000 or not 0 < full_metrics < len(metrics):
        return 0
    advance = metrics[full_metrics - 1][0]
    tail = metrics[full_metrics:]
    metrics[full_metrics:] = [(advance, lsb) for _, lsb in tail]
    return len(tail)


class SlicedTable:
    """A font table read through a view: slicing gives ``bytes`` of just that part."""

    def __init__(self, view: memoryview) -> None:
        self.view = view

    def __getitem__(self, part: slice) -> bytes:
        return self.view[part].tobytes()

    def __len__(self) -> int:
        return len(self.view)


def read_glyf_without_copy(face: ttfonts.TTFontFace) -> None:
    """Make ``face.get_table('glyf')`` a view (makeSubset only slices glyphs out of it)."""
    data = memoryview(face._ttf_data)  # type: ignore[attr-defined]
    original: Callable[[str], bytes] = face.get_table

    def get_table(tag: str) -> bytes | SlicedTable:
        if tag != "glyf":
            return original(tag)
        position, length = face.get_table_pos(tag)
        return SlicedTable(data[position : position + length])

    face.get_table = get_table  # type: ignore[method-assign]
