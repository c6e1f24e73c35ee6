"""重复核查 (不重复): pairs of people and households that may be the same, strongest reason first.
A pair is merged (every visit, assessment, referral, plan action and help request kept on the
surviving row) or dismissed as two different people."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import MatchReason
from app.services.duplicate_merge import DuplicateService
from app.services.duplicates import SAME_PHONE, DuplicatePair
from app.views.enum_text import enum_value_text
from app.views.form_fields import FieldMessage, combo_value
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.record_table_model import Column, RecordTableModel
from app.views.workspace import Workspace


class MergeDialog(QDialog):
    """Which of the pair survives, and a note for the merge record."""

    def __init__(self, pair: DuplicatePair, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair = pair
        self.setWindowTitle(self.tr("合并重复记录"))
        self.keep_first = QRadioButton(self.tr("保留：%1").replace("%1", pair.first_label))
        self.keep_second = QRadioButton(self.tr("保留：%1").replace("%1", pair.second_label))
        self.keep_first.setChecked(True)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("合并说明（可不填）"))
        explain = QLabel(
            self.tr(
                "另一条的走访、评估、方案、转介和求助记录都会转到保留的一条上，原记录标记为已合并。"
            )
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("合并"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (explain, self.keep_first, self.keep_second, self.note_edit, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(560)

    def keep_and_drop(self) -> tuple[str, str]:
        first, second = self.pair.first_id, self.pair.second_id
        return (first, second) if self.keep_first.isChecked() else (second, first)


class DuplicatesPage(LazyPage):
    """The review list; merge or dismiss the chosen pair."""

    pairs_loaded = Signal(int)
    household_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.model = RecordTableModel(self._columns(), self)
        self._build()

    @property
    def service(self) -> DuplicateService:
        return DuplicateService(self._workspace.store, self._workspace.actor)

    def _columns(self) -> list[Column]:
        def reason(pair: DuplicatePair) -> str:
            if pair.reason == SAME_PHONE:
                return self.tr("联系电话相同")
            return enum_value_text(MatchReason, pair.reason)

        return [
            Column(
                self.tr("类型"),
                lambda p: self.tr("户") if p.entity == "household" else self.tr("人员"),
            ),
            Column(self.tr("第一条"), lambda p: p.first_label),
            Column(self.tr("第二条"), lambda p: p.second_label),
            Column(self.tr("可能重复的原因"), reason),
        ]

    def _build(self) -> None:
        self.committee_combo = QComboBox()
        self.count_label = QLabel(self.tr("正在查找…"))
        self.merge_button = QPushButton(self.tr("合并…"))
        self.dismiss_button = QPushButton(self.tr("不是重复"))
        self.open_button = QPushButton(self.tr("打开户档案"))
        bar = QHBoxLayout()
        bar.addWidget(self.committee_combo)
        bar.addWidget(self.count_label, 1)
        for button in (self.open_button, self.dismiss_button, self.merge_button):
            bar.addWidget(button)
        self.table = record_table(self)
        self.table.setModel(self.model)
        fit_columns(self.table, 1, 2)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.committee_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.merge_button.clicked.connect(self.open_merge_dialog)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._enable())
        self._enable()

    def load(self) -> None:
        if self.committee_combo.count() == 0:
            self.committee_combo.blockSignals(True)
            self.committee_combo.addItem(self.tr("全部居委"), None)
            for code, name in self._workspace.committees:
                self.committee_combo.addItem(name, code)
            self.committee_combo.blockSignals(False)
        self.count_label.setText(self.tr("正在查找…"))
        self._workspace.tasks.submit(
            self.service.review_list,
            combo_value(self.committee_combo),
            on_done=self._on_loaded,
            owner=self,
        )

    def _on_loaded(self, pairs: list[DuplicatePair]) -> None:
        self.model.set_records(pairs)
        households = sum(1 for p in pairs if p.entity == "household")
        text = self.tr("可能重复：%1 对户，%2 对人员").replace("%1", str(households))
        self.count_label.setText(text.replace("%2", str(len(pairs) - households)))
        self._enable()
        self.pairs_loaded.emit(len(pairs))

    def selected(self) -> DuplicatePair | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        pair = self.selected()
        self.merge_button.setEnabled(pair is not None)
        self.dismiss_button.setEnabled(pair is not None)
        self.open_button.setEnabled(pair is not None and pair.entity == "household")

    def open_merge_dialog(self) -> MergeDialog | None:
        pair = self.selected()
        if pair is None:
            return None
        dialog = MergeDialog(pair, self)
        dialog.setObjectName("merge_dialog")
        dialog.accepted.connect(
            lambda: self.merge(pair, *dialog.keep_and_drop(), dialog.note_edit.text())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def merge(self, pair: DuplicatePair, keep_id: str, drop_id: str, note: str = "") -> None:
        method = (
            self.service.merge_households
            if pair.entity == "household"
            else self.service.merge_members
        )
        self._run(method, keep_id, drop_id, note)

    def _on_dismiss_clicked(self) -> None:
        pair = self.selected()
        if pair is not None:
            self._run(self.service.dismiss, pair.entity, pair.first_id, pair.second_id)

    def _on_open_clicked(self) -> None:
        pair = self.selected()
        if pair is not None and pair.entity == "household":
            self.household_requested.emit(pair.first_id)

    def _run(self, method: object, *args: str) -> None:
        self.message.clear_text()
        self._workspace.tasks.submit(
            method,  # type: ignore[arg-type]
            *args,
            on_error=lambda error: self.message.show_text(self.tr("操作失败：") + str(error)),
            changes="households",
            owner=self,
        )
