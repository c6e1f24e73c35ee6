"""Printing benchmark: one 入户走访记录表 PDF (render alone, and fetch + render + audit from a real
SQLCipher store), font loading, and the 归档 export of 1,000 finalised forms (100 with --quick)
as PDF/A-2b in a zip (DESIGN §8; targets: one form ≤ 50 ms, 1,000 forms ≤ 30 s on 2 cores)."""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.models import HelpRequest, Household, User, Visit
from app.printing.archive import archive, default_workers
from app.printing.fonts import fonts
from app.printing.layout import PrintStamp
from app.printing.printer import FormPrinter
from app.printing.records import FormKind
from app.printing.rendering import render_form
from app.printing.sources import FormSources
from app.services.demo_data import DEMO_LOGIN
from app.services.demo_profile import load_demo
from app.services.local_time import SHANGHAI
from app.store.engine import DB_FILENAME, Store, open_engine
from app.store.migrations import upgrade_to_head

FULL_FORMS, QUICK_FORMS = 1000, 100
RECEIPT_SHARE = 0.15
SINGLE_RUNS = 30
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
SITUATIONS = (
    "老人独居，行动不便，冰箱里只有少量剩菜；邻居每周帮忙买菜两次。",
    "家中孩子读初二，母亲打零工，房租占收入一半以上，近两月拖欠水电费。",
    "户主术后在家休养，配偶失业，医药费自付部分较高，情绪低落，不愿出门。",
    "居住条件较差（老式公房、合用厨卫），电线老化，有安全隐患，已联系居委。",
)


def _row(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {"bench": "printing", "metric": metric, "value": round(value, 3), "unit": unit}


def _moment(rng: random.Random) -> dt.datetime:
    day = PERIOD[0] + dt.timedelta(days=rng.randrange((PERIOD[1] - PERIOD[0]).days))
    return dt.datetime.combine(day, dt.time(9 + rng.randrange(8), rng.randrange(60)), SHANGHAI)


def _visit(rng: random.Random, household_id: str, advisor: str) -> Visit:
    at = _moment(rng)
    return Visit(
        household_id=household_id,
        advisor_id=advisor,
        visited_at=at,
        kind="home",
        people_met="户主本人",
        situation="".join(rng.sample(SITUATIONS, 3)),
        needs=["basic_living", "medical"],
        advice="申请临时救助；每月复诊。",
        agreed_actions="一周内提交申请（顾问协助）。",
        state="final",
        finalised_at=at,
        created_by=DEMO_LOGIN,
        updated_by=DEMO_LOGIN,
    )


def _request(rng: random.Random, committee: str) -> HelpRequest:
    at = _moment(rng)
    return HelpRequest(
        channel="window",
        requester_name="张伟",
        phone="13812345678",
        committee_code=committee,
        description=rng.choice(SITUATIONS),
        received_at=at,
        received_by=DEMO_LOGIN,
        respond_by=at + dt.timedelta(days=3),
        created_by=DEMO_LOGIN,
        updated_by=DEMO_LOGIN,
    )


def _fill(store: Store, forms: int) -> str:
    """Demo households with finalised visits and help requests inserted as rows (85 : 15);
    returns the first visit's id."""
    load_demo(store, max(200, forms // 3), seed=2026)
    rng = random.Random(6)
    receipts = int(forms * RECEIPT_SHARE)
    with store.transaction() as session:
        advisor = session.execute(select(User.id).where(User.login == DEMO_LOGIN)).scalar_one()
        homes = list(session.execute(select(Household.id, Household.committee_code)).all())
        visits = [_visit(rng, rng.choice(homes).id, advisor) for _ in range(forms - receipts)]
        session.add_all(visits)
        session.add_all(_request(rng, rng.choice(homes).committee_code) for _ in range(receipts))
        session.flush()
        return visits[0].id


def _single_form(store: Store, visit_id: str) -> Iterator[dict[str, Any]]:
    data = FormSources(store, DEMO_LOGIN).load(FormKind.VISIT, visit_id)
    stamp = PrintStamp("王顾问（demo）", dt.datetime(2025, 7, 1, 9, 0, tzinfo=SHANGHAI))
    render_form(data, stamp)  # warm: first subset of each font
    timings = []
    for _ in range(SINGLE_RUNS):
        started = time.perf_counter()
        render_form(data, stamp)
        timings.append(time.perf_counter() - started)
    yield _row("visit_form_render_p50", statistics.median(timings) * 1000, "ms")
    yield _row("visit_form_render_max", max(timings) * 1000, "ms")
    printer = FormPrinter(store)
    timings = []
    for _ in range(SINGLE_RUNS // 3):
        started = time.perf_counter()
        printer.render(FormKind.VISIT, visit_id, actor=DEMO_LOGIN)
        timings.append(time.perf_counter() - started)
    yield _row("visit_form_print_p50", statistics.median(timings) * 1000, "ms")


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the archive's worker processes):
    unlike the wall time, it does not grow when other programs load the machine."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def run(quick: bool) -> Iterator[dict[str, Any]]:
    started = time.perf_counter()
    fonts()
    yield _row("font_load", time.perf_counter() - started, "s")
    forms = QUICK_FORMS if quick else FULL_FORMS
    with tempfile.TemporaryDirectory(prefix="nuanxin-bench-") as folder:
        store = open_engine(Path(folder) / DB_FILENAME, secrets.token_bytes(32))
        try:
            upgrade_to_head(store.engine)
            visit_id = _fill(store, forms)
            yield from _single_form(store, visit_id)
            started, cpu = time.perf_counter(), _cpu_seconds()
            result = archive(store, *PERIOD, Path(folder) / "archive.zip", actor=DEMO_LOGIN)
            elapsed = time.perf_counter() - started
            yield _row("archive_cpu", _cpu_seconds() - cpu, "s")  # this process + its workers
            yield _row("archive_forms", result.forms, "count")
            yield _row("archive_workers", default_workers(), "count")
            yield _row("archive_total", elapsed, "s")
            yield _row("archive_per_form", elapsed / max(result.forms, 1) * 1000, "ms")
            yield _row("archive_size", result.size / 1e6, "MB")
        finally:
            store.close()
