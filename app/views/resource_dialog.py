"""One entry of the resource directory (资源库), new or edited by an administrator."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.domain.enums import ProviderKind, ResourceCategory
from app.domain.errors import Problem
from app.services.resource_records import ResourceInput, ResourceView, validate_resource
from app.services.resources import ResourceService
from app.views.form_dialog import FormDialog
from app.views.form_fields import combo_value, fill_enum_combo, problems_of, set_combo_value
from app.views.workspace import Workspace

NO_LIMIT = -1  # the capacity spin box's special value


class ResourceDialog(FormDialog):
    """Creates a resource when ``resource`` is None, else updates it; ``resource_saved``."""

    resource_saved = Signal(str)
    FALLBACK_FIELD = "name"

    def __init__(
        self,
        workspace: Workspace,
        resource: ResourceView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self._resource = resource
        self.setWindowTitle(self.tr("新建资源") if resource is None else self.tr("编辑资源"))
        self._build()
        if resource is not None:
            self._load(ResourceInput(**{k: v for k, v in asdict(resource).items() if k != "id"}))
        self._connect()
        self._revalidate()

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.category_combo = QComboBox()
        fill_enum_combo(self.category_combo, ResourceCategory)
        self.kind_combo = QComboBox()
        fill_enum_combo(self.kind_combo, ProviderKind)
        set_combo_value(self.kind_combo, ProviderKind.SOCIAL_ORG.value)
        self.provider_edit = QLineEdit()
        self.contact_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.address_edit = QLineEdit()
        self.eligibility_edit = QPlainTextEdit()
        self.eligibility_edit.setFixedHeight(56)
        self.area_list = QListWidget()
        self.area_list.setFixedHeight(84)
        for code, name in self._workspace.committees:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.area_list.addItem(item)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(NO_LIMIT, 1_000_000)
        self.capacity_spin.setSpecialValueText(self.tr("不限"))
        self.capacity_spin.setValue(NO_LIMIT)
        self.active_box = QCheckBox(self.tr("可用（停用后不再推荐）"))
        self.active_box.setChecked(True)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setFixedHeight(56)
        self._layout_fields()

    def _layout_fields(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        for form, rows in (
            (
                left,
                [
                    ("name", self.tr("资源名称"), self.name_edit),
                    ("category", self.tr("类别"), self.category_combo),
                    ("provider_kind", self.tr("提供方类型"), self.kind_combo),
                    ("provider_name", self.tr("提供方"), self.provider_edit),
                    ("contact_name", self.tr("联系人"), self.contact_edit),
                    ("phone", self.tr("电话"), self.phone_edit),
                    ("address", self.tr("地址"), self.address_edit),
                ],
            ),
            (
                right,
                [
                    ("eligibility", self.tr("服务对象/条件"), self.eligibility_edit),
                    ("area_codes", self.tr("服务范围（不选为全部）"), self.area_list),
                    ("capacity", self.tr("服务容量"), self.capacity_spin),
                    ("active", "", self.active_box),
                    ("description", self.tr("说明"), self.description_edit),
                ],
            ),
        ):
            self.messages.add_rows(form, rows)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._set_save_texts(self.tr("保存"), self.tr("取消"), self.tr("保存失败："))
        self._lay_out([columns], min_width=860)

    def _connect(self) -> None:
        for name, edit in (
            ("name", self.name_edit),
            ("provider_name", self.provider_edit),
            ("contact_name", self.contact_edit),
            ("phone", self.phone_edit),
            ("address", self.address_edit),
        ):
            edit.textChanged.connect(lambda _t, n=name: self._changed(n))
        self.category_combo.currentIndexChanged.connect(lambda _i: self._changed("category"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._changed("provider_kind"))
        self.capacity_spin.valueChanged.connect(lambda _v: self._changed("capacity"))

    def _load(self, data: ResourceInput) -> None:
        self.name_edit.setText(data.name)
        set_combo_value(self.category_combo, data.category)
        set_combo_value(self.kind_combo, data.provider_kind)
        self.provider_edit.setText(data.provider_name)
        self.contact_edit.setText(data.contact_name)
        self.phone_edit.setText(data.phone)
        self.address_edit.setText(data.address)
        self.eligibility_edit.setPlainText(data.eligibility)
        for row in range(self.area_list.count()):
            item = self.area_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.area_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.capacity_spin.setValue(NO_LIMIT if data.capacity is None else data.capacity)
        self.active_box.setChecked(data.active)
        self.description_edit.setPlainText(data.description)

    def value(self) -> ResourceInput:
        areas = [
            str(self.area_list.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.area_list.count())
            if self.area_list.item(r).checkState() == Qt.CheckState.Checked
        ]
        capacity = self.capacity_spin.value()
        return ResourceInput(
            name=self.name_edit.text(),
            category=combo_value(self.category_combo) or "",
            provider_kind=combo_value(self.kind_combo) or "",
            provider_name=self.provider_edit.text().strip(),
            contact_name=self.contact_edit.text().strip(),
            phone=self.phone_edit.text(),
            address=self.address_edit.text().strip(),
            eligibility=self.eligibility_edit.toPlainText().strip(),
            area_codes=areas,
            capacity=None if capacity == NO_LIMIT else capacity,
            active=self.active_box.isChecked(),
            description=self.description_edit.toPlainText().strip(),
        )

    def _problems(self) -> list[Problem]:
        return problems_of(validate_resource, self.value())

    def _submit(self) -> None:
        service = ResourceService(self._workspace.store, self._workspace.actor)
        job: tuple[Any, ...] = (
            (service.create, self.value())
            if self._resource is None
            else (service.update, self._resource.id, self.value())
        )
        self._workspace.tasks.submit(
            *job,
            on_done=self._on_saved,
            on_error=self._on_save_failed,
            changes="resources",
            owner=self,
        )

    def _on_saved(self, result: str | None) -> None:
        resource_id = result if self._resource is None else self._resource.id
        self.resource_saved.emit(resource_id or "")
        self.accept()
