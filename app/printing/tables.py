"""The ruled tables forms are made of: label/value grids, long-text rows, lists with a header row
repeated on every page, section headings and signature lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from app.printing.flowables import BODY_SIZE, TextBlock, text_width
from app.printing.fonts import PRIMARY
from app.printing.layout import CONTENT_WIDTH

LABEL_FILL = colors.Color(0.92, 0.92, 0.92)
HEADER_FILL = colors.Color(0.85, 0.85, 0.85)
LABEL_WIDTH = 24 * mm
SMALL = 9.5
HEADING_ROOM = 30 * mm
MIN_ROW_SPLIT = 36  # points: a row split across pages leaves at least two lines on each side
Pair = tuple[str, str]
Cell = Flowable | str | list[Flowable]
# Cells of tables whose rows may split across pages hang from the top: ReportLab re-centres a
# split middle-aligned cell by padding it, which makes the continued row taller than the page.
TOP = [("VALIGN", (0, 0), (-1, -1), "TOP")]


def table(
    data: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    commands: Sequence[tuple[Any, ...]],
    *,
    repeat_rows: int = 0,
    split_in_row: int = 0,
) -> Table:
    """A Table whose every cell starts in the bundled font: ReportLab sets each cell's font from
    its style (Helvetica unless told), and that alone puts a non-embedded font in the file."""
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), PRIMARY), *commands])
    return Table(
        [list(row) for row in data],
        colWidths=list(widths),
        style=style,
        repeatRows=repeat_rows,
        splitInRow=split_in_row,
    )


def _base_style() -> list[tuple[Any, ...]]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def fields(rows: Sequence[Sequence[Pair]], width: float = CONTENT_WIDTH) -> Table:
    """A grid of label/value cells, two pairs a row; a row with one pair spans the width."""
    value_width = width / 2 - LABEL_WIDTH
    data: list[list[Cell]] = []
    style = _base_style()
    for index, row in enumerate(rows):
        cells: list[Cell] = []
        for label, value in row:
            cells += [TextBlock(label, SMALL), TextBlock(value)]
        if len(row) == 1:
            cells += ["", ""]
            style.append(("SPAN", (1, index), (3, index)))
        data.append(cells)
        style += [("BACKGROUND", (0, index), (0, index), LABEL_FILL)]
        if len(row) > 1:
            style.append(("BACKGROUND", (2, index), (2, index), LABEL_FILL))
    return table(data, [LABEL_WIDTH, value_width, LABEL_WIDTH, value_width], style)


def long_texts(rows: Sequence[Pair]) -> Table:
    """Label and free text, one row each; a long text continues on the next page."""
    data = [[TextBlock(label, SMALL), TextBlock(text)] for label, text in rows]
    style = [*_base_style(), *TOP, ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL)]
    widths = [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH]
    return table(data, widths, style, split_in_row=MIN_ROW_SPLIT)


def listing(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    size: float = SMALL,
) -> Table:
    """A list with its header row repeated at the top of every page it runs onto (``widths``
    are relative; the table fills the text width)."""
    scale = CONTENT_WIDTH / sum(widths)
    data: list[list[Cell]] = [[TextBlock(h, size, align="center") for h in headers]]
    data += [[TextBlock(cell, size) for cell in row] for row in rows]
    style = [*_base_style(), *TOP, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    if not rows:
        data.append([TextBlock("（无）", size), *[""] * (len(headers) - 1)])
        style.append(("SPAN", (0, 1), (-1, 1)))
    scaled = [w * scale for w in widths]
    return table(data, scaled, style, repeat_rows=1, split_in_row=MIN_ROW_SPLIT)


def heading(text: str) -> list[Flowable]:
    """A section title with a little space above it; it starts a new page when too little room
    is left for the title and the first lines of its section."""
    return [
        CondPageBreak(HEADING_ROOM),
        Spacer(1, 3 * mm),
        TextBlock(f"■ {text}", 11.5),
        Spacer(1, 1 * mm),
    ]


def note(text: str, size: float = SMALL) -> TextBlock:
    return TextBlock(text, size)


def signatures(parties: Sequence[str]) -> Table:
    """One line per party: （签名）____  日期 ____年__月__日, for signing by hand."""
    data: list[list[Cell]] = [
        [
            TextBlock(f"{party}（签名）：", BODY_SIZE),
            "",
            TextBlock("日期：", BODY_SIZE),
            TextBlock("      年      月      日", BODY_SIZE),
        ]
        for party in parties
    ]
    label_width = max(text_width(f"{p}（签名）：", BODY_SIZE) for p in parties) + 6
    widths = [label_width, 60 * mm, 16 * mm, CONTENT_WIDTH - label_width - 76 * mm]
    style = [
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    return table(data, widths, style)
