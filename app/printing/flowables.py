"""Platypus flowables that draw with the bundled fonts: wrapped Chinese text and a QR code.

Every string on a form goes through ``draw_text``, which switches fonts per character run, so
Ext-B characters print and no ReportLab default font (Helvetica) is ever used.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.printing.fonts import fonts
from app.printing.text import clean_text, wrap_spans

BODY_SIZE = 10.5  # 五号
LEADING_RATIO = 1.5
DESCENT_RATIO = 0.12  # baseline above the bottom of the em box


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw one line at baseline ``y``, each run of characters in the font that has them."""
    if not text:
        return
    line = canvas.beginText(x, y)
    for font, run in fonts().runs(text):
        line.setFont(font, size)
        line.textOut(run)
    canvas.drawText(line)


def text_width(text: str, size: float) -> float:
    return fonts().width(text, size)


class TextBlock(Flowable):
    """Wrapped text (line-broken with the Chinese rules) that splits across pages by lines."""

    def __init__(
        self,
        text: str,
        size: float = BODY_SIZE,
        *,
        align: str = "left",
        leading: float | None = None,
    ) -> None:
        super().__init__()
        self.text = clean_text(text)
        self.size = size
        self.align = align
        self.leading = leading or size * LEADING_RATIO
        self._spans: dict[float, list[tuple[int, int]]] = {}
        self._wrapped_width: float | None = None

    def spans_for(self, width: float) -> list[tuple[int, int]]:
        spans = self._spans.get(width)
        if spans is None:
            size, advance = self.size, fonts().advance
            spans = wrap_spans(self.text, width, lambda c: advance(c) * size / 1000.0)
            self._spans[width] = spans
        return spans

    def lines_for(self, width: float) -> list[str]:
        return [self.text[start:end] for start, end in self.spans_for(width)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self._wrapped_width = availWidth
        self.height = len(self.spans_for(availWidth)) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # A table splitting a row passes the column width, not the width inside the cell
        # padding that it wrapped this cell to: keep the lines it measured.
        width = availWidth
        if self._wrapped_width is not None and self._wrapped_width < availWidth:
            width = self._wrapped_width
        spans = self.spans_for(width)
        fit = int(availHeight // self.leading)
        if fit <= 0:
            return []
        if fit >= len(spans):  # a table splitting its row: this cell all above, nothing below
            return [self._part(0, len(self.text), spans, width), self._part(0, 0, [], width)]
        head, tail = spans[:fit], spans[fit:]
        return [
            self._part(0, head[-1][1], head, width),
            self._part(tail[0][0], len(self.text), tail, width),
        ]

    def _part(self, start: int, end: int, spans: list[tuple[int, int]], width: float) -> TextBlock:
        part = TextBlock(self.text[start:end], self.size, align=self.align, leading=self.leading)
        part._spans[width] = [(a - start, b - start) for a, b in spans]
        return part

    def draw(self) -> None:
        baseline_offset = (self.leading - self.size) / 2 + self.size * DESCENT_RATIO
        for index, line in enumerate(self.lines_for(self.width)):
            y = self.height - (index + 1) * self.leading + baseline_offset
            x = 0.0
            if self.align != "left":
                spare = self.width - text_width(line, self.size)
                x = spare / 2 if self.align == "center" else spare
            draw_text(self.canv, x, y, line, self.size)

    def __repr__(self) -> str:
        return f"TextBlock({self.text[:20]!r})"


class QrCode(Flowable):
    """A QR code of ``value`` (error correction M, quiet zone of 4 modules), drawn as rectangles."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.width = self.height = size
        code: Any = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.make()
        self.modules: list[list[bool]] = [[bool(m) for m in row] for row in code.modules]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 8)
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        for row_index, row in enumerate(self.modules):
            y = self.height - (row_index + 5) * box
            column = 0
            while column < count:
                if not row[column]:
                    column += 1
                    continue
                run = column
                while run < count and row[run]:
                    run += 1
                path.rect((column + 4) * box, y, (run - column) * box, box)
                column = run
        canvas.drawPath(path, stroke=0, fill=1)


class CutLine(Flowable):
    """A dashed line across the page with a note in the middle: where to cut off a slip."""

    def __init__(self, note: str = "✂ 沿此线剪下", size: float = 8.5) -> None:
        super().__init__()
        self.note = note
        self.size = size
        self.height = size * 2.4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        canvas, middle = self.canv, self.height / 2
        note_width = text_width(self.note, self.size) + self.size
        left_end = (self.width - note_width) / 2
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.line(0, middle, left_end, middle)
        canvas.line(left_end + note_width, middle, self.width, middle)
        canvas.restoreState()
        draw_text(canvas, left_end + self.size / 2, middle - self.size * 0.35, self.note, self.size)
