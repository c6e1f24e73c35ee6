"""Settings of this profile: minutes before the auto-lock and the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MAX_IDLE_MINUTES = 240


class SettingsDialog(QDialog):
    """Edits the values; the main window applies and saves them when accepted."""

    def __init__(self, idle_minutes: int, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, MAX_IDLE_MINUTES)
        self.idle_spin.setValue(idle_minutes)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.language_combo = QComboBox()
        self.language_combo.addItem("中文（简体）", "zh_CN")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        form = QFormLayout()
        form.addRow(self.tr("无操作自动锁定"), self.idle_spin)
        form.addRow(self.tr("界面语言"), self.language_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def idle_minutes(self) -> int:
        return self.idle_spin.value()

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())
