"""Asking for the profile passphrase: once to open a profile, twice to create a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.store.keys import validate_passphrase
from app.views.form_fields import FieldMessage, with_message


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(280)
    return edit


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.rejected.connect(dialog.reject)
    return buttons


class OpenProfileDialog(QDialog):
    """The passphrase of an existing profile; ``error`` is shown when a try failed."""

    def __init__(self, folder: Path, error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打开档案"))
        intro = QLabel(self.tr("请输入档案口令以解密本地数据：\n%1").replace("%1", str(folder)))
        intro.setWordWrap(True)
        self.passphrase_edit = _password_edit()
        self.message = FieldMessage()
        self.message.show_text(error)
        buttons = _buttons(self, self.tr("打开"), self.tr("取消"))
        buttons.accepted.connect(self._on_ok_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(with_message(self.passphrase_edit, self.message))
        layout.addWidget(buttons)

    @property
    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def _on_ok_clicked(self) -> None:
        if self.passphrase:
            self.accept()
        else:
            self.message.show_text(self.tr("请输入口令。"))


class CreateProfileDialog(QDialog):
    """First run: choose the passphrase (typed twice) that protects the new profile."""

    def __init__(self, folder: Path, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.setWindowTitle(self.tr("创建档案"))
        intro = QLabel(
            self.tr(
                "首次使用：请设置档案口令。本地数据用它加密保存；锁定后也用它解锁。"
                "请牢记口令，遗失后无法找回数据。\n档案位置：%1"
            ).replace("%1", str(folder))
        )
        intro.setWordWrap(True)
        self.passphrase_edit = _password_edit()
        self.confirm_edit = _password_edit()
        self.passphrase_message = FieldMessage()
        self.confirm_message = FieldMessage()
        form = QFormLayout()
        form.addRow(self.tr("口令"), with_message(self.passphrase_edit, self.passphrase_message))
        form.addRow(self.tr("再次输入"), with_message(self.confirm_edit, self.confirm_message))
        buttons = _buttons(self, self.tr("创建"), self.tr("取消"))
        buttons.accepted.connect(self._on_ok_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @property
    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problems(self) -> tuple[str, str]:
        """Messages for the two fields; both empty when the passphrase can be used."""
        first = ""
        try:
            validate_passphrase(self.passphrase)
        except ValidationError as exc:
            first = exc.problems[0].message(self._language)
        second = ""
        if not first and self.confirm_edit.text() != self.passphrase:
            second = self.tr("两次输入的口令不一致，请重新输入。")
        return first, second

    def _on_ok_clicked(self) -> None:
        first, second = self.problems()
        self.passphrase_message.show_text(first)
        self.confirm_message.show_text(second)
        if not (first or second):
            self.accept()
