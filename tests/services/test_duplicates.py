"""Stories of 不重复: the same person spotted before saving, the review list, and a merge that
keeps every visit and assessment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from test_assessments import answers
from test_visits import visit_fields
from workflow_data import ADVISOR_LOGIN, COMMITTEE, HEAD_ID, with_check_digit

from app.domain.duplicates import HouseholdKey, PersonKey
from app.models import Household, Member, MergeRecord
from app.services.assessments import AssessmentService
from app.services.duplicate_merge import DuplicateService
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.services.visits import VisitService
from app.store.engine import Store

SON_ID = with_check_digit("31010519850101001")


def second_registration(store: Store) -> str:
    """The same family registered again by a colleague: 张伟 without ID, a son with one."""
    return HouseholdService(store, "advisor2").create_household(
        HouseholdInput(committee_code=COMMITTEE, address="华阳路112弄3号502室"),
        [
            MemberInput(name="张伟", birth_date=dt.date(1956, 3, 12)),
            MemberInput(name="张小伟", id_number=SON_ID, relation_to_head="son"),
        ],
    )


def test_the_same_person_is_shown_before_saving(store: Store, household_id: str) -> None:
    service = DuplicateService(store, ADVISOR_LOGIN)
    by_id = service.person_candidates(PersonKey("张卫", HEAD_ID))
    assert [(c.household_id, c.reason) for c in by_id] == [(household_id, "same_id")]
    assert "*" in by_id[0].id_number_masked

    by_birth = service.person_candidates(PersonKey("张伟", "", dt.date(1956, 3, 12)))
    assert by_birth[0].reason == "same_name_birth"

    by_sound = service.person_candidates(PersonKey("章伟", "", None, "华阳路112弄3号502室"))
    assert by_sound[0].reason == "same_pinyin_address"

    assert service.person_candidates(PersonKey("王芳", "", None, "华阳路112弄3号502室")) == []

    households = service.household_candidates(HouseholdKey("华阳路112弄3号502室"))
    assert [(c.household_id, c.reason) for c in households] == [(household_id, "same_address")]


def test_review_list_pairs_people_and_households_until_dismissed(
    store: Store, household_id: str
) -> None:
    other = second_registration(store)
    service = DuplicateService(store, ADVISOR_LOGIN)
    pairs = service.review_list()
    households = [p for p in pairs if p.entity == "household"]
    assert len(households) == 1
    assert {households[0].first_id, households[0].second_id} == {household_id, other}
    assert households[0].reason == "same_name_birth"
    assert any(p.entity == "member" for p in pairs)

    service.dismiss("household", other, household_id, "两户同名老人，已核实")
    assert [p for p in service.review_list() if p.entity == "household"] == []


def test_merge_keeps_every_visit_and_assessment(store: Store, household_id: str) -> None:
    other = second_registration(store)
    visits = VisitService(store, "advisor2")
    visit_id = visits.finalise(
        visits.save_draft(None, {"household_id": other, **visit_fields()})
    ).id
    assessments = AssessmentService(store, "advisor2")
    instrument = assessments.current_instrument()
    assessment_id = assessments.record(other, instrument.key, answers(instrument, "best"))

    DuplicateService(store, ADVISOR_LOGIN).merge_households(household_id, other, "重复登记")

    assert [v.id for v in visits.timeline(household_id)] == [visit_id]
    assert [a.id for a in assessments.history(household_id)] == [assessment_id]
    with store.sessions() as session:
        dropped = session.get(Household, other)
        kept = session.get(Household, household_id)
        assert dropped is not None and dropped.deleted
        assert kept is not None and kept.member_count == 3  # 张伟 merged, the son joins
        names = session.execute(
            select(Member.name, Member.relation_to_head).where(
                Member.household_id == household_id, Member.deleted.is_(False)
            )
        ).all()
        assert sorted(names) == sorted([("张伟", "self"), ("李秀英", "spouse"), ("张小伟", "son")])
        records = session.execute(select(MergeRecord.entity)).scalars().all()
        assert sorted(records) == ["household", "member"]
