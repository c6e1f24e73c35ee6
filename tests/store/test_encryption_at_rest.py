"""Nothing written to the store appears on disk in the clear: not in the file, not in the WAL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.models import Base, Household, Jurisdiction, Member
from app.store.engine import sidecar_paths
from app.store.profile import Profile
from tests.store.conftest import PASSPHRASE

COMMITTEE = "310115007001"
PEOPLE = [
    # name, ID number, phone
    ("张伟", "310115198003070019", "13812345678"),
    ("𠮷田花子", "31011519900101002X", "021-62345678"),
    ("阿依古丽·买买提", "650102198512120047", "13987654321"),
    ("王䶮", "810000199001010019", "15900001111"),
]
ADDRESS = "锦绣路1001弄7号302室"


def write_household(session: Session) -> None:
    """One committee and one household holding every person above, parents first."""
    session.add(Jurisdiction(code=COMMITTEE, name="示例·锦绣居委", level="committee"))
    session.flush()
    household = Household(
        committee_code=COMMITTEE, address=ADDRESS, phone=PEOPLE[1][2], head_name=PEOPLE[0][0]
    )
    session.add(household)
    session.flush()
    for name, number, phone in PEOPLE:
        session.add(Member(household_id=household.id, name=name, id_number=number, phone=phone))


def secrets_written() -> list[bytes]:
    """Each sensitive value as the UTF-8 bytes SQLite stores, and the birth date in each ID."""
    values = [ADDRESS, "锦绣路"]
    for name, number, phone in PEOPLE:
        values += [name, number, phone, number[6:14]]
    return [value.encode("utf-8") for value in values]


def leaks(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        data = path.read_bytes()
        found += [f"{path.name}: {s.decode()}" for s in secrets_written() if s in data]
    return found


def test_plain_sqlite_would_show_every_value_so_the_search_works(tmp_path: Path) -> None:
    """Control: the same rows in an unencrypted SQLite file are all found by the byte search."""
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        write_household(session)
    engine.dispose()
    found = leaks([tmp_path / "plain.db"])
    assert len(found) >= len(PEOPLE) * 3


def test_names_phones_and_id_numbers_never_reach_the_disk_in_the_clear(tmp_path: Path) -> None:
    profile = Profile.create(tmp_path / "me", PASSPHRASE)
    store = profile.open(PASSPHRASE)
    with store.transaction() as session:
        write_household(session)
    live = [p for p in sidecar_paths(profile.db_path) if p.exists()]
    assert profile.db_path.with_name("nuanxin.db-wal") in live  # the rows sit in the WAL now
    assert leaks(live) == []

    store.close()  # checkpoint: the rows move into the main file
    files = [p for p in profile.folder.rglob("*") if p.is_file()]
    assert leaks(files) == []
    assert not profile.db_path.read_bytes().startswith(b"SQLite format 3")
