"""Crash reports and logs that carry no personal data, and the diagnostics bundle.

A report keeps the shape of the traceback (files, lines and functions) and redacts the rest:
exception messages, source lines and local values lose ID numbers, phone numbers, long digit
runs and every run of Chinese characters (names, addresses).
Logs rotate under <profile>/logs and pass through the same redaction.
"""

from __future__ import annotations

import datetime as dt
import json
import linecache
import logging
import logging.handlers
import platform
import re
import traceback
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_FILENAME = "nuanxin.log"
LOG_MAX_BYTES = 1024 * 1024
LOG_BACKUPS = 5
LOCAL_REPR_CHARS = 80
LOCALS_FRAMES = 3  # the innermost frames whose local variables are listed
SECRET_WORDS = ("passphrase", "password", "token", "key", "secret")
log = logging.getLogger("nuanxin")

_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)")
_LONG_DIGITS = re.compile(r"\d{9,}")
_CJK = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·]+"  # Han, Ext A-H, ·
)


def redact(text: str) -> str:
    """``text`` without ID numbers, phones, long digit runs and Chinese text (names)."""
    text = _ID_NUMBER.sub("[ID]", text)
    text = _MOBILE.sub("[PHONE]", text)
    text = _LANDLINE.sub("[PHONE]", text)
    text = _LONG_DIGITS.sub("[NUMBER]", text)
    return _CJK.sub("[TEXT]", text)


@dataclass(frozen=True)
class CrashReport:
    """What happened, for people (``summary``) and for the developers (``text``, redacted)."""

    kind: str
    summary: str
    text: str


def build_report(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None, *, where: str = ""
) -> CrashReport:
    """A redacted report of one unhandled exception (``where``: the thread it happened in)."""
    name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
    frames = traceback.extract_tb(tb)
    lines = [
        f"Nuanxin crash report {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        *(f"{k}: {v}" for k, v in versions().items()),
        f"thread: {where or 'main'}",
        "",
        "Traceback (most recent call last):",
    ]
    for frame in frames:
        where_ = _short_path(frame.filename)
        lines.append(f'  File "{where_}", line {frame.lineno}, in {frame.name}')
        source = (frame.line or linecache.getline(frame.filename, frame.lineno or 0)).strip()
        if source:  # program text, but a literal in it may still be someone's data
            lines.append(f"    {redact(source)}")
    lines.append(f"{name}: {redact(str(error))}")
    lines += _locals_section(tb)
    summary = f"{name}: {redact(str(error))}"[:300]
    return CrashReport(kind=name, summary=summary, text="\n".join(lines) + "\n")


def _short_path(path: str) -> str:
    """From the package folder on (no user name in home-folder paths)."""
    parts = Path(path).parts
    for anchor in ("app", "server", "site-packages", "lib"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(path).name


def _locals_section(tb: TracebackType | None) -> list[str]:
    walked = list(traceback.walk_tb(tb))[-LOCALS_FRAMES:]
    lines: list[str] = []
    for frame, _line in walked:
        shown = [_local(name, value) for name, value in sorted(frame.f_locals.items())]
        if shown:
            lines += ["", f"locals of {frame.f_code.co_name}:", *shown]
    return lines


def _local(name: str, value: Any) -> str:
    if any(word in name.lower() for word in SECRET_WORDS):
        return f"  {name} = [REDACTED]"
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not break the report
        text = f"<{type(value).__name__}>"
    if len(text) > LOCAL_REPR_CHARS:
        text = text[:LOCAL_REPR_CHARS] + "…"
    return f"  {name} = {redact(text)}"


# ---- logs ---------------------------------------------------------------------------------------


class RedactingFilter(logging.Filter):
    """Formats each record's message and redacts it before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            kind, error, tb = record.exc_info
            assert error is not None
            record.msg += "\n" + build_report(kind, error, tb).text
            record.exc_info = None
        return True


def install_logging(logs_dir: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Rotating, redacted log files under ``logs_dir`` for the ``nuanxin`` loggers."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    target = str((logs_dir / LOG_FILENAME).resolve())
    for existing in log.handlers:
        if getattr(existing, "baseFilename", None) == target:
            return existing
    handler = logging.handlers.RotatingFileHandler(
        logs_dir / LOG_FILENAME, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    log.addHandler(handler)
    log.setLevel(min(log.level or level, level))
    return handler


def log_crash(report: CrashReport) -> None:
    log.error("unhandled exception\n%s", report.text)


# ---- diagnostics --------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    """Versions of the app and what it stands on (Qt read from package metadata: no import)."""
    found = {
        "app": _version("nuanxin"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "qt": _version("PySide6-Essentials") or _version("PySide6"),
        "sqlcipher": _sqlcipher_version(),
    }
    return {k: v or "unknown" for k, v in found.items()}


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def _sqlcipher_version() -> str:
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            row = conn.execute("PRAGMA cipher_version").fetchone()
        finally:
            conn.close()
        return f"{row[0] if row else '?'} (SQLite {sqlcipher3.sqlite_version})"
    except Exception:  # a diagnostics bundle is made even when the store library is broken
        return ""


def non_secret(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Settings without anything that looks like a secret, values redacted."""
    kept: dict[str, Any] = {}
    for name, value in settings.items():
        if any(word in name.lower() for word in SECRET_WORDS):
            continue
        kept[name] = json.loads(redact(json.dumps(value, ensure_ascii=False, default=str)))
    return kept


def write_diagnostics(out: Path, *, settings: Mapping[str, Any], logs_dir: Path | None) -> Path:
    """A zip with versions.json, settings.json and the logs, all redacted."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("versions.json", json.dumps(versions(), ensure_ascii=False, indent=2))
        bundle.writestr(
            "settings.json", json.dumps(non_secret(settings), ensure_ascii=False, indent=2)
        )
        for path in sorted(logs_dir.glob(f"{LOG_FILENAME}*")) if logs_dir else []:
            text = path.read_text(encoding="utf-8", errors="replace")
            bundle.writestr(f"logs/{path.name}", redact(text))
    return out


def excepthook_report(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> CrashReport:
    """Build and log a report (the GUI's excepthooks call this, then show it)."""
    report = build_report(kind, error, tb, where=_thread_name())
    log_crash(report)
    return report


def _thread_name() -> str:
    import threading

    return threading.current_thread().name


__all__ = [
    "CrashReport",
    "build_report",
    "excepthook_report",
    "install_logging",
    "redact",
    "versions",
    "write_diagnostics",
]
