"""Stories of the supervisor: the dashboard's numbers (cards, table and charts) equal counts
computed directly from the database with SQL, and export to xlsx; coverage lists the households
behind a count; a duplicate household is merged keeping every visit and assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.services.local_time import SHANGHAI, today
from app.views.main_window import MainWindow
from app.views.workspace import Workspace
from tests.gui.workflow_seed import (
    FIRST,
    SECOND,
    add_household,
    assess,
    busy_register,
    close_dialogs,
    open_window,
    seed_staff,
    visit,
)


@pytest.fixture
def supervisor(qtbot: QtBot, workspace: Workspace) -> Iterator[tuple[MainWindow, dict[str, str]]]:
    staff = seed_staff(workspace.store, "supervisor")
    ids = busy_register(workspace.store, staff["wang"])
    window = open_window(qtbot, workspace)
    yield window, ids
    close_dialogs()


def sql(workspace: Workspace, query: str, **params: object) -> int:
    with workspace.store.sessions() as session:
        return int(session.execute(text(query), params).scalar_one())


def month_start_utc() -> str:
    start = dt.datetime.combine(today().replace(day=1), dt.time(), SHANGHAI)
    return start.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def chart_total(view: QChartView) -> float:
    (series,) = view.chart().series()
    return sum(bar_set.at(i) for bar_set in series.barSets() for i in range(bar_set.count()))


def test_dashboard_numbers_equal_counts_from_the_database(
    qtbot: QtBot,
    workspace: Workspace,
    supervisor: tuple[MainWindow, dict[str, str]],
    tmp_path: Path,
) -> None:
    window, _ids = supervisor
    page = window.workflow.dashboard
    assert not window.nav.item(window.pages.indexOf(page)).isHidden()
    with qtbot.waitSignal(page.dashboard_loaded, timeout=10_000):
        window.workflow.show_page(page)
    households = sql(workspace, "SELECT count(*) FROM household WHERE NOT deleted")
    assert page.figures["households"].number.text() == f"{households:,}" == "5"
    visits = sql(
        workspace,
        "SELECT count(*) FROM visit WHERE state = 'final' AND NOT deleted AND visited_at >= :s",
        s=month_start_utc(),
    )
    assert page.figures["visits_this_month"].number.text() == str(visits)
    referrals = sql(workspace, "SELECT count(*) FROM referral WHERE NOT deleted")
    assert page.figures["open_referrals"].number.text() == str(referrals) == "3"

    rows = {r.code: r for r in page.model.records}
    for code in (FIRST, SECOND):
        assert rows[code].households == sql(
            workspace,
            "SELECT count(*) FROM household WHERE NOT deleted AND committee_code = :c",
            c=code,
        )
        assert rows[code].visits_this_month == sql(
            workspace,
            "SELECT count(*) FROM visit JOIN household h ON h.id = visit.household_id "
            "WHERE visit.state = 'final' AND NOT visit.deleted AND h.committee_code = :c "
            "AND visit.visited_at >= :s",
            c=code,
            s=month_start_utc(),
        )
        assert rows[code].overdue_referrals == sql(
            workspace,
            "SELECT count(*) FROM referral r JOIN household h ON h.id = r.household_id "
            "WHERE NOT r.deleted AND h.committee_code = :c AND r.follow_up_on < :d "
            "AND r.state NOT IN ('completed', 'returned', 'withdrawn')",
            c=code,
            d=today().isoformat(),
        )
    shown_total = page.model.record(page.model.rowCount() - 1)
    assert page.model.index(page.model.rowCount() - 1, 1).data() == str(households)
    assert shown_total.overdue_plan_reviews == sql(
        workspace, "SELECT count(*) FROM service_plan WHERE NOT deleted AND review_on < :d",
        d=today().isoformat(),
    ) == 1  # fmt: skip

    charts = {page.tabs.tabText(i): page.tabs.widget(i) for i in range(page.tabs.count())}
    level_view = charts["困境等级"].findChild(QChartView)
    assert chart_total(level_view) == households  # every household in one 困境等级 bar
    referral_views = charts["转介"].findChildren(QChartView)
    assert [chart_total(v) for v in referral_views] == [referrals, referrals]

    out = tmp_path / "督导看板.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_to(out)
    book = load_workbook(out)
    assert book.sheetnames == ["概览", "救助类别", "困境等级", "转介状态", "转介资源类别"]
    overview = list(book["概览"].iter_rows(min_row=3, values_only=True))
    assert overview[-1][2] == households


def test_coverage_lists_the_households_behind_a_count_and_opens_one(
    qtbot: QtBot, workspace: Workspace, supervisor: tuple[MainWindow, dict[str, str]]
) -> None:
    window, ids = supervisor
    page = window.workflow.coverage
    with qtbot.waitSignal(page.coverage_loaded, timeout=10_000):
        window.workflow.show_page(page)
    first = next(r for r in page.model.records if r.committee_code == FIRST)
    assert (first.households, first.no_assessment, first.no_plan) == (3, 2, 2)
    row = page.model.records.index(first)
    with qtbot.waitSignal(page.missing_loaded, timeout=10_000) as listed:
        page.table.clicked.emit(page.model.index(row, 3))  # the 从未评估 count
    assert listed.args == [2]
    names = {page.households.row_at(r).head_name for r in range(page.households.rowCount())}
    assert names == {"李娜", "王芳"}
    with qtbot.waitSignal(window.household_detail.household_loaded, timeout=10_000) as opened:
        page.household_table.activated.emit(page.households.index(0, 0))
    assert opened.args[0] in {ids["李娜"], ids["王芳"]}


def test_duplicate_household_is_merged_keeping_visits_and_assessments(
    qtbot: QtBot, workspace: Workspace, supervisor: tuple[MainWindow, dict[str, str]]
) -> None:
    window, ids = supervisor
    twin = add_household(workspace.store, "张伟", 9, with_id=False)  # 张伟 again, no ID number
    visit(workspace.store, twin, 3)
    assess(workspace.store, twin, "best")
    page = window.workflow.duplicates
    with qtbot.waitSignal(page.pairs_loaded, timeout=10_000):
        window.workflow.show_page(page)
    households = [p for p in page.model.records if p.entity == "household"]
    assert len(households) == 1 and {households[0].first_id, households[0].second_id} == {
        ids["张伟"],
        twin,
    }
    page.table.selectRow(page.model.records.index(households[0]))
    dialog = page.open_merge_dialog()
    assert dialog is not None
    if dialog.keep_and_drop()[0] != ids["张伟"]:
        dialog.keep_second.setChecked(True)
    with qtbot.waitSignal(page.pairs_loaded, timeout=10_000):
        dialog.accept()
    assert [p for p in page.model.records if p.entity == "household"] == []
    kept = ids["张伟"]
    assert sql(workspace, "SELECT count(*) FROM visit WHERE household_id = :h", h=kept) == 3
    assert sql(workspace, "SELECT count(*) FROM assessment WHERE household_id = :h", h=kept) == 2
    assert sql(workspace, "SELECT deleted FROM household WHERE id = :h", h=twin) == 1


def test_committee_names_stay_whole_when_the_english_columns_need_the_width(
    qtbot: QtBot, supervisor: tuple[MainWindow, dict[str, str]]
) -> None:
    window, _ids = supervisor
    window.resize(1280, 800)
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.set_language("en")
    page = window.workflow.dashboard
    with qtbot.waitSignal(page.dashboard_loaded, timeout=10_000):
        window.workflow.show_page(page)
    table, header = page.table, page.table.horizontalHeader()
    numbers = sum(header.sectionSize(c) for c in range(1, header.count()))
    assert numbers > table.viewport().width() / 2  # the long English headers take the room
    # The names column stopped stretching: as wide as its widest name, the table scrolls.
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.sizeHintForColumn(0))
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.set_language("zh_CN")  # rebuilds the pages: the dashboard loads again
    page = window.workflow.dashboard
    window.workflow.show_page(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    table, header = page.table, page.table.horizontalHeader()
    # In Chinese everything fits: the names column stretches to fill the table.
    qtbot.waitUntil(lambda: header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch)
    qtbot.waitUntil(
        lambda: (
            sum(header.sectionSize(c) for c in range(header.count()))
            >= table.viewport().width() - 1
        )
    )
