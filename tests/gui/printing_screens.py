"""Screenshots of printing at 1280×720 on seeded data (offscreen): the print preview of a visit
record and the 归档导出 dialog after a run.
``QT_QPA_PLATFORM=offscreen python -m tests.gui.printing_screens OUTDIR [zh_CN|en]``."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from app.printing.records import FormKind
from app.services.households import HouseholdService
from app.services.local_time import today
from app.views.application import create_application
from app.views.date_fields import to_qdate
from app.views.main_window import MainWindow
from app.views.tasks import TaskRunner
from app.views.workspace import Workspace
from tests.gui.casework_screens import WINDOW, grab, seed, settle, wait_until
from tests.gui.casework_seed import ADVISOR
from tests.gui.conftest import PASSPHRASE


def grab_over(window: QWidget, dialog: QWidget, path: Path) -> None:
    """The window with the dialog drawn over its middle, as the advisor sees them."""
    settle()
    picture = window.grab()
    shown = dialog.grab()
    painter = QPainter(picture)
    at = QPoint((picture.width() - shown.width()) // 2, (picture.height() - shown.height()) // 3)
    painter.drawPixmap(at, shown)
    painter.setPen(QColor("#8a8a8a"))
    painter.drawRect(at.x() - 1, at.y() - 1, shown.width() + 1, shown.height() + 1)
    painter.end()
    picture.save(str(path))
    print(path)


def main(out: Path, language: str = "zh_CN") -> int:
    out.mkdir(parents=True, exist_ok=True)
    app, translations = create_application([], language)
    folder = Path(tempfile.mkdtemp()) / "profile"
    profile, _store, household_id = seed(folder)
    store = profile.open(PASSPHRASE)
    workspace = Workspace(profile, store, HouseholdService(store, ADVISOR), TaskRunner(),
                          translations)  # fmt: skip
    window = MainWindow(workspace)
    window.resize(*WINDOW)
    window.show()
    window.start()
    wait_until(lambda: window.is_loaded)
    window.open_household(household_id)
    area = window.household_detail.casework
    area.tabs.setCurrentWidget(area.visits)
    wait_until(lambda: area.visits.model.rowCount() > 0)
    visit = area.visits.model.visit_at(0)
    assert visit is not None
    title = f"入户走访记录表 — {area.visits.title}"
    preview = area.visits.printing.preview([(FormKind.VISIT, visit.id)], title, unmasked=False)
    preview.resize(*WINDOW)
    wait_until(lambda: preview.page_count > 0, 30_000)
    grab(preview, out / "print-preview.png")
    preview.close()
    dialog = window.open_archive_dialog()
    assert dialog is not None
    dialog.from_edit.setDate(to_qdate(today() - dt.timedelta(days=90)))
    dialog.path_edit.setText(str(Path(tempfile.mkdtemp()) / "暖心归档_2025.zip"))
    dialog.start()
    wait_until(lambda: dialog.archive_result is not None, 60_000)
    grab_over(window, dialog, out / "archive-dialog.png")
    dialog.close()
    workspace.tasks.shutdown()
    store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"), *sys.argv[2:3]))
