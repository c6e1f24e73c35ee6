"""Starting the GUI: create or open the profile (off the GUI thread), then the main window.

``--screenshot`` waits for the window's ``loaded`` signal, saves a picture and exits 0: the
app's own smoke test. With NUANXIN_REPORT_READY=1 it also prints a line with its memory use
when loaded (read by bench/startup.py).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.views.application import Translations, create_application
from app.views.garbage_collection import installed as installed_collector
from app.views.tasks import TaskRunner

PASSPHRASE_ENV = "NUANXIN_PASSPHRASE"
READY_ENV = "NUANXIN_REPORT_READY"
SCREENSHOT_TIMEOUT_MS = 180_000
EXIT_FAILED, EXIT_USAGE = 1, 2


@dataclass(frozen=True)
class GuiOptions:
    profile_dir: Path
    language: str | None = None  # None: the profile's setting
    screenshot: Path | None = None
    demo: bool = False
    server: str | None = None  # demo: a second laptop joins this server instead of starting one
    households: int = 2000


class OpeningWindow(QWidget):
    """Shown while the profile opens or the demo data is generated."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("暖心"))
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.resize(360, 140)


def rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    """The process's peak resident memory in MB (ru_maxrss where it exists, else psutil)."""
    try:
        import resource

        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    except ImportError:
        import psutil

        info: Any = psutil.Process().memory_info()
        return float(getattr(info, "peak_wset", info.rss)) / 2**20


def open_demo_profile(
    folder: Path, households: int, server: str | None = None
) -> tuple[Any, Any, str]:
    """Off the GUI thread: the demo profile (made on first use), signed in to the embedded demo
    server (started now) or to ``server``, and synced once; its store and passphrase."""
    from app.sync.demo_server import open_demo_laptop

    laptop = open_demo_laptop(folder, households, server)
    print(laptop.message, flush=True)
    return laptop.profile, laptop.store, laptop.passphrase


def prepare_main_window() -> None:
    """While a worker opens the store: load the font engines (the first text measured costs
    about 0.1 s) and import the window's modules, so that little is left once it is open."""
    QFontMetrics(QApplication.font()).horizontalAdvance("暖心户档案𠮷 Aa 0123")
    import app.views.main_window  # noqa: F401


