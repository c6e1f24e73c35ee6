"""冲突处理: what sync could not decide alone, decided by the user, field by field.

Left: the rows with open conflicts. Right: each conflicting field with its value before
(base), this laptop's (mine), the other side's (theirs), who made each and when; the user
chooses mine, theirs, or types a value for every field, then saves. Nothing is preselected, so
nothing is ever resolved silently. The decision is a new edit that syncs like any other
(app.sync.conflicts). A second tab lists edits the server refused, to retry or discard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.local_time import SHANGHAI
from app.sync.conflicts import Choice, ConflictService, ConflictView, RefusalView, RowConflicts
from app.views.workspace import Workspace

FIELD_LABELS = {
    "phone": QT_TRANSLATE_NOOP("ConflictsDialog", "电话"),
    "address": QT_TRANSLATE_NOOP("ConflictsDialog", "住址"),
    "notes": QT_TRANSLATE_NOOP("ConflictsDialog", "备注"),
    "committee_code": QT_TRANSLATE_NOOP("ConflictsDialog", "所属居委"),
    "categories": QT_TRANSLATE_NOOP("ConflictsDialog", "救助类别"),
    "status": QT_TRANSLATE_NOOP("ConflictsDialog", "状态"),
    "discovery_source": QT_TRANSLATE_NOOP("ConflictsDialog", "发现渠道"),
    "advisor_id": QT_TRANSLATE_NOOP("ConflictsDialog", "责任顾问"),
    "name": QT_TRANSLATE_NOOP("ConflictsDialog", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("ConflictsDialog", "证件号码"),
    "relation_to_head": QT_TRANSLATE_NOOP("ConflictsDialog", "与户主关系"),
    "health": QT_TRANSLATE_NOOP("ConflictsDialog", "健康状况"),
    "self_care": QT_TRANSLATE_NOOP("ConflictsDialog", "自理能力"),
    "monthly_income": QT_TRANSLATE_NOOP("ConflictsDialog", "月收入"),
    "deleted": QT_TRANSLATE_NOOP("ConflictsDialog", "是否已删除"),
}
ENTITY_LABELS = {
    "household": QT_TRANSLATE_NOOP("ConflictsDialog", "家庭"),
    "member": QT_TRANSLATE_NOOP("ConflictsDialog", "成员"),
    "visit": QT_TRANSLATE_NOOP("ConflictsDialog", "走访记录"),
    "referral": QT_TRANSLATE_NOOP("ConflictsDialog", "转介"),
}
CHOICES: tuple[Choice, ...] = ("mine", "theirs", "edit")


def _translated(text: str) -> str:
    return QCoreApplication.translate("ConflictsDialog", text)


def field_label(name: str) -> str:
    return _translated(str(FIELD_LABELS[name])) if name in FIELD_LABELS else name


def entity_label(name: str) -> str:
    return _translated(str(ENTITY_LABELS[name])) if name in ENTITY_LABELS else name


def shown(field: str, value: Any) -> str:
    """A value as the user reads it."""
    if field == "deleted":
        if value:
            return QCoreApplication.translate("ConflictsDialog", "已删除")
        return QCoreApplication.translate("ConflictsDialog", "未删除（保留）")
    if value is None or value == "" or value == [] or value == {}:
        return QCoreApplication.translate("ConflictsDialog", "（空）")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


class FieldChoice(QWidget):
    """One conflicting field: base / mine / theirs, and the user's choice."""

    changed = Signal()

    def __init__(self, conflict: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        label = field_label(conflict.field)
        when = conflict.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        grid = QGridLayout(self)
        title = QLabel(f"<b>{label}</b>")
        grid.addWidget(title, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("原来的值")), 1, 0)
        grid.addWidget(QLabel(shown(conflict.field, conflict.base)), 1, 1, 1, 2)
        self.group = QButtonGroup(self)
        self.buttons: dict[Choice, QRadioButton] = {}
        texts = {
            "mine": self.tr("保留本机的"),
            "theirs": self.tr("采用服务器的"),
            "edit": self.tr("改为："),
        }
        for row, choice in enumerate(CHOICES, start=2):
            button = QRadioButton(texts[choice])
            button.setObjectName(f"choose_{choice}")
            self.group.addButton(button)
            self.buttons[choice] = button
            grid.addWidget(button, row, 0)
        mine = (
            self.tr("%1（%2，%3 上传）")
            .replace("%2", conflict.mine_by)
            .replace("%3", when)
            .replace("%1", shown(conflict.field, conflict.mine))
        )
        theirs_by = conflict.theirs_by or self.tr("服务器")
        if conflict.theirs_at is None:  # an older server does not say when
            theirs = self.tr("%1（%2）").replace("%2", theirs_by)
        else:
            made = conflict.theirs_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
            theirs = self.tr("%1（%2，%3 修改）").replace("%2", theirs_by).replace("%3", made)
        theirs = theirs.replace("%1", shown(conflict.field, conflict.theirs))
        grid.addWidget(QLabel(mine), 2, 1, 1, 2)
        grid.addWidget(QLabel(theirs), 3, 1, 1, 2)
        self.edit = QLineEdit()
        self.edit.setObjectName("edited_value")
        self.edit.setEnabled(False)
        self.edit.setText("" if conflict.current is None else str(conflict.current))
        grid.addWidget(self.edit, 4, 1, 1, 2)
        if conflict.field == "deleted" or isinstance(conflict.mine, list | dict | bool):
            self.buttons["edit"].setEnabled(False)  # not typed in one line
        self.group.buttonToggled.connect(self._on_toggled)
        self.edit.textChanged.connect(self.changed)

    def _on_toggled(self, _button: QRadioButton, _checked: bool) -> None:
        self.edit.setEnabled(self.buttons["edit"].isChecked())
        self.changed.emit()

    def choice(self) -> tuple[Choice, Any] | None:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return choice, self.edit.text().strip() if choice == "edit" else None
        return None


