"""归档 export: every finalised form of a period (and committee) as a PDF/A-2b file, in one zip with
manifest.csv and README.txt; byte for byte the same for the same data.

Forms are read from the store in this process and rendered here or, for large archives, in worker
processes. The zip is written to a temporary file next to the target and moved into place at the
end, so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from app.domain.enums import AuditAction
from app.printing.archive_listing import Listed, finalised_forms
from app.printing.archive_render import archived_pdf, form_moment
from app.printing.archive_zip import (
    MANIFEST,
    README,
    ArchiveEntry,
    ArchiveScope,
    entry_path,
    manifest_csv,
    readme_text,
    zip_info,
)
from app.printing.records import FormData
from app.printing.sources import FormSources, letterhead
from app.services import audit
from app.services.local_time import start_of_day
from app.store.engine import Store

PARALLEL_FROM = 48  # forms; below this, starting worker processes costs more than it saves
WINDOW_PER_WORKER = 6
Progress = Callable[[int, int], None]


@runtime_checkable
class Cancellable(Protocol):
    """Anything that says whether the user asked to stop (``threading.Event`` does)."""

    def is_set(self) -> bool: ...


class ArchiveCancelled(Exception):
    """The export was cancelled; no file was written."""


@dataclass(frozen=True)
class ArchiveResult:
    path: Path
    entries: list[ArchiveEntry]
    sha256: str  # of the zip
    size: int  # bytes

    @property
    def forms(self) -> int:
        return len(self.entries)


def _stop_check(cancel: Cancellable | Callable[[], bool] | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, Cancellable):
        return cancel.is_set
    return cancel


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _rendered(
    sources: FormSources,
    listed: list[Listed],
    by: str,
    stopped: Callable[[], bool],
    workers: int,
) -> Iterator[tuple[FormData, bytes]]:
    """Each listed form's data and PDF/A bytes, in listing order."""

    def datas() -> Iterator[FormData]:
        for kind, record_id in listed:
            if stopped():
                raise ArchiveCancelled
            yield sources.load(kind, record_id)

    if workers <= 1 or len(listed) < PARALLEL_FROM:
        for data in datas():
            yield data, archived_pdf(data, by)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    pending: deque[tuple[FormData, Future[bytes]]] = deque()
    try:
        for data in datas():
            pending.append((data, pool.submit(archived_pdf, data, by)))
            if len(pending) >= workers * WINDOW_PER_WORKER:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _committee_text(store: Store, committee: str | None) -> str:
    if not committee:
        return "全部居委 (all committees)"
    with store.sessions() as session:
        return f"{committee} {letterhead(session, committee).committee}".strip()


@dataclass(frozen=True)
class _Export:
    """One archive being written: what to put in it and whom to tell."""

    store: Store
    date_from: dt.date
    date_to: dt.date
    committee: str | None
    actor: str
    report: Progress
    stopped: Callable[[], bool]
    workers: int


def _write_forms(
    bundle: zipfile.ZipFile, export: _Export, listed: list[Listed], by: str
) -> tuple[list[ArchiveEntry], dt.datetime]:
    """Each form into the zip in listing order; the entries and the latest data moment."""
    sources = FormSources(export.store, export.actor)
    entries: list[ArchiveEntry] = []
    as_of = start_of_day(export.date_to)
    for data, pdf in _rendered(sources, listed, by, export.stopped, export.workers):
        moment = form_moment(data)
        as_of = max(as_of, moment) if entries else moment
        path = entry_path(data.kind, data.day, data.record_id)
        bundle.writestr(zip_info(path, moment), pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        entries.append(
            ArchiveEntry(data.kind, data.record_id, data.household_id, data.day, digest, path)
        )
        export.report(len(entries), len(listed))
    return entries, as_of


def _write_zip(raw: BinaryIO, export: _Export, listed: list[Listed], by: str) -> list[ArchiveEntry]:
    with zipfile.ZipFile(raw, "w") as bundle:
        entries, as_of = _write_forms(bundle, export, listed, by)
        committee = _committee_text(export.store, export.committee)
        scope = ArchiveScope(export.date_from, export.date_to, committee, by, as_of)
        bundle.writestr(zip_info(MANIFEST, as_of), manifest_csv(entries))
        bundle.writestr(zip_info(README, as_of), readme_text(scope, entries))
    return entries


def archive(
    store: Store,
    date_from: dt.date,
    date_to: dt.date,
    out: Path | str,
    *,
    committee: str | None = None,
    actor: str,
    progress: Progress | None = None,
    cancel: Cancellable | Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ArchiveResult:
    """``nuanxin archive --from --to --out``: write the zip; raises ArchiveCancelled if stopped.

    ``progress(done, total)`` is called from the calling thread; ``cancel`` is a
    ``threading.Event`` (or anything with ``is_set()``) or a function returning True to stop."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda done, total: None)
    count = workers if workers is not None else default_workers()
    stopped = _stop_check(cancel)
    export = _Export(store, date_from, date_to, committee, actor, report, stopped, count)
    with store.sessions() as session:
        listed = finalised_forms(session, date_from, date_to, committee)
    by = FormSources(store, actor).printed_by()
    report(0, len(listed))
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as raw:
            entries = _write_zip(raw, export, listed, by)
        if stopped():
            raise ArchiveCancelled
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    content = target.read_bytes()
    result = ArchiveResult(target, entries, hashlib.sha256(content).hexdigest(), len(content))
    _audit(store, actor, result, date_from, date_to, committee)
    return result


def _audit(
    store: Store,
    actor: str,
    result: ArchiveResult,
    date_from: dt.date,
    date_to: dt.date,
    committee: str | None,
) -> None:
    with store.transaction() as session:
        audit.record(
            session,
            actor,
            AuditAction.EXPORT,
            "archive",
            "",
            date_from=date_from.isoformat(),
            date_to=date_to.isoformat(),
            committee=committee or "",
            forms=result.forms,
            sha256=result.sha256,
            file=result.path.name,
        )
