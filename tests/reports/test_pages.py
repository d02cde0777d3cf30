"""Every page and every form action of periodic reports, for each persona, and what the pages say.

Tam Kỳ's report does not exist for an officer of Hải Châu (404); a seen report refuses the actions
a persona may not take (403) and changes nothing; the anonymous are sent to the login page; allowed
actions redirect and change the database exactly as asked. Bad input is told in Vietnamese and
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from danvan.orgs.models import Unit, UnitType
from danvan.reports import services
from danvan.reports.models import Correction, Period, Regime, Report, ReportEvent
from danvan.reports.workflow import ReportStatus
from tests.conftest import client_for
from tests.reports.conftest import RESULTS, accepted, submitted, write

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]
TAMKY = "Đảng ủy phường Tam Kỳ"
HAICHAU = "Đảng ủy phường Hải Châu"
PEOPLE = "training.people_trained"


def vi(msgid: str, **params) -> str:
    """A message as the Vietnamese UI says it (whether or not the catalogue has it yet)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def shown(msgid: str, **params) -> str:
    """The same message as a page prints it (HTML-escaped)."""
    return escape(vi(msgid, **params))


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def all_personas(personas, leader):
    return {**personas, "leader": client_for(leader)}


@dataclass
class World:
    """The city's quarterly regime, its fourth quarter of 2026 and the reports built on demand."""

    regime: Regime
    period: Period
    report: Report  # Tam Kỳ's
    summary: Report  # the city's
    owner: object
    ancestor: object
    built: set = field(default_factory=set)

    def status(self, report=None) -> str:
        return Report.objects.get(pk=(report or self.report).pk).status

    def written(self) -> Report:
        if "written" not in self.built:
            write(self.report, self.owner)
            self.built.add("written")
        return self.report

    def submitted(self) -> Report:
        if "submitted" not in self.built:
            submitted(self.report, self.owner)
            self.built |= {"written", "submitted"}
        return self.report

    def corrected(self) -> Report:
        if "corrected" not in self.built:
            services.correct(
                self.report, PEOPLE, 120, actor=self.owner, reason="Thiếu số liệu hội nghị trực tuyến"
            )
            self.built.add("corrected")
        return self.report

    def summary_written(self) -> Report:
        if "summary" not in self.built:
            write(self.summary, self.ancestor, "Thành phố đã tổng hợp kết quả của các phường, xã.")
            self.built.add("summary")
        return self.summary

    def corrections(self) -> list:
        return sorted(Correction.objects.filter(report=self.report).values_list("key", "value", "reason"))


@pytest.fixture
def world(regime, period, report, summary, owner, ancestor):
    return World(regime, period, report, summary, owner, ancestor)


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)
    setup: Callable[[World], object] | None = None


def seen(**overrides) -> dict[str, int]:
    """Statuses for Tam Kỳ's report: seen by its ward, the city's officers and the city's leader."""
    return {"owner": 200, "ancestor": 200, "stranger": 404, "leader": 200, "anonymous": 302, **overrides}


def city_only(**overrides) -> dict[str, int]:
    """Statuses for what belongs to the city: neither ward sees it."""
    return seen(**{"owner": 404, **overrides})


def everyone(**overrides) -> dict[str, int]:
    return seen(**{"stranger": 200, **overrides})


def regime_count(w) -> int:
    return Regime.objects.count()


def report_url(name: str):
    return lambda w: reverse(name, args=[w.report.pk])


def summary_url(name: str):
    return lambda w: reverse(name, args=[w.summary.pk])


REGIME_FORM = {
    "name": "Báo cáo sơ kết 5 năm phong trào “Dân vận khéo”",
    "basis": "Kế hoạch số 20-KH/TU",
    "report_type": "mid_term",
    "cutoff_day": "",
    "due_working_days": "5",
    "due_day_of_month": "",
}


def regime_form(w, **extra) -> dict:
    party = UnitType.objects.get(code="party_committee")
    return {**REGIME_FORM, "reporter_types": [party.pk], **extra}


