#!/usr/bin/env bash
# Build the desktop client for Linux: the PyInstaller bundle, then the .deb (UOS layout).
#
#   installer/build-linux.sh     → build/bundle/dist/nuanxin/  and  dist/<appid>_<version>_amd64.deb
#
# NUANXIN_BUILD_DIR and NUANXIN_DIST_DIR move build/ and dist/ elsewhere; NUANXIN_DEB_COMPRESSION=gzip
# packs the .deb 3-4 times faster than the release's xz. Needs python3 (3.11+ with venv) and
# dpkg-deb. dev.py checks the system libraries Qt links (installing them when run as root on
# Debian), makes .venv if there is none and installs the project with its `installer` extra
# (PyInstaller), once per change of pyproject.toml. Nothing else is cached.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="$ROOT/.venv/bin/python"

step() { printf '\n== %s ==\n' "$*"; }
since() { echo "$(( $(date +%s) - $1 )) s"; }

for tool in python3 dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "build-linux.sh: $tool is missing" >&2; exit 1; }
done

started=$(date +%s)
step "system libraries, then the project and PyInstaller in .venv (dev.py)"
python3 -c 'import sys; sys.path.insert(0, "."); import dev
dev.check_system(programs=False); dev.install(("installer",))'

VERSION="$("$PYTHON" -m installer.project version)"  # [project] version of pyproject.toml
BUNDLE_PARENT="$("$PYTHON" -m installer.project bundle-parent)"
WORK_DIR="$("$PYTHON" -m installer.project work-dir)"
BUNDLE="$("$PYTHON" -m installer.project bundle-dir)"

step "nuanxin $VERSION: PyInstaller bundle"
t=$(date +%s)
rm -rf "$BUNDLE_PARENT" "$WORK_DIR"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$BUNDLE_PARENT" --workpath "$WORK_DIR" installer/nuanxin.spec
echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), $(since "$t"))"

step "checking the bundle's version"
BUNDLED="$("$BUNDLE/nuanxin" --version)"
if [ "$BUNDLED" != "nuanxin $VERSION" ]; then
    echo "build-linux.sh: the bundle says '$BUNDLED', pyproject.toml says $VERSION" >&2
    exit 1
fi
echo "$BUNDLED"

step ".deb"
t=$(date +%s)
DEB="$("$PYTHON" -m installer.debian | tail -n 1)"
echo "package: $DEB ($(du -h "$DEB" | cut -f1), $(since "$t"))"

step "done in $(since "$started")"
echo "$DEB"
