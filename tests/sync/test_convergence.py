"""Hypothesis drives two real laptops (SQLCipher stores) against a real server on a loopback
socket: random edits of the same and different households and fields, pushes and pulls, answers
lost after the server committed, duplicate pushes, crashes between a local save and its push,
server restarts. After a final sync: every laptop equals the server, no edit was lost or applied
twice, and every edit of a field made concurrently was applied or is a stored conflict."""

from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from app.sync.errors import OfflineError
from server.core.database import Database, migrate
from server.models import Conflict, Revision
from tests.server.world import COMMITTEE_11, COMMITTEE_12, STREET_1
from tests.sync.harness import Laptop, LiveServer, differences, make_world
from tests.sync.households import new_household, set_household

FIELDS = ("phone", "address", "notes")
HEADS = "赵钱孙李周吴郑王冯陈褚卫"
CODES = {STREET_1, COMMITTEE_11, COMMITTEE_12}
laptop_index = st.integers(min_value=0, max_value=1)
household_index = st.integers(min_value=0, max_value=30)


class TwoLaptops(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="nx-sync-"))
        url = f"sqlite:///{self.folder / 'server.db'}"
        database = Database(url)
        migrate(database)
        database.dispose()
        make_world(url)
        self.server = LiveServer(url).start()
        self.laptops = [
            Laptop(self.folder / "advisor", self.server.url, "advisor"),
            Laptop(self.folder / "station", self.server.url, "station"),
        ]
        self.households: list[str] = []
        self.edits: list[tuple[str, str, str, str]] = []  # (login, household, field, value)
        self.numbers = itertools.count(1)

    @initialize()
    def both_log_in_and_share_two_households(self) -> None:
        first, second = self.laptops
        for laptop in self.laptops:
            laptop.login()
            laptop.sync()
        self.households += [new_household(first, head="张伟"), new_household(first, head="李娜")]
        first.sync()
        second.sync()

    # ---- work ----------------------------------------------------------------------------

    @rule(who=laptop_index, which=household_index, field=st.sampled_from(FIELDS))
    def edit_a_field(self, who: int, which: int, field: str) -> None:
        laptop = self.laptops[who]
        known = [h for h in self.households if h in laptop.rows("household")]
        household = known[which % len(known)]
        value = self._value(field)
        set_household(laptop, household, **{field: value})
        self.edits.append((laptop.login_name, household, field, value))

    @rule(who=laptop_index)
    def register_a_household(self, who: int) -> None:
        number = next(self.numbers)
        head = HEADS[number % len(HEADS)] + "某"
        self.households.append(new_household(self.laptops[who], head=head))

    @rule(who=laptop_index)
    def sync(self, who: int) -> None:
        self._try(lambda: self.laptops[who].sync())

    @rule(who=laptop_index)
    def push_only(self, who: int) -> None:
        self._try(lambda: self.laptops[who].engine.push())

    @rule(who=laptop_index)
    def pull_only(self, who: int) -> None:
        self._try(lambda: self.laptops[who].engine.pull())

    # ---- faults --------------------------------------------------------------------------

    @rule(who=laptop_index, answers=st.integers(min_value=1, max_value=5))
    def lose_answers(self, who: int, answers: int) -> None:
        """The next answers are lost after the server acted (4 or more: the sync fails)."""
        self.laptops[who].transport.lose = answers

    @rule(who=laptop_index)
    def send_the_next_request_twice(self, who: int) -> None:
        self.laptops[who].transport.duplicate = 1

    @rule(who=laptop_index)
    def crash(self, who: int) -> None:
        self.laptops[who].crash()

    @rule()
    def restart_the_server(self) -> None:
        self.server.restart()

    # ---- checks --------------------------------------------------------------------------

    @invariant()
    def mids_are_applied_at_most_once(self) -> None:
        for laptop in self.laptops:
            mids = self._revision_mids(laptop)
            assert len(mids) == len(set(mids)), f"{laptop.login_name} applied twice: {mids}"

    def teardown(self) -> None:
        try:
            if self.households:  # initialize ran
                self._final_sync_and_check()
        finally:
            for laptop in self.laptops:
                laptop.close()
            self.server.stop()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _final_sync_and_check(self) -> None:
        for laptop in self.laptops:
            laptop.transport.lose = laptop.transport.duplicate = 0
        for _ in range(2):
            for laptop in self.laptops:
                laptop.sync()
        for laptop in self.laptops:
            assert laptop.outbox() == [], f"{laptop.login_name} kept unsent edits"
            for entity in ("household", "member"):
                assert differences(laptop, self.server, entity, CODES) == []
        self._every_edit_was_applied_or_is_a_conflict()
        self._every_conflict_reached_its_laptop()

    def _every_edit_was_applied_or_is_a_conflict(self) -> None:
        assert self.server.backend is not None
        with self.server.backend.database.reading() as session:
            applied = {
                (row_id, name, value)
                for row_id, fields in session.execute(select(Revision.row_id, Revision.fields))
                for name, value in fields.items()
                if isinstance(value, str)
            }
            conflicts = set(session.execute(select(Conflict.row_id, Conflict.field, Conflict.mine)))
        for login, household, field, value in self.edits:
            found = (household, field, value)
            assert found in applied or found in conflicts, f"{login}'s edit {found} was lost"

    def _every_conflict_reached_its_laptop(self) -> None:
        assert self.server.backend is not None
        for laptop in self.laptops:
            device = laptop.engine.state.device_id
            with self.server.backend.database.reading() as session:
                stored = set(
                    session.execute(
                        select(Conflict.id).where(Conflict.mine_device == device)
                    ).scalars()
                )
            here = {c.id for c in laptop.conflicts(open_only=False)}
            assert stored <= here, f"{laptop.login_name} never heard of {stored - here}"

    # ---- helpers -------------------------------------------------------------------------

    def _value(self, field: str) -> str:
        number = next(self.numbers)
        if field == "phone":
            return f"139{number:08d}"
        if field == "address":
            return f"枣阳路 {number} 号"
        return f"记录{number}"

    def _try(self, action: object) -> None:
        with contextlib.suppress(OfflineError):  # answers were being lost: the next sync resumes
            action()  # type: ignore[operator]

    def _revision_mids(self, laptop: Laptop) -> list[int]:
        assert self.server.backend is not None
        device = laptop.engine.state.device_id
        with self.server.backend.database.reading() as session:
            stmt = select(Revision.mid).where(Revision.device_id == device)
            return list(session.execute(stmt).scalars())


TwoLaptops.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_two_laptops_converge = TwoLaptops.TestCase
