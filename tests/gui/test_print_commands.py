"""`nuanxin print` and `nuanxin archive` in a real process: a PDF whose text holds the household
head's name, a zip with its manifest, and exit 2 with the fix for a date that is not one."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.households import HouseholdService
from app.store.profile import Profile
from tests.gui.casework_seed import add_case_household
from tests.gui.conftest import PASSPHRASE, seed_jurisdictions
from tests.gui.test_ledger_commands import nuanxin
from tests.gui.test_printing_screens import finished_visit

pytestmark = pytest.mark.slow  # each story starts processes


@pytest.fixture
def profile_with_visit(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A profile holding 张秀英's household and one finished visit (id returned)."""
    folder = tmp_path / "profile"
    profile = Profile.create(folder, PASSPHRASE, use_keyring=False)
    store = profile.open(PASSPHRASE)
    seed_jurisdictions(store)
    household_id = add_case_household(HouseholdService(store, "advisor1"))
    visit_id = finished_visit(store, household_id)
    store.close()
    yield folder, visit_id


def test_print_writes_a_pdf_whose_text_has_the_head_of_household(
    profile_with_visit: tuple[Path, str], tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing; `python3 dev.py` installs it")
    folder, visit_id = profile_with_visit
    out = tmp_path / "走访.pdf"

    done = nuanxin("print", "visit", visit_id, "--out", out, "--profile", folder)

    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "张秀英" in text and "入户走访记录表" in text
    missing = nuanxin("print", "visit", "no-such-visit", "--out", out, "--profile", folder)
    assert missing.returncode == 1 and "找不到记录" in missing.stderr


def test_archive_writes_the_zip_with_its_manifest(
    profile_with_visit: tuple[Path, str], tmp_path: Path
) -> None:
    folder, visit_id = profile_with_visit
    out = tmp_path / "归档.zip"

    done = nuanxin(
        "archive", "--from", "2025-01-01", "--to", "2025-12-31", "--out", out, "--profile", folder
    )

    assert done.returncode == 0, done.stderr
    assert "已归档 1 份表单" in done.stdout
    with zipfile.ZipFile(out) as bundle:
        manifest = bundle.read("manifest.csv").decode("utf-8-sig")
    assert visit_id in manifest


def test_a_bad_date_is_a_usage_error_naming_the_option_and_the_fix(
    profile_with_visit: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _visit_id = profile_with_visit
    out = tmp_path / "归档.zip"

    done = nuanxin(
        "archive", "--from", "2025-02-30", "--to", "2025-12-31", "--out", out, "--profile", folder
    )
    assert done.returncode == 2
    assert "--from" in done.stderr and "YYYY-MM-DD" in done.stderr

    backwards = nuanxin(
        "archive", "--from", "2025-12-31", "--to", "2025-01-01", "--out", out, "--profile", folder
    )
    assert backwards.returncode == 2 and "请把 --from 改早" in backwards.stderr
    assert not out.exists()
