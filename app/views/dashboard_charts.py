"""The supervisor dashboard's charts (QtCharts), built from the dashboard service's plain data:
one horizontal bar chart per question, committees down the side so that 20 names stay readable."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication

from app.domain.enums import HardshipLevel, HouseholdCategory, ReferralState, ResourceCategory
from app.services.dashboard import NO_LEVEL, CommitteeStats, Dashboard
from app.views.enum_text import enum_text

PALETTE = ("#2f6f9f", "#e07b39", "#4a9d5b", "#c0504d", "#8064a2", "#4bacc6", "#9b8b3e",
           "#d4679a", "#6d7f8c", "#b5a642", "#5b8bd0", "#a05a2c")  # fmt: skip
LEVEL_COLORS = {"high": "#c0504d", "medium": "#e07b39", "low": "#4a9d5b", NO_LEVEL: "#9aa0a6"}
Series = list[tuple[str, list[int]]]  # (legend text, one value per category)


translate = QCoreApplication.translate


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Series,
    *,
    stacked: bool,
    colors: Sequence[str] = PALETTE,
) -> QChart:
    """Horizontal bars: one row per category (committee), one colour per series."""
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    font = QFont(QApplication.font())
    chart.setTitleFont(QFont(font.family(), round(font.pointSizeF() * 1.15)))
    bars: QAbstractBarSeries = QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
    for number, (label, values) in enumerate(series):
        bar_set = QBarSet(label)
        bar_set.append([float(v) for v in reversed(values)])  # first category at the top
        bar_set.setColor(QColor(colors[number % len(colors)]))
        bars.append(bar_set)
    chart.addSeries(bars)
    names = QBarCategoryAxis()
    names.append(list(reversed(categories)))
    names.setLabelsFont(font)
    names.setTruncateLabels(False)  # committee names are the point of the chart
    counts = QValueAxis()
    counts.setLabelFormat("%d")
    counts.setLabelsFont(font)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(names)
    bars.attachAxis(counts)
    counts.setRange(0, max(_largest(series, stacked), 1))
    counts.applyNiceNumbers()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(font)
    chart.legend().setVisible(len(series) > 1)
    return chart


def _largest(series: Series, stacked: bool) -> int:
    """The longest bar: a category's sum when stacked, its biggest value otherwise."""
    columns = list(zip(*(values for _, values in series), strict=True))
    return max((sum(c) if stacked else max(c) for c in columns), default=0)


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def _names(stats: Sequence[CommitteeStats]) -> list[str]:
    return [s.name for s in stats]


def category_chart(dashboard: Dashboard) -> QChart:
    stats = dashboard.committees
    series = [
        (enum_text(c), [s.by_category.get(c.value, 0) for s in stats]) for c in HouseholdCategory
    ]
    series = [(label, values) for label, values in series if any(values)]
    title = translate("DashboardCharts", "各居委户数：按救助类别（一户可有多个类别）")
    return bar_chart(title, _names(stats), series, stacked=True)


def level_chart(dashboard: Dashboard) -> QChart:
    stats = dashboard.committees
    levels = [(enum_text(level), level.value) for level in HardshipLevel]
    levels.append((translate("DashboardCharts", "未评估"), NO_LEVEL))
    series = [(label, [s.by_level.get(code, 0) for s in stats]) for label, code in levels]
    colors = [LEVEL_COLORS.get(code, PALETTE[0]) for _, code in levels]
    title = translate("DashboardCharts", "各居委户数：按困境等级")
    return bar_chart(title, _names(stats), series, stacked=True, colors=colors)


def visits_chart(dashboard: Dashboard) -> QChart:
    stats = dashboard.committees
    series = [
        (translate("DashboardCharts", "本月已走访户数"), [s.visited_this_month for s in stats]),
        (translate("DashboardCharts", "本月仍应走访户数"), [s.due_this_month for s in stats]),
    ]
    return bar_chart(
        translate("DashboardCharts", "本月走访：已走访与仍应走访"),
        _names(stats),
        series,
        stacked=False,
    )


def overdue_chart(dashboard: Dashboard) -> QChart:
    stats = dashboard.committees
    series = [
        (translate("DashboardCharts", "走访"), [s.overdue_visits for s in stats]),
        (translate("DashboardCharts", "方案回顾"), [s.overdue_plan_reviews for s in stats]),
        (translate("DashboardCharts", "转介跟进"), [s.overdue_referrals for s in stats]),
        (translate("DashboardCharts", "求助响应"), [s.overdue_intake for s in stats]),
    ]
    return bar_chart(translate("DashboardCharts", "逾期任务"), _names(stats), series, stacked=True)


def referral_state_chart(dashboard: Dashboard) -> QChart:
    stats = dashboard.committees
    series = [
        (enum_text(state), [s.referrals_by_state.get(state.value, 0) for s in stats])
        for state in ReferralState
    ]
    series = [(label, values) for label, values in series if any(values)]
    return bar_chart(
        translate("DashboardCharts", "各居委转介：按状态"), _names(stats), series, stacked=True
    )


def referral_category_chart(dashboard: Dashboard) -> QChart:
    """Resource categories down the side, one colour per referral state."""
    matrix = dashboard.referrals_by_category
    categories = [c for c in ResourceCategory if any(c.value in row for row in matrix.values())]
    series = [
        (enum_text(ReferralState(state)), [row.get(c.value, 0) for c in categories])
        for state, row in matrix.items()
        if state in {s.value for s in ReferralState}
    ]
    names = [enum_text(c) for c in categories]
    return bar_chart(
        translate("DashboardCharts", "转介：按资源类别和状态"), names, series, stacked=True
    )
