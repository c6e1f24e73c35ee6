"""Stories of the 归档 export: a period's finalised forms as PDF/A-2b in a zip with a manifest,
the same bytes every time for the same data, progress and cancel, and an audit row."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import threading
import zipfile
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.printing import archive as archive_module
from app.printing.archive import ArchiveCancelled, archive
from app.services.local_time import today
from app.services.visits import VisitService
from app.store.engine import Store
from tests.printing.conftest import ADVISOR, COMMITTEE, Case
from tests.printing.form_samples import RARE_NAME
from tests.printing.pdf_tools import pypdf_pages

START = dt.date(2025, 1, 1)
PDFA = "{http://www.aiim.org/pdfa/ns/id/}"


def end() -> dt.date:
    """Plans and referrals are dated today (the services stamp them): the period reaches it."""
    return today() + dt.timedelta(days=1)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def test_archive_holds_every_finalised_form_with_a_manifest(
    store: Store, case: Case, tmp_path: Path
) -> None:
    VisitService(store, ADVISOR).save_draft(None, {"household_id": case.household, "kind": "phone"})
    seen: list[tuple[int, int]] = []

    result = archive(
        store,
        START,
        end(),
        tmp_path / "归档.zip",
        actor=ADVISOR,
        progress=lambda d, t: seen.append((d, t)),
    )

    files = members(result.path)
    names = list(files)
    assert [n.split("/")[0] for n in names] == [
        "visit",
        "assessment",
        "plan",
        "referral",
        "receipt",
        "manifest.csv",
        "README.txt",
    ]  # the draft visit is not there
    rows = list(csv.DictReader(io.StringIO(files["manifest.csv"].decode("utf-8-sig"))))
    assert [r["form_id"] for r in rows] == [
        case.visit,
        case.assessment,
        case.plan,
        case.referral,
        case.request,
    ]
    for row in rows:
        assert hashlib.sha256(files[row["file"]]).hexdigest() == row["sha256"]
        assert row["household_id"] == case.household or row["form_type"] == "receipt"
    assert rows[0]["date"] == "2025-03-03" and rows[0]["form_title"] == "入户走访记录表"
    readme = files["README.txt"].decode("utf-8-sig")
    assert "PDF/A-2b" in readme and "表单总数 Forms: 5" in readme
    assert seen == [(n, 5) for n in range(6)]
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()


def test_two_exports_of_the_same_data_are_the_same_bytes(
    store: Store, case: Case, tmp_path: Path
) -> None:
    first = archive(store, START, end(), tmp_path / "a.zip", actor=ADVISOR)
    second = archive(store, START, end(), tmp_path / "b.zip", actor=ADVISOR)

    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(first.path) as bundle:
        stamps = {info.date_time for info in bundle.infolist()}
    assert all(stamp[0] >= 2025 for stamp in stamps)  # taken from the data, not the clock


def test_worker_processes_make_the_same_archive(
    store: Store, case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = archive(store, START, end(), tmp_path / "one.zip", actor=ADVISOR, workers=1)
    monkeypatch.setattr(archive_module, "PARALLEL_FROM", 1)
    pooled = archive(store, START, end(), tmp_path / "two.zip", actor=ADVISOR, workers=2)

    assert alone.path.read_bytes() == pooled.path.read_bytes()


def test_archived_forms_are_pdfa_2b(store: Store, case: Case, tmp_path: Path) -> None:
    result = archive(store, START, end(), tmp_path / "a.zip", actor=ADVISOR)

    pdfs = {n: b for n, b in members(result.path).items() if n.endswith(".pdf")}
    assert len(pdfs) == 5
    for name, content in pdfs.items():
        with pikepdf.open(io.BytesIO(content)) as document:
            with document.open_metadata() as xmp:
                assert xmp[f"{PDFA}part"] == "2" and xmp[f"{PDFA}conformance"] == "B", name
            (intent,) = document.Root.OutputIntents
            assert intent.S == pikepdf.Name.GTS_PDFA1
            assert intent.DestOutputProfile.N == 3
            assert document.docinfo.Producer == xmp_producer(document)
    pdfa = pytest.importorskip("pikepdf.pdfa", reason="pikepdf[pdfa] (dev extra) validates PDF/A")
    for name, content in pdfs.items():
        report = pdfa.validate_written(io.BytesIO(content), "2b")
        assert report.passed, (name, [str(f) for f in report.findings])


def xmp_producer(document: pikepdf.Pdf) -> str:
    with document.open_metadata() as xmp:
        return str(xmp["pdf:Producer"])


def test_a_committee_archive_holds_only_its_forms(store: Store, case: Case, tmp_path: Path) -> None:
    own = archive(store, START, end(), tmp_path / "own.zip", committee=COMMITTEE, actor=ADVISOR)
    other = archive(
        store, START, end(), tmp_path / "other.zip", committee="310105002999", actor=ADVISOR
    )

    assert own.forms == 5 and other.forms == 0
    assert list(members(other.path)) == ["manifest.csv", "README.txt"]
    assert "示例·华阳路第一居委" in members(own.path)["README.txt"].decode("utf-8-sig")


def test_a_cancelled_export_leaves_no_file(store: Store, case: Case, tmp_path: Path) -> None:
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 2:
            stop.set()

    with pytest.raises(ArchiveCancelled):
        archive(
            store, START, end(), tmp_path / "a.zip", actor=ADVISOR, progress=progress, cancel=stop
        )

    assert not (tmp_path / "a.zip").exists()
    assert not any(p.name.startswith(".a.zip") for p in tmp_path.iterdir())  # no partial file


def test_a_cancel_function_stops_before_the_first_form(
    store: Store, case: Case, tmp_path: Path
) -> None:
    with pytest.raises(ArchiveCancelled):
        archive(store, START, end(), tmp_path / "a.zip", actor=ADVISOR, cancel=lambda: True)
    assert not (tmp_path / "a.zip").exists()
    with store.sessions() as session:
        assert not session.execute(select(AuditEvent).where(AuditEvent.action == "export")).all()


def test_every_export_is_audited_and_ids_stay_masked(
    store: Store, case: Case, tmp_path: Path
) -> None:
    result = archive(store, START, end(), tmp_path / "a.zip", actor=ADVISOR)

    with store.sessions() as session:
        (row,) = session.execute(select(AuditEvent).where(AuditEvent.action == "export")).scalars()
        reveals = session.execute(select(AuditEvent).where(AuditEvent.action == "reveal_id")).all()
    assert (
        row.actor == ADVISOR and row.detail["forms"] == 5 and row.detail["sha256"] == result.sha256
    )
    assert reveals == []
    visit_pdf = next(b for n, b in members(result.path).items() if n.startswith("visit/"))
    text = "".join(pypdf_pages(visit_pdf))
    assert RARE_NAME in text and "归档人：王顾问（advisor1）" in text
    assert "310105********003X"[:6] + "********" in text
