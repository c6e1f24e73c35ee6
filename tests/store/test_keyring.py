"""The key in the OS keyring: a real Secret Service (gnome-keyring on a private D-Bus session)."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null
from sqlalchemy import select

from app.models import Jurisdiction
from app.store.errors import KeyUnavailableError
from app.store.keys import KEYRING_SERVICE, keyring_backend_usable, keyring_username
from app.store.profile import Profile
from tests.store import secret_service
from tests.store.conftest import PASSPHRASE


def keyring_entry(profile: Profile) -> str | None:
    return keyring.get_password(KEYRING_SERVICE, keyring_username(profile.store_id))


@pytest.mark.usefixtures("real_keyring")
def test_advisor_reopens_the_store_from_the_keyring_without_a_passphrase(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE)
    assert profile.uses_keyring
    assert keyring_entry(profile) is not None
    store = profile.open()
    with store.transaction() as session:
        session.add(Jurisdiction(code="310104000000", name="徐汇区", level="district"))
    store.close()

    reloaded = Profile.load(profile.folder)
    assert reloaded.uses_keyring
    store = reloaded.open()
    with store.transaction() as session:
        assert session.scalars(select(Jurisdiction.name)).all() == ["徐汇区"]
    store.close()


@pytest.mark.usefixtures("real_keyring")
def test_lost_keyring_entry_is_recovered_with_the_passphrase(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE)
    keyring.delete_password(KEYRING_SERVICE, keyring_username(profile.store_id))

    reloaded = Profile.load(profile.folder)
    with pytest.raises(KeyUnavailableError) as caught:
        reloaded.open()
    assert "口令" in caught.value.zh
    reloaded.open(PASSPHRASE).close()
    assert keyring_entry(profile) is not None  # put back, so the next start needs no passphrase
    Profile.load(profile.folder).open().close()


@pytest.mark.usefixtures("real_keyring")
def test_profile_can_stay_out_of_the_keyring(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE, use_keyring=False)
    assert not profile.uses_keyring
    assert keyring_entry(profile) is None
    with pytest.raises(KeyUnavailableError):
        profile.open()
    profile.open(PASSPHRASE).close()
    assert keyring_entry(profile) is None


@pytest.mark.usefixtures("real_keyring")
def test_a_stale_keyring_entry_is_not_trusted(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE)
    keyring.set_password(KEYRING_SERVICE, keyring_username(profile.store_id), "00" * 32)
    with pytest.raises(KeyUnavailableError):
        Profile.load(profile.folder).open()


def test_without_a_working_backend_the_profile_falls_back_to_the_passphrase(
    tmp_path: Path,
) -> None:
    for backend in (fail.Keyring(), null.Keyring()):
        keyring.set_keyring(backend)
        profile = Profile.create(tmp_path / type(backend).__module__, PASSPHRASE)
        assert not profile.uses_keyring
        with pytest.raises(KeyUnavailableError):
            profile.open()
        profile.open(PASSPHRASE).close()


def test_stand_in_backends_do_not_count_as_a_keyring() -> None:
    assert not keyring_backend_usable(fail.Keyring())
    assert not keyring_backend_usable(null.Keyring())
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    empty_chain = chainer.ChainerBackend()
    assert keyring_backend_usable(empty_chain) == any(
        keyring_backend_usable(inner) for inner in empty_chain.backends
    )


def test_missing_keyring_programs_fail_the_run_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with neither dbus-daemon nor gnome-keyring
    with pytest.raises(pytest.fail.Exception, match="apt-get install gnome-keyring dbus"):
        secret_service.require_programs()
