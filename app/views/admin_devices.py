"""Devices (administrators): every laptop registered with the server, and revoking a lost one.

A revoked laptop stops syncing at once (its requests get 403 ``device_revoked``); its unsynced
edits stay in its outbox until someone signs in on it again. Calls go through the task runner to
app.sync.admin.AdminClient (or anything with ``devices()`` and ``revoke(id)``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.local_time import SHANGHAI
from app.sync.admin import DeviceRow
from app.views.row_table_model import TranslatedHeadersModel
from app.views.tasks import TaskRunner


class DeviceSource(Protocol):
    def devices(self) -> list[DeviceRow]: ...
    def revoke(self, device_id: str) -> DeviceRow: ...


def _when(value: dt.datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


class DeviceTableModel(TranslatedHeadersModel[DeviceRow]):
    HEADERS = (
        QT_TRANSLATE_NOOP("DeviceTableModel", "用户"),
        QT_TRANSLATE_NOOP("DeviceTableModel", "设备名称"),
        QT_TRANSLATE_NOOP("DeviceTableModel", "登记时间"),
        QT_TRANSLATE_NOOP("DeviceTableModel", "最近联系"),
        QT_TRANSLATE_NOOP("DeviceTableModel", "状态"),
    )

    def _cell(self, row: DeviceRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.revoked:
            return QBrush(QColor("#a0a0a0"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = self.tr("已停用") if row.revoked else self.tr("正常")
        values = (row.user_login, row.name, _when(row.registered_at), _when(row.last_seen_at))
        return (*values, status)[column]


class AdminDevicesDialog(QDialog):
    """The device list with 刷新 and 停用所选设备 (asks first; cannot be undone here)."""

    device_revoked = Signal(str)

    def __init__(
        self, source: DeviceSource, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.tasks = tasks
        self.setWindowTitle(self.tr("设备管理"))
        self.resize(860, 460)
        self.model = DeviceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        hint = QLabel(
            self.tr(
                "电脑丢失或人员离职时，停用其设备：该电脑立即无法同步；"
                "它上面未同步的修改会保留，重新登录后再上传。"
            )
        )
        hint.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.load)
        self.revoke_button = QPushButton(self.tr("停用所选设备…"))
        self.revoke_button.clicked.connect(self._on_revoke_clicked)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self) -> None:
        self.status.setText(self.tr("正在读取…"))
        self.tasks.submit(self.source.devices, on_done=self._show, on_error=self._fail, owner=self)

    def _show(self, rows: list[DeviceRow]) -> None:
        self.model.set_rows(rows)
        revoked = sum(1 for r in rows if r.revoked)
        self.status.setText(
            self.tr("共 %1 台设备，已停用 %2 台")
            .replace("%1", str(len(rows)))
            .replace("%2", str(revoked))
        )

    def _fail(self, error: BaseException) -> None:
        message = getattr(error, "zh", None) or str(error)
        self.status.setText(self.tr("操作失败：%1").replace("%1", str(message)))

    def selected(self) -> DeviceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_revoke_clicked(self) -> None:
        device = self.selected()
        if device is None or device.revoked:
            return
        question = (
            self.tr("停用 %1 的设备「%2」？该电脑将立即无法同步。")
            .replace("%1", device.user_login)
            .replace("%2", device.name or device.id)
        )
        answer = QMessageBox.question(self, self.tr("停用设备"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(device.id)

    def revoke(self, device_id: str) -> None:
        self.tasks.submit(
            self.source.revoke,
            device_id,
            on_done=lambda _row: self._on_revoked(device_id),
            on_error=self._fail,
            owner=self,
        )

    def _on_revoked(self, device_id: str) -> None:
        self.device_revoked.emit(device_id)
        self.load()
