"""Which shared libraries the Linux bundle carries, and which come from the system (.deb Depends).

The desktop stack (X11/xcb, OpenGL/EGL, fontconfig, D-Bus, GLib, CUPS, the C++ runtime) must match
the machine's display server and drivers, so it comes from Debian packages. Python's own runtime
libraries (OpenSSL, SQLite, libffi …) travel in the bundle, as PyInstaller puts them. Qt plugins for
other display backends (Wayland, EGLFS, VNC), the GTK 3 theme and the QML virtual keyboard are left
out: each would drag in a large stack the app does not use (Qt falls back to XWayland on Wayland).
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path, PurePosixPath

SHT_DYNAMIC, DT_NEEDED = 6, 1

# Python-runtime libraries kept in the bundle although PyInstaller found them in /lib or /usr/lib.
BUNDLED_SYSTEM_LIBRARIES = (
    "libssl.so.",
    "libcrypto.so.",
    "libsqlite3.so.",
    "libffi.so.",
    "libbz2.so.",
    "liblzma.so.",
    "libuuid.so.",
    "libreadline.so.",
    "libtinfo.so.",
    "libmpdec.so.",
)
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")

# Qt plugins (paths under PySide6/Qt/plugins/) that are not shipped.
DROPPED_QT_PLUGINS = (
    "platforms/libqwayland",
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl",
    "platformthemes/libqgtk3",
    "platforminputcontexts/libqtvirtualkeyboardplugin",
    "egldeviceintegrations/",
    "generic/",
    "wayland-",
)
# Qt libraries only those plugins need.
DROPPED_QT_LIBRARIES = (
    "libQt6Wayland",
    "libQt6WlShellIntegration",
    "libQt6EglFS",
    "libQt6EglFs",
    "libQt6Qml",
    "libQt6Quick",
    "libQt6VirtualKeyboard",
    "libQt6Network",
)

# The Debian packages of every library a bundled file links and the bundle does not carry
# (checked against `readelf -d` of the built bundle by tests/installer/test_deb_package.py).
DEPENDS = (
    "libc6",
    "libstdc++6",
    "libgcc-s1",
    "zlib1g",
    "libzstd1",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libcups2",
)


def is_dropped_qt_file(destination: str) -> bool:
    """A Qt plugin or library (by its path inside the bundle) that the bundle leaves out."""
    path = PurePosixPath(destination.replace("\\", "/"))
    text = path.as_posix()
    marker = "PySide6/Qt/plugins/"
    if marker in text:
        plugin = text.split(marker, 1)[1]
        return any(plugin.startswith(prefix) for prefix in DROPPED_QT_PLUGINS)
    return path.name.startswith(DROPPED_QT_LIBRARIES)


def is_system_library(source: str) -> bool:
    """A library PyInstaller picked up from the system that the .deb's Depends provide instead."""
    path = PurePosixPath(source)
    if not source.startswith(SYSTEM_LIBRARY_DIRS):
        return False
    return not path.name.startswith(BUNDLED_SYSTEM_LIBRARIES)


def keep_in_bundle(destination: str, source: str) -> bool:
    return not (is_dropped_qt_file(destination) or is_system_library(source))


def needed_libraries(path: Path) -> list[str]:
    """DT_NEEDED entries of a 64-bit little-endian ELF file ([] for anything else)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (section_offset,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size)
        for i in range(count)
    ]
    needed: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != SHT_DYNAMIC:
            continue
        strings_offset = sections[link][4]
        for start in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, start)
            if tag == DT_NEEDED:
                end = data.index(b"\0", strings_offset + value)
                needed.append(data[strings_offset + value : end].decode())
    return needed


def elf_files(bundle: Path) -> list[Path]:
    """Every ELF file of the bundle (the program, extension modules, libraries, Qt plugins)."""
    files = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def system_sonames(bundle: Path) -> set[str]:
    """Libraries bundled files link directly and the bundle does not carry: the system's part."""
    carried = {p.name for p in bundle.rglob("*")}
    return {lib for f in elf_files(bundle) for lib in needed_libraries(f) if lib not in carried}


def library_paths() -> dict[str, list[str]]:
    """soname → paths, from the dynamic linker's cache (`ldconfig -p`), x86-64 entries only."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, list[str]] = {}
    for line in out.splitlines()[1:]:
        name, _, rest = line.strip().partition(" ")
        if "x86-64" in rest and "=>" in rest:
            paths.setdefault(name, []).append(rest.split("=>")[1].strip())
    return paths


def owning_package(path: str) -> str | None:
    """The Debian package that installed ``path`` (trying the /usr-merged spellings too)."""
    real = os.path.realpath(path)
    candidates = [path, real, *(p.removeprefix("/usr") for p in (path, real))]
    candidates += ["/usr" + p for p in (path, real) if not p.startswith("/usr/")]
    for candidate in dict.fromkeys(candidates):
        found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].strip()
    return None


def packages_for(sonames: set[str]) -> dict[str, str | None]:
    """soname → the package providing it on this machine (None when not installed)."""
    paths = library_paths()
    return {
        soname: next(filter(None, map(owning_package, paths.get(soname, []))), None)
        for soname in sorted(sonames)
    }
