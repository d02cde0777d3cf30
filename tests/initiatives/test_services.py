"""Every service of danvan.initiatives.services: what it does, and every refusal.

A refusal is a ServiceError (bad input, a state that forbids it; its message says why) or
PermissionDenied, and it leaves the database — rows, history, stored files — exactly as it was."""

from __future__ import annotations

import io
import threading
import zipfile
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.utils import timezone, translation

from danvan.core.permissions import can
from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaLevel, Era
from danvan.initiatives import evidence as evidence_files
from danvan.initiatives import services
from danvan.initiatives.models import (
    Evaluation,
    Evidence,
    EvidenceKind,
    Field,
    Holder,
    Initiative,
    InitiativeYear,
    Kind,
    ProgressUpdate,
    Topic,
    TransitionRecord,
)
from danvan.initiatives.similarity import fingerprint
from danvan.initiatives.workflow import TRANSITIONS, Status
from danvan.orgs.models import Campaign, Unit

pytestmark = pytest.mark.django_db

NAME = "Khu dân cư tự quản về an ninh trật tự"
CONTENT = "Lập tổ liên gia tự quản, nhóm Zalo báo tin, tuần tra đêm cuối tuần do cựu chiến binh thực hiện."
TODAY = timezone.localdate()
THIS_YEAR = TODAY.year


# --- people, units, data -------------------------------------------------------------------------
def user(username):
    return get_user_model().objects.get(username=username)


def unit(name) -> Unit:
    return Unit.objects.get(name=name)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def leader(db):
    return user("lanhdao.danang")


@pytest.fixture
def tamky_front(db):
    return unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")


@pytest.fixture
def tamky_women(db):
    return unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")


@pytest.fixture
def former(db):
    """Đảng ủy phường An Mỹ: ended on 30/6/2025, succeeded by Đảng ủy phường Tam Kỳ."""
    return unit("Đảng ủy phường An Mỹ")


@pytest.fixture
def field(db):
    return Field.objects.get(code="defence_security")


def data(**extra) -> dict:
    return {
        "name": NAME,
        "field": Field.objects.get(code="defence_security"),
        "year": 2026,
        "content": CONTENT,
        "situation": "Khối phố nhiều nhà trọ, xảy ra trộm cắp vặt.",
        **extra,
    }


def new(owner_unit, actor, *, submit=True, topics=(), **extra) -> Initiative:
    return services.register_initiative(owner_unit, data(**extra), actor=actor, submit=submit, topics=topics)


def results(initiative, actor, **numbers):
    return services.add_progress(
        initiative, {"narrative": "Ra quân tuần tra", "people_reached": 120, **numbers}, actor=actor
    )


def advance(initiative, to: str, *, editor, reviewer, level=None) -> Initiative:
    """registered → in_progress → proposed → recognized, through the services."""
    path = ["in_progress", "proposed", "recognized"]
    for target in path[: path.index(to) + 1]:
        if target == "in_progress":
            initiative = services.transition(initiative, "start", actor=editor)
        elif target == "proposed":
            results(initiative, editor)
            initiative = services.transition(initiative, "propose", actor=editor)
        else:
            initiative = services.transition(initiative, "recognize", actor=reviewer, level=level)
    return initiative


def former_model(former, admin_user, **extra) -> Initiative:
    """A model of a former ward, recorded afterwards by the system administrator."""
    campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")
    return new(former, admin_user, year=2024, campaign=campaign, **extra)


# --- "nothing changed" ---------------------------------------------------------------------------
def snapshot(media_root):
    models = [Initiative, InitiativeYear, ProgressUpdate, Evidence, TransitionRecord]
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history {m.__name__}": m.history.count() for m in models if hasattr(m, "history")})
    counts["topics"] = Initiative.topics.through.objects.count()
    counts["history topics"] = apps.get_model("initiatives", "HistoricalInitiative_topics").objects.count()
    rows = list(
        Initiative.objects.order_by("pk").values_list(
            "pk", "status", "owner_unit", "recognized_level", "area", "name", "year", "campaign"
        )
    )
    years = list(InitiativeYear.objects.order_by("pk").values_list("pk", "plan", "results", "evaluation"))
    files = sorted(str(p) for p in media_root.rglob("*")) if media_root.exists() else []
    return counts, rows, years, files


@pytest.fixture
def unchanged(media):
    @contextmanager
    def check():
        before = snapshot(media)
        yield
        assert snapshot(media) == before

    return check


def said(exc_info) -> str:
    """The refusal's message as a Vietnamese user reads it (interpolated, not empty)."""
    with translation.override("vi"):
        message = " ".join(str(m) for m in exc_info.value.messages)
    assert message.strip() and "%(" not in message
    return message


# --- files ---------------------------------------------------------------------------------------
def image_bytes(fmt: str, size=(800, 600)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, format=fmt)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(out, format="PDF")
    return out.getvalue()