class Launcher(QObject):
    """Walks from the command line's options to a shown main window, or to an exit code."""

    def __init__(self, options: GuiOptions, translations: Translations, tasks: TaskRunner) -> None:
        super().__init__()
        self.options = options
        self._screenshot_taken = False
        self.translations = translations
        self.tasks = tasks
        self.exit_code = 0
        self.window: Any = None
        self.store: Any = None
        self._opening: OpeningWindow | None = None
        self._dialog: Any = None
        self._env_passphrase = os.environ.get(PASSPHRASE_ENV)

    # ---- choosing what to open -----------------------------------------------------------

    def start(self) -> None:
        if self.options.screenshot is not None:
            QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._on_screenshot_timeout)
        if not self._hold_profile():
            return
        if self.options.demo:
            self._open_demo()
            return
        from app.store.profile import Profile

        folder = self.options.profile_dir
        if not Profile.exists(folder):
            self._ask_new_passphrase()
            return
        try:
            profile = Profile.load(folder)
        except Exception as exc:  # a damaged profile.json: say so and stop
            self._fail(exc)
            return
        self._use_language(profile.settings.get("language"))
        self._open_existing(profile)

    def _hold_profile(self) -> bool:
        """One running Nuanxin per profile folder: a second one says so and stops."""
        from app.store.lock import ProfileLock, ProfileLockedError

        if not self.options.profile_dir.is_dir():
            return True  # a new profile: nobody else can have it open
        try:
            self.profile_lock = ProfileLock(self.options.profile_dir).acquire()
        except ProfileLockedError as exc:
            self._fail(exc)
            return False
        return True

    def _use_language(self, profile_language: Any) -> None:
        language = self.options.language or (str(profile_language) if profile_language else None)
        if language and language != self.translations.language:
            self.translations.install(language)

    def _open_existing(self, profile: Any, error: str = "") -> None:
        if self._env_passphrase is not None and not error:
            passphrase, self._env_passphrase = self._env_passphrase, None
            self._open(profile, passphrase)
        elif profile.uses_keyring and not error:
            self._open(profile, None)
        else:
            self._ask_passphrase(profile, error)

    def _ask_passphrase(self, profile: Any, error: str) -> None:
        from app.views.passphrase_dialogs import OpenProfileDialog

        if self._headless_refusal(self.tr("该档案需要口令：请设置环境变量 NUANXIN_PASSPHRASE。")):
            return
        self._dialog = OpenProfileDialog(profile.folder, error)
        self._dialog.accepted.connect(lambda: self._open(profile, self._dialog.passphrase))
        self._dialog.rejected.connect(lambda: self._quit(EXIT_FAILED))
        self._dialog.open()
        self._close_opening()

    def _ask_new_passphrase(self) -> None:
        from app.views.passphrase_dialogs import CreateProfileDialog

        folder = self.options.profile_dir
        passphrase = self._env_passphrase
        if passphrase is not None:
            self._create(passphrase)
            return
        if self._headless_refusal(self.tr("档案不存在：%1").replace("%1", str(folder))):
            return
        self._dialog = CreateProfileDialog(folder, self.translations.language)
        self._dialog.accepted.connect(lambda: self._create(self._dialog.passphrase))
        self._dialog.rejected.connect(lambda: self._quit(EXIT_FAILED))
        self._dialog.open()

    def _headless_refusal(self, message: str) -> bool:
        """In screenshot mode nobody can answer a dialog: print why and exit with 2."""
        if self.options.screenshot is None:
            return False
        print(message, file=sys.stderr)
        self._quit(EXIT_USAGE)
        return True

    # ---- opening off the GUI thread ------------------------------------------------------

    def _create(self, passphrase: str) -> None:
        from app.store.profile import Profile

        def create_and_open(folder: Path, secret: str) -> tuple[Any, Any]:
            profile = Profile.create(folder, secret)
            return profile, profile.open(secret)

        self._show_opening(self.tr("正在创建加密档案…"))
        self.tasks.submit(
            create_and_open,
            self.options.profile_dir,
            passphrase,
            on_done=lambda opened: self._show_main(opened[0], opened[1], None),
            on_error=self._fail,
        )

    def _open(self, profile: Any, passphrase: str | None) -> None:
        self._show_opening(self.tr("正在打开档案…"))
        self.tasks.submit(
            profile.open,
            passphrase,
            on_done=lambda store: self._show_main(profile, store, None),
            on_error=lambda error: self._on_open_failed(profile, error),
        )
        QTimer.singleShot(0, prepare_main_window)

    def _on_open_failed(self, profile: Any, error: BaseException) -> None:
        from app.store.errors import KeyUnavailableError, WrongKeyError

        if isinstance(error, WrongKeyError | KeyUnavailableError):
            self._open_existing(profile, self._message(error))
        else:
            self._fail(error)

    def _open_demo(self) -> None:
        self._show_opening(self.tr("正在准备演示数据…"))
        self.tasks.submit(
            open_demo_profile,
            self.options.profile_dir,
            self.options.households,
            self.options.server,
            on_done=lambda opened: self._show_main(*opened),
            on_error=self._fail,
        )
        QTimer.singleShot(0, prepare_main_window)

    def _show_main(self, profile: Any, store: Any, demo_passphrase: str | None) -> None:
        from app.services.crash_reports import install_logging
        from app.services.households import HouseholdService
        from app.sync.state import signed_in_login
        from app.views.main_window import MainWindow
        from app.views.workspace import Workspace, local_actor

        self.store = store
        install_logging(profile.logs_dir)
        self._use_language(profile.settings.get("language"))
        workspace = Workspace(
            profile=profile,
            store=store,
            households=HouseholdService(store, signed_in_login(store) or local_actor()),
            tasks=self.tasks,
            translations=self.translations,
            demo_passphrase=demo_passphrase,
        )
        self.window = MainWindow(workspace)
        collector = installed_collector()
        if collector is not None:
            self.window.loaded.connect(collector.settle)
        if self.options.screenshot is not None:
            self.window.loaded.connect(self._take_screenshot)
        elif os.environ.get(READY_ENV):
            self.window.loaded.connect(self._report_ready)
        self.window.show()
        QApplication.setQuitOnLastWindowClosed(True)
        self._close_opening()
        self.window.start()

    # ---- screenshot, messages, exit ------------------------------------------------------

    def _take_screenshot(self) -> None:
        controller = getattr(self.window, "sync_controller", None)
        if controller is not None and controller.last_status is None:
            # the status bar's sync part is read off the GUI thread: picture it once it is
            controller.status_changed.connect(lambda _status: self._take_screenshot())
            return
        if self._screenshot_taken:
            return
        self._screenshot_taken = True
        self._report_ready()
        path = self.options.screenshot
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # the layouts of what was just shown, as a user sees it
        if not self.window.grab().save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            self._quit(EXIT_FAILED)
            return
        print(path, flush=True)
        self._quit(0)

    def _report_ready(self) -> None:
        if os.environ.get(READY_ENV):
            memory = {"rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1)}
            print("nuanxin-ready " + json.dumps(memory))
            sys.stdout.flush()

    def _on_screenshot_timeout(self) -> None:
        print("the main window did not finish loading in time", file=sys.stderr)
        self._quit(EXIT_FAILED)

    def _message(self, error: BaseException) -> str:
        zh = getattr(error, "zh", None)
        if self.translations.language == "zh_CN" and zh:
            return str(zh)
        return str(error) or type(error).__name__

    def _fail(self, error: BaseException) -> None:
        message = self._message(error)
        if self.options.screenshot is not None:
            print(message, file=sys.stderr)
            self._quit(EXIT_FAILED)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("无法打开档案"), message)
        box.finished.connect(lambda _r: self._quit(EXIT_FAILED))
        self._dialog = box
        box.open()
        self._close_opening()

    def _show_opening(self, text: str) -> None:
        if self._opening is None and self.options.screenshot is None:
            self._opening = OpeningWindow(text)
            self._opening.show()

    def _close_opening(self) -> None:
        if self._opening is not None:
            self._opening.close()
            self._opening = None

    def _quit(self, code: int) -> None:
        self.exit_code = code
        QApplication.exit(code)


