"""English is complete and switchable; Chinese (the source language) is the default."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot

from app.views.application import resource_path
from app.views.household_dialog import HouseholdDialog
from app.views.main_window import MainWindow
from app.views.visit_fields import TEXT_MIN_WIDTH
from app.views.visit_form import VisitForm
from tests.gui.workflow_seed import add_household

TS_FILE = resource_path("translations", "nuanxin_en.ts")
VIEWS = Path(__file__).resolve().parents[2] / "app" / "views"


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_source_string_has_a_finished_english_translation() -> None:
    found = messages(TS_FILE)
    assert len(found) > 150
    unfinished = [key for key, message in found.items() if not finished(message)]
    assert unfinished == []


def finished(message: ET.Element) -> bool:
    """Translated, and for a count (numerus) message every plural form is."""
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
    return all(text.strip() for text in texts)


def test_counts_take_the_english_plural(qtbot: QtBot) -> None:
    """One day, household or visit is singular in English; Chinese has one form."""
    count = QCoreApplication.translate
    assert count("TaskListView", "逾期 %n 天", "", 1) == "逾期 1 天"
    translator = QTranslator()
    assert translator.load(str(TS_FILE.with_suffix(".qm")))
    QCoreApplication.installTranslator(translator)
    try:
        assert count("TaskListView", "逾期 %n 天", "", 1) == "1 day overdue"
        assert count("TaskListView", "逾期 %n 天", "", 12) == "12 days overdue"
        assert count("VisitTimelinePanel", "共 %n 次走访", "", 1) == "1 visit"
        assert count("VisitText", "已更正 %n 次", "", 1) == "corrected once"
        assert count("VisitText", "已更正 %n 次", "", 2) == "corrected 2 times"
        assert count("ConflictsDialog", "%1：%2（%n 处）", "", 1) == "%1: %2 (1 field)"
        assert count("LedgerImportDialog", "导入 %n 行", "", 1) == "Import 1 row"
        assert count("PrintPreviewDialog", "共 %n 页", "", 3) == "3 pages"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_translation_file_lists_every_string_in_the_code(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in VIEWS.glob("*.py"))
    languages = ["-source-language", "zh_CN", "-target-language", "en"]
    subprocess.run(
        [lupdate, *sources, *languages, "-ts", str(fresh)], check=True, capture_output=True
    )
    missing = set(messages(fresh)) - set(messages(TS_FILE))
    assert missing == set(), "run pyside6-lupdate (see resources/translations/README.md)"


def test_switching_to_english_translates_title_navigation_and_headers(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.windowTitle().startswith("暖心")
    assert window.nav.item(0).text() == "工作台"
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.set_language("en")
    assert window.windowTitle().startswith("Nuanxin")
    assert [window.nav.item(r).text() for r in range(2)] == ["Workbench", "Households"]
    model = window.household_list.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Head"
    header = window.household_list.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):  # no header is cut ("Members" was, at 52 px)
        text = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) > metrics.horizontalAdvance(text), text
    assert window.language_label.text() == "English"
    assert window.workspace.profile.settings["language"] == "en"
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.set_language("zh_CN")
    assert window.nav.item(1).text() == "户档案"


def test_english_forms_open_wide_enough_for_their_words(qtbot: QtBot, window: MainWindow) -> None:
    """English labels are longer: the forms grow to fit them instead of cutting them off."""
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.set_language("en")
    workspace = window.workspace
    household = add_household(workspace.store, "张伟", 1)
    household_form = HouseholdDialog(workspace, workspace.households.get_household(household))
    visit_form = VisitForm(workspace, household)
    for form in (household_form, visit_form):
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
    boxes = [*household_form.category_boxes.values(), *visit_form.fields.need_boxes.values()]
    for box in boxes:  # "Severely disabled, unemployed" was cut to "Severely disabl"
        assert box.width() >= box.sizeHint().width(), box.text()
    fields = visit_form.fields
    for edit in (fields.situation_edit, fields.advice_edit, fields.actions_edit):
        assert edit.width() >= TEXT_MIN_WIDTH  # the visit's own text got 155 px in English