class ConflictsDialog(QDialog):
    """Open conflicts and refused edits of this laptop; ``resolved`` after each saved decision."""

    resolved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.workspace = workspace
        self.service = ConflictService(workspace.store, workspace.actor)
        self.rows: list[RowConflicts] = []
        self.refused: list[RefusalView] = []
        self.fields: list[FieldChoice] = []
        self.setWindowTitle(self.tr("冲突处理"))
        self.resize(860, 520)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._conflicts_tab(), self.tr("字段冲突"))
        self.tabs.addTab(self._refused_tab(), self.tr("未被接受的修改"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    # ---- building -------------------------------------------------------------------------

    def _conflicts_tab(self) -> QWidget:
        self.row_list = QListWidget()
        self.row_list.setObjectName("conflict_rows")
        self.row_list.setFixedWidth(260)
        self.row_list.setWordWrap(True)  # long head names and addresses wrap, never scroll
        self.row_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.row_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.row_list.currentRowChanged.connect(self._show_row)
        self.row_title = QLabel()
        self.row_title.setWordWrap(True)
        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.save_button = QPushButton(self.tr("保存决定"))
        self.save_button.setObjectName("save_decision")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.empty_label = QLabel(self.tr("没有待处理的冲突。"))
        right = QVBoxLayout()
        right.addWidget(self.row_title)
        right.addWidget(self.fields_area, 1)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.addWidget(self.row_list)
        row.addLayout(right, 1)
        return tab

    def _refused_tab(self) -> QWidget:
        self.refused_list = QListWidget()
        self.refused_list.setObjectName("refused_edits")
        self.retry_button = QPushButton(self.tr("重新提交"))
        self.discard_button = QPushButton(self.tr("放弃本机修改"))
        self.retry_button.clicked.connect(lambda: self._settle_refusal(retry=True))
        self.discard_button.clicked.connect(lambda: self._settle_refusal(retry=False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.refused_list)
        column.addLayout(buttons)
        return tab

    # ---- loading --------------------------------------------------------------------------

    def load(self) -> None:
        """Read the open conflicts and refusals off the GUI thread, then show them."""
        self.workspace.tasks.submit(self._read, on_done=self._show, owner=self)

    def _read(self) -> tuple[list[RowConflicts], list[RefusalView]]:
        return self.service.open_conflicts(), self.service.refusals()

    def _show(self, found: tuple[list[RowConflicts], list[RefusalView]]) -> None:
        self.rows, self.refused = found
        self.row_list.clear()
        for row in self.rows:
            item = QListWidgetItem(
                self.tr("%1：%2（%n 处）", "", len(row.conflicts))
                .replace("%1", entity_label(row.entity))
                .replace("%2", row.label)
            )
            item.setToolTip(item.text())
            self.row_list.addItem(item)
        self.refused_list.clear()
        for refusal in self.refused:
            fields = self.tr("、").join(field_label(f) for f in refusal.fields)
            kind = entity_label(refusal.entity)
            english = self.workspace.language.startswith("en") and refusal.message_en
            message = refusal.message_en if english else refusal.message
            self.refused_list.addItem(f"{kind}：{refusal.label} — {fields}\n{message}")
        has_refused = bool(self.refused)
        self.retry_button.setEnabled(has_refused)
        self.discard_button.setEnabled(has_refused)
        if self.rows:
            self.row_list.setCurrentRow(0)
        else:
            self._show_row(-1)

    def _show_row(self, index: int) -> None:
        self.fields = []
        holder = QWidget()
        column = QVBoxLayout(holder)
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            kind = entity_label(row.entity)
            self.row_title.setText(
                self.tr("%1：%2\n两边都改了以下内容，请逐项决定。")
                .replace("%1", kind)
                .replace("%2", row.label)
            )
            for conflict in row.conflicts:
                field = FieldChoice(conflict)
                field.changed.connect(self._update_save)
                self.fields.append(field)
                column.addWidget(field)
        else:
            self.row_title.setText(self.tr("没有待处理的冲突。"))
        column.addStretch(1)
        self.fields_area.setWidget(holder)
        self._update_save()

    def _update_save(self) -> None:
        choices = [field.choice() for field in self.fields]
        ready = bool(choices) and all(c is not None and (c[0] != "edit" or c[1]) for c in choices)
        self.save_button.setEnabled(ready)

    # ---- deciding -------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        decisions: dict[str, tuple[Choice, Any]] = {}
        for field in self.fields:
            choice = field.choice()
            if choice is None:
                return
            decisions[field.conflict.id] = choice
        self.save_button.setEnabled(False)
        self.workspace.tasks.submit(
            self.service.resolve_row,
            decisions,
            on_done=lambda _mid: self._after_decision(),
            on_error=self._on_failed,
            changes="households",
            owner=self,
        )

    def _settle_refusal(self, *, retry: bool) -> None:
        index = self.refused_list.currentRow()
        if not 0 <= index < len(self.refused):
            return
        mid = self.refused[index].mid
        settle = self.service.retry_refusal if retry else self.service.discard_refusal
        self.workspace.tasks.submit(
            settle,
            mid,
            on_done=lambda _r: self._after_decision(),
            on_error=self._on_failed,
            changes="households",
            owner=self,
        )

    def _after_decision(self) -> None:
        self.resolved.emit()
        self.load()

    def _on_failed(self, error: BaseException) -> None:
        message = getattr(error, "problems", None)
        text = "；".join(p.zh for p in message) if message else str(error)
        self.row_title.setText(self.tr("没有保存：%1").replace("%1", text))
        self._update_save()