def _exit_on_uncaught_errors(launcher: Launcher) -> None:
    """A smoke test must fail, not hang, when a slot raises."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, trace: Any) -> None:
        previous(kind, value, trace)
        launcher._quit(EXIT_FAILED)

    sys.excepthook = hook


def close_down(app: QApplication, tasks: TaskRunner) -> None:
    """After the event loop: close what is still open (a visit form, when the session ends
    under it, saves what was typed as it closes), then let the writes queued land."""
    app.closeAllWindows()
    tasks.finish()


def run_gui(options: GuiOptions) -> int:
    """Run the window until it closes; the exit code of the launch or of the application."""
    app, translations = create_application(sys.argv[:1], options.language or "zh_CN")
    app.setQuitOnLastWindowClosed(False)  # dialogs come and go before the window; see _show_main
    tasks = TaskRunner(app)
    launcher = Launcher(options, translations, tasks)
    if options.screenshot is not None:
        _exit_on_uncaught_errors(launcher)
    else:
        from app.views.crash_dialog import CrashHandler

        CrashHandler(lambda: launcher.window).install()
    QTimer.singleShot(0, launcher.start)
    code = app.exec()
    close_down(app, tasks)
    if launcher.store is not None:
        launcher.store.close()
    return launcher.exit_code or code
