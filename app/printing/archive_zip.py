"""The archive's zip: PDF/A files in a fixed order with fixed timestamps, then manifest.csv and
README.txt. Nothing in it depends on when or where it was made, so equal input gives equal bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.printing.records import SPECS, FormKind
from app.services.local_time import SHANGHAI

MANIFEST = "manifest.csv"
README = "README.txt"
MANIFEST_COLUMNS = ("form_type", "form_title", "form_id", "household_id", "date", "sha256", "file")
FILE_MODE = 0o644 << 16
UNIX = 3


@dataclass(frozen=True)
class ArchiveEntry:
    """One form in the archive, as listed in manifest.csv."""

    kind: FormKind
    form_id: str
    household_id: str
    day: dt.date
    sha256: str
    file: str


def entry_path(kind: FormKind, day: dt.date, form_id: str) -> str:
    return f"{kind.value}/{day:%Y-%m-%d}_{kind.value}_{form_id}.pdf"


def zip_info(name: str, moment: dt.datetime) -> zipfile.ZipInfo:
    """A member header with a fixed time, permissions and system (stored, not compressed:
    PDFs are compressed already, and stored bytes do not depend on the zlib version)."""
    local = moment.astimezone(SHANGHAI)
    stamp = (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = FILE_MODE
    info.create_system = UNIX
    return info


def manifest_csv(entries: Sequence[ArchiveEntry]) -> bytes:
    """manifest.csv (UTF-8 with BOM, so spreadsheet programs read the Chinese titles)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        title = SPECS[e.kind].title
        writer.writerow(
            [e.kind.value, title, e.form_id, e.household_id, e.day.isoformat(), e.sha256, e.file]
        )
    return out.getvalue().encode("utf-8-sig")


@dataclass(frozen=True)
class ArchiveScope:
    """What the archive covers and who made it (written into README.txt)."""

    date_from: dt.date
    date_to: dt.date
    committee: str  # code and name, or "全部居委"
    exported_by: str
    as_of: dt.datetime


def readme_text(scope: ArchiveScope, entries: Sequence[ArchiveEntry]) -> bytes:
    counts = Counter(e.kind for e in entries)
    as_of = f"{scope.as_of.astimezone(SHANGHAI):%Y-%m-%d %H:%M:%S}"
    lines = [
        "暖心 Nuanxin 表单归档 / Nuanxin form archive",
        "",
        f"归档期间 Period: {scope.date_from.isoformat()} — {scope.date_to.isoformat()}",
        f"居委 Committee: {scope.committee}",
        f"归档人 Exported by: {scope.exported_by}",
        f"数据截至 Data as of: {as_of} (Asia/Shanghai)",
        f"表单总数 Forms: {len(entries)}",
        *(f"  {SPECS[k].title} {k.value}: {counts[k]}" for k in FormKind if counts[k]),
        "",
        "每份表单为 PDF/A-2b 文件（字体全部嵌入，可长期保存）。",
        "Every form is a PDF/A-2b file with all fonts embedded, for long-term keeping.",
        f"{MANIFEST} 列出每个文件的表单类型、表单编号、户编号、日期和 SHA-256 校验值；",
        "核对文件是否完整：sha256sum <文件>（Windows: certutil -hashfile <文件> SHA256）。",
        f"{MANIFEST} lists each file's form type, form id, household id, date and SHA-256;",
        "check a file with: sha256sum FILE (Windows: certutil -hashfile FILE SHA256).",
        "",
        "身份证件号码已按默认规则遮蔽（显示前6位和后4位）。",
        "ID numbers are masked (first 6 and last 4 characters shown).",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8-sig")