CASES = [
    Case("list", lambda w: reverse("reports:list"), everyone()),
    Case(
        "list, filtered",
        lambda w: (
            reverse("reports:list")
            + "?report_type=quarterly&year=2026&status=draft&late=on&period=Qu%C3%BD+IV+n%C4%83m+2026"
        ),
        everyone(),
    ),
    Case("periods", lambda w: reverse("reports:periods"), everyone()),
    Case("period's page", lambda w: reverse("reports:period", args=[w.period.pk]), everyone()),
    Case("regimes", lambda w: reverse("reports:regimes"), everyone()),
    Case("new regime form", lambda w: reverse("reports:regime_new"), everyone(stranger=403, leader=403)),
    Case("regime's page", lambda w: reverse("reports:regime", args=[w.regime.pk]), city_only()),
    Case(
        "regime edit form",
        lambda w: reverse("reports:regime_edit", args=[w.regime.pk]),
        city_only(leader=403),
    ),
    Case("report's page", report_url("reports:detail"), seen()),
    Case("report edit form", report_url("reports:edit"), seen(leader=403)),
    Case("summary report's page", summary_url("reports:detail"), city_only()),
    Case("summary report edit form", summary_url("reports:edit"), city_only(leader=403)),
    Case("download (DOCX)", lambda w: reverse("reports:export", args=[w.report.pk, "docx"]), seen()),
    # --- writes ---
    Case(
        "create a regime",
        lambda w: reverse("reports:regime_new"),
        # the ward's officer may set regimes for the ward's Front only: the city is refused as input
        everyone(owner=200, ancestor=302, stranger=403, leader=403),
        data=lambda w: {"issuing_unit": w.regime.issuing_unit_id, **regime_form(w)},
        measure=regime_count,
        allowed={"ancestor"},
    ),
    Case(
        "edit a regime",
        lambda w: reverse("reports:regime_edit", args=[w.regime.pk]),
        city_only(ancestor=302, leader=403),
        data=lambda w: {
            **regime_form(w, report_type="quarterly", cutoff_day="14", due_working_days="3"),
            "active": "on",
            "reason": "Kéo dài hạn nộp",
        },
        measure=lambda w: Regime.objects.get(pk=w.regime.pk).due_working_days,
        allowed={"ancestor"},
    ),
    Case(
        "open a period",
        lambda w: reverse("reports:period_open", args=[w.regime.pk]),
        city_only(ancestor=302, leader=403),
        data=lambda w: {"year": "2026", "number": "3"},
        measure=lambda w: w.regime.periods.count(),
        allowed={"ancestor"},
    ),
    Case(
        "write the report",
        report_url("reports:edit"),
        seen(owner=302, ancestor=302, leader=403),
        data=lambda w: {"results": RESULTS, "number": "15", "issuer_code": "ĐU", "dated_on": "05/12/2026"},
        measure=lambda w: Report.objects.get(pk=w.report.pk).results,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "correct a figure",
        report_url("reports:correct"),
        seen(owner=302, ancestor=302, leader=403),
        data=lambda w: {"key": PEOPLE, "value": "1.200", "reason": "Bổ sung số liệu hội nghị trực tuyến"},
        measure=lambda w: w.corrections(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove a correction",
        report_url("reports:correct"),
        seen(owner=302, ancestor=302, leader=403),
        setup=lambda w: w.corrected(),
        data=lambda w: {"key": PEOPLE, "remove": "1", "reason": "Số liệu đã được nhập đủ"},
        measure=lambda w: w.corrections(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "submit",
        report_url("reports:transition"),
        seen(owner=302, ancestor=302, leader=403),
        setup=lambda w: w.written(),
        data=lambda w: {"action": "submit", "comment": ""},
        measure=lambda w: w.status(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "return",
        report_url("reports:transition"),
        seen(owner=403, ancestor=302, leader=403),
        setup=lambda w: w.submitted(),
        data=lambda w: {"action": "return", "comment": "Bổ sung kết quả ở các khối phố"},
        measure=lambda w: w.status(),
        allowed={"ancestor"},
    ),
    Case(
        "accept",
        report_url("reports:transition"),
        seen(owner=403, ancestor=302, leader=403),
        setup=lambda w: w.submitted(),
        data=lambda w: {"action": "accept", "comment": ""},
        measure=lambda w: w.status(),
        allowed={"ancestor"},
    ),
    Case(
        "issue the summary report",
        summary_url("reports:transition"),
        city_only(ancestor=302, leader=403),
        setup=lambda w: w.summary_written(),
        data=lambda w: {"action": "issue", "comment": ""},
        measure=lambda w: w.status(w.summary),
        allowed={"ancestor"},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    if case.setup is not None:
        case.setup(world)
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
    from danvan.reports import urls

    names = {p.name for p in urls.urlpatterns}
    assert names == {
        "list", "periods", "period", "regimes", "regime_new", "regime", "regime_edit", "period_open",
        "detail", "edit", "correct", "transition", "export",
    }  # fmt: skip


def test_the_nav_leads_to_the_reports(personas):
    body = html(personas["owner"].get(reverse("home")))
    assert f'href="{reverse("reports:list")}" data-testid="nav-reports"' in body
    page = personas["owner"].get(reverse("reports:list"))
    assert 'nav-link active" href="/reports/"' in html(page)


# --- the list of reports ---------------------------------------------------------------------------


def ids(response) -> list[int]:
    return [r.pk for r in response.context["page"]]


def test_the_list_shows_the_reports_of_the_subtree(personas, world, tamky, haichau):
    owner = personas["owner"].get(reverse("reports:list"))
    assert ids(owner) == [world.report.pk]
    body = html(owner)
    assert TAMKY in body and "Quý IV năm 2026" in body and world.period.due_on.strftime("%d/%m/%Y") in body
    city = personas["ancestor"].get(reverse("reports:list"))
    page = city.context["page"]
    assert page.paginator.count == 94 and len(page) == 25  # 93 wards and communes, and the city's summary
    assert page[0].pk == world.summary.pk  # the summary report first, then the units by name
    assert personas["stranger"].get(reverse("reports:list")).context["page"].paginator.count == 1
    within = personas["ancestor"].get(reverse("reports:list"), {"within": haichau.pk})
    assert [r.unit.name for r in within.context["page"]] == [HAICHAU]
    # a ward officer choosing a unit outside their subtree gets an ignored filter, not its reports
    outside = personas["owner"].get(reverse("reports:list"), {"within": haichau.pk})
    assert ids(outside) == [world.report.pk]
    assert shown("Some filters were ignored:") in html(outside)


def test_the_list_is_paginated_and_keeps_its_filters(personas, world):
    first = personas["ancestor"].get(reverse("reports:list"), {"status": "draft"})
    assert first.context["page"].paginator.num_pages == 4
    assert "?status=draft&amp;page=2" in html(first)
    last = personas["ancestor"].get(reverse("reports:list"), {"status": "draft", "page": 4})
    assert len(last.context["page"]) == 94 - 75


def test_the_list_filters_by_status_period_type_year_and_lateness(personas, world, owner, ancestor):
    submitted(world.report, owner)
    older = services.open_period(world.regime, actor=ancestor, year=2026, number=1)  # due in March: late
    get = lambda **q: personas["ancestor"].get(reverse("reports:list"), q)  # noqa: E731
    assert ids(get(status="submitted")) == [world.report.pk]
    assert get(status="missing").context["page"].paginator.count == 94 * 2 - 1
    assert get(period="Quý I năm 2026").context["page"].paginator.count == 94
    assert get(report_type="annual").context["page"].paginator.count == 0
    assert get(year="2025").context["page"].paginator.count == 0
    late = get(late="on")
    assert (
        late.context["page"].paginator.count == 93
    )  # the first quarter, never submitted, overdue (a summary is never late)
    assert {r.period_id for r in late.context["page"]} == {older.pk}
    assert 'data-testid="late"' in html(late)
    current = get()  # the current quarter before the older one
    assert current.context["page"][0].period_id == world.period.pk


def test_a_bad_filter_is_ignored_and_said(personas, world):
    response = personas["ancestor"].get(
        reverse("reports:list"), {"year": "abc", "status": "lost", "period": "x"}
    )
    assert response.status_code == 200 and response.context["page"].paginator.count == 94
    assert shown("Some filters were ignored:") in html(response)


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_the_lists_run_a_constant_number_of_queries(personas, world, owner, ancestor):
    urls = [
        (personas["owner"], reverse("reports:list")),
        (personas["ancestor"], reverse("reports:list") + "?status=missing"),
        (personas["ancestor"], reverse("reports:periods")),
        (personas["ancestor"], reverse("reports:regimes")),
        (personas["ancestor"], reverse("reports:period", args=[world.period.pk])),
        (personas["stranger"], reverse("reports:period", args=[world.period.pk])),
        (personas["owner"], reverse("reports:periods")),
    ]
    few = [queries(client, url) for client, url in urls]
    for number in (1, 2, 3):
        services.open_period(world.regime, actor=ancestor, year=2026, number=number)
    services.create_regime(
        world.regime.issuing_unit,
        {**REGIME_FORM, "reporter_types": [UnitType.objects.get(code="party_committee")]},
        actor=ancestor,
    )
    submitted(world.report, owner)
    assert personas["owner"].get(reverse("reports:list")).context["page"].paginator.count == 4
    assert [queries(client, url) for client, url in urls] == few


# --- periods ---------------------------------------------------------------------------------------


def test_the_period_page_shows_the_window_the_rates_and_the_reports(
    personas, world, owner, ancestor, stranger
):
    reports = {r.unit.name: r for r in world.period.reports.select_related("unit")}
    accepted(world.report, owner, ancestor)
    hai_chau = reports[HAICHAU]
    submitted(hai_chau, stranger)
    services.transition(hai_chau, "return", actor=ancestor, comment="Bổ sung số liệu")
    url = reverse("reports:period", args=[world.period.pk])
    response = personas["ancestor"].get(url)
    rates = response.context["rates"]
    assert rates["expected"] == 93 and rates["submitted"] == 2 and rates["on_time"] == 2
    assert rates["accepted"] == 1 and rates["returned"] == 1 and rates["missing"] == 91
    assert rates["submitted_share"] == 2.2 and rates["missing_share"] == 97.8
    body = html(response)
    assert "15/09/2026 → 14/12/2026" in body
    assert world.period.due_on.strftime("%d/%m/%Y") in body
    assert 'data-testid="rate-submitted">2<' in body and "2,2%" in body
    assert reverse("reports:detail", args=[world.summary.pk]) in body
    page = response.context["reports"]
    assert page.paginator.count == 93 and len(page) == 50  # paginated for national scale
    returned = personas["ancestor"].get(url, {"status": "returned"})
    assert [r.pk for r in returned.context["reports"]] == [hai_chau.pk]
    missing = personas["ancestor"].get(url, {"status": "missing"})
    assert missing.context["reports"].paginator.count == 91
    # the other ward sees its own report, neither Tam Kỳ's nor the city's rates or summary
    theirs = personas["stranger"].get(url)
    assert [r.pk for r in theirs.context["reports"]] == [hai_chau.pk]
    assert theirs.context["rates"] is None and theirs.context["summary"] is None
    assert TAMKY not in html(theirs)


def test_the_list_of_periods_shows_their_rates(personas, world, owner):
    submitted(world.report, owner)
    response = personas["ancestor"].get(reverse("reports:periods"))
    [period] = response.context["page"]
    assert period.rates["submitted"] == 1 and period.rates["expected"] == 93 and period.sees_all
    assert "1/93" in html(response)
    ward = personas["owner"].get(reverse("reports:periods"))
    [period] = ward.context["page"]
    assert not period.sees_all and "1/93" not in html(ward)


# --- regimes ----------------------------------------------------------------------------------------


def test_a_regime_is_set_through_the_form_and_a_review_period_opened(personas, world, city):
    response = personas["ancestor"].post(
        reverse("reports:regime_new"), {"issuing_unit": city.pk, **regime_form(world)}
    )
    regime = Regime.objects.get(name=REGIME_FORM["name"])
    assert response["Location"] == reverse("reports:regime", args=[regime.pk])
    assert regime.issuing_unit == city and regime.due_working_days == 5 and regime.cutoff_day is None
    page = html(personas["ancestor"].get(response["Location"]))
    assert 'name="label"' in page and 'name="number"' not in page  # a review: dates and a name
    opened = personas["ancestor"].post(
        reverse("reports:period_open", args=[regime.pk]),
        {
            "label": "Sơ kết 5 năm 2021–2026",
            "start": "01/01/2021",
            "end": "30/11/2026",
            "due_on": "20/12/2026",
        },
    )
    period = regime.periods.get()
    assert opened["Location"] == reverse("reports:period", args=[period.pk])
    assert (period.start, period.end, period.due_on) == (
        date(2021, 1, 1),
        date(2026, 11, 30),
        date(2026, 12, 20),
    )
    assert period.reports.count() == 94


def test_bad_regime_input_says_why_and_changes_nothing(personas, world, city):
    before = Regime.objects.count()
    empty = personas["ancestor"].post(
        reverse("reports:regime_new"),
        {"issuing_unit": city.pk, **regime_form(world, name="", reporter_types=[])},
    )
    assert empty.status_code == 200 and Regime.objects.count() == before
    assert set(empty.context["form"].errors) == {"name", "reporter_types"}
    both = personas["ancestor"].post(
        reverse("reports:regime_new"),
        {"issuing_unit": city.pk, **regime_form(world, cutoff_day="31")},
    )
    assert both.status_code == 200 and Regime.objects.count() == before
    assert shown("The cut-off day must be between 1 and 28.") in html(both)
    edit = personas["ancestor"].post(
        reverse("reports:regime_edit", args=[world.regime.pk]),
        {
            **regime_form(world, report_type="quarterly", cutoff_day="14", due_working_days="9"),
            "active": "on",
        },
    )
    assert edit.status_code == 200 and Regime.objects.get(pk=world.regime.pk).due_working_days == 2
    assert shown("Give a reason for the change.") in html(edit)
    changed_type = personas["ancestor"].post(
        reverse("reports:regime_edit", args=[world.regime.pk]),
        {**regime_form(world, report_type="annual"), "active": "on", "reason": "Đổi loại"},
    )
    assert (
        changed_type.status_code == 200 and Regime.objects.get(pk=world.regime.pk).report_type == "quarterly"
    )
    assert shown("The report type cannot change once a period has been opened.") in html(changed_type)


def test_bad_period_input_says_why_and_opens_nothing(personas, world):
    url = reverse("reports:period_open", args=[world.regime.pk])
    before = Period.objects.count()
    fifth = personas["ancestor"].post(url, {"year": "2026", "number": "5"})
    assert fifth.status_code == 200 and Period.objects.count() == before
    assert 'id="open"' in html(fifth) and "invalid-feedback" in html(fifth)
    again = personas["ancestor"].post(url, {"year": "2026", "number": "4"})
    assert again.status_code == 200 and Period.objects.count() == before
    assert shown("%(period)s has already been opened.", period="Quý IV năm 2026") in html(again)
    early = personas["ancestor"].post(url, {"year": "2026", "number": "3", "due_on": "01/09/2026"})
    assert early.status_code == 200 and Period.objects.count() == before
    assert shown("The due date cannot be before the end of the period's data.") in html(early)
    bad_date = personas["ancestor"].post(url, {"year": "2026", "number": "3", "due_on": "31/02/2026"})
    assert bad_date.status_code == 200 and Period.objects.count() == before


def test_a_regime_no_longer_in_force_offers_no_period(personas, world, ancestor):
    services.update_regime(world.regime, {"active": False}, actor=ancestor, reason="Thay bằng chế độ mới")
    page = html(personas["ancestor"].get(reverse("reports:regime", args=[world.regime.pk])))
    assert 'data-testid="open-period-form"' not in page and "Thay bằng chế độ mới" in page
    refused = personas["ancestor"].post(
        reverse("reports:period_open", args=[world.regime.pk]), {"year": "2026", "number": "3"}
    )
    assert refused.status_code == 200 and world.regime.periods.count() == 1
    assert shown("This reporting regime is no longer in force.") in html(refused)


# --- a report ---------------------------------------------------------------------------------------


def test_the_report_page_shows_header_figures_corrections_and_log(all_personas, world, owner):
    services.update_report(
        world.report,
        {"number": 15, "issuer_code": "ĐU", "signer_name": "Ngô Văn Sơn", "results": RESULTS},
        actor=owner,
    )
    world.corrected()
    response = all_personas["ancestor"].get(reverse("reports:detail", args=[world.report.pk]))
    body = html(response)
    assert "15-BC/ĐU" in body and TAMKY in body and "15/09/2026 → 14/12/2026" in body
    assert RESULTS in body and "Ngô Văn Sơn" in body
    row = body.split(f'data-key="{PEOPLE}"')[1].split("</tr>")[0]
    assert "<del" in row and ">120<" in row and "Thiếu số liệu hội nghị trực tuyến" in row
    for fmt in ("docx", "xlsx", "pdf"):
        assert f'href="/reports/{world.report.pk}/export/{fmt}/"' in body
    assert 'data-testid="transition-submit"' in body  # the city's officers may also write it
    assert [e.action for e in response.context["events"]] == ["create", "correct"]
    leader = html(all_personas["leader"].get(reverse("reports:detail", args=[world.report.pk])))
    assert "transition-" not in leader and 'data-testid="edit-link"' not in leader
    assert 'data-testid="docx-link"' in leader


def test_vietnamese_numbers_on_the_page(personas, world, owner):
    services.correct(world.report, PEOPLE, "12.500", actor=owner, reason="Bổ sung")
    services.correct(world.report, "funding.spent", 2_500_000, actor=owner, reason="Chi hỗ trợ khu dân cư")
    body = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert ">12.500<" in body and "2.500.000\u00a0đ" in body


def test_return_shows_the_comment_to_the_ward_which_resubmits(personas, world, owner, ancestor):
    world.submitted()
    url = reverse("reports:transition", args=[world.report.pk])
    refused = personas["ancestor"].post(url, {"action": "return", "comment": " "})
    assert refused.status_code == 302 and world.status() == ReportStatus.SUBMITTED
    follow = personas["ancestor"].get(reverse("reports:detail", args=[world.report.pk]))
    assert shown("Give a reason for “%(action)s”.", action=vi("Return for revision")) in html(follow)
    personas["ancestor"].post(url, {"action": "return", "comment": "Bổ sung kết quả ở các khối phố"})
    assert world.status() == ReportStatus.RETURNED
    page = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert 'data-testid="return-comment"' in page and "Bổ sung kết quả ở các khối phố" in page
    assert 'data-testid="transition-submit"' in page and 'data-testid="edit-link"' in page
    personas["owner"].post(
        reverse("reports:edit", args=[world.report.pk]),
        {"results": RESULTS + " Đã bổ sung.", "reason": "Bổ sung"},
    )
    personas["owner"].post(url, {"action": "submit"})
    assert world.status() == ReportStatus.SUBMITTED
    personas["ancestor"].post(url, {"action": "accept", "comment": "Đạt yêu cầu"})
    assert world.status() == ReportStatus.ACCEPTED
    done = personas["owner"].get(reverse("reports:detail", args=[world.report.pk]))
    assert [e.action for e in done.context["events"]] == ["create", "submit", "return", "submit", "accept"]
    assert done.context["actions"] == [] and not done.context["can_edit"]
    assert "Đạt yêu cầu" in html(done) and 'data-testid="return-comment"' not in html(done)


def test_unknown_or_misplaced_actions_change_nothing(personas, world):
    url = reverse("reports:transition", args=[world.report.pk])
    unknown = personas["owner"].post(url, {"action": "publish"})
    assert unknown.status_code == 302 and world.status() == ReportStatus.DRAFT
    no_results = personas["owner"].post(url, {"action": "submit"})
    assert no_results.status_code == 302 and world.status() == ReportStatus.DRAFT
    body = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert shown("Write the results achieved before submitting the report.") in body
    issue = personas["ancestor"].post(url, {"action": "issue"})  # a ward's report is not issued
    assert issue.status_code == 302 and world.status() == ReportStatus.DRAFT
    too_long = personas["ancestor"].post(
        reverse("reports:transition", args=[world.submitted().pk]),
        {"action": "return", "comment": "x" * 5001},
    )
    assert too_long.status_code == 302 and world.status() == ReportStatus.SUBMITTED


def test_a_frozen_report_shows_what_changed_in_the_data_since(personas, world, owner, tamky):
    from danvan.training import services as training
    from danvan.training.models import TrainingTopic

    world.submitted()
    body = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert 'data-testid="changes"' not in body and 'data-testid="frozen-note"' in body
    training.create_session(
        tamky,
        {"title": "Tập huấn kỹ năng dân vận", "topic": TrainingTopic.SKILLS, "held_on": date(2026, 11, 20)},
        actor=owner,
        counts={"party": 40},
        held=True,
    )
    response = personas["owner"].get(reverse("reports:detail", args=[world.report.pk]))
    body = html(response)
    assert 'data-testid="changes"' in body
    change = next(c for c in response.context["changes"] if c["key"] == PEOPLE)
    assert change["live"] == change["frozen"] + 40
    figures = {f["key"]: f["value"] for s in response.context["sections"] for f in s["figures"]}
    assert figures[PEOPLE] == change["frozen"]  # the report keeps what it said


def test_the_summary_report_rolls_up_the_wards(personas, world, owner, ancestor):
    accepted(world.report, owner, ancestor)
    response = personas["ancestor"].get(reverse("reports:detail", args=[world.summary.pk]))
    rollup = response.context["rollup"]
    assert rollup["expected"] == 93 and rollup["accepted"] == 1 and len(rollup["missing"]) == 92
    assert TAMKY not in rollup["missing"] and HAICHAU in rollup["missing"]
    body = html(response)
    assert 'data-testid="rollup-missing"' in body and f'data-unit="{TAMKY}" data-status="accepted"' in body
    assert response.context["rollup_rows"].paginator.num_pages == 2  # 93 rows, 50 a page
    second = personas["ancestor"].get(reverse("reports:detail", args=[world.summary.pk]), {"rollup": 2})
    assert len(second.context["rollup_rows"]) == 43
    assert [t["key"] for t in response.context["sections"]] == ["models", "training", "funding"]
    assert 'data-testid="transition-issue"' in body
    tamky_page = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert 'data-testid="summary-link"' not in tamky_page  # the ward does not see the city's summary


def test_appendices_show_the_first_rows_and_the_count(personas, world):
    data = services.live_data(world.report)
    field_rows = [{"key": "initiatives.registered/field/1", "label": "Kinh tế", "value": 2}]
    data["breakdowns"][0]["rows"] = field_rows
    data["appendices"]["registered"] = {
        "total": 130,
        "rows": [[f"Mô hình số {i}", TAMKY, "Kinh tế", "Mô hình", 2026, "Đăng ký"] for i in range(130)],
    }
    Report.objects.filter(pk=world.report.pk).update(
        snapshot=data, status=ReportStatus.SUBMITTED, snapshot_at=timezone.now()
    )
    response = personas["owner"].get(reverse("reports:detail", args=[world.report.pk]))
    [registered] = [a for a in response.context["appendices"] if a["key"] == "registered"]
    assert registered["total"] == 130 and len(registered["rows"]) == 50 and registered["more"] == 80
    body = html(response)
    assert "Mô hình số 49" in body and "Mô hình số 50" not in body
    assert 'data-testid="appendix-registered"' in body
    assert 'data-key="initiatives.registered/field/1"><td>Kinh tế</td>' in body  # a breakdown cell


# --- writing a report and correcting its figures ---------------------------------------------------


def test_the_report_is_written_through_the_form(personas, world):
    url = reverse("reports:edit", args=[world.report.pk])
    page = personas["owner"].get(url)
    assert 'data-testid="report-form"' in html(page) and f'data-key="{PEOPLE}"' in html(page)
    response = personas["owner"].post(
        url,
        {
            "results": RESULTS,
            "shortcomings": "Một số chi bộ đăng ký mô hình còn chậm.",
            "number": "15",
            "issuer_code": "ĐU",
            "dated_on": "05/12/2026",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_position": "BÍ THƯ",
            "signer_name": "Ngô Văn Sơn",
            "recipients": "Ban Tuyên giáo và Dân vận Thành ủy\nLưu Văn phòng",
            "reason": "Viết báo cáo",
        },
    )
    assert response["Location"] == reverse("reports:detail", args=[world.report.pk])
    report = Report.objects.get(pk=world.report.pk)
    assert report.results == RESULTS and report.symbol == "15-BC/ĐU" and report.dated_on == date(2026, 12, 5)
    assert report.history.first().history_change_reason == "Viết báo cáo"


def test_bad_report_input_says_why_and_changes_nothing(personas, world, owner, ancestor):
    url = reverse("reports:edit", args=[world.report.pk])
    bad = personas["owner"].post(url, {"results": "Mới", "number": "abc", "dated_on": "31/02/2026"})
    assert bad.status_code == 200 and Report.objects.get(pk=world.report.pk).results == ""
    assert set(bad.context["form"].errors) == {"number", "dated_on"}
    code = personas["owner"].post(url, {"results": "Mới", "issuer_code": "Đ U!"})
    assert code.status_code == 200 and Report.objects.get(pk=world.report.pk).results == ""
    assert shown("The issuer abbreviation is written in letters and digits, e.g. ĐU.") in html(code)
    other = world.period.reports.get(unit__name=HAICHAU)
    services.update_report(other, {"number": 15, "issuer_code": "ĐU"}, actor=ancestor)
    clash = personas["ancestor"].post(
        reverse("reports:edit", args=[other.pk]), {"number": "15", "issuer_code": "ĐU", "results": "x"}
    )
    assert clash.status_code == 302  # another unit may use the same number
    world.submitted()
    late = personas["owner"].post(url, {"results": "Sửa sau khi gửi"})
    assert late.status_code == 302 and Report.objects.get(pk=world.report.pk).results == RESULTS
    said = html(personas["owner"].get(reverse("reports:detail", args=[world.report.pk])))
    assert (
        shown("The report is %(status)s: it can no longer be changed.", status=vi("Submitted").lower())
        in said
    )
    form = personas["owner"].get(url)
    assert form.status_code == 302


def test_a_figure_is_corrected_with_a_reason_and_the_correction_removed(personas, world):
    url = reverse("reports:correct", args=[world.report.pk])
    done = personas["owner"].post(
        url, {"key": PEOPLE, "value": "1.200", "reason": "Bổ sung hội nghị trực tuyến"}
    )
    assert done["Location"] == reverse("reports:edit", args=[world.report.pk]) + "#figures"
    [(key, value, reason)] = world.corrections()
    assert (key, value, reason) == (PEOPLE, 1200, "Bổ sung hội nghị trực tuyến")
    edit = html(personas["owner"].get(reverse("reports:edit", args=[world.report.pk])))
    assert 'data-testid="remove-correction-form"' in edit and "1.200" in edit
    personas["owner"].post(url, {"key": PEOPLE, "remove": "1", "reason": "Đã nhập đủ"})
    assert world.corrections() == []
    assert [e.action for e in ReportEvent.objects.filter(report=world.report)] == [
        "create",
        "correct",
        "uncorrect",
    ]


def test_bad_corrections_say_why_and_change_nothing(personas, world):
    url = reverse("reports:correct", args=[world.report.pk])
    detail = reverse("reports:detail", args=[world.report.pk])
    no_reason = "Give the reason for the correction: it is shown beside the figure."
    cases = [
        ({"key": PEOPLE, "value": "1.200", "reason": ""}, no_reason),
        ({"key": PEOPLE, "value": "nhiều", "reason": "Bổ sung"}, "Enter the corrected figure as a number."),
        (
            {"key": PEOPLE, "value": "-5", "reason": "Bổ sung"},
            "A corrected figure is a number from 0 upwards.",
        ),
        ({"key": "initiatives.invented", "value": "3", "reason": "Bổ sung"}, None),
        ({"key": PEOPLE, "remove": "1", "reason": "Không có"}, "This figure has not been corrected."),
    ]
    for data, message in cases:
        response = personas["owner"].post(url, data)
        assert response.status_code == 302 and world.corrections() == []
        body = html(personas["owner"].get(detail))
        if message:
            assert shown(message) in body, data
        else:
            assert shown("This report has no figure “%(key)s”.", key=data["key"]) in body
    world.submitted()
    frozen = personas["owner"].post(url, {"key": PEOPLE, "value": "5", "reason": "Sau khi gửi"})
    assert frozen["Location"] == detail and world.corrections() == []


def test_the_summary_report_is_written_and_issued_by_the_city(personas, world, owner, ancestor):
    accepted(world.report, owner, ancestor)
    url = reverse("reports:edit", args=[world.summary.pk])
    personas["ancestor"].post(
        url, {"results": "Thành phố tổng hợp kết quả.", "number": "52", "issuer_code": "TU"}
    )
    personas["ancestor"].post(reverse("reports:transition", args=[world.summary.pk]), {"action": "issue"})
    summary = Report.objects.get(pk=world.summary.pk)
    assert summary.status == ReportStatus.ACCEPTED and summary.symbol == "52-BC/TU"
    assert summary.snapshot["rollup"]["accepted"] == 1
    page = personas["ancestor"].get(reverse("reports:detail", args=[world.summary.pk]))
    assert page.context["rollup"]["accepted"] == 1 and page.context["actions"] == []


def test_a_later_day_marks_the_missing_reports_overdue(personas, world, monkeypatch):
    later = world.period.due_on + timedelta(days=3)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    body = html(personas["ancestor"].get(reverse("reports:period", args=[world.period.pk])))
    assert 'data-testid="late"' in body
    response = personas["ancestor"].get(reverse("reports:list"), {"late": "on"})
    assert response.context["page"].paginator.count == 93  # the summary report is never late


def test_units_outside_the_tree_never_see_a_report(personas, world):
    for name in ("reports:detail", "reports:edit"):
        assert personas["stranger"].get(reverse(name, args=[world.report.pk])).status_code == 404
    assert personas["stranger"].get(reverse("reports:detail", args=[999_999])).status_code == 404
    assert Unit.objects.filter(name=HAICHAU).exists()


def test_the_open_period_form_suggests_the_next_period(personas, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 6))
    url = reverse("reports:regime", args=[world.regime.pk])
    form = personas["ancestor"].get(url).context["open_form"]
    assert form.initial == {"year": 2027, "number": 1}  # the current quarter is open: the next one
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 8, 1))
    form = personas["ancestor"].get(url).context["open_form"]
    assert form.initial == {"year": 2026, "number": 3}
