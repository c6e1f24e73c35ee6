"""Stories of visits: drafts survive a killed process; finalising, amendments, the timeline."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select
from workflow_data import ADVISOR_LOGIN

from app.domain.errors import ValidationError
from app.models import AuditEvent, Household, OutboxEntry, Visit
from app.services.local_time import SHANGHAI, local_date
from app.services.visits import VisitService
from app.store.engine import Store, open_engine

ROOT = Path(__file__).resolve().parents[2]
KILLED_EDITOR = textwrap.dedent(
    """
    import datetime as dt, os, signal, sys
    from pathlib import Path
    from app.store.engine import open_engine
    from app.services.visits import VisitService

    store = open_engine(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
    visits = VisitService(store, "advisor1")
    draft = visits.save_draft(None, {"household_id": sys.argv[3], "kind": "home"})
    visits.save_draft(draft, {"situation": "老人独居，冰箱里只有半袋米", "needs": ["basic_living"]})
    print(draft, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # power cut: no close, no clean shutdown
    """
)


def visit_fields(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "visited_at": dt.datetime(2026, 1, 5, 10, 30, tzinfo=SHANGHAI),
        "kind": "home",
        "people_met": "张伟、李秀英",
        "situation": "两位老人同住，张伟慢性病，行动不便。",
        "needs": ["medical", "elderly_care"],
        "advice": "申请居家养老服务",
        "agreed_actions": "下周联系街道养老顾问",
    }
    values.update(changes)
    return values


def outbox_entities(store: Store) -> list[str]:
    with store.sessions() as session:
        return [e.entity for e in session.execute(select(OutboxEntry)).scalars()]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL of a child is a POSIX story")
def test_advisor_finds_draft_after_the_laptop_process_is_killed(
    store: Store, store_key: bytes, household_id: str
) -> None:
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", KILLED_EDITOR, str(store.path), store_key.hex(), household_id],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr
    draft_id = child.stdout.strip()

    reopened = open_engine(store.path, store_key)
    try:
        drafts = VisitService(reopened, ADVISOR_LOGIN).open_drafts()
        assert [d.id for d in drafts] == [draft_id]
        assert drafts[0].situation == "老人独居，冰箱里只有半袋米"
        assert drafts[0].needs == ["basic_living"]
        assert drafts[0].kind == "home"
    finally:
        reopened.close()


def test_draft_stays_local_until_finalised(store: Store, household_id: str) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    before = outbox_entities(store)
    draft = visits.save_draft(None, {"household_id": household_id, **visit_fields()})
    visits.save_draft(draft, {"advice": "申请居家养老服务和医疗救助"})
    assert outbox_entities(store) == before  # drafts are not pushed

    done = visits.finalise(draft)
    assert done.state == "final" and done.advice == "申请居家养老服务和医疗救助"
    assert outbox_entities(store)[len(before) :] == ["visit", "household"]
    with store.sessions() as session:
        household = session.get(Household, household_id)
        assert household is not None
        # never assessed: the monthly frequency of an unassessed household after the visit
        assert household.next_visit_due == dt.date(2026, 2, 5)
        actions = [a.action for a in session.execute(select(AuditEvent)).scalars()]
        assert "create" in actions
    assert visits.open_drafts() == []


def test_finalising_an_incomplete_draft_names_every_missing_field(
    store: Store, household_id: str
) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    draft = visits.save_draft(None, {"household_id": household_id, "people_met": "张伟"})
    with pytest.raises(ValidationError) as caught:
        visits.finalise(draft)
    assert {p.field for p in caught.value.problems} == {"visited_at", "kind", "situation"}
    assert "走访时间" in caught.value.for_field("visited_at")[0].zh
    assert visits.open_drafts()[0].id == draft  # still a draft, nothing lost


def test_agreed_next_visit_date_brings_the_due_date_forward(
    store: Store, household_id: str
) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    agreed = dt.date(2026, 1, 12)
    draft = visits.save_draft(
        None, {"household_id": household_id, **visit_fields(next_visit_on=agreed)}
    )
    visits.finalise(draft)
    with store.sessions() as session:
        assert session.get(Household, household_id).next_visit_due == agreed  # type: ignore[union-attr]


def test_amendment_corrects_a_visit_and_keeps_the_original(store: Store, household_id: str) -> None:
    visits = VisitService(store, "advisor1")
    visit_id = visits.finalise(
        visits.save_draft(None, {"household_id": household_id, **visit_fields()})
    ).id
    visits.amend(visit_id, {"situation": "两位老人同住，张伟重病卧床。"}, "记录有误，张伟为重病")

    view = visits.get(visit_id)
    assert view.situation == "两位老人同住，张伟重病卧床。"
    assert view.original["situation"] == "两位老人同住，张伟慢性病，行动不便。"
    assert view.amendments[0].reason == "记录有误，张伟为重病"
    assert view.amendments[0].previous == {"situation": "两位老人同住，张伟慢性病，行动不便。"}
    with store.sessions() as session:
        stored = session.get(Visit, visit_id)
        assert stored is not None and stored.situation.endswith("行动不便。")  # row untouched
    assert outbox_entities(store)[-1] == "visit_amendment"


def test_amendment_needs_a_reason_and_a_real_change(store: Store, household_id: str) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    visit_id = visits.finalise(
        visits.save_draft(None, {"household_id": household_id, **visit_fields()})
    ).id
    with pytest.raises(ValidationError, match="reason"):
        visits.amend(visit_id, {"advice": "另行建议"}, "  ")
    with pytest.raises(ValidationError):
        visits.amend(visit_id, {"kind": "home"}, "没有改动")
    with pytest.raises(ValueError, match="amendment"):
        visits.save_draft(visit_id, {"advice": "直接改"})


def test_timeline_lists_visits_newest_first_with_drafts_and_amendments(
    store: Store, household_id: str
) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    ids = []
    for day in (3, 1, 2):
        at = dt.datetime(2025, 12, day, 9, tzinfo=SHANGHAI)
        fields = visit_fields(visited_at=at)
        ids.append(
            visits.finalise(visits.save_draft(None, {"household_id": household_id, **fields})).id
        )
    visits.amend(ids[1], {"visited_at": dt.datetime(2025, 12, 4, 9, tzinfo=SHANGHAI)}, "日期写错")
    draft = visits.save_draft(None, {"household_id": household_id, "situation": "草稿"})

    timeline = visits.timeline(household_id)
    assert [v.id for v in timeline] == [draft, ids[1], ids[0], ids[2]]
    assert timeline[1].amended and local_date(timeline[1].visited_at) == dt.date(2025, 12, 4)  # type: ignore[arg-type]
    assert visits.timeline(household_id, include_drafts=False)[0].id == ids[1]


def test_discarded_draft_leaves_nothing(store: Store, household_id: str) -> None:
    visits = VisitService(store, ADVISOR_LOGIN)
    draft = visits.save_draft(None, {"household_id": household_id, "situation": "写错了户"})
    visits.discard_draft(draft)
    assert visits.open_drafts() == []
    assert visits.timeline(household_id) == []


def test_unknown_form_field_is_a_programming_error(store: Store, household_id: str) -> None:
    with pytest.raises(ValueError, match="unknown visit fields"):
        VisitService(store, ADVISOR_LOGIN).save_draft(
            None, {"household_id": household_id, "mood": "好"}
        )
