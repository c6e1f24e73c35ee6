"""The layering of DESIGN §3, checked by import-linter inside the test run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / (
    "lint-imports.exe" if os.name == "nt" else "lint-imports"
)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the venv's lint-imports on the project in `cwd` (contracts from its pyproject.toml)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


def test_project_keeps_its_import_contracts() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_contracts_catch_the_domain_importing_qt_and_the_server_importing_the_store(
    tmp_path: Path,
) -> None:
    for name in ("app", "server"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "app" / "domain" / "qt_leak.py").write_text("import PySide6.QtCore\n")
    (tmp_path / "server" / "store_leak.py").write_text("import app.store.engine\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "app.domain.qt_leak -> PySide6" in result.stdout
    assert "server.store_leak -> app.store.engine" in result.stdout
