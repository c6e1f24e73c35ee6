"""The QApplication: bundled CJK fonts, translators, and where resources live (source or bundle)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.views.garbage_collection import collect_on_gui_thread

PRIMARY_FONT_FILE = "LXGWWenKai-Regular.ttf"
FALLBACK_FONT_FILE = "HanaMinB.ttf"
LANGUAGES = ("zh_CN", "en")
APP_FONT_POINT_SIZE = 10.5


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in the source tree or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root.joinpath("resources", *parts)


_registered: list[str] = []


def register_fonts() -> list[str]:
    """Register the bundled fonts once and return their family names, primary first."""
    if not _registered:
        for name in (PRIMARY_FONT_FILE, FALLBACK_FONT_FILE):
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)


def application_font(families: Sequence[str]) -> QFont:
    """WenKai for text with HanaMin B behind it so Ext-B names (𠮷 𡌶) never show as boxes."""
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSizeF(APP_FONT_POINT_SIZE)
    return font


def normalize_language(language: str | None) -> str:
    """'en', 'en_US' → 'en'; anything else → 'zh_CN' (the default)."""
    return "en" if (language or "").lower().startswith("en") else "zh_CN"


class Translations:
    """Qt's own zh_CN strings and ours in English; switching replaces the installed set."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "zh_CN"

    def install(self, language: str) -> str:
        """Install the translators for ``language`` and return the normalised language code."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = normalize_language(language)
        if self.language == "zh_CN":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._load("qtbase_zh_CN", qt_dir)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        else:
            self._load("nuanxin_en", str(resource_path("translations")))
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return self.language

    def _load(self, name: str, folder: str) -> None:
        translator = QTranslator(self._app)
        if translator.load(name, folder):
            self._app.installTranslator(translator)
            self._installed.append(translator)


def create_application(
    argv: Sequence[str], language: str = "zh_CN"
) -> tuple[QApplication, Translations]:
    """The one QApplication of the process, fonts and translators in place."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName("Nuanxin")
    app.setOrganizationName("Nuanxin")
    app.setWindowIcon(QIcon(str(resource_path("icons", "nuanxin.svg"))))
    app.setFont(application_font(register_fonts()))
    collect_on_gui_thread(app)
    translations = Translations(app)
    translations.install(language)
    return app, translations
