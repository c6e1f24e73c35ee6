"""Errors opening or using the local store; each carries a message a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of store errors. ``zh`` is the message for the UI, ``str(e)`` the English one."""

    zh: str = "本地数据库出错。"

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        if zh is not None:
            self.zh = zh


class WrongKeyError(StoreError):
    zh = "密钥或口令不正确，无法打开本地数据库。文件未被改动，请重新输入。"


class CorruptStoreError(StoreError):
    zh = "本地数据库文件已损坏或不是暖心的数据库。文件未被改动，请从备份恢复或联系管理员。"


class NewerSchemaError(StoreError):
    zh = "该数据库由更新版本的暖心创建，请先升级本软件再打开。文件未被改动。"


class KeyUnavailableError(StoreError):
    zh = "系统钥匙串不可用，请设置口令以加密本地数据库。"
