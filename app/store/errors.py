"""Errors opening or using the local store; each carries a message a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of store errors. ``zh`` is the message for the UI, ``str(e)`` the English one."""

    zh: str = "本地数据库出错。"

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        if zh is not None:
            self.zh = zh

    def message(self, language: str = "zh") -> str:
        return str(self) if language.startswith("en") else self.zh


class WrongKeyError(StoreError):
    zh = "密钥或口令不正确，无法打开本地数据库。文件未被改动，请重新输入口令。"


class CorruptStoreError(StoreError):
    zh = "本地数据库文件已损坏或不是暖心的数据库。文件未被改动，请从备份恢复或联系管理员。"


class NewerSchemaError(StoreError):
    zh = "该数据库由更新版本的暖心创建，请先升级本软件再打开。文件未被改动。"


class MigrationFailedError(StoreError):
    zh = "升级本地数据库结构失败，已恢复原状，文件未被改动。请联系管理员并附上日志。"


class KeyUnavailableError(StoreError):
    zh = "无法从系统钥匙串取得本地数据库的密钥，请输入口令打开。"


class ProfileExistsError(StoreError):
    zh = "该文件夹里已有暖心的档案或数据库，不会覆盖。请直接打开它，或换一个空文件夹。"


class ProfileNotFoundError(StoreError):
    zh = "该文件夹里没有暖心的档案（缺少 profile.json）。请检查文件夹路径，或新建档案。"
