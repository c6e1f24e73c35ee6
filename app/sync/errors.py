"""Why a sync stopped, each with a Chinese message for the user (``zh``) and an English one."""

from __future__ import annotations


class SyncError(Exception):
    """Base of sync errors. ``zh`` is shown in the app, ``str(e)`` is the English message."""

    zh: str = "同步失败，请稍后再试。"
    code: str = "sync_failed"

    def __init__(self, en: str = "", zh: str | None = None, *, code: str | None = None) -> None:
        super().__init__(en or self.__class__.__doc__ or self.code)
        if zh:
            self.zh = zh
        if code:
            self.code = code

    def message(self, language: str = "zh") -> str:
        return str(self) if language.startswith("en") else self.zh


class OfflineError(SyncError):
    """The server could not be reached (or the answer was cut off); try again later."""

    zh = "无法连接同步服务器，当前离线。本机的修改已保存，联网后会自动同步。"
    code = "offline"


class NotLoggedInError(SyncError):
    """This profile has no server login, or its login expired: run `nuanxin login` again."""

    zh = "尚未登录同步服务器，或登录已过期：请重新登录（nuanxin login）。"
    code = "not_logged_in"


class DeviceRevokedError(SyncError):
    """An administrator revoked this laptop: sync stops until it is registered again."""

    zh = "这台电脑已被管理员停用，无法同步。本机数据仍然保存，请联系管理员。"
    code = "device_revoked"


class ClientOutdatedError(SyncError):
    """The server needs a newer Nuanxin (HTTP 426): please update the app."""

    zh = "服务器要求更新版本的暖心：请先升级本软件再同步。本机的修改已保存，不会丢失。"
    code = "client_outdated"


class ServerError(SyncError):
    """The server answered with an error that the client cannot fix by retrying now."""

    zh = "同步服务器返回错误，请稍后再试或联系管理员。"
    code = "server_error"


class ProfileMismatchError(SyncError):
    """The profile is already linked to another server or user."""

    zh = "这个档案已关联到其他服务器或用户，不能直接切换；请为新账号使用新的档案文件夹。"
    code = "profile_mismatch"


class SyncCancelled(SyncError):
    """The user cancelled the sync; what was finished is kept and the rest resumes next time."""

    zh = "同步已取消。已完成的部分已保存，下次同步会继续。"
    code = "cancelled"
