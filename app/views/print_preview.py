"""Print preview of a printed form: pages drawn off the GUI thread, printing through the system's
print dialog, and saving the PDF exactly as generated.

Why PDFium (pypdfium2) draws the pages: our forms are ReportLab PDFs, and Qt draws a PDF only
with QtPdf, which the PySide6 wheels we ship do not contain (it comes with the WebEngine wheels);
poppler's pdftoppm is not on advisors' Windows machines. pypdfium2 has self-contained wheels for
every desktop platform and draws the embedded fonts exactly. A printer gets each page as an image
at up to 300 dpi, placed on the whole sheet (the form carries its own margins).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.printing.printer import write_atomically
from app.views.tasks import TaskRunner

PREVIEW_DPI = 110
PRINT_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
POINTS_PER_INCH = 72
_pdfium = threading.Lock()  # PDFium is not safe to call from two threads at once
PdfFactory = Callable[[], bytes]


def rasterise(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page of ``pdf`` as an RGB image at ``dpi`` (safe off the GUI thread)."""
    images = []
    with _pdfium:
        document = pdfium.PdfDocument(pdf)
        try:
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                )
                images.append(image.copy())  # own the pixels before the bitmap goes
                page.close()
        finally:
            document.close()
    return images


@dataclass(frozen=True)
class PreviewPages:
    pdf: bytes
    images: list[QImage]


def prepare_preview(factory: PdfFactory) -> PreviewPages:
    """Generate the PDF (the factory audits the print) and draw its pages for the screen."""
    pdf = factory()
    return PreviewPages(pdf, rasterise(pdf, PREVIEW_DPI))


class PrintPreviewDialog(QDialog):
    """Shows the pages of one generated PDF; prints them or saves the PDF."""

    pages_ready = Signal(int)  # page count, once the preview is drawn
    failed = Signal(str)  # what went wrong, in Chinese

    def __init__(
        self,
        factory: PdfFactory,
        title: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.pdf: bytes | None = None
        self._images: list[QImage] = []
        self._zoom = ZOOMS.index(1.0)
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", title))
        self.resize(980, 900)
        self._build()
        tasks.submit(
            prepare_preview,
            factory,
            on_done=self._on_pages_ready,
            on_error=self._on_failed,
            owner=self,
        )

    def _build(self) -> None:
        self.status = QLabel(self.tr("正在生成表单……"))
        self.pages = QVBoxLayout()
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        holder = QWidget()
        holder.setLayout(self.pages)
        holder.setStyleSheet("background: #808080;")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.zoom_in = QPushButton(self.tr("放大"))
        self.zoom_out = QPushButton(self.tr("缩小"))
        close = QPushButton(self.tr("关闭"))
        for button in (self.print_button, self.save_button, self.zoom_in, self.zoom_out):
            button.setEnabled(False)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.zoom_in.clicked.connect(lambda: self._set_zoom(self._zoom + 1))
        self.zoom_out.clicked.connect(lambda: self._set_zoom(self._zoom - 1))
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for button in (self.zoom_out, self.zoom_in, self.save_button, self.print_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    # ---- results of the background work ----------------------------------------------

    def _on_pages_ready(self, result: PreviewPages) -> None:
        self.pdf, self._images = result.pdf, result.images
        self.status.setText(self.tr("共 %n 页", "", len(self._images)))
        for button in (self.print_button, self.save_button, self.zoom_in, self.zoom_out):
            button.setEnabled(True)
        self._show_pages()
        self.pages_ready.emit(len(self._images))

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            text = "；".join(p.zh for p in error.problems)
        elif isinstance(error, LookupError):
            text = self.tr("找不到要打印的记录，可能已被删除。")
        else:
            text = self.tr("生成表单时出错：%1").replace("%1", str(error))
        self.status.setText(text)
        self.failed.emit(text)

    # ---- showing -----------------------------------------------------------------------

    def _show_pages(self) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            shown = item.widget() if item is not None else None
            if shown is not None:
                shown.deleteLater()
        scale = ZOOMS[self._zoom]
        for image in self._images:
            pixmap = QPixmap.fromImage(image)
            if scale != 1.0:
                pixmap = pixmap.scaledToWidth(
                    int(image.width() * scale), Qt.TransformationMode.SmoothTransformation
                )
            page = QLabel()
            page.setPixmap(pixmap)
            self.pages.addWidget(page)

    def _set_zoom(self, index: int) -> None:
        self._zoom = max(0, min(len(ZOOMS) - 1, index))
        self.zoom_in.setEnabled(self._zoom < len(ZOOMS) - 1)
        self.zoom_out.setEnabled(self._zoom > 0)
        self._show_pages()

    @property
    def page_count(self) -> int:
        return len(self._images)

    # ---- printing and saving -----------------------------------------------------------

    def print_to(self, printer: QPrinter) -> None:
        """Print every page on ``printer``, each filling an A4 sheet."""
        if self.pdf is None:
            return
        dpi = min(printer.resolution(), PRINT_DPI)
        images = rasterise(self.pdf, dpi)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for index, image in enumerate(images):
                if index:
                    printer.newPage()
                sheet = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRectF(sheet), image)
        finally:
            painter.end()

    def save_to(self, path: Path) -> None:
        if self.pdf is not None:
            write_atomically(path, self.pdf)

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 %1").replace("%1", self.title))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._report(lambda: self.print_to(printer), self.tr("打印失败"))

    def _on_save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), f"{self.title}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            path = Path(name) if name.lower().endswith(".pdf") else Path(f"{name}.pdf")
            self._report(lambda: self.save_to(path), self.tr("保存失败"))

    def _report(self, action: Callable[[], Any], heading: str) -> None:
        try:
            action()
        except OSError as error:
            QMessageBox.warning(self, heading, f"{heading}：{error}")


def show_print_preview(
    parent: QWidget | None,
    pdf_bytes_factory: PdfFactory,
    title: str,
    *,
    tasks: TaskRunner | None = None,
) -> PrintPreviewDialog:
    """Open a preview window; ``pdf_bytes_factory`` runs on a worker thread (it may read the
    store: e.g. ``lambda: FormPrinter(store).render("visit", visit_id, actor=actor)``, which
    also writes the PRINT audit row). Pass the workspace's task runner as ``tasks``."""
    runner = tasks or TaskRunner()
    dialog = PrintPreviewDialog(pdf_bytes_factory, title, runner, parent)
    if tasks is None:
        runner.setParent(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
