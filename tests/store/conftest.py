"""Store fixtures: keyring isolation, a real Secret Service, profiles on disk, file fingerprints."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import SecretService, fail

from app.store.profile import Profile
from tests.store import secret_service

PASSPHRASE = "晚上好 correct horse"


@pytest.fixture
def real_keyring(no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """gnome-keyring's Secret Service on a private session bus, used through keyring."""
    home = Path(tempfile.mkdtemp(prefix="nx-keyring-"))  # short: socket paths have a size limit
    service = secret_service.start(home)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
    keyring.set_keyring(SecretService.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(fail.Keyring())
        service.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    """A new passphrase-only profile (no keyring) in a fresh folder."""
    return Profile.create(tmp_path / "profile", PASSPHRASE)


def fingerprints(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (db, -wal, -shm, profile.json...), by name."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
