"""Choosing a resource (资源库) for a referral: the resources suggested for the household's need
and area first (★), then the rest of that category or of a search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProviderKind
from app.services.resource_records import ResourceView
from app.views.casework_services import CaseServices
from app.views.enum_text import enum_value_text
from app.views.plan_actions_model import need_text
from app.views.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
RESOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 250
ELIGIBILITY_CHARS = 40


@dataclass(frozen=True)
class ResourceChoice:
    resource: ResourceView
    suggested: bool  # serves the household's area and need


def find_resources(
    services: CaseServices, household_id: str, need: str | None, text: str
) -> list[ResourceChoice]:
    """Suggested resources for ``need`` first, then the category (or the search) without them."""
    suggested = services.resources.suggest(household_id, [need]).get(need, []) if need else []
    seen = {r.id for r in suggested}
    others = services.resources.search(text, category=None if text.strip() else need)
    if not need and not text.strip():
        others = []
    choices = [ResourceChoice(r, True) for r in suggested if _matches(r, text)]
    return choices + [ResourceChoice(r, False) for r in others if r.id not in seen]


def _matches(resource: ResourceView, text: str) -> bool:
    haystack = " ".join((resource.name, resource.provider_name, resource.eligibility,
                         resource.description))  # fmt: skip
    return all(word in haystack for word in text.split())


class ResourceListModel(QAbstractListModel):
    """Two lines per resource: name and provider, then category, contact and who it serves."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices: list[ResourceChoice] = []

    def set_choices(self, choices: list[ResourceChoice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self.endResetModel()

    def choice_at(self, row: int) -> ResourceChoice | None:
        return self._choices[row] if 0 <= row < len(self._choices) else None

    def row_of(self, resource_id: str) -> int:
        return next((r for r, c in enumerate(self._choices) if c.resource.id == resource_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        choice = self.choice_at(index.row()) if index.isValid() else None
        if choice is None:
            return None
        resource = choice.resource
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(choice)
        if role == Qt.ItemDataRole.ToolTipRole:
            return resource.description or resource.eligibility or resource.name
        if role == RESOURCE_ID_ROLE:
            return resource.id
        return None

    def _text(self, choice: ResourceChoice) -> str:
        r = choice.resource
        star = "★ " if choice.suggested else ""
        kind = enum_value_text(ProviderKind, r.provider_kind)
        first = f"{star}{r.name}　{r.provider_name}（{kind}）"
        details = [need_text(r.category)]
        if r.phone:
            details.append(r.phone)
        if r.capacity is not None:
            details.append(self.tr("容量 %1").replace("%1", str(r.capacity)))
        eligibility = " ".join(r.eligibility.split())
        if eligibility:
            short = eligibility[:ELIGIBILITY_CHARS]
            details.append(short + ("…" if len(eligibility) > ELIGIBILITY_CHARS else ""))
        return first + "\n　" + " · ".join(details)


class ResourcePicker(QWidget):
    """Search box and list; ``resource_id`` is the chosen resource (None for none)."""

    loaded = Signal()
    resource_chosen = Signal(object)  # resource id or None

    def __init__(self, workspace: Workspace, household_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._services = CaseServices.of(workspace)
        self._household_id = household_id
        self._need: str | None = None
        self._wanted: str | None = None  # keep this one chosen across reloads
        self.model = ResourceListModel(self)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("搜索资源名称、提供方、服务对象"))
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #5f6368;")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.search_edit.textEdited.connect(lambda _t: self._timer.start())
        self.list.selectionModel().currentRowChanged.connect(self._on_row_changed)

    @property
    def resource_id(self) -> str | None:
        choice = self.model.choice_at(self.list.currentIndex().row())
        return choice.resource.id if choice else None

    def set_need(self, need: str | None, resource_id: str | None = None) -> None:
        self._need = need
        if resource_id is not None:
            self._wanted = resource_id
        self.reload()

    def reload(self) -> None:
        self._workspace.tasks.submit(
            find_resources,
            self._services,
            self._household_id,
            self._need,
            self.search_edit.text(),
            on_done=self._on_found,
            owner=self,
        )

    def _on_found(self, choices: list[ResourceChoice]) -> None:
        wanted = self.resource_id or self._wanted
        self.model.set_choices(choices)
        row = self.model.row_of(wanted) if wanted else -1
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        if choices:
            self.empty_label.hide()
        else:
            text = self.tr("资源库中没有对口的资源，可输入关键词搜索其他资源，或不指定资源。")
            self.empty_label.setText(
                text
                if self._need or self.search_edit.text()
                else self.tr("先选择需求类别，或输入关键词搜索资源。")
            )
            self.empty_label.show()
        self.loaded.emit()

    def choose(self, resource_id: str) -> bool:
        row = self.model.row_of(resource_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        return row >= 0

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        choice = self.model.choice_at(current.row())
        self._wanted = choice.resource.id if choice else None
        self.resource_chosen.emit(self._wanted)
