"""Every service of danvan.awards.services: what it does, and every refusal.

A refusal is a ServiceError (bad input or a state that forbids it; its message says why, in
Vietnamese) or PermissionDenied, and it leaves the database exactly as it was."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from danvan.awards import queries, services
from danvan.awards.models import AwardForm, Decision, DecisionEntry, DecisionEvent, Proposal
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.core.services import ServiceError
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Evaluation, Holder, Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import Status
from tests.awards.conftest import CITY_SIGNER, DECIDED, SIGNER, draft, proposal, proposed, unit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# --- "nothing changed" ---------------------------------------------------------------------------
def snapshot():
    tables = [Decision, DecisionEntry, DecisionEvent, Proposal, AwardForm, Initiative, InitiativeYear]
    counts = {m.__name__: m.objects.count() for m in tables}
    counts.update({f"history {m.__name__}": m.history.count() for m in tables})
    counts["transitions"] = TransitionRecord.objects.count()
    counts["historical entries"] = apps.get_model("awards", "HistoricalDecisionEntry").objects.count()
    rows = {
        "decisions": list(
            Decision.objects.order_by("pk").values_list("pk", "status", "number", "date", "subject")
        ),
        "entries": list(
            DecisionEntry.objects.order_by("pk").values_list("pk", "typical", "proposed", "recognition")
        ),
        "initiatives": list(
            Initiative.objects.order_by("pk").values_list("pk", "status", "recognized_level", "recognized_on")
        ),
        "years": list(
            InitiativeYear.objects.order_by("pk").values_list("pk", "evaluation", "evaluation_note")
        ),
        "proposals": list(Proposal.objects.order_by("pk").values_list("pk", "status")),
    }
    return counts, rows


@pytest.fixture
def unchanged():
    @contextmanager
    def check():
        before = snapshot()
        yield
        assert snapshot() == before

    return check


def said(exc_info) -> str:
    """The refusal's message as a Vietnamese user reads it (interpolated, not empty)."""
    with translation.override("vi"):
        message = " ".join(str(m) for m in exc_info.value.messages)
    assert message.strip() and "%(" not in message
    return message


