"""One household: its fields and members; ID numbers masked unless revealed (audited)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import (
    DiscoverySource,
    HardshipLevel,
    HouseholdCategory,
    HouseholdStatus,
    RelationToHead,
    ServiceLevel,
)
from app.printing.records import SPECS, FormKind
from app.services.household_inputs import MemberInput
from app.services.household_records import HouseholdDetail
from app.views.casework_area import CaseworkArea
from app.views.casework_services import CaseServices
from app.views.duplicate_notice import person_lookup
from app.views.enum_text import enum_value_text
from app.views.form_printing import PrintLauncher
from app.views.household_dialog import HouseholdDialog
from app.views.member_dialog import MemberDialog
from app.views.members_model import ID_COLUMN, MembersModel
from app.views.workspace import Workspace

COLUMN_PADDING = 20
INFO_FIELDS = ("committee", "address", "phone", "categories", "source", "status", "hardship",
               "service_level", "next_visit", "notes")  # fmt: skip


class HouseholdDetailView(QWidget):
    """Shows the household given to ``show_household``; reloads when data changes."""

    back_requested = Signal()
    household_loaded = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.detail: HouseholdDetail | None = None
        self._household_id: str | None = None
        self.members_model = MembersModel(self)
        self._build()
        workspace.tasks.changed.connect(self._on_data_changed)

    def _build(self) -> None:
        self.back_button = QPushButton(self.tr("← 返回列表"))
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        self.title.setFont(title_font)
        self.edit_button = QPushButton(self.tr("编辑户信息…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setToolTip(self.tr("打印家庭基本情况表；Ctrl+P 打印当前页所选的记录"))
        self.printing = PrintLauncher(self._workspace, self)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.print_button)

        info_box = QGroupBox(self.tr("户信息"))
        self.info_labels = {name: QLabel() for name in INFO_FIELDS}
        for label in self.info_labels.values():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        titles = (self.tr("居委"), self.tr("地址"), self.tr("电话"), self.tr("类别"),
                  self.tr("发现来源"), self.tr("状态"), self.tr("困境等级"), self.tr("服务层级"),
                  self.tr("下次走访"), self.tr("备注"))  # fmt: skip
        columns = QHBoxLayout(info_box)
        forms = (QFormLayout(), QFormLayout())
        for position, (name, title) in enumerate(zip(INFO_FIELDS, titles, strict=True)):
            forms[position % 2].addRow(title, self.info_labels[name])
        for form in forms:
            columns.addLayout(form, 1)

        members_box = QGroupBox(self.tr("家庭成员"))
        self.members_table = QTableView()
        self.members_table.setModel(self.members_model)
        self.members_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_table.verticalHeader().hide()
        self.members_table.horizontalHeader().setStretchLastSection(True)
        self.members_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.add_member_button = QPushButton(self.tr("添加成员…"))
        self.edit_member_button = QPushButton(self.tr("编辑成员…"))
        self.reveal_button = QPushButton(self.tr("显示证件号"))
        self.reveal_button.setToolTip(self.tr("显示所选成员的完整证件号码；此操作会记入审计日志"))
        self.reveal_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.add_member_button, self.edit_member_button, self.reveal_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        members_layout = QVBoxLayout(members_box)
        members_layout.addLayout(buttons)
        members_layout.addWidget(self.members_table)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(info_box)
        self.casework = CaseworkArea(self._workspace, members_box)
        layout.addWidget(self.casework, 1)

        self.household_loaded.connect(lambda i: self.casework.show_household(i, self.title.text()))
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(self._on_edit_household_clicked)
        self.print_button.clicked.connect(self.print_household)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_current)
        self.add_member_button.clicked.connect(self._on_add_member_clicked)
        self.edit_member_button.clicked.connect(self._on_edit_member_clicked)
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self.members_table.doubleClicked.connect(lambda _i: self._on_edit_member_clicked())
        self.members_table.selectionModel().selectionChanged.connect(self._update_reveal_button)

    # ---- loading -------------------------------------------------------------------------

    def show_household(self, household_id: str) -> None:
        self._household_id = household_id
        if self.detail is None or self.detail.id != household_id:
            self.title.setText(self.tr("正在加载…"))
            self.members_model.set_members([])
        self._load()

    def _load(self) -> None:
        if self._household_id is None:
            return
        self._workspace.tasks.submit(
            self._workspace.households.get_household,
            self._household_id,
            on_done=self._on_loaded,
            owner=self,
        )

    def _on_loaded(self, detail: HouseholdDetail) -> None:
        if detail.id != self._household_id:
            return
        self.detail = detail
        data = detail.data
        committee = detail.committee_name
        no_head = self.tr("（未登记户主）")
        self.title.setText(f"{detail.head_name or no_head}　{committee}")
        values = {
            "committee": committee,
            "address": data.address,
            "phone": data.phone,
            "categories": "、".join(enum_value_text(HouseholdCategory, c) for c in data.categories),
            "source": enum_value_text(DiscoverySource, data.discovery_source),
            "status": enum_value_text(HouseholdStatus, data.status),
            "hardship": enum_value_text(HardshipLevel, detail.hardship_level),
            "service_level": enum_value_text(ServiceLevel, detail.service_level),
            "next_visit": detail.next_visit_due.isoformat() if detail.next_visit_due else "",
            "notes": data.notes,
        }
        for name, text in values.items():
            self.info_labels[name].setText(text or "—")
        self.members_model.set_members(detail.members)
        self._fit_member_columns()
        self._update_reveal_button()
        self.household_loaded.emit(detail.id)

    def _fit_member_columns(self) -> None:
        """Columns as wide as their text plus some air; the ID column fits a full number."""
        table = self.members_table
        table.resizeColumnsToContents()
        for column in range(self.members_model.columnCount() - 1):
            table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PADDING)
        full_id = self.fontMetrics().horizontalAdvance("310105195603071234")
        table.setColumnWidth(ID_COLUMN, max(table.columnWidth(ID_COLUMN), full_id + COLUMN_PADDING))

    def _on_data_changed(self, what: str) -> None:
        if what == "households" and self._household_id is not None and self.isVisible():
            self._load()

    def hide_revealed(self) -> None:
        self.members_model.hide_revealed()
        self._update_reveal_button()

    # ---- printing ------------------------------------------------------------------------

    def print_household(self) -> None:
        if self.detail is not None:
            title = f"{SPECS[FormKind.HOUSEHOLD].title} — {self.title.text()}"
            self.printing.print_form(FormKind.HOUSEHOLD, self.detail.id, title)

    def print_current(self) -> None:
        """Ctrl+P: the record chosen on the open tab, else the household's own form."""
        casework = self.casework
        panel = casework.tabs.currentWidget()
        for printable in (casework.visits, casework.assessments, casework.plan,
                          casework.referrals):  # fmt: skip
            if panel is printable and printable.print_selected():
                return
        self.print_household()

    # ---- actions -------------------------------------------------------------------------

    def _selected_row(self) -> int:
        rows = self.members_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected_member_id(self) -> str | None:
        member = self.members_model.member_at(self._selected_row())
        return member.id if member else None

    def _update_reveal_button(self) -> None:
        member_id = self._selected_member_id()
        member = self.members_model.member_at(self._selected_row())
        has_number = member is not None and bool(member.id_number_masked)
        self.reveal_button.setEnabled(has_number)
        revealed = member_id is not None and self.members_model.is_revealed(member_id)
        self.reveal_button.setText(self.tr("隐藏证件号") if revealed else self.tr("显示证件号"))

    def _on_reveal_clicked(self) -> None:
        member_id = self._selected_member_id()
        if member_id is None:
            return
        if self.members_model.is_revealed(member_id):
            self.members_model.hide_revealed()
            self._update_reveal_button()
            return
        self._workspace.tasks.submit(
            self._workspace.households.reveal_id,
            member_id,
            on_done=lambda number: self._show_revealed(member_id, number),
            owner=self,
        )

    def _show_revealed(self, member_id: str, number: str) -> None:
        self.members_model.reveal(member_id, number)
        self._update_reveal_button()

    def _on_edit_household_clicked(self) -> None:
        if self.detail is None:
            return
        dialog = HouseholdDialog(self._workspace, self.detail, parent=self.window())
        dialog.setObjectName("household_dialog")
        dialog.existing_household_opened.connect(self.show_household)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_add_member_clicked(self) -> None:
        if self.detail is None:
            return
        household_id = self.detail.id
        service = self._workspace.households
        has_head = any(m.relation_to_head == RelationToHead.SELF for m in self.detail.members)
        relation = RelationToHead.OTHER if has_head else RelationToHead.SELF
        self._open_member_dialog(
            MemberInput(name="", relation_to_head=relation.value),
            False,
            lambda data: service.add_member(household_id, data),
        )

    def _on_edit_member_clicked(self) -> None:
        member_id = self._selected_member_id()
        if member_id is None or self.detail is None:
            return
        view = next(m for m in self.detail.members if m.id == member_id)
        service = self._workspace.households
        self._workspace.tasks.submit(
            service.get_member,
            member_id,
            on_done=lambda initial: self._open_member_dialog(
                initial,
                bool(view.id_number_masked),
                lambda data: service.update_member(member_id, data),
                member_id,
            ),
            owner=self,
        )

    def _open_member_dialog(
        self,
        initial: MemberInput,
        has_stored_id: bool,
        save: Callable[[MemberInput], Any],
        member_id: str | None = None,
    ) -> None:
        assert self.detail is not None
        services = CaseServices.of(self._workspace)
        dialog = MemberDialog(
            self._workspace.language,
            initial=initial if initial.name else None,
            has_stored_id=has_stored_id,
            tasks=self._workspace.tasks,
            save=save,
            duplicates=person_lookup(services, self.detail.data.address, member_id),
            parent=self.window(),
        )
        dialog.existing_household_opened.connect(self.show_household)
        if not initial.name:
            dialog.relation_combo.setCurrentIndex(
                max(dialog.relation_combo.findData(initial.relation_to_head), 0)
            )
        dialog.setObjectName("member_dialog")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
