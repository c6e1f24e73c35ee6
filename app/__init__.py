"""Nuanxin 暖心: the desktop workbench of Shanghai's community social-assistance advisors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nuanxin")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
