"""The column-mapping step of the ledger import: which column of the file holds which field
(recognised headers preselected), with the first rows of the file to check against."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.ledger_import import LedgerPreview

CONTEXT = "LedgerFields"
FIELD_NAMES = {
    "household_key": QT_TRANSLATE_NOOP("LedgerFields", "户编号"),
    "name": QT_TRANSLATE_NOOP("LedgerFields", "姓名"),
    "head_name": QT_TRANSLATE_NOOP("LedgerFields", "户主姓名"),
    "id_number": QT_TRANSLATE_NOOP("LedgerFields", "身份证号"),
    "id_type": QT_TRANSLATE_NOOP("LedgerFields", "证件类型"),
    "relation": QT_TRANSLATE_NOOP("LedgerFields", "与户主关系"),
    "sex": QT_TRANSLATE_NOOP("LedgerFields", "性别"),
    "birth_date": QT_TRANSLATE_NOOP("LedgerFields", "出生日期"),
    "phone": QT_TRANSLATE_NOOP("LedgerFields", "联系电话"),
    "address": QT_TRANSLATE_NOOP("LedgerFields", "家庭住址"),
    "committee": QT_TRANSLATE_NOOP("LedgerFields", "所属居委"),
    "categories": QT_TRANSLATE_NOOP("LedgerFields", "救助类别"),
    "health": QT_TRANSLATE_NOOP("LedgerFields", "健康状况"),
    "monthly_income": QT_TRANSLATE_NOOP("LedgerFields", "月收入"),
    "notes": QT_TRANSLATE_NOOP("LedgerFields", "备注"),
}
ENCODINGS = {
    "utf-8-sig": QT_TRANSLATE_NOOP("LedgerFields", "UTF-8（带 BOM）"),
    "utf-8": QT_TRANSLATE_NOOP("LedgerFields", "UTF-8"),
    "gb18030": QT_TRANSLATE_NOOP("LedgerFields", "GBK / GB18030"),
    "utf-16": QT_TRANSLATE_NOOP("LedgerFields", "UTF-16"),
    "xlsx": QT_TRANSLATE_NOOP("LedgerFields", "Excel 工作簿（.xlsx）"),
}
SAMPLE_ROWS = 8


def field_label(name: str, fallback: str = "") -> str:
    text = FIELD_NAMES.get(name)
    return QCoreApplication.translate(CONTEXT, str(text)) if text else fallback or name


def encoding_label(encoding: str) -> str:
    text = ENCODINGS.get(encoding)
    return QCoreApplication.translate(CONTEXT, str(text)) if text else encoding


class MappingStep(QWidget):
    """Shows a preview; ``mapping()`` is {field: column index, or None for not imported}."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: dict[str, QComboBox] = {}
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.fields_box = QGroupBox(self.tr("列对应（已识别的表头已选好，请核对）"))
        self.fields_grid = QGridLayout(self.fields_box)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setWordWrap(False)
        self.sample.verticalHeader().hide()
        sample_box = QGroupBox(self.tr("文件前几行"))
        QVBoxLayout(sample_box).addWidget(self.sample)
        columns = QHBoxLayout()
        columns.addWidget(self.fields_box, 2)
        columns.addWidget(sample_box, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_label)
        layout.addLayout(columns, 1)

    def show_preview(self, preview: LedgerPreview) -> None:
        text = self.tr("编码：%1；表头在第 %2 行；数据 %3 行。")
        text = text.replace("%1", encoding_label(preview.encoding))
        text = text.replace("%2", str(preview.header_row)).replace("%3", str(preview.rows))
        self.file_label.setText(text)
        self._fill_fields(preview)
        self._fill_sample(preview)

    def _fill_fields(self, preview: LedgerPreview) -> None:
        while self.fields_grid.count():
            item = self.fields_grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.combos.clear()
        for number, (name, label) in enumerate(preview.fields.items()):
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), None)
            for index, header in enumerate(preview.headers):
                combo.addItem(header or self.tr("第 %1 列").replace("%1", str(index + 1)), index)
            column = preview.mapping.get(name)
            combo.setCurrentIndex(0 if column is None else column + 1)
            self.combos[name] = combo
            row, side = divmod(number, 2)
            self.fields_grid.addWidget(QLabel(field_label(name, label)), row, side * 2)
            self.fields_grid.addWidget(combo, row, side * 2 + 1)
        for side in (1, 3):
            self.fields_grid.setColumnStretch(side, 1)
        self.fields_grid.setRowStretch((len(preview.fields) + 1) // 2, 1)

    def _fill_sample(self, preview: LedgerPreview) -> None:
        self.sample.clear()
        self.sample.setColumnCount(len(preview.headers))
        self.sample.setHorizontalHeaderLabels(preview.headers)
        rows = preview.sample[:SAMPLE_ROWS]
        self.sample.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells[: len(preview.headers)]):
                self.sample.setItem(row, column, QTableWidgetItem(text))
        self.sample.resizeColumnsToContents()

    def mapping(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def choose(self, field: str, header: str | None) -> None:
        """Set a field's column by its header text (None: not imported); used by tests too."""
        combo = self.combos[field]
        index = 0 if header is None else combo.findText(header)
        combo.setCurrentIndex(max(index, 0))
