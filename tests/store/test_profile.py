"""Profiles: creation, passphrase rules and changes, settings, and what profile.json holds."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import ValidationError
from app.models import Jurisdiction
from app.store.errors import (
    CorruptStoreError,
    KeyUnavailableError,
    NewerSchemaError,
    ProfileExistsError,
    ProfileNotFoundError,
    WrongKeyError,
)
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE, fingerprints


def store_key_hex(profile: Profile) -> str:
    """The raw key as the engine got it (x'<hex>'), to look for it on disk."""
    store = profile.open(PASSPHRASE)
    try:
        password = store.engine.url.password
    finally:
        store.close()
    assert password is not None
    return password.removeprefix("x'").removesuffix("'")


def test_new_profile_keeps_only_a_wrapped_key_and_default_settings(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE)
    assert Profile.exists(tmp_path / "me")
    assert not profile.uses_keyring  # no keyring backend works in this test
    names = {p.name for p in (tmp_path / "me").iterdir()}
    assert names == {"nuanxin.db", "profile.json", "logs"}
    data = json.loads(profile.json_path.read_text(encoding="utf-8"))
    assert data["keyring"] is False
    assert data["settings"] == {"language": "zh_CN", "idle_lock_minutes": 10}
    assert data["wrapped_key"]["kdf"] == "argon2id"
    assert data["wrapped_key"]["memory_cost_kib"] >= 64 * 1024

    key_hex = store_key_hex(profile)
    for path in (tmp_path / "me").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key_hex.encode() not in content and bytes.fromhex(key_hex) not in content


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_profile_files_are_private_to_the_user(profile: Profile) -> None:
    assert stat.S_IMODE(profile.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(profile.db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(profile.json_path.stat().st_mode) == 0o600


def test_short_passphrase_is_refused_with_a_message_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.create(tmp_path / "me", "1234567")
    (problem,) = caught.value.problems
    assert problem.field == "passphrase" and problem.code == "passphrase_too_short"
    assert "8" in problem.zh and "口令" in problem.zh and "8" in problem.en
    assert not (tmp_path / "me").exists()


def test_passphrase_opens_the_store_and_data_survives_reopening(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        session.add(Jurisdiction(code="310115000000", name="浦东新区", level="district"))
    store.close()

    again = Profile.load(profile.folder).open(PASSPHRASE)
    with again.transaction() as session:
        assert session.scalars(select(Jurisdiction.name)).all() == ["浦东新区"]
    again.close()


def test_without_keyring_opening_needs_the_passphrase(profile: Profile) -> None:
    with pytest.raises(KeyUnavailableError) as caught:
        Profile.load(profile.folder).open()
    assert "口令" in caught.value.zh


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(profile: Profile) -> None:
    before = fingerprints(profile.folder)
    with pytest.raises(WrongKeyError) as caught:
        Profile.load(profile.folder).open("not the passphrase")
    assert "口令不正确" in caught.value.zh and "文件未被改动" in caught.value.zh
    assert fingerprints(profile.folder) == before


def test_lock_screen_verifies_the_passphrase_without_touching_the_store(profile: Profile) -> None:
    before = fingerprints(profile.folder)
    assert profile.verify_passphrase(PASSPHRASE)
    assert not profile.verify_passphrase(PASSPHRASE + "x")
    assert not profile.verify_passphrase("")
    assert fingerprints(profile.folder) == before


def test_passphrase_typed_in_another_unicode_form_still_unlocks(tmp_path: Path) -> None:
    composed = "caf\u00e9 au lait"  # é as one code point, as most input methods give it
    decomposed = "cafe\u0301 au lait"  # e + combining accent
    profile = Profile.create(tmp_path / "me", composed)
    assert profile.verify_passphrase(decomposed)


def test_change_passphrase_rewraps_the_key_and_leaves_the_store_alone(profile: Profile) -> None:
    db_before = fingerprints(profile.folder)["nuanxin.db"]
    with pytest.raises(ValidationError):
        profile.change_passphrase(PASSPHRASE, "short")
    with pytest.raises(WrongKeyError):
        profile.change_passphrase("wrong old passphrase", "a new long passphrase")
    assert profile.verify_passphrase(PASSPHRASE)

    profile.change_passphrase(PASSPHRASE, "a new long passphrase")
    reloaded = Profile.load(profile.folder)
    assert not reloaded.verify_passphrase(PASSPHRASE)
    reloaded.open("a new long passphrase").close()
    assert fingerprints(profile.folder)["nuanxin.db"] == db_before


def test_settings_are_saved_atomically_and_read_back(profile: Profile) -> None:
    profile.settings["idle_lock_minutes"] = 3
    profile.settings["language"] = "en"
    profile.save_settings()
    reloaded = Profile.load(profile.folder)
    assert reloaded.settings == {"language": "en", "idle_lock_minutes": 3}
    leftovers = sorted(p.name for p in profile.folder.iterdir())
    assert leftovers == ["logs", "nuanxin.db", "profile.json"]  # no temporary file remains


def test_settings_from_an_older_profile_gain_new_defaults(profile: Profile) -> None:
    data = json.loads(profile.json_path.read_text(encoding="utf-8"))
    data["settings"] = {"language": "en"}
    profile.json_path.write_text(json.dumps(data), encoding="utf-8")
    assert Profile.load(profile.folder).settings == {"language": "en", "idle_lock_minutes": 10}


def test_create_never_overwrites_an_existing_profile_or_store(profile: Profile) -> None:
    before = fingerprints(profile.folder)
    with pytest.raises(ProfileExistsError) as caught:
        Profile.create(profile.folder, PASSPHRASE)
    assert "不会覆盖" in caught.value.zh
    profile.json_path.unlink()  # a store without its profile.json is still not overwritten
    with pytest.raises(ProfileExistsError):
        Profile.create(profile.folder, PASSPHRASE)
    del before["profile.json"]
    assert fingerprints(profile.folder) == before


def test_loading_a_folder_without_profile_says_so(tmp_path: Path) -> None:
    assert not Profile.exists(tmp_path)
    with pytest.raises(ProfileNotFoundError) as caught:
        Profile.load(tmp_path)
    assert "profile.json" in caught.value.zh


@pytest.mark.parametrize("content", ["", "{not json", '{"format": 1}', "[]"])
def test_damaged_profile_json_is_a_clear_error(profile: Profile, content: str) -> None:
    profile.json_path.write_text(content, encoding="utf-8")
    with pytest.raises(CorruptStoreError) as caught:
        Profile.load(profile.folder)
    assert "profile.json" in caught.value.zh


def test_edited_key_parameters_are_refused_before_any_work(profile: Profile) -> None:
    data = json.loads(profile.json_path.read_text(encoding="utf-8"))
    data["wrapped_key"]["memory_cost_kib"] = 64 * 1024 * 1024  # 64 GiB would exhaust memory
    profile.json_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorruptStoreError):
        Profile.load(profile.folder)


def test_profile_from_a_newer_version_is_refused(profile: Profile) -> None:
    data = json.loads(profile.json_path.read_text(encoding="utf-8"))
    data["format"] = 99
    profile.json_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NewerSchemaError) as caught:
        Profile.load(profile.folder)
    assert "升级" in caught.value.zh


def test_profile_folder_may_have_any_name(tmp_path: Path) -> None:
    """Chinese, spaces and URL characters in the path are the path, not URL syntax."""
    name = "我的 档案 #1 100%" + (" ?x=1" if os.name == "posix" else "")
    profile = Profile.create(tmp_path / name, PASSPHRASE)
    store = profile.open(PASSPHRASE)
    assert Path(store.engine.url.database or "") == profile.db_path.resolve()
    store.close()
    Profile.load(tmp_path / name).open(PASSPHRASE).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
