"""A4 form pages: the header and footer on every page (page X of Y), and the document build.

The canvas keeps each finished page until the end, so the footer can say 共 Y 页; it starts in
the bundled font (a ReportLab canvas otherwise starts in a non-embedded Helvetica).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.printing.flowables import draw_text, text_width
from app.printing.fonts import PRIMARY, fonts
from app.services.local_time import SHANGHAI

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 34 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
PRODUCER = "Nuanxin (ReportLab)"


@dataclass(frozen=True)
class Letterhead:
    """Where the form comes from: 区, 街镇, 居委 (the station is the street's)."""

    district: str
    street: str
    committee: str

    @property
    def station(self) -> str:
        return f"{self.street}社区救助顾问服务站" if self.street else "社区救助顾问服务站"


@dataclass(frozen=True)
class PrintStamp:
    """Who printed the form and when (an aware moment, shown in Shanghai time); an archive copy
    says who archived it and how recent its data are instead."""

    by: str
    at: dt.datetime
    by_label: str = "打印人"
    at_label: str = "打印时间"

    @property
    def local_text(self) -> str:
        return f"{self.at.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class PageFurniture:
    """What the header and footer of every page of one form show."""

    letterhead: Letterhead
    title: str
    form_id: str
    form_code: str
    form_version: int
    stamp: PrintStamp


def page_label(number: int, total: int) -> str:
    return f"第 {number} 页 / 共 {total} 页"


def _draw_header(canvas: Canvas, furniture: PageFurniture) -> None:
    top = PAGE_HEIGHT - 12 * mm
    head = furniture.letterhead
    draw_text(canvas, MARGIN_X, top, f"{head.district} {head.station}".strip(), 9)
    _draw_right(canvas, PAGE_WIDTH - MARGIN_X, top, head.committee, 9)
    title_size = 17.0
    title_y = top - 11 * mm
    x = (PAGE_WIDTH - text_width(furniture.title, title_size)) / 2
    draw_text(canvas, x, title_y, furniture.title, title_size)
    line_y = title_y - 8 * mm
    draw_text(canvas, MARGIN_X, line_y, f"编号：{furniture.form_id}", 8.5)
    version = f"表式：{furniture.form_code}（第{furniture.form_version}版）"
    _draw_right(canvas, PAGE_WIDTH - MARGIN_X, line_y, version, 8.5)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN_X, line_y - 2.5 * mm, PAGE_WIDTH - MARGIN_X, line_y - 2.5 * mm)


def _draw_footer(canvas: Canvas, furniture: PageFurniture, number: int, total: int) -> None:
    rule_y = MARGIN_BOTTOM - 5 * mm
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)
    y = rule_y - 5 * mm
    size = 8.5
    stamp = furniture.stamp
    draw_text(canvas, MARGIN_X, y, f"{stamp.by_label}：{stamp.by}", size)
    label = page_label(number, total)
    draw_text(canvas, (PAGE_WIDTH - text_width(label, size)) / 2, y, label, size)
    printed = f"{stamp.at_label}：{stamp.local_text}（北京时间）"
    _draw_right(canvas, PAGE_WIDTH - MARGIN_X, y, printed, size)


def _draw_right(canvas: Canvas, right: float, y: float, text: str, size: float) -> None:
    draw_text(canvas, right - text_width(text, size), y, text, size)


def _timestamp(moment: dt.datetime) -> TimeStamp:
    """ReportLab's document date set to ``moment`` (UTC), so equal input gives equal bytes."""
    stamp = TimeStamp(invariant=1)
    utc = moment.astimezone(dt.UTC)
    stamp.t = utc.timestamp()
    stamp.lt = utc.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class FormCanvas(Canvas):
    """A canvas that holds its pages until saved, then draws header and footer on each."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []
        self._doc._timeStamp = _timestamp(furniture.stamp.at)  # type: ignore[attr-defined]

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            _draw_header(self, self._furniture)
            _draw_footer(self, self._furniture, number, total)
            super().showPage()
        super().save()


def build_pdf(furniture: PageFurniture, story: Sequence[Flowable], *, subject: str = "") -> bytes:
    """Lay out ``story`` on A4 pages with the form's header and footer; the PDF's bytes."""
    fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=furniture.title,
        author=furniture.letterhead.station,
        subject=subject or furniture.form_id,
        creator="Nuanxin 暖心",
        producer=PRODUCER,
        invariant=1,
        initialFontName=PRIMARY,
        initialFontSize=10.5,
        lang="zh-CN",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    document.build(list(story), canvasmaker=partial(FormCanvas, furniture=furniture))
    return buffer.getvalue()
