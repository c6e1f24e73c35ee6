"""An assessment's result: 困境等级, service level, tier, urgent flags, needs, per-dimension
scores and the change against the previous assessment. Used by the wizard and the 评估 tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HardshipLevel, NeedCategory, ServiceLevel, Tier, Trend, UrgentFlag
from app.domain.instruments import Instrument
from app.domain.scoring import AssessmentResult, Comparison, DimensionChange
from app.views.enum_text import enum_text, enum_value_text

LEVEL_COLORS = {
    HardshipLevel.HIGH: QColor("#b3261e"),
    HardshipLevel.MEDIUM: QColor("#8a5a00"),
    HardshipLevel.LOW: QColor("#1e6b35"),
}
FLAG_STYLE = "color: #b3261e; font-weight: bold;"
TREND_ARROWS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.SAME: "→"}


def flag_text(flag: str, instrument: Instrument | None) -> str:
    """An urgent flag's label: the known flags in the UI language, others as the instrument
    file names them (else the id)."""
    if flag in {f.value for f in UrgentFlag}:
        return enum_value_text(UrgentFlag, flag)
    if instrument is not None:
        for definition in instrument.flags:
            if definition.id == flag:
                return definition.label
    return flag


def dimension_titles(instrument: Instrument | None) -> dict[str, str]:
    return {d.id: d.title for d in instrument.dimensions} if instrument else {}


class AssessmentResultView(QWidget):
    """Shows one result; ``show_result`` fills it, ``clear`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self.level_label = QLabel()
        self.level_label.setFont(big)
        self.service_label = QLabel()
        self.service_label.setFont(big)
        self.tier_label = QLabel()
        self.total_label = QLabel()
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.needs_label = QLabel()
        self.needs_label.setWordWrap(True)
        self.compare_label = QLabel()
        self.compare_label.setWordWrap(True)
        heads = QGridLayout()
        heads.addWidget(QLabel(self.tr("困境等级")), 0, 0)
        heads.addWidget(self.level_label, 1, 0)
        heads.addWidget(QLabel(self.tr("服务层级")), 0, 1)
        heads.addWidget(self.service_label, 1, 1)
        heads.addWidget(QLabel(self.tr("服务阶梯")), 0, 2)
        heads.addWidget(self.tier_label, 1, 2)
        heads.addWidget(QLabel(self.tr("加权总分")), 0, 3)
        heads.addWidget(self.total_label, 1, 3)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("维度"), self.tr("得分"), self.tr("等级"), self.tr("上次"), self.tr("变化")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heads)
        for label in (self.flags_label, self.needs_label, self.compare_label):
            layout.addWidget(label)
        layout.addWidget(self.table, 1)

    def clear(self) -> None:
        for label in (self.level_label, self.service_label, self.tier_label, self.total_label,
                      self.flags_label, self.needs_label, self.compare_label):  # fmt: skip
            label.clear()
        self.table.setRowCount(0)

    def show_result(
        self,
        result: AssessmentResult,
        instrument: Instrument | None,
        comparison: Comparison | None = None,
    ) -> None:
        level = result.hardship_level
        self.level_label.setText(enum_text(level))
        self.level_label.setStyleSheet(f"color: {LEVEL_COLORS[level].name()};")
        self.service_label.setText(enum_value_text(ServiceLevel, result.service_level.value))
        self.tier_label.setText(enum_value_text(Tier, result.tier.value))
        self.total_label.setText(f"{result.total:.1f}")
        flags = "、".join(flag_text(f, instrument) for f in result.urgent_flags)
        self.flags_label.setText(self.tr("紧急标记：%1").replace("%1", flags) if flags else "")
        self.flags_label.setStyleSheet(FLAG_STYLE)
        self.flags_label.setVisible(bool(flags))
        needs = "、".join(enum_value_text(NeedCategory, n.value) for n in result.needs)
        self.needs_label.setText(self.tr("需求：%1").replace("%1", needs or "—"))
        self._show_comparison(result, comparison, instrument)
        self._fill_table(result, instrument, comparison)

    def _show_comparison(
        self, result: AssessmentResult, comparison: Comparison | None, instrument: Instrument | None
    ) -> None:
        if comparison is None:
            self.compare_label.setText(self.tr("首次评估，暂无对比。"))
            return
        text = self.tr("与上次相比：困境等级 %1 → %2（%3），总分变化 %4。")
        text = text.replace("%1", enum_text(comparison.previous_level))
        text = text.replace("%2", enum_text(comparison.current_level))
        text = text.replace("%3", enum_text(comparison.level_trend))
        text = text.replace("%4", f"{comparison.total_delta:+.1f}")
        if comparison.flags_added:
            added = "、".join(flag_text(f, instrument) for f in comparison.flags_added)
            text += self.tr("新增紧急标记：%1。").replace("%1", added)
        if comparison.flags_cleared:
            cleared = "、".join(flag_text(f, instrument) for f in comparison.flags_cleared)
            text += self.tr("已解除：%1。").replace("%1", cleared)
        if not comparison.same_instrument:
            text += self.tr("（两次评估所用工具版本不同，仅供参考）")
        self.compare_label.setText(text)

    def _fill_table(
        self, result: AssessmentResult, instrument: Instrument | None, comparison: Comparison | None
    ) -> None:
        titles = dimension_titles(instrument)
        changes = {c.dimension_id: c for c in comparison.dimensions} if comparison else {}
        rows = list(result.dimension_scores)
        self.table.setRowCount(len(rows))
        for row, dimension in enumerate(rows):
            level = result.dimension_levels[dimension]
            change = changes.get(dimension)
            cells = [
                titles.get(dimension, dimension),
                f"{result.dimension_scores[dimension]:.1f}",
                enum_text(level),
                _previous_text(change),
                _change_text(change),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 2:
                    item.setForeground(LEVEL_COLORS[level])
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()


def _previous_text(change: DimensionChange | None) -> str:
    if change is None or change.previous is None:
        return "—"
    return f"{change.previous:.1f}"


def _change_text(change: DimensionChange | None) -> str:
    if change is None or change.delta is None:
        return "—"
    return f"{TREND_ARROWS[change.trend]} {change.delta:+.1f}"
