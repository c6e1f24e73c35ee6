"""Printing one form from the store: fetch, render, and write the PRINT audit row.

Every print is audited (kind, id, form code, whether ID numbers were shown in full); printing
unmasked also leaves one REVEAL_ID row per number shown (written by the household service).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf

from app.domain.enums import AuditAction
from app.printing.layout import PrintStamp
from app.printing.records import FormKind
from app.printing.rendering import render_form
from app.printing.sources import FormSources
from app.services import audit
from app.services.local_time import now
from app.store.engine import Store


class FormPrinter:
    """Renders the forms of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def render(
        self, kind: FormKind | str, record_id: str, *, actor: str, unmasked: bool = False
    ) -> bytes:
        """The PDF of one form; writes an audit PRINT row (and REVEAL_ID rows when unmasked)."""
        form_kind = FormKind(kind)
        sources = FormSources(self.store, actor)
        data = sources.load(form_kind, record_id, unmasked=unmasked)
        stamp = PrintStamp(sources.printed_by(), now())
        pdf = render_form(data, stamp)
        with self.store.transaction() as session:
            audit.record(
                session,
                actor,
                AuditAction.PRINT,
                form_kind.value,
                record_id,
                form=data.spec.code,
                unmasked=unmasked,
                household_id=data.household_id,
            )
        return pdf

    def render_batch(
        self,
        items: Sequence[tuple[FormKind | str, str]],
        *,
        actor: str,
        unmasked: bool = False,
    ) -> bytes:
        """Several forms in one PDF for batch printing (each keeps its own page numbers and
        its own PRINT audit row)."""
        out = io.BytesIO()
        with ExitStack() as open_files, pikepdf.Pdf.new() as combined:
            for kind, record_id in items:
                pdf = self.render(kind, record_id, actor=actor, unmasked=unmasked)
                single = open_files.enter_context(pikepdf.open(io.BytesIO(pdf)))
                combined.pages.extend(single.pages)  # the sources stay open until saved
            combined.save(out, deterministic_id=True)
        return out.getvalue()


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file, so no half file is ever left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def print_form(
    store: Store,
    kind: FormKind | str,
    record_id: str,
    out: Path | str,
    *,
    actor: str,
    unmasked: bool = False,
) -> Path:
    """``nuanxin print KIND ID --out FILE.pdf``: render one form to a file; returns its path."""
    target = Path(out)
    pdf = FormPrinter(store).render(kind, record_id, actor=actor, unmasked=unmasked)
    write_atomically(target, pdf)
    return target
