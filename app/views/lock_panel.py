"""The locked window: no data visible, only the passphrase field that unlocks it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.access_audit import record_unlock
from app.views.form_fields import FieldMessage
from app.views.workspace import Workspace

PANEL_WIDTH = 420


def check_passphrase(workspace: Workspace, passphrase: str) -> bool:
    """Runs off the GUI thread (argon2 takes a moment); every attempt is audited."""
    ok = workspace.profile.verify_passphrase(passphrase)
    record_unlock(workspace.store, workspace.actor, succeeded=ok)
    return ok


class LockPanel(QWidget):
    """Shown in place of the window's content while locked; emits ``unlocked``."""

    unlocked = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        title = QLabel(self.tr("暖心已锁定"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        title.setFont(font)
        explanation = QLabel(self.tr("为保护居民信息，长时间未操作或手动锁定后需重新输入口令。"))
        explanation.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("档案口令"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.message = FieldMessage()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #5f6368;")
        if workspace.demo_passphrase:
            self.hint.setText(
                self.tr("演示档案的口令：%1").replace("%1", workspace.demo_passphrase)
            )
        self.hint.setVisible(bool(workspace.demo_passphrase))

        box = QWidget()
        box.setFixedWidth(PANEL_WIDTH)
        inner = QVBoxLayout(box)
        inner.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(explanation)
        inner.addSpacing(8)
        inner.addWidget(self.passphrase_edit)
        inner.addWidget(self.message)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.passphrase_edit.returnPressed.connect(self._on_unlock_clicked)

    def reset(self) -> None:
        self.passphrase_edit.clear()
        self.message.clear_text()
        self.unlock_button.setEnabled(True)
        self.passphrase_edit.setFocus()

    def _on_unlock_clicked(self) -> None:
        text = self.passphrase_edit.text()
        if not text or not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        self.message.show_text(self.tr("正在验证…"), warning=True)
        self._workspace.tasks.submit(
            check_passphrase,
            self._workspace,
            text,
            on_done=self._on_checked,
            on_error=self._on_check_failed,
            owner=self,
        )

    def _on_checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        if ok:
            self.reset()
            self.unlocked.emit()
            return
        self.passphrase_edit.clear()
        self.passphrase_edit.setFocus()
        self.message.show_text(self.tr("口令不正确，请重新输入。此次失败已记入审计日志。"))

    def _on_check_failed(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.message.show_text(self.tr("无法验证口令：") + str(error))