def ooxml(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def docx_bytes() -> bytes:
    """A minimal Word document, as Word writes its parts."""
    ns = "http://schemas.openxmlformats.org"
    return ooxml(
        {
            "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
            "word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{ns}/wordprocessingml/2006/'
            'main"><w:body><w:p><w:r><w:t>Biên bản họp dân</w:t></w:r></w:p></w:body></w:document>',
        }
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Khối phố", "Số hộ tham gia"])
    book.active.append(["An Thổ", 120])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


GOOD_FILES = {
    "anh-ra-quan.jpg": (lambda: image_bytes("JPEG"), EvidenceKind.PHOTO),
    "so-do.png": (lambda: image_bytes("PNG"), EvidenceKind.PHOTO),
    "anh.webp": (lambda: image_bytes("WEBP"), EvidenceKind.PHOTO),
    "bien-ban.pdf": (pdf_bytes, EvidenceKind.PDF),
    "bao-cao.docx": (docx_bytes, EvidenceKind.DOCX),
    "danh-sach.xlsx": (xlsx_bytes, EvidenceKind.XLSX),
}
BAD_FILES = {
    "text renamed .jpg": ("anh.jpg", lambda: "Biên bản họp dân khối phố".encode()),
    "zip that is not OOXML": ("bao-cao.docx", lambda: ooxml({"ghi-chu.txt": "không phải Word"})),
    "OOXML but neither Word nor Excel": (
        "trinh-chieu.docx",
        lambda: ooxml({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}),
    ),
    "broken zip": ("bang.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 64),
    "damaged JPEG": ("anh.jpg", lambda: b"\xff\xd8\xff\xe0" + b"\x13" * 500),
    "empty file": ("rong.pdf", lambda: b""),
    "executable renamed .pdf": ("bien-ban.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 200),
}


# ==================================================================================================
# register_initiative
# ==================================================================================================
def test_register_creates_a_draft_with_its_year_log_and_history(owner, tamky):
    topics = list(Topic.objects.filter(code__in=["security_order", "grassroots_democracy"]))
    model = new(tamky, owner, submit=False, topics=topics, name="  Khu dân cư   tự quản\tvề an ninh trật tự ")
    assert model.status == Status.DRAFT and model.name == NAME
    assert model.owner_unit == tamky and model.created_by == owner
    assert model.area == tamky.area  # where the owner is, unless told
    assert model.name_folded == "khu dan cu tu quan ve an ninh trat tu" and model.fingerprint
    assert set(model.topics.all()) == set(topics)
    assert list(model.years.values_list("year", flat=True)) == [2026]
    [record] = model.transitions.all()
    assert (record.action, record.from_status, record.to_status, record.actor) == (
        "create",
        "",
        "draft",
        owner,
    )
    first = model.history.earliest("history_date")
    assert first.history_type == "+" and first.history_user == owner and first.history_change_reason


def test_register_and_submit(owner, tamky):
    model = new(tamky, owner, submit=True)
    assert model.status == Status.REGISTERED
    assert list(model.transitions.values_list("action", flat=True)) == ["create", "register"]


def recorded(model) -> dict:
    """What registering left behind, without ids and times."""
    first = model.history.earliest("history_date")
    return {
        "fields": (model.status, model.owner_unit_id, model.area_id, model.name_folded, model.fingerprint),
        "topics": sorted(model.topics.values_list("code", flat=True)),
        "years": list(model.years.values_list("year", flat=True)),
        "steps": list(model.transitions.values_list("action", "from_status", "to_status", "actor")),
        "history": (first.history_type, first.history_user_id, bool(first.history_change_reason)),
        "history_topics": sorted(first.topics.values_list("topic__code", flat=True)),
        "year_history": model.years.get().history.count(),
    }


@pytest.mark.parametrize("submit", [False, True])
def test_registering_many_leaves_what_registering_one_by_one_leaves(owner, tamky, submit):
    topics = list(Topic.objects.filter(code__in=["security_order", "environment"]))
    one = new(tamky, owner, submit=submit, topics=topics, name="Mô hình từng cái")
    [many, other] = services.register_initiatives(
        [(tamky, data(name="Mô hình hàng loạt"), topics), (tamky, data(name="Mô hình thứ hai"), [])],
        actor=owner,
        submit=submit,
    )
    expected, got = recorded(one), recorded(Initiative.objects.get(pk=many.pk))
    for record in (expected, got):
        record["fields"] = record["fields"][:3]  # names differ on purpose
    # one by one, setting the topics is a second version; in bulk they belong to the first
    assert got["history_topics"] == ["environment", "security_order"]
    expected.pop("history_topics"), got.pop("history_topics")
    assert got == expected
    assert list(other.topics.all()) == []


def test_registering_many_refuses_all_and_says_which(owner, tamky, haichau, unchanged):
    items = [
        (tamky, data(name="Hợp lệ"), []),
        (tamky, data(name="  "), []),
        (haichau, data(name="Của phường khác"), []),
        (tamky, data(name="Cũng hợp lệ"), []),
    ]
    with unchanged(), pytest.raises(services.RowsRefused) as refused:
        services.register_initiatives(items, actor=owner)
    assert sorted(refused.value.refusals) == [1, 2]
    with translation.override("vi"):
        assert all(str(message).strip() for message in refused.value.refusals.values())


@pytest.mark.parametrize("persona", ["owner", "ancestor", "subtree_admin", "admin_user"])
def test_who_may_register_in_the_ward(request, persona, tamky):
    model = new(tamky, request.getfixturevalue(persona))
    assert model.pk and model.owner_unit == tamky


@pytest.mark.parametrize("persona", ["stranger", "leader"])
def test_who_may_not_register_in_the_ward(request, persona, tamky, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        new(tamky, request.getfixturevalue(persona))


def test_an_officer_may_not_register_in_another_ward(owner, haichau, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        new(haichau, owner)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ({"name": ""}, "no name"),
        ({"name": " \t "}, "a blank name"),
        ({"field": None}, "no field"),
        ({"year": None}, "no year"),
        ({"holder": Holder.INDIVIDUAL, "holder_name": "  "}, "an individual without a name"),
        ({"start_date": date(2026, 5, 1), "evaluation_date": date(2026, 4, 30)}, "evaluation before start"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_register_refuses_bad_input(owner, tamky, unchanged, bad, why):
    with unchanged(), pytest.raises(ServiceError) as exc:
        new(tamky, owner, **bad)
    said(exc)


def test_register_refuses_an_area_outside_the_province(owner, tamky, unchanged):
    hanoi = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Hà Nội")
    former_area = Area.objects.get(era=Era.LEGACY, level=AreaLevel.COMMUNE, name="Phường An Mỹ")
    for area in (hanoi, former_area):
        with unchanged(), pytest.raises(ServiceError) as exc:
            new(tamky, owner, area=area)
        said(exc)
    village = Area.objects.get(name="Khối phố An Thổ")
    assert new(tamky, owner, area=village).area == village


def test_register_checks_the_campaign(owner, tamky, unchanged):
    city_campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
    old_campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")
    with unchanged(), pytest.raises(ServiceError) as exc:
        new(tamky, owner, campaign=city_campaign, year=2025)
    assert "2025" in said(exc)
    with unchanged(), pytest.raises(ServiceError) as exc:  # launched by the former city, elsewhere
        new(tamky, owner, campaign=old_campaign, year=2025)
    said(exc)
    assert new(tamky, owner, campaign=city_campaign, year=2027).campaign == city_campaign


def test_former_units_models_are_recorded_for_their_own_years(admin_user, owner, former, unchanged):
    """A former ward's past models are entered afterwards (to be carried over or kept as history);
    it registers nothing after its end."""
    model = former_model(former, admin_user)
    assert model.owner_unit == former and model.year == 2024 and model.area.era == Era.LEGACY
    assert new(former, admin_user, year=2025).year == 2025  # it existed until 30/6/2025
    with unchanged(), pytest.raises(ServiceError) as exc:
        new(former, admin_user, year=2026)
    said(exc)
    # its successor's officer sees its models, but may not write in the former ward
    assert services.visible_initiatives(owner).filter(pk=model.pk).exists()
    with unchanged(), pytest.raises(PermissionDenied):
        new(former, owner, year=2024)


# ==================================================================================================
# update_initiative
# ==================================================================================================
def test_update_changes_fields_and_topics_with_a_reason(owner, tamky):
    model = new(tamky, owner)
    before = model.history.count()
    topic = Topic.objects.get(code="digital_transformation")
    model = services.update_initiative(
        model,
        {"name": "Khu dân cư an toàn, camera kết nối", "workdays_planned": 300, "owner_unit": "ignored"},
        actor=owner,
        topics=[topic],
        reason="Bổ sung nguồn lực",
    )
    model.refresh_from_db()
    assert model.name == "Khu dân cư an toàn, camera kết nối" and model.workdays_planned == 300
    assert model.owner_unit == tamky  # not a registration field
    assert list(model.topics.all()) == [topic]
    rows = model.history.filter(history_change_reason="Bổ sung nguồn lực")  # the change, then the topics
    assert rows.exists() and {r.history_user for r in rows} == {owner}
    assert model.history.count() > before
    # nothing to change: no history row
    count = model.history.count()
    services.update_initiative(model, {"name": model.name}, actor=owner, topics=[topic])
    assert model.history.count() == count


@pytest.mark.parametrize("state", ["proposed", "recognized"])
def test_update_refuses_models_under_review_or_recognized(owner, ancestor, tamky, unchanged, state):
    model = advance(new(tamky, owner), state, editor=owner, reviewer=ancestor)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.update_initiative(model, {"name": "Tên khác"}, actor=owner)
    said(exc)


def test_update_refuses_bad_input_and_strangers(owner, stranger, tamky, unchanged):
    model = new(tamky, owner)
    with unchanged(), pytest.raises(ServiceError):
        services.update_initiative(model, {"name": "   "}, actor=owner)
    city_campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
    with unchanged(), pytest.raises(ServiceError):
        services.update_initiative(model, {"year": 2031, "campaign": city_campaign}, actor=owner)
    with unchanged(), pytest.raises(PermissionDenied):
        services.update_initiative(model, {"name": "Tên khác"}, actor=stranger)


# ==================================================================================================
# visibility, buttons, recognition levels
# ==================================================================================================
def test_visible_initiatives_follow_the_subtrees(owner, ancestor, stranger, leader, tamky, haichau):
    mine, theirs = new(tamky, owner), new(haichau, stranger)
    assert set(services.visible_initiatives(owner)) == {mine}
    assert set(services.visible_initiatives(stranger)) == {theirs}
    assert set(services.visible_initiatives(ancestor)) == {mine, theirs}
    assert set(services.visible_initiatives(leader)) == {mine, theirs}


def test_allowed_transitions_by_persona(owner, ancestor, stranger, leader, tamky):
    model = new(tamky, owner)
    allowed = {name: {t.action for t in services.allowed_transitions(model, u)} for name, u in [
        ("owner", owner), ("ancestor", ancestor), ("stranger", stranger), ("leader", leader),
    ]}  # fmt: skip
    assert allowed == {
        "owner": {"start", "discontinue"},
        "ancestor": {"start", "return", "discontinue"},
        "stranger": set(),
        "leader": set(),
    }


def test_recognition_levels_theo_tham_quyen(
    owner, ancestor, stranger, admin_user, city, tamky, tamky_front, tamky_women
):
    """A unit recognizes only within its subtree, at its own level or below it: canbo.tamky steers
    the ward's Front (the standing agency of the ward's steering committee), canbo.danang the city."""
    front_model = new(tamky_front, owner)
    women_model = new(tamky_women, owner)
    party_model = new(tamky, owner)
    assert services.recognition_levels(front_model, owner) == [tamky_front]
    assert services.recognition_levels(women_model, owner) == [tamky_women, tamky_front]
    assert services.recognition_levels(party_model, owner) == []
    assert services.recognition_levels(front_model, ancestor) == [tamky_front, tamky, city]
    assert services.recognition_levels(front_model, stranger) == []
    assert services.recognition_levels(front_model, admin_user) == [tamky_front, tamky, city]


# ==================================================================================================
# transition
# ==================================================================================================
def test_every_rule_of_the_lifecycle_in_one_life(owner, ancestor, tamky, city):
    """draft → registered → (returned) → registered → in progress → proposed → not recognized →
    in progress → proposed → recognized → consolidated → proposed → recognized → discontinued."""
    model = new(tamky, owner, submit=False)
    steps = [
        ("register", owner, "", None),
        ("return", ancestor, "  Bổ sung tiêu chí đánh giá  ", None),
        ("register", owner, "Đã bổ sung", None),
        ("start", owner, "", None),
        ("propose", owner, "", None),
        ("reject", ancestor, "Chưa đủ số liệu", None),
        ("resume", owner, "", None),
        ("propose", owner, "Đề nghị lại", None),
        ("recognize", ancestor, "Quyết định 15-QĐ/ĐU", tamky),
        ("consolidate", ancestor, "Cần củng cố", None),
        ("propose", owner, "", None),
        ("recognize", ancestor, "", city),
        ("discontinue", owner, "Không còn phù hợp", None),
    ]
    assert {a for a, *_ in steps} == set(TRANSITIONS)
    for action, actor, comment, level in steps:
        if action == "propose" and not model.progress_updates.exists():
            results(model, owner)
        rule = TRANSITIONS[action]
        previous = model.status
        history = model.history.count()
        model = services.transition(model, action, actor=actor, comment=comment, level=level)
        assert previous in rule.sources and model.status == rule.target
        record = model.transitions.latest("at", "id")
        assert (record.action, record.from_status, record.to_status) == (action, previous, rule.target)
        assert record.actor == actor and record.comment == comment.strip()
        assert model.history.count() == history + 1
        row = model.history.latest("history_date", "history_id")
        assert row.history_user == actor and row.status == rule.target
        assert row.history_change_reason == (comment.strip() or str(rule.label))
        if action == "recognize":
            assert model.recognized_level == level and record.unit == level
            assert model.recognized_on == TODAY
    assert model.status == Status.DISCONTINUED


def test_transition_refusals_change_nothing(owner, ancestor, stranger, leader, tamky, haichau, unchanged):
    model = new(tamky, owner)  # registered
    cases = [
        (ServiceError, "nonsense", owner, "", None),  # unknown action
        (ServiceError, "propose", owner, "", None),  # not from registered
        (ServiceError, "recognize", ancestor, "", None),  # not from registered
        (ServiceError, "return", ancestor, "   ", None),  # needs a reason
        (ServiceError, "discontinue", owner, "", None),  # needs a reason
        (PermissionDenied, "return", owner, "Bổ sung", None),  # a review action
        (PermissionDenied, "start", stranger, "", None),
        (PermissionDenied, "start", leader, "", None),
    ]
    for error, action, actor, comment, level in cases:
        with unchanged(), pytest.raises(error) as exc:
            services.transition(model, action, actor=actor, comment=comment, level=level)
        if error is ServiceError:
            said(exc)
    model = services.transition(model, "start", actor=owner)
    with unchanged(), pytest.raises(ServiceError) as exc:  # no results reported yet
        services.transition(model, "propose", actor=owner)
    said(exc)
    services.add_progress(model, {"narrative": "Họp dân bàn cách làm"}, actor=owner)  # no numbers
    with unchanged(), pytest.raises(ServiceError):
        services.transition(model, "propose", actor=owner)
    results(model, owner)
    model = services.transition(model, "propose", actor=owner)
    for error, actor, level in [
        (ServiceError, ancestor, haichau),  # not the owner or an ancestor of it
        (ServiceError, ancestor, unit("Ủy ban nhân dân phường Tam Kỳ")),  # a sibling, not above
        (PermissionDenied, owner, tamky),  # the ward's Party committee is not reviewed by its officer
        (PermissionDenied, stranger, haichau),
    ]:
        with unchanged(), pytest.raises(error):
            services.transition(model, "recognize", actor=actor, level=level)
    with unchanged(), pytest.raises(ServiceError):
        services.transition(model, "reject", actor=ancestor, comment="")


def test_transition_reads_the_state_from_the_database(owner, tamky, unchanged):
    """A stale object in a second browser tab cannot replay a step."""
    model = new(tamky, owner)
    stale = Initiative.objects.get(pk=model.pk)
    services.transition(model, "start", actor=owner)
    assert stale.status == Status.REGISTERED
    with unchanged(), pytest.raises(ServiceError):
        services.transition(stale, "start", actor=owner)


def test_recognition_only_at_the_actors_levels(
    owner, ancestor, tamky, city, tamky_front, tamky_women, unchanged
):
    model = advance(new(tamky_women, owner), "proposed", editor=owner, reviewer=ancestor)
    for level in (tamky, city):  # above what canbo.tamky steers
        with unchanged(), pytest.raises(ServiceError) as exc:
            services.transition(model, "recognize", actor=owner, level=level)
        said(exc)
    model = services.transition(model, "recognize", actor=owner, level=tamky_front)
    assert model.recognized_level == tamky_front and model.recognized_on == TODAY
    # without a level: one of the actor's competent levels
    other = advance(
        new(tamky_women, owner, name="Chi hội phụ nữ giúp nhau"), "proposed", editor=owner, reviewer=ancestor
    )
    other = services.transition(other, "recognize", actor=ancestor)
    assert other.recognized_level in services.recognition_levels(other, ancestor)


def test_recognition_on_the_date_of_the_decision(owner, ancestor, tamky, city):
    """A recognition decision dated earlier than the day it is recorded gives the model its date;
    `on` means nothing to the other actions."""
    model = advance(new(tamky, owner), "proposed", editor=owner, reviewer=ancestor)
    decided = date(2026, 10, 15)
    model = services.transition(model, "recognize", actor=ancestor, level=city, on=decided)
    model.refresh_from_db()
    assert (model.recognized_on, model.recognized_level) == (decided, city)
    record = model.transitions.get(action="recognize")
    assert record.unit == city
    model = services.transition(model, "consolidate", actor=ancestor, comment="Củng cố", on=TODAY)
    assert model.recognized_on == decided


# ==================================================================================================
# progress and evidence
# ==================================================================================================
def test_add_progress_with_numbers(owner, tamky):
    model = new(tamky, owner)
    update = services.add_progress(
        model,
        {
            "narrative": "Vận động 96 hộ hiến đất mở đường",
            "reported_on": date(2026, 3, 15),
            "people_reached": 430,
            "households_benefiting": 96,
            "money_mobilized": Decimal("1250000000"),
            "workdays_mobilized": 850,
            "land_donated_m2": Decimal("4300.5"),
        },
        actor=owner,
    )
    update.refresh_from_db()
    assert update.initiative == model and update.created_by == owner and update.has_results
    assert (update.people_reached, update.households_benefiting, update.workdays_mobilized) == (430, 96, 850)
    assert update.money_mobilized == Decimal("1250000000") and update.land_donated_m2 == Decimal("4300.5")
    assert update.history.get().history_user == owner
    assert services.add_progress(model, {"narrative": "Sơ kết"}, actor=owner).reported_on == TODAY


def test_add_progress_refusals(owner, stranger, leader, tamky, unchanged):
    draft = new(tamky, owner, submit=False)
    model = new(tamky, owner, name="Camera an ninh kết nối cộng đồng")
    ended = services.transition(
        new(tamky, owner, name="Tủ sách pháp luật"), "discontinue", actor=owner, comment="Trùng"
    )
    cases = [
        (ServiceError, draft, {"narrative": "Ra quân"}, owner),
        (ServiceError, ended, {"narrative": "Ra quân"}, owner),
        (ServiceError, model, {"narrative": "   "}, owner),
        (ServiceError, model, {"narrative": "Ra quân", "reported_on": TODAY + timedelta(days=1)}, owner),
        (PermissionDenied, model, {"narrative": "Ra quân"}, stranger),
        (PermissionDenied, model, {"narrative": "Ra quân"}, leader),
    ]
    for error, initiative, payload, actor in cases:
        with unchanged(), pytest.raises(error) as exc:
            services.add_progress(
                initiative, payload, actor=actor, files=[upload("a.png", image_bytes("PNG"))]
            )
        if error is ServiceError:
            said(exc)


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_evidence_types_accepted_by_their_content(owner, tamky, name):
    make, kind = GOOD_FILES[name]
    content = make()
    model = new(tamky, owner)
    update = services.add_progress(
        model,
        {"narrative": "Kèm minh chứng", "people_reached": 12},
        actor=owner,
        files=[upload(name, content)],
        captions=["Ảnh ra quân"],
    )
    [evidence] = update.evidence.all()
    assert evidence.kind == kind and evidence.initiative == model
    assert evidence.original_name == name and evidence.size == len(content)
    assert evidence.caption == "Ảnh ra quân" and evidence.uploaded_by == owner
    assert evidence.file.name.startswith(f"evidence/{model.pk}/")
    with default_storage.open(evidence.file.name) as stored:
        assert stored.read() == content
    if kind == EvidenceKind.PHOTO:
        from PIL import Image

        assert "-thumb" in evidence.thumbnail.name and evidence.thumbnail.name.endswith(".jpg")
        with default_storage.open(evidence.thumbnail.name) as thumb, Image.open(thumb) as image:
            assert image.format == "JPEG" and max(image.size) <= 480
    else:
        assert not evidence.thumbnail


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_evidence_refused_whatever_its_name(owner, tamky, unchanged, case):
    name, make = BAD_FILES[case]
    model = new(tamky, owner)
    good = upload("anh.png", image_bytes("PNG"))
    with unchanged(), pytest.raises(ServiceError) as exc:  # a bad file among good ones: nothing is kept
        services.add_progress(
            model,
            {"narrative": "Kèm minh chứng", "people_reached": 5},
            actor=owner,
            files=[good, upload(name, make())],
        )
    said(exc)
    with unchanged(), pytest.raises(ServiceError):
        services.add_evidence(model, upload(name, make()), actor=owner)


def test_evidence_over_10_mb_is_refused(owner, tamky, unchanged):
    model = new(tamky, owner)
    big = pdf_bytes() + b"\x00" * (evidence_files.MAX_BYTES + 1)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.add_evidence(model, upload("bien-ban.pdf", big), actor=owner)
    assert "10" in said(exc)

    class Unsized(io.BytesIO):  # a stream that does not say its size is measured after reading
        name = "bien-ban.pdf"

    with unchanged(), pytest.raises(ServiceError):
        services.add_evidence(model, Unsized(big), actor=owner)
    exactly = pdf_bytes()
    exactly += b"\x00" * (evidence_files.MAX_BYTES - len(exactly))
    assert (
        services.add_evidence(model, upload("bien-ban.pdf", exactly), actor=owner).size
        == evidence_files.MAX_BYTES
    )


def test_add_evidence_alone_or_to_an_update(owner, stranger, tamky, unchanged):
    model = new(tamky, owner)
    other = new(tamky, owner, name="Camera an ninh kết nối cộng đồng")
    update = results(model, owner)
    alone = services.add_evidence(
        model, upload("anh.jpg", image_bytes("JPEG")), actor=owner, caption="Ra quân"
    )
    assert alone.progress_update is None and alone.caption == "Ra quân"
    attached = services.add_evidence(model, upload("ds.xlsx", xlsx_bytes()), actor=owner, update=update)
    assert attached.progress_update == update and attached.kind == EvidenceKind.XLSX
    assert attached.history.get().history_user == owner
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.add_evidence(other, upload("anh.jpg", image_bytes("JPEG")), actor=owner, update=update)
    said(exc)
    with unchanged(), pytest.raises(PermissionDenied):
        services.add_evidence(model, upload("anh.jpg", image_bytes("JPEG")), actor=stranger)
    other = services.transition(other, "discontinue", actor=owner, comment="Trùng với mô hình khác")
    with unchanged(), pytest.raises(ServiceError) as exc:  # a discontinued model takes no new evidence
        services.add_evidence(other, upload("anh.jpg", image_bytes("JPEG")), actor=owner)
    said(exc)


def test_evidence_file_names_cannot_escape_the_model_folder(owner, tamky):
    model = new(tamky, owner)
    evidence = services.add_evidence(model, upload("../../../etc/anh.jpg", image_bytes("JPEG")), actor=owner)
    assert evidence.file.name.startswith(f"evidence/{model.pk}/") and ".." not in evidence.file.name.split(
        "/"
    )


# ==================================================================================================
# years: plan and evaluation
# ==================================================================================================
def test_plan_year_by_the_owner(owner, stranger, leader, tamky, unchanged):
    model = new(tamky, owner)
    record = services.plan_year(model, 2026, actor=owner, plan="Lắp thêm 20 camera", results="Đã lắp 12")
    assert (record.plan, record.results) == ("Lắp thêm 20 camera", "Đã lắp 12")
    assert model.years.count() == 1 and record.history.latest("history_date").history_user == owner
    nxt = services.plan_year(model, THIS_YEAR + 1, actor=owner, plan="Mở rộng ra toàn phường")
    assert nxt.year == THIS_YEAR + 1 and model.years.count() == 2
    for error, year, actor in [
        (ServiceError, 2025, owner),  # before its registration
        (ServiceError, THIS_YEAR + 2, owner),
        (PermissionDenied, 2026, stranger),
        (PermissionDenied, 2026, leader),
    ]:
        with unchanged(), pytest.raises(error):
            services.plan_year(model, year, actor=actor, plan="Kế hoạch")
    ended = services.transition(model, "discontinue", actor=owner, comment="Không hiệu quả")
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.plan_year(ended, THIS_YEAR, actor=owner, plan="Kế hoạch")
    said(exc)


def test_evaluate_year_by_the_standing_agency(owner, ancestor, stranger, tamky, tamky_front, unchanged):
    model = new(tamky, owner, year=2025)
    record = services.evaluate_year(
        model, 2025, actor=ancestor, evaluation=Evaluation.GOOD, note="Hiệu quả", results="Giảm 40% vụ trộm"
    )
    assert (record.evaluation, record.evaluation_note, record.results) == (
        "good",
        "Hiệu quả",
        "Giảm 40% vụ trộm",
    )
    assert record.evaluated_by == ancestor and record.evaluated_at is not None
    assert record.history.latest("history_date").history_user == ancestor
    again = services.evaluate_year(model, 2025, actor=ancestor, evaluation=Evaluation.EXCELLENT)
    assert again.pk == record.pk and again.results == "Giảm 40% vụ trộm"  # kept unless given
    assert (
        services.evaluate_year(model, THIS_YEAR, actor=ancestor, evaluation=Evaluation.FAIR).year == THIS_YEAR
    )
    for error, year, evaluation, actor in [
        (ServiceError, 2024, Evaluation.GOOD, ancestor),  # before registration
        (ServiceError, THIS_YEAR + 1, Evaluation.GOOD, ancestor),  # not yet
        (ServiceError, 2025, "tuyệt vời", ancestor),
        (PermissionDenied, 2025, Evaluation.GOOD, owner),  # the owner does not evaluate itself
        (PermissionDenied, 2025, Evaluation.GOOD, stranger),
    ]:
        with unchanged(), pytest.raises(error):
            services.evaluate_year(model, year, actor=actor, evaluation=evaluation)
    # the ward's standing agency (its Front) evaluates the Front's models
    front_model = new(tamky_front, owner, year=2026)
    assert (
        services.evaluate_year(front_model, 2026, actor=owner, evaluation=Evaluation.GOOD).evaluated_by
        == owner
    )


# ==================================================================================================
# replication and lineage
# ==================================================================================================
def test_replicate_links_the_new_model_to_its_source(owner, ancestor, tamky, haichau):
    topics = list(Topic.objects.filter(code__in=["security_order"]))
    campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
    source = new(tamky, owner, topics=topics, campaign=campaign, start_date=date(2026, 2, 1),
                 evaluation_date=date(2026, 11, 30), latitude=15.57, longitude=108.47)  # fmt: skip
    source = advance(source, "recognized", editor=owner, reviewer=ancestor)
    replica = services.replicate(source, haichau, actor=ancestor, year=2026, comment="Theo chỉ đạo của BCĐ")
    source.refresh_from_db()
    assert (
        replica.status == Status.DRAFT and replica.owner_unit == haichau and replica.replicated_from == source
    )
    assert (replica.name, replica.content, replica.field, replica.kind) == (
        source.name, source.content, source.field, source.kind,
    )  # fmt: skip
    assert list(replica.topics.all()) == topics and replica.campaign == campaign and replica.year == 2026
    assert replica.area == haichau.area and replica.latitude is None
    assert replica.start_date is None and replica.evaluation_date is None  # its own timeline
    assert list(replica.years.values_list("year", flat=True)) == [2026]
    [made] = replica.transitions.all()
    assert (made.action, made.to_status, made.actor, made.unit, made.comment) == (
        "replicate", "draft", ancestor, tamky, "Theo chỉ đạo của BCĐ",
    )  # fmt: skip
    assert replica.history.earliest("history_date").history_user == ancestor
    assert source.status == Status.REPLICATED
    spread = source.transitions.latest("at", "id")
    assert (spread.action, spread.from_status, spread.unit) == ("replicated", "recognized", haichau)
    # replicating again: a second replica, the source stays replicated without a new step
    steps = source.transitions.count()
    hoa_vang = unit("Đảng ủy xã Hòa Vang")
    services.replicate(source, hoa_vang, actor=ancestor)
    assert source.transitions.count() == steps and source.replicas.count() == 2
    # the same unit twice: refused (one replica per unit; it lives across years)
    with pytest.raises(ServiceError) as exc:
        services.replicate(source, hoa_vang, actor=ancestor)
    said(exc)
    assert source.replicas.count() == 2
    assert services.replicate(source, unit("Đảng ủy xã Hòa Tiến"), actor=ancestor).year == THIS_YEAR


def test_replicate_refusals(owner, ancestor, stranger, admin_user, tamky, haichau, former, unchanged):
    model = advance(new(tamky, owner), "in_progress", editor=owner, reviewer=ancestor)
    with unchanged(), pytest.raises(ServiceError) as exc:  # not recognized
        services.replicate(model, haichau, actor=ancestor)
    said(exc)
    results(model, owner)
    model = services.transition(
        services.transition(model, "propose", actor=owner), "recognize", actor=ancestor
    )
    for error, target, actor in [
        (ServiceError, tamky, ancestor),  # to itself
        (ServiceError, former, admin_user),  # to a unit no longer in force
        (PermissionDenied, haichau, owner),  # may not register in Hải Châu
        (PermissionDenied, haichau, stranger),  # may not see the source
    ]:
        with unchanged(), pytest.raises(error):
            services.replicate(model, target, actor=actor)


def test_lineage_is_the_same_tree_from_any_of_its_models(owner, ancestor, tamky, haichau):
    root = advance(new(tamky, owner), "recognized", editor=owner, reviewer=ancestor)
    a = services.replicate(root, haichau, actor=ancestor)
    b = services.replicate(root, unit("Đảng ủy xã Hòa Vang"), actor=ancestor)
    a = advance(
        services.transition(a, "register", actor=ancestor), "recognized", editor=ancestor, reviewer=ancestor
    )
    a1 = services.replicate(a, unit("Đảng ủy phường Thanh Khê"), actor=ancestor)
    a2 = services.replicate(a, unit("Đảng ủy phường An Khê"), actor=ancestor)
    expected = [(a, 1), (a1, 2), (a2, 2), (b, 1)]
    for node in (root, a, b, a1, a2):
        found_root, tree = services.lineage(node)
        assert found_root == root
        assert [(n.pk, d) for n, d in tree] == [(n.pk, d) for n, d in expected], node
    single = new(tamky, owner, name="Mô hình chưa nhân rộng")
    assert services.lineage(single) == (single, [])


# ==================================================================================================
# carry_over
# ==================================================================================================
def test_carry_over_to_the_successor_keeps_everything(owner, admin_user, former, tamky):
    model = former_model(former, admin_user)
    model = advance(
        model, "recognized", editor=admin_user, reviewer=admin_user, level=unit("Thành ủy Tam Kỳ")
    )
    services.evaluate_year(model, 2024, actor=admin_user, evaluation=Evaluation.EXCELLENT, note="Tiêu biểu")
    photo = services.add_evidence(model, upload("anh.jpg", image_bytes("JPEG")), actor=admin_user)
    steps = list(model.transitions.values_list("pk", flat=True))
    history = model.history.count()
    assert not can(owner, "initiative.change", model)

    carried = services.carry_over(model, tamky, actor=owner)
    carried.refresh_from_db()
    assert carried.owner_unit == tamky and carried.status == Status.RECOGNIZED
    assert carried.recognized_level.name == "Thành ủy Tam Kỳ" and carried.campaign.start_date.year == 2021
    assert carried.area.name == "Phường Tam Kỳ" and carried.area.era == Era.CURRENT  # the successor area
    record = carried.transitions.latest("at", "id")
    assert (record.action, record.from_status, record.to_status, record.actor, record.unit) == (
        "carry_over", "recognized", "recognized", owner, former,
    )  # fmt: skip
    assert "Đảng ủy phường An Mỹ" in record.comment
    assert set(steps) < set(carried.transitions.values_list("pk", flat=True))  # the old log is kept
    assert carried.history.count() == history + 1
    assert set(carried.history.values_list("owner_unit", flat=True)) == {former.pk, tamky.pk}
    assert carried.years.get(year=2024).evaluation == Evaluation.EXCELLENT
    assert carried.progress_updates.count() == 1 and carried.evidence.get() == photo
    # from now on the successor's officers work on it
    assert can(owner, "initiative.change", carried)
    services.plan_year(carried, 2026, actor=owner, plan="Tiếp tục duy trì")


def test_a_carried_over_model_can_still_be_edited_with_its_campaign(owner, admin_user, former, tamky):
    model = services.carry_over(former_model(former, admin_user), tamky, actor=owner, comment="Tiếp nhận")
    assert model.transitions.latest("at", "id").comment == "Tiếp nhận"
    edited = services.update_initiative(
        model,
        {"name": "Khu dân cư tự quản về an ninh trật tự (phường Tam Kỳ)", "campaign": model.campaign},
        actor=owner,
    )
    assert edited.campaign.issuing_unit.name == "Thành ủy Tam Kỳ"


def test_carry_over_refusals(owner, stranger, ancestor, admin_user, former, tamky, haichau, unchanged):
    current = new(tamky, owner)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.carry_over(current, haichau, actor=ancestor)
    said(exc)
    model = former_model(former, admin_user)
    for error, target, actor in [
        (ServiceError, haichau, ancestor),  # Hải Châu did not succeed An Mỹ
        (
            ServiceError,
            unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"),
            owner,
        ),  # the Front's successor
        (ServiceError, former, admin_user),  # not to itself
        (PermissionDenied, tamky, stranger),
    ]:
        with unchanged(), pytest.raises(error) as exc:
            services.carry_over(model, target, actor=actor)
        if error is ServiceError:
            assert "Đảng ủy phường An Mỹ" in said(exc)


# ==================================================================================================
# quality guard: similar models nearby, near-identical copies
# ==================================================================================================
def test_similar_nearby_finds_folded_similar_names_in_the_neighbourhood(
    owner, ancestor, stranger, tamky, haichau
):
    mine = new(tamky, owner)
    near = new(haichau, stranger, name="Tổ dân phố tự quản về an ninh trật tự", content="Tuần tra đêm.")
    last_year = new(haichau, stranger, name="Khu dân cư tự quản an ninh trật tự", year=2025, content="Khác.")
    too_old = new(haichau, stranger, name="Khu dân cư tự quản về an ninh trật tự 2024", year=2024)
    ended = services.transition(
        new(haichau, stranger, name="Khu dân cư tự quản về an ninh", content="Bỏ."), "discontinue",
        actor=stranger, comment="Không hiệu quả",
    )  # fmt: skip
    other = new(haichau, stranger, name="Chi hội phụ nữ giúp nhau thoát nghèo", content="Tiết kiệm.")

    found = services.similar_nearby("khu dan cu tu quan ve an ninh trat tu", "", haichau, 2026)
    ids = [m.pk for _score, m in found]
    assert mine.pk in ids and near.pk in ids and last_year.pk in ids
    assert too_old.pk not in ids and ended.pk not in ids and other.pk not in ids
    scores = [score for score, _m in found]
    assert scores == sorted(scores, reverse=True) and all(0.3 <= s <= 1 for s in scores)
    # an identical copy scores 1 and comes first; `exclude` leaves the model being edited out
    copy = services.similar_nearby(NAME, CONTENT, haichau, 2026)
    assert copy[0] == (1.0, mine)
    assert mine.pk not in [
        m.pk for _s, m in services.similar_nearby(NAME, CONTENT, tamky, 2026, exclude=mine.pk)
    ]
    assert len(services.similar_nearby(NAME, CONTENT, haichau, 2026, limit=1)) == 1


def test_similar_nearby_stays_in_the_parent_subtree(owner, admin_user, former, tamky, tamky_front):
    """From a village Front committee the neighbourhood is the ward's Front; from a former ward it
    is the former city."""
    village = unit("Ban công tác Mặt trận Khối phố An Thổ")
    in_front = new(tamky_front, owner)
    in_party = new(unit("Công an phường Tam Kỳ"), owner)
    ids = {m.pk for _s, m in services.similar_nearby(NAME, CONTENT, village, 2026)}
    assert in_front.pk in ids and in_party.pk not in ids
    old = former_model(former, admin_user)
    assert old.pk not in {m.pk for _s, m in services.similar_nearby(NAME, CONTENT, tamky, 2024)}
    assert old.pk in {
        m.pk for _s, m in services.similar_nearby(NAME, CONTENT, unit("Đảng ủy xã Tam Thanh"), 2024)
    }


def test_near_copies_groups_identical_models_of_different_units(
    owner, ancestor, stranger, city, tamky, haichau
):
    a = new(tamky, owner, name="Tổ dân phố 1 không rác thải nhựa", content="Đổi rác nhựa lấy cây xanh.")
    b = new(haichau, stranger, name="Tổ dân phố 2 không rác thải nhựa", content="Đổi rác nhựa lấy cây xanh.")
    assert (
        a.fingerprint
        == b.fingerprint
        == fingerprint("tổ dân phố 7 không rác thải nhựa", "đổi rác nhựa lấy cây xanh")
    )
    new(
        tamky, owner, name="Tổ dân phố 1 không rác thải nhựa", content="Đổi rác nhựa lấy cây xanh.", year=2025
    )
    new(tamky, owner, name="Mô hình khác hẳn", content="Nội dung khác.")
    same_unit = [new(unit("Đảng ủy xã Hòa Vang"), ancestor, name=NAME) for _ in range(2)]
    ended = new(unit("Đảng ủy phường Thanh Khê"), ancestor, name="Tổ dân phố không rác thải nhựa",
                content="Đổi rác nhựa lấy cây xanh.")  # fmt: skip
    services.transition(ended, "discontinue", actor=ancestor, comment="Sao chép")

    groups = services.near_copies(city, 2026)
    assert [{m.pk for m in g} for g in groups] == [{a.pk, b.pk}]
    assert services.near_copies(tamky, 2026) == []  # only one of the pair is in the ward
    assert services.near_copies(city, 2025) == []
    assert all(m.pk not in {s.pk for s in same_unit} for g in groups for m in g)


# ==================================================================================================
# the evidence and similarity helpers themselves
# ==================================================================================================
def test_sniff_decides_by_content():
    assert evidence_files.sniff(image_bytes("JPEG")[:16], b"") == EvidenceKind.PHOTO
    assert evidence_files.sniff(image_bytes("WEBP")[:16], b"") == EvidenceKind.PHOTO
    assert evidence_files.sniff(b"%PDF-1.7\n", b"") == EvidenceKind.PDF
    docx, xlsx = docx_bytes(), xlsx_bytes()
    assert evidence_files.sniff(docx[:16], docx) == EvidenceKind.DOCX
    assert evidence_files.sniff(xlsx[:16], xlsx) == EvidenceKind.XLSX
    assert evidence_files.sniff(b"GIF89a", b"GIF89a") is None


def test_thumbnail_is_a_small_jpeg():
    from PIL import Image

    thumb = evidence_files.thumbnail(image_bytes("PNG", size=(2000, 1000)), "so-do.png")
    assert thumb.name == "so-do-thumb.jpg"
    with Image.open(io.BytesIO(thumb.read())) as image:
        assert image.format == "JPEG" and image.size == (480, 240)


def test_individual_exemplar_and_kinds_are_kept(owner, tamky):
    person = new(
        tamky, owner, kind=Kind.EXEMPLAR, holder=Holder.INDIVIDUAL, holder_name="Phan Văn Lộc",
        name="Ông Phan Văn Lộc – cựu chiến binh làm kinh tế giỏi",
    )  # fmt: skip
    assert (person.kind, person.holder, person.holder_name) == ("exemplar", "individual", "Phan Văn Lộc")
    assert new(tamky, owner, kind=Kind.SELF_MANAGEMENT, name="Khối phố tự quản").kind == "self_management"


def test_editing_part_of_an_individual_exemplar_keeps_the_persons_name(owner, tamky, unchanged):
    person = new(tamky, owner, kind=Kind.EXEMPLAR, holder=Holder.INDIVIDUAL, holder_name="Phan Văn Lộc")
    person = services.update_initiative(person, {"holder": Holder.INDIVIDUAL, "name": "Ông Lộc"}, actor=owner)
    assert (person.name, person.holder_name) == ("Ông Lộc", "Phan Văn Lộc")
    with unchanged(), pytest.raises(ServiceError) as exc:  # blanking the name is still refused
        services.update_initiative(person, {"holder_name": " "}, actor=owner)
    said(exc)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_a_transition_locks_the_model_not_its_unit(owner, tamky):
    """Two writers of one unit once deadlocked on PostgreSQL: a transition locked the unit's row
    too (FOR UPDATE of its join), and each writer's deferred foreign key checks wait at commit for
    a share lock on that row. While a transition's transaction is open, another connection can
    still take that share lock."""
    model = new(tamky, owner)
    services.transition(model, "start", actor=owner)  # the lock is held until the test ends
    outcome = []

    def other_writer():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM orgs_unit WHERE id = %s FOR KEY SHARE NOWAIT", [tamky.pk])
                outcome.append("locked")
        except OperationalError as error:
            outcome.append(str(error))
        finally:
            connection.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    thread.join()
    assert outcome == ["locked"]
