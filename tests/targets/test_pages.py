"""Every page and form action of targets and scorecards, for each persona; what the pages say; and
their number of queries.

A target of the city applies to every ward: each sees it from its own unit; a target of the Tam Kỳ
ward does not exist for an officer of Hải Châu (404). A seen target refuses the actions a persona
may not take (403) and changes nothing; the anonymous are sent to the login page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgs.models import Unit
from danvan.targets import services
from danvan.targets.models import MilestoneRecord, RateReport, ScorecardScheme, Target, TargetKind
from tests.initiatives.conftest import vi
from tests.targets.conftest import (
    AN_THO,
    TAMKY,
    TAMKY_FRONT,
    coverage,
    rate,
    report,
    self_management,
    target,
    unit,
    unit_type,
    villages,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    owner: object
    ancestor: object
    city: Unit
    objects: dict = field(default_factory=dict)

    def _once(self, key, build):
        if key not in self.objects:
            self.objects[key] = build()
        return self.objects[key]

    def city_target(self) -> Target:
        return self._once(
            "city", lambda: coverage(self.city, self.ancestor, title="100% thôn có mô hình tự quản")
        )

    def ward_target(self) -> Target:
        return self._once(
            "ward", lambda: coverage(unit(TAMKY), self.ancestor, title="100% khối phố có mô hình")
        )

    def rate_target(self) -> Target:
        return self._once("rate", lambda: rate(self.city, self.ancestor, title="Trên 70% hội viên tham gia"))

    def report(self) -> RateReport:
        def build():
            saved = report(self.rate_target(), unit(TAMKY_FRONT), self.owner, 780, 1000)
            return services.attach_evidence(saved, SimpleUploadedFile("bien-ban.pdf", PDF), actor=self.owner)

        return self._once("report", build)

    def milestone_target(self) -> Target:
        return self._once(
            "milestone",
            lambda: target(
                unit(TAMKY), self.ancestor, TargetKind.MILESTONE, goal="2", title="02 tuyến phố văn minh"
            ),
        )

    def record(self) -> MilestoneRecord:
        return self._once(
            "record",
            lambda: services.record_milestone(
                self.milestone_target(),
                unit(AN_THO),
                {"subject": "Tuyến phố Hùng Vương", "reached_on": date(2026, 5, 1)},
                actor=self.owner,
            ),
        )

    def scheme(self) -> ScorecardScheme:
        return self._once(
            "scheme",
            lambda: services.create_scheme(
                self.city,
                {"name": "Bảng điểm năm 2026", "year": 2026, "unit_type": unit_type("party_committee")},
                [
                    {"source": "initiatives.registered", "weight": 60},
                    {"source": "targets.share_met", "weight": 40},
                ],
                actor=self.ancestor,
            ),
        )


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)


def seen(**overrides) -> dict[str, int]:
    """Statuses for something of the city that every ward sees."""
    return {"owner": 200, "ancestor": 200, "stranger": 200, "leader": 200, "anonymous": 302, **overrides}


def ward(**overrides) -> dict[str, int]:
    """Statuses for something of the Tam Kỳ ward."""
    return seen(stranger=404, **overrides)


def target_form(w: World, issuer: Unit, title: str) -> dict:
    return {
        "issuing_unit": issuer.pk,
        "title": title,
        "kind": "coverage",
        "start_year": 2026,
        "end_year": 2026,
        "metric_code": "initiatives.self_management_registered",
        "unit_type": unit_type("village_front_committee").pk,
        "per_unit_minimum": 1,
        "comparison": "gte",
        "goal": "100",
    }


def scheme_form(issuer: Unit | None, name: str) -> dict:
    data = {
        "name": name,
        "year": 2026,
        "items-TOTAL_FORMS": 8,
        "items-INITIAL_FORMS": 0,
        "items-0-source": "initiatives.registered",
        "items-0-weight": "100",
        "items-0-scoring": "relative",
        "items-0-higher_is_better": "1",
    }
    if issuer is not None:
        data["issuing_unit"] = issuer.pk
    return data


MANAGERS = {"owner": 403, "ancestor": 302, "stranger": 403, "leader": 403}

CASES = [
    Case("list", lambda w: reverse("targets:list"), seen()),
    Case(
        "list, filtered",
        lambda w: reverse("targets:list") + "?year=2026&kind=coverage&status=at_risk",
        seen(),
    ),
    Case("list of another unit", lambda w: reverse("targets:list") + f"?unit={unit(TAMKY).pk}", seen()),
    Case("city target", lambda w: reverse("targets:detail", args=[w.city_target().pk]), seen()),
    Case(
        "city target seen from the city",
        lambda w: reverse("targets:detail", args=[w.city_target().pk]) + f"?unit={w.city.pk}",
        seen(owner=404, stranger=404),
    ),
    Case(
        "city target seen from Tam Kỳ",
        lambda w: reverse("targets:detail", args=[w.city_target().pk]) + f"?unit={unit(TAMKY).pk}",
        seen(stranger=404),
    ),
    Case("ward target", lambda w: reverse("targets:detail", args=[w.ward_target().pk]), ward()),
    Case(
        "rate target", lambda w: (w.report(), reverse("targets:detail", args=[w.rate_target().pk]))[1], seen()
    ),
    Case(
        "milestone target",
        lambda w: (w.record(), reverse("targets:detail", args=[w.milestone_target().pk]))[1],
        ward(),
    ),
    Case("new target form", lambda w: reverse("targets:new"), seen(stranger=403, leader=403)),
    Case(
        "edit form",
        lambda w: reverse("targets:edit", args=[w.city_target().pk]),
        seen(owner=403, stranger=403, leader=403),
    ),
    Case("report form", lambda w: reverse("targets:report", args=[w.rate_target().pk]), seen(leader=403)),
    Case("evidence", lambda w: reverse("targets:evidence", args=[w.report().pk]), ward()),
    Case("scorecards", lambda w: reverse("targets:schemes"), seen()),
    Case("new scorecard form", lambda w: reverse("targets:scheme_new"), seen(stranger=403, leader=403)),
    Case("ranking", lambda w: reverse("targets:scheme", args=[w.scheme().pk]), seen(owner=403, stranger=403)),
    Case(
        "scorecard edit form",
        lambda w: reverse("targets:scheme_edit", args=[w.scheme().pk]),
        seen(owner=403, stranger=403, leader=403),
    ),
    Case(
        "a ward's scorecard",
        lambda w: reverse("targets:scheme_unit", args=[w.scheme().pk, unit(TAMKY).pk]),
        ward(),
    ),
    # --- writes ---
    Case(
        "set a target",
        lambda w: reverse("targets:new"),
        seen(owner=302, ancestor=302, stranger=404, leader=403),
        data=lambda w: target_form(w, unit(TAMKY_FRONT), "Mục tiêu của Mặt trận phường"),
        measure=lambda w: Target.objects.filter(issuing_unit=unit(TAMKY_FRONT)).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "edit a target",
        lambda w: reverse("targets:edit", args=[w.city_target().pk]),
        seen(**MANAGERS),
        data=lambda w: {
            **target_form(w, w.city, "100% thôn có mô hình tự quản (sửa)"),
            "reason": "Sửa câu chữ",
        },
        measure=lambda w: Target.objects.get(pk=w.city_target().pk).title,
        allowed={"ancestor"},
    ),
    Case(
        "withdraw a target",
        lambda w: reverse("targets:transition", args=[w.city_target().pk]),
        seen(**MANAGERS),
        data=lambda w: {"action": "withdraw", "comment": "Trùng chỉ tiêu"},
        measure=lambda w: Target.objects.get(pk=w.city_target().pk).in_force,
        allowed={"ancestor"},
    ),
    Case(
        "report a rate",
        lambda w: reverse("targets:report", args=[w.rate_target().pk]),
        seen(owner=302, ancestor=302, stranger=200, leader=403),  # Hải Châu may not pick Tam Kỳ's Front
        data=lambda w: {
            "unit": unit(TAMKY_FRONT).pk,
            "year": 2026,
            "period": "h1",
            "numerator": "1.200",
            "denominator": "1.500",
        },
        measure=lambda w: RateReport.objects.filter(target=w.rate_target()).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "record a milestone",
        lambda w: reverse("targets:milestone_add", args=[w.milestone_target().pk]),
        ward(owner=302, ancestor=302, leader=403),
        data=lambda w: {
            "unit": unit(AN_THO).pk,
            "subject": "Tuyến phố Phan Châu Trinh",
            "reached_on": "02/06/2026",
        },
        measure=lambda w: MilestoneRecord.objects.filter(target=w.milestone_target()).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove a milestone",
        lambda w: reverse("targets:milestone_remove", args=[w.milestone_target().pk, w.record().pk]),
        ward(owner=302, ancestor=302, leader=403),
        data=lambda w: {"comment": "Ghi nhầm"},
        measure=lambda w: MilestoneRecord.objects.filter(target=w.milestone_target()).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "set a scorecard",
        lambda w: reverse("targets:scheme_new"),
        seen(owner=404, ancestor=302, stranger=404, leader=403),
        data=lambda w: scheme_form(w.city, "Bảng điểm mới"),
        measure=lambda w: ScorecardScheme.objects.filter(name="Bảng điểm mới").count(),
        allowed={"ancestor"},
    ),
    Case(
        "edit a scorecard",
        lambda w: reverse("targets:scheme_edit", args=[w.scheme().pk]),
        seen(**MANAGERS),
        data=lambda w: {**scheme_form(None, "Bảng điểm năm 2026 (sửa)"), "reason": "Đổi tên"},
        measure=lambda w: ScorecardScheme.objects.get(pk=w.scheme().pk).name,
        allowed={"ancestor"},
    ),
]


@pytest.fixture
def world(owner, ancestor, city):
    return World(owner, ancestor, city)


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
    from danvan.targets import views

    names = {p.name for p in views.urlpatterns}
    assert names == {
        "list", "new", "detail", "edit", "transition", "report", "evidence", "milestone_add",
        "milestone_remove", "schemes", "scheme_new", "scheme", "scheme_edit", "scheme_unit",
    }  # fmt: skip


# --- what the pages say ---------------------------------------------------------------------------


def test_the_list_shows_goal_actual_status_and_progress(personas, world, owner):
    tgt = world.city_target()
    for village in villages(unit(TAMKY))[:2]:
        self_management(village, owner)
    page = personas["owner"].get(reverse("targets:list"))
    body = page.content.decode()
    [row] = page.context["rows"]
    assert row.target == tgt and row.unit == unit(TAMKY) and (row.numerator, row.denominator) == (2, 4)
    assert tgt.title in body and "≥ 100%" in body and "50%" in body
    assert 'data-testid="progress-bar"' in body and f'data-status="{row.status}"' in body
    city_view = personas["ancestor"].get(reverse("targets:list"))
    assert [r.denominator for r in city_view.context["rows"]] == [15]
    bad = personas["ancestor"].get(reverse("targets:list"), {"year": "hai nghìn", "kind": "bogus"})
    assert set(bad.context["form"].errors) == {"year", "kind"} and len(bad.context["rows"]) == 1
    peek = personas["stranger"].get(reverse("targets:list"), {"unit": unit(TAMKY).pk})
    assert peek.context["unit"] != unit(TAMKY) and peek.context["form"].errors


def test_the_detail_drills_down_to_the_units_that_fall_short(personas, world, owner):
    tgt = world.city_target()
    self_management(villages(unit(TAMKY))[0], owner)
    page = personas["ancestor"].get(reverse("targets:detail", args=[tgt.pk]))
    body = page.content.decode()
    assert page.context["unit"] == world.city
    short = [row.unit for row in page.context["units_short"]]
    assert len(short) == 14 and villages(unit(TAMKY))[0] not in short
    children = {row.unit.name: row for row in page.context["children"]}
    assert children["Đảng ủy phường Tam Kỳ"].short and children["Đảng ủy phường Tam Kỳ"].numerator == 1
    drill = reverse("targets:detail", args=[tgt.pk]) + f"?unit={unit(TAMKY).pk}"
    assert drill in body  # each child opens the target seen from it
    assert "/initiatives/?" in body and f"within={world.city.pk}" in body  # the list behind the figure
    ward_page = personas["ancestor"].get(drill)
    assert ward_page.context["result"].denominator == 4
    assert [u.name for u in ward_page.context["chain"]] == ["Thành ủy Đà Nẵng", "Đảng ủy phường Tam Kỳ"]


def test_a_rate_lists_reports_and_silent_units(personas, world):
    world.report()
    page = personas["ancestor"].get(reverse("targets:detail", args=[world.rate_target().pk]))
    body = page.content.decode()
    assert [r.pk for r in page.context["reports"].rows] == [world.report().pk]
    assert reverse("targets:evidence", args=[world.report().pk]) in body
    silent = [row.unit.name for row in page.context["not_reported"].paginator.object_list]
    assert TAMKY_FRONT not in silent and "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu" in silent
    assert (
        page.context["not_reported"].paginator.count > 50 and len(page.context["not_reported"]) == 50
    )  # paged


def test_bad_report_input_changes_nothing_and_says_why(personas, world):
    url = reverse("targets:report", args=[world.rate_target().pk])
    data = {
        "unit": unit(TAMKY_FRONT).pk,
        "year": 2026,
        "period": "h1",
        "numerator": "1.600",
        "denominator": "1.500",
    }
    page = personas["owner"].post(url, data)
    assert page.status_code == 200 and not RateReport.objects.exists()
    assert vi("It cannot exceed the total number.") in page.content.decode()
    page = personas["owner"].post(url, {**data, "numerator": "mười"})
    assert page.status_code == 200 and not RateReport.objects.exists()


def test_bad_target_input_changes_nothing_and_says_why(personas, world):
    data = {**target_form(world, world.city, "Chỉ tiêu sai"), "goal": "150"}
    page = personas["ancestor"].post(reverse("targets:new"), data)
    assert page.status_code == 200 and not Target.objects.filter(title="Chỉ tiêu sai").exists()
    assert vi("The goal of a coverage or rate target is a share: at most 100%.") in page.content.decode()
    page = personas["ancestor"].post(reverse("targets:new"), {**data, "goal": "bảy mươi"})
    assert page.status_code == 200 and not Target.objects.filter(title="Chỉ tiêu sai").exists()


def test_a_milestone_from_the_page(personas, world):
    tgt = world.milestone_target()
    url = reverse("targets:milestone_add", args=[tgt.pk])
    response = personas["owner"].post(
        url, {"unit": unit(AN_THO).pk, "subject": "Tuyến phố Lê Lợi", "reached_on": "01/06/2026"}
    )
    assert response.status_code == 302 and MilestoneRecord.objects.get().subject == "Tuyến phố Lê Lợi"
    again = personas["owner"].post(
        url, {"unit": unit(AN_THO).pk, "subject": "Tuyến phố Lê Lợi", "reached_on": "01/06/2026"}
    )
    assert again.status_code == 200 and MilestoneRecord.objects.count() == 1
    page = personas["owner"].get(reverse("targets:detail", args=[tgt.pk]))
    assert "Tuyến phố Lê Lợi" in page.content.decode() and page.context["result"].actual == 1


def test_the_scorecard_pages(personas, world, owner):
    from tests.initiatives.conftest import make

    make(unit(TAMKY), owner, "Mô hình của phường")
    scheme = world.scheme()
    ranking = personas["ancestor"].get(reverse("targets:scheme", args=[scheme.pk]))
    assert ranking.context["ranking"].rows[0].unit == unit(TAMKY)
    assert len(ranking.context["page"]) == 50 and ranking.context["page"].paginator.count == 93
    card = personas["owner"].get(reverse("targets:scheme_unit", args=[scheme.pk, unit(TAMKY).pk]))
    assert card.context["row"].rank == 1 and card.context["row"].score == 60
    assert "/api/v1/metrics/values?" in card.content.decode()
    listing = personas["owner"].get(reverse("targets:schemes"))
    assert reverse("targets:scheme_unit", args=[scheme.pk, unit(TAMKY).pk]) in listing.content.decode()


# --- queries ---------------------------------------------------------------------------------------


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow_villages(count: int) -> None:
    for front_name in (TAMKY_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu"):
        front = unit(front_name)
        for i in range(count):
            Unit.objects.add_child(
                front,
                instance=Unit(
                    name=f"Ban công tác Mặt trận tổ {i}",
                    unit_type=unit_type("village_front_committee"),
                    area=front.area,
                ),
            )


def test_pages_run_the_same_queries_whatever_the_number_of_units(personas, world):
    tgt, rate_target = world.city_target(), world.rate_target()
    world.report()
    urls = [
        reverse("targets:list"),
        reverse("targets:detail", args=[tgt.pk]),
        reverse("targets:detail", args=[rate_target.pk]),
        reverse("targets:scheme", args=[world.scheme().pk]),
    ]
    client = personas["ancestor"]
    before = [queries(client, url) for url in urls]
    _grow_villages(30)
    assert [queries(client, url) for url in urls] == before


def test_the_list_costs_a_constant_number_of_queries_per_target(personas, world, ancestor, city):
    client = personas["ancestor"]
    world.city_target()
    one = queries(client, reverse("targets:list"))
    for i in range(4):
        coverage(city, ancestor, title=f"Chỉ tiêu thêm {i}")
    five = queries(client, reverse("targets:list"))
    assert five - one <= 4 * 5
