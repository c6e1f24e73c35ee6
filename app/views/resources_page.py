"""资源库: search the resource directory by words, category, kind of provider and area served;
administrators add, edit and switch off resources."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProviderKind, ResourceCategory
from app.services.resource_records import ResourceView
from app.services.resources import ResourceService
from app.views.enum_text import enum_value_text
from app.views.form_fields import combo_value, fill_enum_combo
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.record_table_model import Column, RecordTableModel
from app.views.resource_dialog import ResourceDialog
from app.views.workspace import Workspace

SEARCH_DELAY_MS = 250
INACTIVE = "#80868b"


class ResourcesPage(LazyPage):
    """The directory as a table with the chosen resource's details under it."""

    resources_loaded = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.can_edit = False
        self._all: list[ResourceView] = []
        self.model = RecordTableModel(self._columns(), self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._build()
        self._connect()
        self.set_can_edit(False)

    def _columns(self) -> list[Column]:
        def contact(r: ResourceView) -> str:
            return " ".join(t for t in (r.contact_name, r.phone) if t)

        def grey(r: ResourceView) -> QColor | None:
            return None if r.active else QColor(INACTIVE)

        return [
            Column(self.tr("资源名称"), lambda r: r.name, color=grey),
            Column(self.tr("类别"), lambda r: enum_value_text(ResourceCategory, r.category)),
            Column(self.tr("提供方"), lambda r: r.provider_name),
            Column(self.tr("提供方类型"), lambda r: enum_value_text(ProviderKind, r.provider_kind)),
            Column(self.tr("联系人/电话"), contact),
            Column(self.tr("服务范围"), self._areas_text),
            Column(
                self.tr("容量"),
                lambda r: self.tr("不限") if r.capacity is None else str(r.capacity),
                sort_key=lambda r: r.capacity,
                numeric=True,
            ),
            Column(self.tr("状态"), lambda r: self.tr("可用") if r.active else self.tr("停用")),
        ]

    def _areas_text(self, resource: ResourceView) -> str:
        if not resource.area_codes:
            return self.tr("全部居委")
        return "、".join(self._workspace.committee_name(c) for c in resource.area_codes)

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("搜索：资源名称、提供方、服务对象、说明"))
        self.category_combo = QComboBox()
        fill_enum_combo(self.category_combo, ResourceCategory, empty_text=self.tr("全部类别"))
        self.kind_combo = QComboBox()
        fill_enum_combo(self.kind_combo, ProviderKind, empty_text=self.tr("全部提供方"))
        self.area_combo = QComboBox()
        self.inactive_box = QCheckBox(self.tr("含已停用"))
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 3)
        for widget in (self.category_combo, self.kind_combo, self.area_combo, self.inactive_box):
            bar.addWidget(widget)
        self.new_button = QPushButton(self.tr("新建资源…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.count_label = QLabel(self.tr("正在加载…"))
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        for button in (self.new_button, self.edit_button, self.active_button):
            actions.addWidget(button)
        self.table = record_table(self)
        self.table.setModel(self.model)
        fit_columns(self.table, 0)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self._timer.timeout.connect(self.load)
        for combo in (self.category_combo, self.area_combo):
            combo.currentIndexChanged.connect(lambda _i: self.load())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.inactive_box.toggled.connect(lambda _on: self.load())
        self.new_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(lambda: self.open_dialog(self.selected()))
        self.table.activated.connect(lambda _i: self.can_edit and self.open_dialog(self.selected()))
        self.active_button.clicked.connect(self._on_active_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._on_selected())

    def set_can_edit(self, can_edit: bool) -> None:
        """Administrators edit; everybody else searches."""
        self.can_edit = can_edit
        for widget in (self.new_button, self.edit_button, self.active_button, self.inactive_box):
            widget.setVisible(can_edit)
        self._on_selected()

    # ---- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self._timer.stop()
        if self.area_combo.count() == 0:
            self.area_combo.blockSignals(True)
            self.area_combo.addItem(self.tr("全部居委"), None)
            for code, name in self._workspace.committees:
                self.area_combo.addItem(name, code)
            self.area_combo.blockSignals(False)
        service = ResourceService(self._workspace.store, self._workspace.actor)
        self._workspace.tasks.submit(
            lambda text, category, area, active: service.search(
                text, category=category, area_code=area, active_only=active
            ),
            self.search_edit.text().strip(),
            combo_value(self.category_combo),
            combo_value(self.area_combo),
            not (self.can_edit and self.inactive_box.isChecked()),
            on_done=self._on_loaded,
            owner=self,
        )

    def _on_loaded(self, resources: list[ResourceView]) -> None:
        self._all = resources
        self._show()
        self.resources_loaded.emit(len(self.model.records))

    def _show(self) -> None:
        kind = combo_value(self.kind_combo)
        shown = [r for r in self._all if kind is None or r.provider_kind == kind]
        self.model.set_records(shown)
        self.count_label.setText(self.tr("共 %n 项资源", "", len(shown)))
        self._on_selected()

    def selected(self) -> ResourceView | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _on_selected(self) -> None:
        resource = self.selected()
        self.edit_button.setEnabled(resource is not None)
        self.active_button.setEnabled(resource is not None)
        if resource is None:
            self.details.setText(self.tr("选择一项资源查看服务对象和说明。"))
            return
        self.active_button.setText(self.tr("停用") if resource.active else self.tr("启用"))
        lines = [f"<b>{html.escape(resource.name)}</b>"]
        for label, text in (
            (self.tr("服务对象/条件"), resource.eligibility),
            (self.tr("地址"), resource.address),
            (self.tr("说明"), resource.description),
        ):
            if text:
                lines.append(f"{label}：{html.escape(text)}")
        self.details.setText("<br>".join(lines))

    # ---- editing -------------------------------------------------------------------------

    def open_dialog(self, resource: ResourceView | None) -> ResourceDialog | None:
        if not self.can_edit:
            return None
        dialog = ResourceDialog(self._workspace, resource, parent=self)
        dialog.setObjectName("resource_dialog")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_active_clicked(self) -> None:
        resource = self.selected()
        if resource is None:
            return
        service = ResourceService(self._workspace.store, self._workspace.actor)
        self._workspace.tasks.submit(
            service.set_active, resource.id, not resource.active, changes="resources", owner=self
        )
