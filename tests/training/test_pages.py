"""Every page and every form action of training sessions, for each persona.

A session of the Tam Kỳ ward does not exist for an officer of Hải Châu (404); a seen session
refuses the actions a persona may not take (403) and changes nothing; the anonymous are sent to
the login page; allowed actions redirect and change the database exactly as asked."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
import pytest
from django.urls import reverse

from danvan.metrics import registry
from danvan.orgs.models import Person, Unit
from danvan.training import services
from danvan.training.models import Attendee, Material, TrainingSession, TrainingTopic
from danvan.training.workflow import SessionStatus
from tests.training.conftest import PDF, days_ago, make, upload, vi

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]
NEW_TITLE = "Tập huấn kỹ năng dân vận cho cán bộ khối phố"


@dataclass
class World:
    owner: object
    tamky: Unit
    objects: dict = field(default_factory=dict)

    def _once(self, key, build):
        if key not in self.objects:
            self.objects[key] = build()
        return self.objects[key]

    def session(self) -> TrainingSession:
        """A planned session of Đảng ủy phường Tam Kỳ, with an attendee and a material."""

        def build():
            session = make(self.tamky, self.owner, counts={"party": 20, "village": 15}, on=days_ago(3))
            services.add_attendee(
                session, {"full_name": "Nguyễn Văn An", "position": "Trưởng khối phố", "group": "village"},
                actor=self.owner,
            )  # fmt: skip
            services.add_material(session, upload("bai-giang.pdf", PDF), actor=self.owner, title="Bài giảng")
            return session

        return self._once("session", build)

    def attendee(self) -> Attendee:
        return self.session().attendees.get()

    def material(self) -> Material:
        return self.session().materials.get()

    def status(self) -> str:
        return TrainingSession.objects.get(pk=self.session().pk).status


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)


def seen(**overrides) -> dict[str, int]:
    """Statuses for a Tam Kỳ session: seen by its owner, the city officers and the city leader."""
    return {"owner": 200, "ancestor": 200, "stranger": 404, "leader": 200, "anonymous": 302, **overrides}


EDITORS = {"owner": 302, "ancestor": 302, "leader": 403}


def session_form(w, **extra) -> dict:
    return {
        "title": NEW_TITLE,
        "topic": TrainingTopic.SKILLS,
        "held_on": days_ago(1).strftime("%d/%m/%Y"),
        "place": "Hội trường khối phố An Thổ",
        "format": "in_person",
        "count_party": "12",
        "count_village": "1.200",
        **extra,
    }


CASES = [
    Case("list", lambda w: reverse("training:list"), seen(stranger=200)),
    Case(
        "list, filtered",
        lambda w: (
            reverse("training:list") + "?year=2026&topic=model_method&level=commune&status=planned&q=mo+hinh"
        ),
        seen(stranger=200),
    ),
    Case("export", lambda w: reverse("training:export") + "?status=planned", seen(stranger=200)),
    Case("new session form", lambda w: reverse("training:new"), seen(stranger=200, leader=403)),
    Case("session's page", lambda w: reverse("training:detail", args=[w.session().pk]), seen()),
    Case("edit form", lambda w: reverse("training:edit", args=[w.session().pk]), seen(leader=403)),
    Case("material file", lambda w: reverse("training:material", args=[w.material().pk]), seen()),
    Case(
        "people search",
        lambda w: reverse("training:people", args=[w.session().pk]) + "?q=binh",
        seen(leader=403),
    ),
    # --- writes ---
    Case(
        "create",
        lambda w: reverse("training:new"),
        seen(**EDITORS),
        data=lambda w: {"organizer": w.tamky.pk, "submit": "held", **session_form(w)},
        measure=lambda w: TrainingSession.objects.filter(title=NEW_TITLE, status="held").count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "edit",
        lambda w: reverse("training:edit", args=[w.session().pk]),
        seen(**EDITORS),
        data=lambda w: session_form(w, reason="Sửa tên"),
        measure=lambda w: TrainingSession.objects.get(pk=w.session().pk).title,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "mark held",
        lambda w: reverse("training:transition", args=[w.session().pk]),
        seen(**EDITORS),
        data=lambda w: {"action": "hold", "comment": "Đạt yêu cầu"},
        measure=lambda w: w.status(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "cancel",
        lambda w: reverse("training:transition", args=[w.session().pk]),
        seen(**EDITORS),
        data=lambda w: {"action": "cancel", "comment": "Hoãn do mưa lớn"},
        measure=lambda w: w.status(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "list an attendee",
        lambda w: reverse("training:attendee_add", args=[w.session().pk]),
        seen(**EDITORS),
        data=lambda w: {"full_name": "Trần Thị Bích", "position": "Bí thư chi bộ", "group": "party"},
        measure=lambda w: w.session().attendees.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove an attendee",
        lambda w: reverse("training:attendee_remove", args=[w.session().pk, w.attendee().pk]),
        seen(**EDITORS),
        data=lambda w: {},
        measure=lambda w: w.session().attendees.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "upload a material",
        lambda w: reverse("training:material_add", args=[w.session().pk]),
        seen(**EDITORS),
        data=lambda w: {"title": "Đề cương", "file": upload("de-cuong.pdf", PDF)},
        measure=lambda w: w.session().materials.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove a material",
        lambda w: reverse("training:material_remove", args=[w.session().pk, w.material().pk]),
        seen(**EDITORS),
        data=lambda w: {},
        measure=lambda w: w.session().materials.count(),
        allowed={"owner", "ancestor"},
    ),
]


@pytest.fixture
def world(owner, tamky):
    return World(owner, tamky)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    url = case.url(world)
    client = all_personas[persona]
    if case.data is None:
        response = client.get(url)
    else:
        data = case.data(world)
        before = case.measure(world)
        response = client.post(url, data)
        after = case.measure(world)
        if persona in case.allowed:
            assert after != before, f"{persona} was allowed but nothing changed"
        else:
            assert after == before, f"{persona} was refused but something changed"
    assert response.status_code == case.expected[persona], (persona, response.status_code)
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith(LOGIN)


def test_every_url_of_the_app_is_in_the_matrix():
    from danvan.training import views

    names = {p.name for p in views.urlpatterns}
    assert names == {
        "list", "export", "new", "detail", "edit", "transition", "attendee_add", "attendee_remove",
        "material_add", "material_remove", "material", "people",
    }  # fmt: skip


# --- what the pages say -------------------------------------------------------------------------------


def test_the_list_shows_the_subtree_and_totals_through_the_metrics(
    personas, owner, stranger, tamky, haichau, city
):
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    ours = make(front, owner, "Tập huấn cho Ban công tác Mặt trận", counts={"village": 30}, held=True)
    planned = make(tamky, owner, "Tập huấn dự kiến", counts={"party": 50})
    theirs = make(haichau, stranger, "Tập huấn phường Hải Châu", counts={"party": 9}, held=True)
    page = personas["owner"].get(reverse("training:list"))
    assert {s.pk for s in page.context["page"]} == {ours.pk, planned.pk}
    totals = {metric.code: value for metric, value in page.context["totals"]}
    assert totals == {
        "training.sessions": 1,
        "training.people_trained": 30,
        "training.model_method_sessions": 1,
    }
    for metric, value in page.context["totals"]:  # the same figures as the registry's
        assert value == registry.get(metric.code).value_for(tamky)
    city_page = personas["ancestor"].get(reverse("training:list"))
    assert {s.pk for s in city_page.context["page"]} == {ours.pk, planned.pk, theirs.pk}
    body = city_page.content.decode()
    assert 'data-testid="total-training.people_trained">39<' in body
    search = personas["ancestor"].get(reverse("training:list"), {"q": "HAI CHAU"})
    assert [s.pk for s in search.context["page"]] == [theirs.pk]
    filtered = personas["ancestor"].get(reverse("training:list"), {"status": "planned", "level": "commune"})
    assert [s.pk for s in filtered.context["page"]] == [planned.pk]
    assert [value for _m, value in filtered.context["totals"]] == [0, 0, 0]
    within = personas["ancestor"].get(reverse("training:list"), {"within": haichau.pk})
    assert [s.pk for s in within.context["page"]] == [theirs.pk]
    assert (
        personas["stranger"]
        .get(reverse("training:list"), {"within": tamky.pk})
        .context["page"]
        .paginator.count
        == 1
    )


def test_the_list_is_paginated(personas, owner, tamky):
    for i in range(30):
        make(tamky, owner, f"Lớp tập huấn số {i}")
    first = personas["owner"].get(reverse("training:list"))
    assert len(first.context["page"]) == 25 and first.context["page"].paginator.num_pages == 2
    second = personas["owner"].get(reverse("training:list"), {"page": 2})
    assert len(second.context["page"]) == 5


def test_a_bad_filter_is_ignored_and_said(personas):
    response = personas["owner"].get(reverse("training:list"), {"year": "abc", "topic": "cooking"})
    assert response.status_code == 200
    assert vi("Some filters were ignored:") in response.content.decode()


def test_the_session_page_shows_attendance_materials_and_history(all_personas, world):
    personas = all_personas
    session = world.session()
    services.transition(session, "hold", actor=world.owner, comment="Đạt yêu cầu")
    body = personas["ancestor"].get(reverse("training:detail", args=[session.pk])).content.decode()
    for text in (
        "Nguyễn Văn An",
        "Bài giảng",
        "Đạt yêu cầu",
        "Hội trường Đảng ủy phường",
        'data-testid="people-count">35<',
    ):
        assert text in body
    pdf = personas["leader"].get(reverse("training:material", args=[world.material().pk]))
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    leader = personas["leader"].get(reverse("training:detail", args=[session.pk])).content.decode()
    assert 'data-testid="edit-link"' not in leader and "attendee-form" not in leader


def test_create_a_planned_session_through_the_form(personas, owner, tamky):
    response = personas["owner"].post(
        reverse("training:new"), {"organizer": tamky.pk, "submit": "planned", **session_form(None)}
    )
    session = TrainingSession.objects.get(title=NEW_TITLE)
    assert response["Location"] == reverse("training:detail", args=[session.pk])
    assert session.status == SessionStatus.PLANNED and session.people_count == 1212
    assert dict(session.counts.values_list("group", "count")) == {"party": 12, "village": 1200}


def test_bad_form_input_says_why_and_changes_nothing(personas, tamky, world):
    before = TrainingSession.objects.count()
    response = personas["owner"].post(
        reverse("training:new"),
        {"organizer": tamky.pk, **session_form(None, held_on="31/02/2026", count_party="-3", title="")},
    )
    assert response.status_code == 200 and TrainingSession.objects.count() == before
    form = response.context["form"]
    assert set(form.errors) == {"title", "held_on", "count_party"}
    refused = personas["owner"].post(
        reverse("training:new"),
        {"organizer": tamky.pk, **session_form(None, held_on="01/05/2024")},
    )
    assert refused.status_code == 200 and TrainingSession.objects.count() == before
    body = refused.content.decode()
    assert vi("%(unit)s was not in force on %(date)s.", unit=tamky.name, date="01/05/2024") in body
    session = world.session()
    cancel = personas["owner"].post(reverse("training:transition", args=[session.pk]), {"action": "cancel"})
    assert cancel.status_code == 302 and world.status() == SessionStatus.PLANNED
    bad_date = personas["owner"].post(
        reverse("training:transition", args=[session.pk]), {"action": "hold", "held_on": "hôm qua"}
    )
    assert bad_date.status_code == 302 and world.status() == SessionStatus.PLANNED
    upload_page = personas["owner"].post(
        reverse("training:material_add", args=[session.pk]), {"file": upload("x.exe", b"MZ\x90\x00")}
    )
    assert upload_page.status_code == 200 and session.materials.count() == 1


def test_the_export_lists_the_filtered_sessions(personas, owner, tamky):
    make(tamky, owner, "Tập huấn đã tổ chức", counts={"party": 7, "village": 3}, held=True)
    make(tamky, owner, "Tập huấn dự kiến", counts={"party": 50})
    response = personas["owner"].get(reverse("training:export"), {"status": "held"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["Tập huấn"].iter_rows(values_only=True))
    header = rows[0]
    assert [r[header.index("Tên hội nghị, lớp tập huấn")] for r in rows[1:]] == ["Tập huấn đã tổ chức"]
    assert rows[1][header.index("Số người được tập huấn")] == 10
    assert rows[1][header.index(vi("Party officers"))] == 7
    about = {r[0]: r[1] for r in book["Thông tin"].iter_rows(values_only=True)}
    assert about[vi("People trained")] == 10
    assert about["Điều kiện lọc"] == (
        f"{vi('Unit and its subordinates')}: {tamky.name}; {vi('Status')}: {vi('Held')}"
    )


def test_the_admin_lists_sessions_and_searches_without_diacritics(admin_user, owner, tamky):
    from tests.conftest import client_for

    make(tamky, owner, "Tập huấn kỹ năng dân vận")
    client = client_for(admin_user)
    url = reverse("admin:training_trainingsession_changelist")
    assert "Tập huấn kỹ năng dân vận" in client.get(url, {"q": "KY NANG"}).content.decode()


def test_the_attendee_select_finds_people_the_user_may_see(personas, world):
    session = world.session()
    url = reverse("training:people", args=[session.pk])
    found = personas["ancestor"].get(url, {"q": "ngoc"}).content.decode()
    assert "Đỗ Thị Ngọc · Đảng ủy phường Hải Châu" in found  # the city sees Hải Châu
    hidden = personas["owner"].get(url, {"q": "ngoc"}).content.decode()
    assert "Đỗ Thị Ngọc" not in hidden and vi("Nobody found with this name") in hidden
    before = personas["owner"].get(url).content.decode()  # no search: the organizer's own people
    assert "Lê Văn Bình · Đảng ủy phường Tam Kỳ" in before and "Hải Châu" not in before
    kept = personas["owner"].get(
        url, {"q": "le van", "person": str(Person.objects.get(full_name="Lê Văn Bình").pk)}
    )
    assert "selected>Lê Văn Bình" in kept.content.decode()
    ngọc = Person.objects.get(full_name="Đỗ Thị Ngọc")
    refused = personas["owner"].post(
        reverse("training:attendee_add", args=[session.pk]), {"person": ngọc.pk, "group": "party"}
    )
    assert refused.status_code == 200 and not session.attendees.filter(person=ngọc).exists()
    listed = personas["ancestor"].post(
        reverse("training:attendee_add", args=[session.pk]), {"person": ngọc.pk}
    )
    assert listed.status_code == 302 and session.attendees.get(person=ngọc).group == "party"
