"""Stories of the print preview window: the pages appear, print on a printer (here a PDF file
printer) and save as the very PDF that was generated; a form that cannot be made says why."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.printing.printer import FormPrinter
from app.printing.rendering import render_form
from app.store.engine import Store
from app.views.print_preview import PrintPreviewDialog, show_print_preview
from tests.printing.conftest import ADVISOR, Case
from tests.printing.form_samples import STAMP, visit_form
from tests.printing.test_forms import audit_rows

pytestmark = pytest.mark.gui
WAIT_MS = 15_000


def open_preview(
    qtbot: QtBot, factory: object, title: str = "入户走访记录表"
) -> PrintPreviewDialog:
    dialog = show_print_preview(None, factory, title)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_advisor_previews_a_two_page_form_prints_it_and_saves_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = render_form(visit_form(extra_members=30, situation=""), STAMP)
    dialog = open_preview(qtbot, lambda: pdf)
    with qtbot.waitSignal(dialog.pages_ready, timeout=WAIT_MS) as ready:
        pass
    assert ready.args == [2] and dialog.page_count == 2
    assert dialog.print_button.isEnabled() and "共 2 页" in dialog.status.text()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    dialog.print_to(printer)
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == 2

    dialog.save_to(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == pdf


def test_preview_from_the_store_audits_the_print(qtbot: QtBot, store: Store, case: Case) -> None:
    printer = FormPrinter(store)
    dialog = open_preview(qtbot, lambda: printer.render("referral", case.referral, actor=ADVISOR))
    with qtbot.waitSignal(dialog.pages_ready, timeout=WAIT_MS):
        pass
    assert dialog.pdf is not None and dialog.pdf.startswith(b"%PDF")
    assert [r.entity_id for r in audit_rows(store, "print")] == [case.referral]


def test_batch_print_joins_the_forms(store: Store, case: Case) -> None:
    pdf = FormPrinter(store).render_batch(
        [("visit", case.visit), ("receipt", case.request)], actor=ADVISOR
    )

    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2
    assert [r.entity for r in audit_rows(store, "print")] == ["visit", "receipt"]


def test_a_form_that_cannot_be_made_says_why(qtbot: QtBot) -> None:
    def missing() -> bytes:
        raise LookupError("visit gone")

    dialog = open_preview(qtbot, missing)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        pass
    assert failed.args == ["找不到要打印的记录，可能已被删除。"]
    assert not dialog.print_button.isEnabled()
