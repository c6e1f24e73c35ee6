"""Disk faults as clear store errors: a full disk and a read-only folder.

SQLite rolls a failed transaction back and profile.json is replaced atomically, so a write that
fails here leaves nothing half done; these errors only give the user the reason and the fix.
"""

from __future__ import annotations

import errno

from app.store.errors import StoreError

SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class DiskFullError(StoreError):
    zh = "磁盘空间已满，刚才的修改没有保存（已完整撤销）。请清理磁盘或换到空间充足的位置后再试。"


class ReadOnlyStoreError(StoreError):
    zh = (
        "档案文件夹是只读的（或没有写入权限），刚才的修改没有保存（已完整撤销）。"
        "请检查文件夹权限、U 盘写保护或磁盘是否已满后再试。"
    )


def explain_write_failure(exc: BaseException) -> StoreError | None:
    """The store error a failed write stands for, or None when it is not a disk fault."""
    if isinstance(exc, StoreError):
        return exc
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    code = getattr(cause, "sqlite_errorcode", None)
    number = getattr(cause, "errno", None)
    text = str(cause).lower()
    if code == SQLITE_FULL or number in FULL_ERRNOS or "disk is full" in text:
        return DiskFullError(f"the disk is full: {cause}")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or number in READ_ONLY_ERRNOS:
        return ReadOnlyStoreError(f"the profile folder cannot be written: {cause}")
    if "readonly database" in text or "read-only file system" in text:
        return ReadOnlyStoreError(f"the profile folder cannot be written: {cause}")
    if code is not None and code & 0xFF == SQLITE_IOERR:
        if "no space" in text or "full" in text:
            return DiskFullError(f"the disk is full: {cause}")
        return ReadOnlyStoreError(f"writing the store failed: {cause}")
    return None