# ==================================================================================================
# authority ("theo thẩm quyền")
# ==================================================================================================
def test_a_commune_cannot_recognize_at_province_level(owner, city, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        draft(city, owner)


def test_a_commune_officer_decides_only_where_they_steer(owner, tamky, haichau, unchanged):
    # canbo.tamky is an officer of the ward's Party committee, not its standing agency
    for level in (tamky, haichau):
        with unchanged(), pytest.raises(PermissionDenied):
            draft(level, owner)


def test_a_commune_cannot_recognize_outside_its_subtree(
    owner, ancestor, stranger, tamky_front, haichau, unchanged
):
    decision = draft(tamky_front, owner)
    elsewhere = proposed(haichau, stranger, ancestor, "Camera an ninh kết nối cộng đồng")
    party_model = proposed(unit("Đảng ủy phường Tam Kỳ"), owner, ancestor, "Mô hình của Đảng ủy phường")
    for model in (elsewhere, party_model):  # Hải Châu; the ward's Party committee is above the Front
        with unchanged(), pytest.raises(ServiceError) as exc:
            services.add_initiatives(decision, [model], actor=owner)
        assert model.name in said(exc)


def test_the_city_recognizes_at_its_level_through_its_standing_agency(ancestor, city, dept, ward_models):
    decision = draft(city, ancestor, number=12, **CITY_SIGNER)
    assert decision.issuing_unit == city and decision.issuing_body == dept
    assert (decision.superior_heading, decision.issuer_heading) == (
        "THÀNH ỦY ĐÀ NẴNG",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
    )
    assert decision.symbol == "12-QĐ/BTGDV"
    services.add_initiatives(decision, ward_models, actor=ancestor)
    decision = services.transition(decision, "issue", actor=ancestor, comment="Sau hội nghị thẩm định")
    for model in ward_models:
        model.refresh_from_db()
        assert (model.status, model.recognized_level, model.recognized_on) == (
            Status.RECOGNIZED,
            city,
            DECIDED,
        )


def test_the_issuing_body_is_the_level_or_one_of_its_own_bodies(ancestor, city, tamky, unchanged):
    with unchanged(), pytest.raises(ServiceError) as exc:
        draft(city, ancestor, issuing_body=tamky)  # a ward is under the city, not one of its bodies
    said(exc)
    decision = draft(city, ancestor, issuing_body=city)
    assert (
        decision.issuer_heading == "THÀNH ỦY ĐÀ NẴNG"
        and decision.superior_heading == "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
    )
    assert decision.issuer_code == "TU"


def test_a_ward_decision_names_the_ward_party_committee_above_it(owner, tamky_front):
    decision = draft(tamky_front, owner)
    assert decision.issuing_body == tamky_front
    assert decision.superior_heading == "ĐẢNG ỦY PHƯỜNG TAM KỲ"
    assert decision.issuer_heading == "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG TAM KỲ"
    assert decision.subject == "công nhận mô hình, điển hình “Dân vận khéo” cấp phường năm 2026"


def test_leaders_and_strangers_cannot_decide(stranger, leader, tamky_front, city, unchanged):
    for actor, level in ((stranger, tamky_front), (leader, city)):
        with unchanged(), pytest.raises(PermissionDenied):
            draft(level, actor)


# ==================================================================================================
# issuing a recognition decision
# ==================================================================================================
def test_issuing_recognizes_each_model_on_the_decisions_date(owner, tamky_front, ward_draft, ward_models):
    decision = services.transition(ward_draft, "issue", actor=owner, comment="Hội nghị ngày 15/10")
    assert decision.status == DecisionStatus.ISSUED
    for entry in decision.entries.select_related("initiative", "recognition"):
        model = entry.initiative
        assert (model.status, model.recognized_level, model.recognized_on) == (
            Status.RECOGNIZED,
            tamky_front,
            DECIDED,
        )
        assert entry.recognition.action == "recognize" and entry.recognition.unit == tamky_front
        assert "7-QĐ/MTTQ" in entry.recognition.comment
        year = model.years.get(year=2026)
        assert "7-QĐ/MTTQ" in year.evaluation_note
        assert year.evaluation == (Evaluation.EXCELLENT if entry.typical else Evaluation.GOOD)
    assert [e.action for e in decision.events.all()] == ["create", "issue"]
    assert decision.history.first().history_change_reason == "Hội nghị ngày 15/10"


def test_issuing_keeps_an_earlier_evaluation_and_appends_to_the_note(
    owner, ancestor, ward_draft, ward_models
):
    model = ward_models[1]
    initiative_services.evaluate_year(
        model, 2026, actor=ancestor, evaluation=Evaluation.FAIR, note="Cần bổ sung"
    )
    services.transition(ward_draft, "issue", actor=owner)
    year = model.years.get(year=2026)
    assert year.evaluation == Evaluation.FAIR
    assert year.evaluation_note.startswith("Cần bổ sung\n")


def test_issuing_is_all_or_nothing(owner, ancestor, ward_draft, ward_models, unchanged):
    # one model is withdrawn from recognition after it was listed: nothing is recognized
    initiative_services.transition(ward_models[1], "reject", actor=ancestor, comment="Chưa đủ minh chứng")
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.transition(ward_draft, "issue", actor=owner)
    assert ward_models[1].name in said(exc)
    assert Initiative.objects.get(pk=ward_models[0].pk).status == Status.PROPOSED


def test_issuing_needs_a_number_a_signer_a_list_and_a_past_date(owner, tamky_front, ward_models, unchanged):
    unsigned = draft(tamky_front, owner, number=9)  # the body's first decision: nobody to copy from
    services.add_initiatives(unsigned, ward_models[:1], actor=owner)
    empty = draft(tamky_front, owner, number=8, **SIGNER)
    unnumbered = draft(tamky_front, owner, **SIGNER)
    services.add_initiatives(unnumbered, ward_models[:1], actor=owner)
    future = draft(tamky_front, owner, number=10, date=TODAY + timedelta(days=3), **SIGNER)
    services.add_initiatives(future, ward_models[1:], actor=owner)
    for decision in (empty, unsigned, unnumbered, future):
        with unchanged(), pytest.raises(ServiceError) as exc:
            services.transition(decision, "issue", actor=owner)
        said(exc)


def test_a_number_is_given_once_per_body_and_year(owner, tamky_front, ward_issued, unchanged):
    with unchanged(), pytest.raises(ServiceError) as exc:
        draft(tamky_front, owner, number=7)
    assert "7" in said(exc)
    other_year = draft(tamky_front, owner, number=7, date=date(2025, 12, 1))
    assert other_year.symbol == "7-QĐ/MTTQ"
    with unchanged(), pytest.raises(ServiceError):
        services.update_decision(other_year, {"date": DECIDED}, actor=owner)
    assert services.next_number(tamky_front, 2026) == 8


def test_a_model_is_listed_only_while_proposed_and_not_after_the_decisions_year(
    owner, ancestor, tamky_front, ward_models, unchanged
):
    decision = draft(tamky_front, owner, date=date(2025, 12, 20))
    with unchanged(), pytest.raises(ServiceError) as exc:  # registered in 2026
        services.add_initiatives(decision, ward_models[:1], actor=owner)
    assert "2026" in said(exc)
    registered = proposed(tamky_front, owner, ancestor, "Mô hình chưa đề nghị")
    initiative_services.transition(registered, "reject", actor=ancestor, comment="Chưa đạt")
    current = draft(tamky_front, owner)
    with unchanged(), pytest.raises(ServiceError):
        services.add_initiatives(current, [registered], actor=owner)


def test_only_drafts_change(owner, ward_issued, unchanged):
    entry = ward_issued.entries.first()
    for call in (
        lambda: services.update_decision(ward_issued, {"subject": "khác"}, actor=owner),
        lambda: services.remove_entry(entry, actor=owner),
        lambda: services.add_initiatives(ward_issued, [entry.initiative], actor=owner),
        lambda: services.transition(ward_issued, "issue", actor=owner),
    ):
        with unchanged(), pytest.raises(ServiceError) as exc:
            call()
        said(exc)


def test_removing_an_entry_renumbers_the_list(owner, ward_draft):
    first, second = ward_draft.entries.all()
    services.remove_entry(first, actor=owner)
    assert list(ward_draft.entries.values_list("position", flat=True)) == [1]
    assert DecisionEntry.history.filter(id=first.pk, history_type="-").exists()
    assert second.initiative.status == Status.PROPOSED


def test_update_draft_header_with_a_reason(owner, ward_draft):
    data = {"subject": "công nhận mô hình năm 2026", "signer_authority": "k/t chủ tịch"}
    services.update_decision(ward_draft, data, actor=owner, reason="Theo góp ý của Thường trực")
    ward_draft.refresh_from_db()
    assert ward_draft.signer_authority == "K/T CHỦ TỊCH"
    assert ward_draft.history.first().history_change_reason == "Theo góp ý của Thường trực"


@pytest.mark.parametrize(
    "bad",
    [
        {"signer_authority": "THAY MẶT BAN"},
        {"signer_authority": "T/M"},
        {"issuer_code": "bt gd/v"},
        {"issuer_code": ""},
        {"subject": "  "},
        {"subject": "x" * 501},
        {"number": 0},
        {"number": 100000},
        {"date": "15/10/2026"},
        {"bases": "Căn cứ\x00"},
    ],
)
def test_bad_header_is_refused_with_a_message(owner, ward_draft, unchanged, bad):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.update_decision(ward_draft, bad, actor=owner)
    said(exc)


# ==================================================================================================
# the funnel
# ==================================================================================================
def test_marking_typical_and_proposed_keeps_the_funnel(owner, ancestor, city, tamky, ward_draft):
    first, second = ward_draft.entries.order_by("position")
    services.mark_entry(first, actor=owner, typical=True, proposed=True)
    services.mark_entry(second, actor=ancestor, typical=True, proposed=False, reason="Hiệu quả lan tỏa")
    assert queries.funnel(tamky, 2026) == {
        "recognized": 0,
        "typical": 0,
        "proposed": 0,
    }  # a draft counts nothing
    services.transition(ward_draft, "issue", actor=owner)
    assert queries.funnel(tamky, 2026) == {"recognized": 2, "typical": 2, "proposed": 1}
    assert queries.funnel(city, 2026) == queries.funnel(tamky, 2026)
    assert queries.funnel(tamky, 2025) == {"recognized": 0, "typical": 0, "proposed": 0}
    assert queries.funnel(unit("Đảng ủy phường Hải Châu"), 2026)["recognized"] == 0
    year = second.initiative.years.get(year=2026)
    assert year.evaluation == Evaluation.EXCELLENT and "7-QĐ/MTTQ" in year.evaluation_note.splitlines()[-1]
    assert second.history.filter(history_change_reason="Hiệu quả lan tỏa").exists()


def test_the_marks_of_an_issued_decision_no_longer_change(owner, tamky, ward_issued, unchanged):
    """The typical models are part of the signed document: a new decision changes them."""
    assert queries.funnel(tamky, 2026) == {"recognized": 2, "typical": 1, "proposed": 0}
    entry = ward_issued.entries.get(typical=False)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.mark_entry(entry, actor=owner, typical=True, proposed=True)
    assert "ban hành" in said(exc)
    assert queries.funnel(tamky, 2026) == {"recognized": 2, "typical": 1, "proposed": 0}


def test_only_a_typical_model_is_proposed_for_commendation(owner, ward_draft, unchanged):
    entry = ward_draft.entries.get(typical=False)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.mark_entry(entry, actor=owner, typical=False, proposed=True)
    said(exc)


def test_a_model_recognized_twice_in_a_year_counts_once(owner, ancestor, tamky, ward_issued):
    model = ward_issued.entries.first().initiative
    initiative_services.transition(model, "consolidate", actor=ancestor, comment="Củng cố")
    initiative_services.add_progress(model, {"narrative": "Củng cố", "people_reached": 10}, actor=owner)
    initiative_services.transition(model, "propose", actor=owner)
    again = draft(unit("Thành ủy Đà Nẵng"), ancestor, number=30, **CITY_SIGNER)
    services.add_initiatives(again, [model], actor=ancestor, typical={model.pk})
    services.transition(again, "issue", actor=ancestor)
    assert queries.funnel(tamky, 2026)["recognized"] == 2


def test_the_leader_cannot_mark(leader, ward_draft, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.mark_entry(ward_draft.entries.first(), actor=leader, typical=True, proposed=True)


# ==================================================================================================
# revoking
# ==================================================================================================
def test_revoking_keeps_everything_and_stops_counting(owner, tamky, ward_issued, unchanged):
    with unchanged(), pytest.raises(ServiceError):
        services.transition(ward_issued, "revoke", actor=owner, comment="  ")
    entries_before = list(ward_issued.entries.values_list("pk", "initiative", "typical", "recognition"))
    decision = services.transition(ward_issued, "revoke", actor=owner, comment="Sai đối tượng công nhận")
    assert decision.status == DecisionStatus.REVOKED and decision.revoke_reason == "Sai đối tượng công nhận"
    assert list(decision.entries.values_list("pk", "initiative", "typical", "recognition")) == entries_before
    for entry in decision.entries.select_related("initiative"):
        model = entry.initiative
        assert model.status == Status.CONSOLIDATED
        assert model.recognized_on == DECIDED  # kept
        assert model.transitions.filter(action="recognize").exists()
        assert "Sai đối tượng công nhận" in model.transitions.latest("at", "id").comment
        assert "Sai đối tượng công nhận" in model.years.get(year=2026).evaluation_note
    assert queries.funnel(tamky, 2026) == {"recognized": 0, "typical": 0, "proposed": 0}
    assert [e.action for e in decision.events.all()] == ["create", "issue", "revoke"]
    with unchanged(), pytest.raises(ServiceError):
        services.transition(decision, "revoke", actor=owner, comment="Lần nữa")
    with unchanged(), pytest.raises(ServiceError):
        services.mark_entry(decision.entries.first(), actor=owner, typical=False, proposed=False)


def test_revoking_leaves_a_model_recognized_again_since(owner, ancestor, city, ward_issued):
    model = ward_issued.entries.first().initiative
    initiative_services.transition(model, "consolidate", actor=ancestor, comment="Củng cố")
    initiative_services.add_progress(model, {"narrative": "Củng cố", "people_reached": 10}, actor=owner)
    initiative_services.transition(model, "propose", actor=owner)
    again = draft(city, ancestor, number=31, **CITY_SIGNER)
    services.add_initiatives(again, [model], actor=ancestor)
    services.transition(again, "issue", actor=ancestor)
    services.transition(ward_issued, "revoke", actor=owner, comment="Thay bằng quyết định cấp thành phố")
    model.refresh_from_db()
    assert model.status == Status.RECOGNIZED and model.recognized_level == city


def test_unknown_and_forbidden_transitions(owner, stranger, leader, ward_draft, unchanged):
    with unchanged(), pytest.raises(ServiceError):
        services.transition(ward_draft, "approve", actor=owner)
    with unchanged(), pytest.raises(ServiceError):
        services.transition(ward_draft, "revoke", actor=owner, comment="Chưa ban hành")
    for actor in (stranger, leader):
        with unchanged(), pytest.raises(PermissionDenied):
            services.transition(ward_draft, "issue", actor=actor)


# ==================================================================================================
# commendations
# ==================================================================================================
def test_catalogue_adoption_is_idempotent_and_only_for_the_province(ancestor, owner, city, tamky, catalogue):
    assert len(catalogue) == 6
    assert services.adopt_default_catalogue(city, actor=ancestor) == 0
    with pytest.raises(ServiceError):
        services.adopt_default_catalogue(tamky, actor=ancestor)
    with pytest.raises(PermissionDenied):
        services.adopt_default_catalogue(city, actor=owner)
    assert [f.name for f in services.catalogue(tamky)][0] == "Giấy khen của Ban Thường vụ Đảng ủy xã, phường"


def test_a_commendation_grants_the_form_of_the_level(ancestor, city, tamky, catalogue):
    form = catalogue["province_chair"]
    people = unit("Ủy ban nhân dân thành phố Đà Nẵng")
    decision = draft(
        city,
        ancestor,
        DecisionKind.COMMENDATION,
        award_form=form,
        issuing_body=people,
        number=3,
        **CITY_SIGNER,
    )
    assert decision.issuer_heading == "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG" and decision.issuer_code == "UBND"
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
    proposals = [
        proposal(tamky, ancestor, form, recipient_unit=women, recipient_name=""),
        proposal(
            tamky, ancestor, form, "Bà Trần Thị Mai", holder=Holder.INDIVIDUAL,
            recipient_position="Chi hội trưởng phụ nữ khối phố An Thổ",
        ),
    ]  # fmt: skip
    assert proposals[0].recipient_name == "Hội Liên hiệp Phụ nữ phường Tam Kỳ"
    services.add_proposals(decision, proposals, actor=ancestor)
    decision = services.transition(decision, "issue", actor=ancestor)
    assert set(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("status", flat=True)
    ) == {ProposalStatus.GRANTED}
    assert queries.commended(tamky, 2026) == 2
    services.transition(decision, "revoke", actor=ancestor, comment="Nhầm hình thức khen")
    assert set(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("status", flat=True)
    ) == {ProposalStatus.SUBMITTED}
    assert queries.commended(tamky, 2026) == 0


def test_a_wrong_award_level_is_refused(owner, ancestor, city, tamky_front, catalogue, unchanged):
    # a ward's Front cannot grant the city chair's bằng khen, nor the city's Party board a ward's giấy khen
    with unchanged(), pytest.raises(ServiceError) as exc:
        draft(tamky_front, owner, DecisionKind.COMMENDATION, award_form=catalogue["province_chair"])
    assert catalogue["province_chair"].name in said(exc)
    with unchanged(), pytest.raises(ServiceError):
        draft(
            city,
            ancestor,
            DecisionKind.COMMENDATION,
            award_form=catalogue["commune_party_board"],
            issuing_body=city,
        )
    with unchanged(), pytest.raises(ServiceError):
        draft(city, ancestor, DecisionKind.COMMENDATION)  # no form
    decision = draft(tamky_front, owner, DecisionKind.COMMENDATION, award_form=catalogue["commune_front"])
    with unchanged(), pytest.raises(ServiceError):
        services.update_decision(decision, {"award_form": catalogue["province_party_board"]}, actor=owner)


def test_a_commendation_lists_only_recipients_of_its_subtree(
    owner, ancestor, stranger, tamky_front, haichau, catalogue, unchanged
):
    form = catalogue["commune_front"]
    decision = draft(tamky_front, owner, DecisionKind.COMMENDATION, award_form=form, number=5, **SIGNER)
    theirs = proposal(haichau, stranger, form, "Chi hội phụ nữ tổ dân phố 3")
    ours = proposal(unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ"), owner, form)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.add_proposals(decision, [ours, theirs], actor=owner)
    assert "Chi hội phụ nữ tổ dân phố 3" in said(exc)
    services.add_proposals(decision, [ours], actor=owner)
    with unchanged(), pytest.raises(ServiceError):  # a recognition decision lists models
        services.add_initiatives(decision, [], actor=owner)


def test_proposals_are_made_for_something_within_the_unit(
    owner, stranger, tamky, haichau, catalogue, unchanged
):
    form = catalogue["commune_party_board"]
    bad = [
        {"occasion": ""},  # for nothing
        {"recipient_unit": haichau},  # not one of theirs
        {"recipient_name": ""},  # nobody
        {"holder": Holder.INDIVIDUAL, "recipient_position": ""},  # a person without a position
        {"year": 1999},
        {"award_form": None},
        {"achievements": "x\x00"},
    ]
    for extra in bad:
        with unchanged(), pytest.raises(ServiceError) as exc:
            proposal(tamky, owner, form, **extra)
        said(exc)
    with unchanged(), pytest.raises(PermissionDenied):
        proposal(tamky, stranger, form)


def test_withdraw_and_decline(owner, ancestor, leader, tamky, tamky_front, catalogue, unchanged):
    form = catalogue["commune_front"]
    first = proposal(tamky, owner, form)
    second = proposal(tamky, owner, form, "Tổ dân vận khối phố 7")
    with unchanged(), pytest.raises(ServiceError):
        services.proposal_transition(first, "withdraw", actor=owner, comment="")
    with unchanged(), pytest.raises(PermissionDenied):
        services.proposal_transition(
            first, "decline", actor=owner, comment="Chưa đủ"
        )  # not the standing agency
    with unchanged(), pytest.raises(PermissionDenied):
        services.proposal_transition(first, "withdraw", actor=leader, comment="Rút")
    services.proposal_transition(first, "withdraw", actor=owner, comment="Đề nghị lại năm sau")
    services.proposal_transition(second, "decline", actor=ancestor, comment="Thành tích chưa nổi bật")
    assert Proposal.objects.get(pk=first.pk).status == ProposalStatus.WITHDRAWN
    assert Proposal.objects.get(pk=second.pk).status_reason == "Thành tích chưa nổi bật"
    with unchanged(), pytest.raises(ServiceError):
        services.proposal_transition(first, "withdraw", actor=owner, comment="Lần nữa")


def test_a_proposal_on_a_draft_decision_cannot_be_withdrawn(owner, tamky_front, tamky, catalogue, unchanged):
    form = catalogue["commune_front"]
    decision = draft(tamky_front, owner, DecisionKind.COMMENDATION, award_form=form)
    listed = proposal(unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ"), owner, form)
    services.add_proposals(decision, [listed], actor=owner)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.proposal_transition(listed, "withdraw", actor=owner, comment="Rút")
    said(exc)


def test_award_forms_are_edited_by_the_provinces_standing_agency(ancestor, owner, city, catalogue, unchanged):
    from danvan.orgs.models import UnitType

    form = services.save_award_form(
        city,
        {"name": "Giấy khen của Ủy ban MTTQ Việt Nam thành phố", "grade": "certificate",
         "issuer_type": UnitType.objects.get(code="fatherland_front"), "level": "province"},
        actor=ancestor,
    )  # fmt: skip
    assert form.code.startswith("giay_khen") and form.province == city
    with unchanged(), pytest.raises(PermissionDenied):
        services.save_award_form(city, {"name": "Khác"}, actor=owner, form=form)
    for bad in ({"name": " "}, {"grade": "gold"}, {"level": "village"}):
        with unchanged(), pytest.raises(ServiceError):
            services.save_award_form(city, bad, actor=ancestor, form=form)


def test_visible_decisions(owner, ancestor, stranger, leader, city, ward_issued, ward_models):
    city_draft = draft(city, ancestor)
    assert set(services.visible_decisions(ancestor)) == {ward_issued, city_draft}
    assert set(services.visible_decisions(leader)) == {ward_issued, city_draft}
    assert set(services.visible_decisions(owner)) == {ward_issued}
    assert set(services.visible_decisions(stranger)) == set()
    # an issued city decision listing a ward model is the ward's to see; the draft is not
    model = proposed(unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ"), owner, ancestor, "Mô hình cấp thành phố")
    services.add_initiatives(city_draft, [model], actor=ancestor)
    assert city_draft not in services.visible_decisions(owner)
    services.update_decision(city_draft, {"number": 40, **CITY_SIGNER}, actor=ancestor)
    services.transition(city_draft, "issue", actor=ancestor)
    assert city_draft in services.visible_decisions(owner)
    assert city_draft not in services.visible_decisions(stranger)
