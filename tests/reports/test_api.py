"""The reports API: what each persona may see and do, the workflow end to end, filters,
pagination, bad input (which changes nothing) and the number of queries of the lists.

Personas (tests/conftest.py, tests/reports/conftest.py): canbo.tamky ("owner") writes Tam Kỳ's
report; canbo.danang ("ancestor") is the city's standing agency, which asks for the reports and
reviews them; canbo.haichau ("stranger") is another ward's officer; lanhdao.danang ("leader")
sees the city and changes nothing."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.orgs.models import UnitType
from danvan.reports import services
from danvan.reports.models import Correction, Period, Regime, Report, ReportEvent
from tests.api.conftest import get_json
from tests.reports.conftest import RESULTS, accepted, submitted, write

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reports"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


def send(client, method, url, body, status):
    response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert response.status_code == status, (url, body, response.content[:500])
    if status != 204:
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    return None


def vi(msgid: str, **params) -> str:
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def state():
    """Everything a refused request must leave as it was."""
    return (
        list(
            Report.objects.order_by("pk").values_list(
                "pk", "status", "results", "number", "issuer_code", "snapshot_at", "first_submitted_on"
            )
        ),
        list(Correction.objects.order_by("pk").values_list("pk", "key", "value", "reason")),
        ReportEvent.objects.count(),
        Report.history.count(),
        list(Regime.objects.order_by("pk").values_list("pk", "name", "active", "cutoff_day")),
        Period.objects.count(),
    )


# --- the workflow end to end -----------------------------------------------------------------------


def test_submit_return_resubmit_accept(all_personas, report):
    owner, reviewer = all_personas["owner"], all_personas["ancestor"]
    url = f"{BASE}/{report.pk}"
    draft = get_json(owner, url)
    assert (draft["status"], draft["can_edit"], draft["data"]["frozen"]) == ("draft", True, False)
    assert [a["action"] for a in draft["allowed_actions"]] == ["submit"]
    assert {f["key"] for f in draft["data"]["figures"]} >= {
        "initiatives.registered",
        "training.people_trained",
    }

    # the results must be written first
    refused = send(owner, "post", f"{url}/transitions", {"action": "submit"}, 400)
    assert refused["detail"] == vi("Write the results achieved before submitting the report.")
    written = send(
        owner,
        "patch",
        url,
        {
            "results": RESULTS,
            "number": 15,
            "issuer_code": "ĐU",
            "dated_on": "2026-12-15",
            "reason": "Dự thảo",
        },
        200,
    )
    assert (written["symbol"], written["dated_on"], written["results"]) == ("15-BC/ĐU", "2026-12-15", RESULTS)

    sent = send(owner, "post", f"{url}/transitions", {"action": "submit"}, 200)
    assert (sent["status"], sent["can_edit"], sent["allowed_actions"]) == ("submitted", False, [])
    assert sent["data"]["frozen"] and sent["snapshot_at"] and sent["first_submitted_on"]
    assert [a["action"] for a in get_json(reviewer, url)["allowed_actions"]] == ["return", "accept"]
    assert send(owner, "patch", url, {"results": "Sửa sau khi gửi"}, 400)["detail"]

    # returning needs the reasons
    assert send(reviewer, "post", f"{url}/transitions", {"action": "return"}, 400)["detail"]
    back = send(
        reviewer,
        "post",
        f"{url}/transitions",
        {"action": "return", "comment": "Bổ sung số liệu tập huấn"},
        200,
    )
    assert (back["status"], back["data"]["frozen"]) == ("returned", False)
    send(owner, "patch", url, {"results": RESULTS + "\nĐã bổ sung.", "reason": "Theo ý kiến trả lại"}, 200)
    assert send(owner, "post", f"{url}/transitions", {"action": "submit"}, 200)["status"] == "submitted"
    done = send(reviewer, "post", f"{url}/transitions", {"action": "accept", "comment": "Đạt yêu cầu"}, 200)
    assert (done["status"], done["allowed_actions"], done["accepted_at"] is not None) == (
        "accepted",
        [],
        True,
    )

    history = get_json(owner, f"{url}/history")
    assert [(e["action"], e["to_status"]) for e in history["events"]] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("return", "returned"),
        ("submit", "submitted"),
        ("accept", "accepted"),
    ]
    assert history["events"][2]["comment"] == "Bổ sung số liệu tập huấn"
    assert history["events"][2]["actor"] == "canbo.danang"
    assert any(change["reason"] == "Theo ý kiến trả lại" for change in history["changes"])
    listed = get_json(reviewer, BASE, {"status": "accepted"})
    assert [r["id"] for r in listed["items"]] == [report.pk]


def test_corrections_are_shown_beside_the_figure_and_can_be_removed(all_personas, report):
    client = all_personas["owner"]
    url = f"{BASE}/{report.pk}"
    body = {"key": "initiatives.registered", "value": 4, "reason": "Bổ sung 01 mô hình đăng ký muộn"}
    created = send(client, "post", f"{url}/corrections", body, 201)
    assert (created["value"], created["computed"], created["created_by"]) == (4, 0, "canbo.tamky")
    replaced = send(client, "post", f"{url}/corrections", {**body, "value": "5"}, 200)
    assert replaced["value"] == 5
    figure = next(f for f in get_json(client, url)["data"]["figures"] if f["key"] == "initiatives.registered")
    assert (figure["value"], figure["computed"], figure["reason"]) == (5, 0, body["reason"])
    assert [c["key"] for c in get_json(client, url)["corrections"]] == ["initiatives.registered"]

    # the reason is required, in the query string or the body
    assert send(client, "delete", f"{url}/corrections/initiatives.registered", {}, 400)["detail"]
    send(client, "delete", f"{url}/corrections/initiatives.registered", {"reason": "Nhập nhầm"}, 204)
    assert not Correction.objects.filter(report=report).exists()
    send(client, "post", f"{url}/corrections", body, 201)
    response = client.delete(f"{url}/corrections/initiatives.registered?reason=Nh%E1%BA%ADp+nh%E1%BA%A7m")
    assert response.status_code == 204 and not Correction.objects.filter(report=report).exists()
    assert send(client, "delete", f"{url}/corrections/initiatives.registered?reason=x", {}, 400)[
        "detail"
    ] == vi("This figure has not been corrected.")
    events = [e["action"] for e in get_json(client, f"{url}/history")["events"]]
    assert events.count("correct") == 3 and events.count("uncorrect") == 2


def test_a_breakdown_cell_can_be_corrected(all_personas, report, tamky, owner):
    from tests.initiatives.conftest import make

    model = make(tamky, owner, "Khu dân cư không rác thải nhựa")
    key = f"initiatives.registered/field/{model.field_id}"
    client = all_personas["owner"]
    send(
        client, "post", f"{BASE}/{report.pk}/corrections", {"key": key, "value": 2, "reason": "Thiếu 01"}, 201
    )
    rows = get_json(client, f"{BASE}/{report.pk}")["data"]["breakdowns"][0]["rows"]
    assert (rows[0]["key"], rows[0]["value"], rows[0]["computed"]) == (key, 2, 1)
    send(client, "delete", f"{BASE}/{report.pk}/corrections/{key}?reason=Sai", {}, 204)


def test_the_summary_report_is_issued_and_rolls_up_the_reporters(
    all_personas, report, summary, owner, ancestor
):
    accepted(report, owner, ancestor)
    client = all_personas["ancestor"]
    url = f"{BASE}/{summary.pk}"
    detail = get_json(client, url)
    assert detail["is_summary"] and [a["action"] for a in detail["allowed_actions"]] == ["issue"]
    rollup = detail["data"]["rollup"]
    tamky_row = next(row for row in rollup["rows"] if row["unit"] == "Đảng ủy phường Tam Kỳ")
    assert (tamky_row["status"], tamky_row["report"]) == ("accepted", report.pk)
    assert rollup["accepted"] == 1 and "Đảng ủy phường Tam Kỳ" not in rollup["missing"]
    assert rollup["expected"] == len(rollup["rows"]) == len(rollup["missing"]) + 1
    send(client, "patch", url, {"results": "Toàn thành phố triển khai phong trào."}, 200)
    issued = send(client, "post", f"{url}/transitions", {"action": "issue"}, 200)
    assert issued["status"] == "accepted" and issued["data"]["frozen"]
    # a reporter's action does not apply to the summary report
    assert send(client, "post", f"{url}/transitions", {"action": "submit"}, 400)["detail"]


def test_a_frozen_report_lists_what_changed_in_the_data_since(all_personas, report, tamky, owner, ancestor):
    from tests.initiatives.conftest import make

    accepted(report, owner, ancestor)
    make(tamky, owner, "Camera an ninh kết nối khu dân cư")
    detail = get_json(all_personas["owner"], f"{BASE}/{report.pk}")
    registered = next(f for f in detail["data"]["figures"] if f["key"] == "initiatives.registered")
    assert registered["value"] == 0  # what it froze
    change = next(c for c in detail["changes_since_frozen"] if c["key"] == "initiatives.registered")
    assert (change["frozen"], change["live"]) == (0, 1)


# --- the permission matrix -------------------------------------------------------------------------

READERS = [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 200), ("anonymous", 401)]


@pytest.mark.parametrize(("persona", "status"), READERS)
def test_reads_by_persona(all_personas, report, persona, status):
    client = all_personas[persona]
    for path in ("", "/history", "/export?format=docx"):
        assert client.get(f"{BASE}/{report.pk}{path}").status_code == status, path
    listed = client.get(BASE, {"limit": 500})
    if persona == "anonymous":
        assert listed.status_code == 401
        return
    assert (report.pk in [r["id"] for r in listed.json()["items"]]) is (status == 200)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_writing_a_report_by_persona(all_personas, report, owner, persona, status):
    services.correct(report, "training.sessions", 1, actor=owner, reason="Hội nghị trực tuyến")
    client = all_personas[persona]
    url = f"{BASE}/{report.pk}"
    before = state()
    answers = [
        client.patch(url, json.dumps({"results": RESULTS}), content_type="application/json"),
        client.post(
            f"{url}/corrections",
            json.dumps({"key": "initiatives.registered", "value": 2, "reason": "Bổ sung"}),
            content_type="application/json",
        ),
        client.delete(f"{url}/corrections/training.sessions?reason=Nh%E1%BA%A7m"),
        client.post(f"{url}/transitions", json.dumps({"action": "submit"}), content_type="application/json"),
    ]
    expected = [status, 201 if status == 200 else status, 204 if status == 200 else status, status]
    assert [a.status_code for a in answers] == expected
    if status == 200:
        assert Report.objects.get(pk=report.pk).status == "submitted"
        return
    assert state() == before
    assert all(a.json()["detail"] for a in answers)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 403), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_reviewing_a_report_by_persona(all_personas, report, owner, persona, status):
    submitted(report, owner)
    client = all_personas[persona]
    url = f"{BASE}/{report.pk}/transitions"
    before = state()
    answers = [
        client.post(url, json.dumps({"action": action, "comment": "Ý kiến"}), content_type="application/json")
        for action in ("return", "accept")
    ]
    if status == 200:
        # returned first, so accepting is no longer possible
        assert [a.status_code for a in answers] == [200, 400]
        assert Report.objects.get(pk=report.pk).status == "returned"
        return
    assert {a.status_code for a in answers} == {status}
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 404), ("ancestor", 200), ("stranger", 404), ("leader", 200), ("anonymous", 401)],
)
def test_regimes_by_persona(all_personas, regime, persona, status):
    client = all_personas[persona]
    assert client.get(f"{BASE}/regimes/{regime.pk}").status_code == status
    listed = client.get(f"{BASE}/regimes")
    if persona != "anonymous":
        assert (regime.pk in [r["id"] for r in listed.json()["items"]]) is (status == 200)


def regime_body(unit, **extra) -> dict:
    return {
        "issuing_unit": unit.pk,
        "name": "Báo cáo 6 tháng công tác dân vận",
        "report_type": "six_month",
        "cutoff_day": 14,
        "due_day_of_month": 18,
        "reporter_types": ["party_committee"],
        **extra,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 404), ("ancestor", 201), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_who_may_set_a_regime_of_the_city(all_personas, city, persona, status):
    before = state()
    response = all_personas[persona].post(
        f"{BASE}/regimes", json.dumps(regime_body(city)), content_type="application/json"
    )
    assert response.status_code == status, response.content[:300]
    if status != 201:
        assert state() == before
        return
    created = response.json()
    assert (created["report_type"], created["due_day_of_month"], created["can_manage"]) == (
        "six_month",
        18,
        True,
    )
    assert [t["code"] for t in created["reporter_types"]] == ["party_committee"]


def test_a_unit_officer_may_not_set_a_regime_of_their_own_ward(all_personas, tamky):
    before = state()
    send(all_personas["owner"], "post", f"{BASE}/regimes", regime_body(tamky), 403)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 404), ("ancestor", 200), ("stranger", 404), ("leader", 403), ("anonymous", 401)],
)
def test_who_may_change_a_regime_and_open_a_period(all_personas, regime, persona, status):
    client = all_personas[persona]
    before = state()
    changed = client.patch(
        f"{BASE}/regimes/{regime.pk}",
        json.dumps({"due_working_days": 3, "reason": "Theo Kế hoạch mới"}),
        content_type="application/json",
    )
    opened = client.post(
        f"{BASE}/regimes/{regime.pk}/periods",
        json.dumps({"year": 2027, "number": 1}),
        content_type="application/json",
    )
    if status == 200:
        assert changed.status_code == 200 and changed.json()["due_working_days"] == 3
        assert opened.status_code == 201
        period = opened.json()
        assert (period["label"], period["start"], period["end"]) == (
            "Quý I năm 2027",
            "2026-12-15",
            "2027-03-14",
        )
        assert (
            period["rates"]["expected"]
            == Period.objects.get(pk=period["id"]).reports.filter(is_summary=False).count()
        )
        assert period["rates"]["submitted"] == 0
        return
    assert (changed.status_code, opened.status_code) == (status, status)
    assert state() == before


def test_regime_changes_need_a_reason_and_keep_the_report_type(all_personas, regime, period):
    client = all_personas["ancestor"]
    url = f"{BASE}/regimes/{regime.pk}"
    before = state()
    assert send(client, "patch", url, {"name": "Tên mới"}, 400)["detail"] == vi(
        "Give a reason for the change."
    )
    assert send(client, "patch", url, {"report_type": "annual", "reason": "Đổi"}, 400)["detail"] == vi(
        "The report type cannot change once a period has been opened."
    )
    send(client, "patch", url, {"reporter_types": ["no_such_type"], "reason": "Đổi"}, 422)
    send(client, "post", f"{url}/periods", {"year": 2026, "number": 4}, 400)  # already opened
    assert state() == before
    ended = send(client, "patch", url, {"active": False, "reason": "Thay bằng chế độ mới"}, 200)
    assert ended["active"] is False
    assert send(client, "post", f"{url}/periods", {"year": 2027, "number": 1}, 400)["detail"] == vi(
        "This reporting regime is no longer in force."
    )


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger", "leader"])
def test_periods_and_rates_by_persona(all_personas, report, owner, persona):
    submitted(report, owner)
    client = all_personas[persona]
    period = report.period
    # a ward reporting in the period sees it, but not the rates of the city's reporters
    listed = get_json(client, f"{BASE}/periods")
    assert [p["id"] for p in listed["items"]] == [period.pk]
    sees_city = persona in ("ancestor", "leader")
    rates = listed["items"][0]["rates"]
    assert (rates is not None) is sees_city
    detail = get_json(client, f"{BASE}/periods/{period.pk}")
    units = {r["unit"]["name"] for r in detail["reports"]}
    if sees_city:
        assert rates["submitted"] == 1 and rates["expected"] == len(units) - 1
        assert detail["reports"][0]["is_summary"]
    else:
        mine = {"owner": "Đảng ủy phường Tam Kỳ", "stranger": "Đảng ủy phường Hải Châu"}[persona]
        assert units == {mine}
    rows = get_json(client, f"{BASE}/rates")
    assert [r["period"]["id"] for r in rows["items"]] == ([period.pk] if sees_city else [])


def test_anonymous_reads_nothing(all_personas, regime, period):
    client = all_personas["anonymous"]
    for path in ("", "/periods", f"/periods/{period.pk}", "/rates", "/regimes"):
        response = client.get(f"{BASE}{path}")
        assert response.status_code == 401 and response.json()["detail"]


def test_a_token_acts_with_its_users_grants(owner, stranger, report):
    from django.test import Client

    from danvan.accounts.models import ApiToken

    def token_client(user):
        _token, raw = ApiToken.issue(user, "tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert get_json(token_client(owner), f"{BASE}/{report.pk}")["id"] == report.pk
    assert token_client(stranger).get(f"{BASE}/{report.pk}").status_code == 404


# --- the rates, filters and pagination -------------------------------------------------------------


def test_rates_count_on_time_late_missing_accepted_and_returned(
    all_personas, period, owner, ancestor, stranger
):
    tamky = period.reports.get(unit__name="Đảng ủy phường Tam Kỳ")
    haichau = period.reports.get(unit__name="Đảng ủy phường Hải Châu")
    accepted(tamky, owner, ancestor)
    submitted(haichau, stranger)
    services.transition(haichau, "return", actor=ancestor, comment="Thiếu số liệu")
    Report.objects.filter(pk=haichau.pk).update(first_submitted_on=period.due_on + timedelta(days=3))
    row = get_json(all_personas["ancestor"], f"{BASE}/rates", {"year": 2026, "type": "quarterly"})["items"][0]
    expected = period.reports.filter(is_summary=False).count()
    assert row["expected"] == expected
    assert (row["submitted"], row["on_time"], row["late"], row["accepted"], row["returned"]) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert row["missing"] == expected - 2
    assert row["submitted_rate"] == round(100 * 2 / expected, 1)
    assert get_json(all_personas["ancestor"], f"{BASE}/rates", {"year": 2025})["count"] == 0


def test_filters(all_personas, period, city, tamky, owner, ancestor, stranger):
    client = all_personas["ancestor"]
    tamky_report = period.reports.get(unit=tamky)
    haichau = period.reports.get(unit__name="Đảng ủy phường Hải Châu")
    accepted(tamky_report, owner, ancestor)
    write(haichau, stranger)
    total = period.reports.count()

    def ids(**params):
        return [r["id"] for r in get_json(client, BASE, {"limit": 500, **params})["items"]]

    assert ids(within=tamky.pk) == [tamky_report.pk]
    assert len(ids(within=city.pk)) == total == len(ids(period=period.pk)) == len(ids(year=2026))
    assert ids(year=2025) == [] and ids(type="annual") == [] and len(ids(type="quarterly")) == total
    assert ids(status="accepted") == [tamky_report.pk]
    assert ids(summary=True) == [period.reports.get(is_summary=True).pk]
    assert len(ids(summary=False)) == total - 1
    listed = ids()
    assert listed[0] == period.reports.get(is_summary=True).pk  # the summary report first
    # late: submitted after the due date, or not submitted and past it
    Period.objects.filter(pk=period.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    Report.objects.filter(pk=tamky_report.pk).update(
        first_submitted_on=timezone.localdate() - timedelta(days=2)
    )
    late = ids(late=True)
    summary = Report.objects.get(period=period, is_summary=True)
    assert tamky_report.pk not in late and haichau.pk in late and len(late) == total - 2
    assert sorted(ids(late=False)) == sorted([tamky_report.pk, summary.pk])  # a summary is never late
    flagged = {r["id"]: r["late"] for r in get_json(client, BASE, {"limit": 500})["items"]}
    assert flagged[haichau.pk] is True and flagged[tamky_report.pk] is False
    # another ward's officer never sees the city's reports, whatever the filter
    assert get_json(all_personas["stranger"], BASE, {"within": city.pk}, status=404)["detail"]


def test_pagination(all_personas, period):
    client = all_personas["ancestor"]
    everything = get_json(client, BASE, {"limit": 500})
    first = get_json(client, BASE, {"limit": 10})
    second = get_json(client, BASE, {"limit": 10, "offset": 10})
    assert first["count"] == second["count"] == everything["count"] == period.reports.count()
    assert [r["id"] for r in first["items"] + second["items"]] == [r["id"] for r in everything["items"][:20]]
    assert get_json(client, BASE, {"offset": 10_000})["items"] == []


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_lists_run_a_constant_number_of_queries(all_personas, period, city, tamky, ancestor):
    types = [UnitType.objects.get(code="party_committee")]
    for n in range(6):
        services.create_regime(
            city, {"name": f"Chế độ {n}", "report_type": "annual", "reporter_types": types}, actor=ancestor
        )
    # a ward's monthly regime: few reports per period, many periods
    monthly = services.create_regime(
        tamky, {"name": "Báo cáo tháng", "report_type": "monthly", "reporter_types": types}, actor=ancestor
    )
    for month in range(1, 7):
        services.open_period(monthly, actor=ancestor, year=2026, number=month)
    client = all_personas["ancestor"]
    lists = ("", "/regimes", "/periods", "/rates")
    for path in lists:
        few, many = f"{BASE}{path}?limit=2", f"{BASE}{path}?limit=60"
        queries(client, few)  # warm any per-process cache
        assert queries(client, many) == queries(client, few), path
    sizes = [len(get_json(client, f"{BASE}{path}", {"limit": 60})["items"]) for path in lists]
    assert sizes == [60, 8, 7, 7]


# --- export ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "content_type"), [("docx", DOCX), ("xlsx", XLSX)])
def test_export(all_personas, report, owner, fmt, content_type):
    services.update_report(report, {"results": RESULTS, "number": 15, "issuer_code": "ĐU"}, actor=owner)
    response = all_personas["owner"].get(f"{BASE}/{report.pk}/export", {"format": fmt})
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-15-BC-DU-quy-IV-2026.{fmt}"'
    assert response.content[:2] == b"PK"
    detail = get_json(all_personas["owner"], f"{BASE}/{report.pk}")
    assert detail["documents"]["docx"].endswith(f"/api/v1/reports/{report.pk}/export?format=docx")


def test_export_as_pdf(all_personas, report):
    from tests.documents.conftest import require

    require("soffice", "libreoffice-writer-nogui")
    response = all_personas["ancestor"].get(f"{BASE}/{report.pk}/export", {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')


def test_export_without_libreoffice_is_a_clear_503(all_personas, report, monkeypatch):
    from danvan.documents import libreoffice

    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    response = all_personas["owner"].get(f"{BASE}/{report.pk}/export", {"format": "pdf"})
    assert response.status_code == 503
    assert response.json()["detail"] == vi(
        "The server cannot print PDF documents: LibreOffice is not installed."
    )


@pytest.mark.parametrize(
    ("persona", "fmt", "status"),
    [
        ("owner", "docx", 200),
        ("ancestor", "xlsx", 200),
        ("leader", "docx", 200),
        ("stranger", "docx", 404),
        ("owner", "odt", 404),
        ("anonymous", "docx", 302),
    ],
)
def test_the_pages_export_view(report, owner, ancestor, stranger, leader, persona, fmt, status):
    from danvan.reports.export_views import export

    users = {"owner": owner, "ancestor": ancestor, "stranger": stranger, "leader": leader}
    request = RequestFactory().get(f"/reports/{report.pk}/export/{fmt}/")
    request.user = users.get(persona) or AnonymousUser()
    if status == 404:
        with pytest.raises(Http404):
            export(request, pk=report.pk, fmt=fmt)
        return
    response = export(request, pk=report.pk, fmt=fmt)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-')
        assert io.BytesIO(response.content).read(2) == b"PK"


# --- bad input -------------------------------------------------------------------------------------

BAD_QUERIES = [
    "?limit=0",
    "?limit=501",
    "?offset=-1",
    "?year=1999",
    "?year=abc",
    "?type=weekly",
    "?status=done",
    "?late=maybe",
    "?within=abc",
    "?within=999999999",
    "?within=99999999999999999999999",
    "?period=0",
    "/abc",
    "/999999999",
    "/9223372036854775808",
    "/999999999/history",
    "/999999999/export",
    "/periods?year=abc",
    "/periods/999999999",
    "/rates?type=weekly",
    "/regimes?active=maybe",
    "/regimes/999999999",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_are_4xx_with_detail(all_personas, period, query):
    response = all_personas["ancestor"].get(BASE + query)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["detail"]


def test_an_unknown_export_format_is_a_422(all_personas, report):
    response = all_personas["owner"].get(f"{BASE}/{report.pk}/export", {"format": "odt"})
    assert response.status_code == 422 and response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"number": 0}, 422, None),
        ({"number": 100_000}, 422, None),
        ({"number": "mười lăm"}, 422, None),
        ({"dated_on": "15/12/2026"}, 422, None),
        ({"issuer_code": "x" * 31}, 422, None),
        ({"results": "a\x00b"}, 422, None),
        ({"results": "x" * (services.MAX_TEXT + 1)}, 422, None),
        ({"signer_name": "x" * 161}, 422, None),
        ({"recipients": "x" * 3001}, 422, None),
        ({"dated_on": "1999-12-31"}, 400, "The date of the report must fall between 2000 and 2100."),
        ({"issuer_code": "Đ U!"}, 400, "The issuer abbreviation is written in letters and digits, e.g. ĐU."),
    ],
)
def test_bad_patches_change_nothing(all_personas, report, change, status, message):
    before = state()
    answer = send(all_personas["owner"], "patch", f"{BASE}/{report.pk}", change, status)
    assert state() == before and answer["detail"]
    if message:
        assert answer["detail"] == vi(message)


def test_a_number_used_twice_in_a_year_is_refused(all_personas, period, report, tamky, owner):
    from danvan.orgs.models import UnitType as Type

    other = services.create_regime(
        period.regime.issuing_unit,
        {
            "name": "Báo cáo năm",
            "report_type": "annual",
            "reporter_types": [Type.objects.get(code="party_committee")],
        },
        actor=period.opened_by,
    )
    second = services.open_period(other, year=2026).reports.get(unit=tamky)
    header = {"number": 15, "issuer_code": "ĐU", "dated_on": "2026-12-15"}
    services.update_report(report, header, actor=owner)
    before = state()
    answer = send(all_personas["owner"], "patch", f"{BASE}/{second.pk}", header, 400)
    assert answer["detail"] == vi(
        "Another report of this unit already has the number %(symbol)s this year.", symbol="15-BC/ĐU"
    )
    assert state() == before


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"key": "initiatives.registered", "value": -1, "reason": "x"}, 422, None),
        ({"key": "initiatives.registered", "value": "nhiều", "reason": "x"}, 422, None),
        ({"key": "initiatives.registered", "value": 1e18, "reason": "x"}, 422, None),
        ({"key": "initiatives.registered", "value": 1}, 422, None),
        ({"key": "Initiatives Registered", "value": 1, "reason": "x"}, 422, None),
        ({"key": "initiatives.registered", "value": 1, "reason": "a\x00b"}, 422, None),
        ({"key": "initiatives.registered", "value": 1, "reason": "   "}, 400, None),
        ({"key": "no.such_figure", "value": 1, "reason": "x"}, 400, None),
    ],
)
def test_bad_corrections_change_nothing(all_personas, report, body, status, message):
    before = state()
    answer = send(all_personas["owner"], "post", f"{BASE}/{report.pk}/corrections", body, status)
    assert state() == before and answer["detail"]


def test_bad_transitions_change_nothing(all_personas, report):
    url = f"{BASE}/{report.pk}/transitions"
    before = state()
    send(all_personas["owner"], "post", url, {"action": "Submit!"}, 422)
    send(all_personas["owner"], "post", url, {"action": "submit", "comment": "x" * 5001}, 422)
    unknown = send(all_personas["owner"], "post", url, {"action": "approve"}, 400)
    assert unknown["detail"] == vi("Unknown action “%(action)s”.", action="approve")
    # accepting a draft is not possible, even for the reviewer
    assert send(all_personas["ancestor"], "post", url, {"action": "accept"}, 400)["detail"]
    assert state() == before


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"name": ""}, 422),
        ({"name": "x" * 256}, 422),
        ({"report_type": "weekly"}, 422),
        ({"cutoff_day": 29}, 422),
        ({"cutoff_day": 0}, 422),
        ({"due_working_days": 61}, 422),
        ({"reporter_types": []}, 422),
        ({"reporter_types": ["no_such_type"]}, 422),
        ({"reporter_types": [999_999]}, 422),
        ({"issuing_unit": 999_999_999}, 404),
        ({"due_working_days": 2, "due_day_of_month": 18}, 400),
    ],
)
def test_bad_regimes_change_nothing(all_personas, city, change, status):
    before = state()
    answer = send(all_personas["ancestor"], "post", f"{BASE}/regimes", regime_body(city, **change), status)
    assert state() == before and answer["detail"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"year": 1999, "number": 1}, 422),
        ({"year": 2027, "number": 13}, 422),
        ({"year": 2027, "number": 5}, 400),
        ({}, 400),
        ({"year": 2027, "number": 1, "due_on": "2027-01-01"}, 400),
        ({"year": 2027, "number": 1, "label": "a\x00b"}, 422),
    ],
)
def test_bad_periods_change_nothing(all_personas, regime, body, status):
    before = state()
    answer = send(all_personas["ancestor"], "post", f"{BASE}/regimes/{regime.pk}/periods", body, status)
    assert state() == before and answer["detail"]


# --- the description -------------------------------------------------------------------------------


def test_the_openapi_describes_every_reports_endpoint(all_personas):
    schema = get_json(all_personas["owner"], "/api/v1/openapi.json")
    expected = {
        ("get", "/api/v1/reports"),
        ("get", "/api/v1/reports/{report_id}"),
        ("patch", "/api/v1/reports/{report_id}"),
        ("post", "/api/v1/reports/{report_id}/corrections"),
        ("delete", "/api/v1/reports/{report_id}/corrections/{key}"),
        ("post", "/api/v1/reports/{report_id}/transitions"),
        ("get", "/api/v1/reports/{report_id}/history"),
        ("get", "/api/v1/reports/{report_id}/export"),
        ("get", "/api/v1/reports/periods"),
        ("get", "/api/v1/reports/periods/{period_id}"),
        ("get", "/api/v1/reports/rates"),
        ("get", "/api/v1/reports/regimes"),
        ("post", "/api/v1/reports/regimes"),
        ("get", "/api/v1/reports/regimes/{regime_id}"),
        ("patch", "/api/v1/reports/regimes/{regime_id}"),
        ("post", "/api/v1/reports/regimes/{regime_id}/periods"),
    }
    found = {
        (method, path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/reports")
        for method in operations
    }
    assert found == expected
    for method, path in expected:
        operation = schema["paths"][path][method]
        assert operation["tags"] == ["Báo cáo định kỳ"]
        assert operation["summary"] and not operation["summary"].isascii(), (method, path)  # Vietnamese
    export = schema["paths"]["/api/v1/reports/{report_id}/export"]["get"]
    assert set(export["responses"]["200"]["content"]) == {DOCX, XLSX, "application/pdf"}
