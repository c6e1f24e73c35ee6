"""Errors of backups: a wrong backup passphrase, a damaged or cut-short backup file."""

from __future__ import annotations

from app.store.errors import StoreError


class WrongBackupPassphraseError(StoreError):
    zh = "备份口令不正确，无法打开这个备份。没有做任何改动，请重新输入备份口令。"


class BackupDamagedError(StoreError):
    zh = (
        "备份文件已损坏或不完整（可能复制时中断），无法恢复。没有做任何改动，请换一个备份文件再试。"
    )
