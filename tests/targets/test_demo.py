"""The demo targets and scorecard (`danvan seed_demo`): idempotent, made through the services, and
consistent with the rest — for one demo unit and year, a metric has the same value in the
scorecard's breakdown, in GET /api/v1/metrics/values and from the registry.

The session database holds the demo organizations only; the models, the training sessions and the
targets are seeded here once for the module, inside a transaction rolled back after it."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings

from danvan.initiatives.demo import seed_initiatives_demo
from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.targets import evaluation, scorecards
from danvan.targets.demo import REPORTS, SCHEME, STREETS, TARGETS, seed_targets_demo
from danvan.targets.models import MilestoneRecord, RateReport, ScorecardScheme, Target
from danvan.targets.status import Status
from danvan.training.demo import seed_training_demo

pytestmark = pytest.mark.django_db
AFTER_2025 = date(2026, 3, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            seed_training_demo()
            assert seed_targets_demo() == len(TARGETS)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _target(title_start: str) -> Target:
    return Target.objects.get(title__startswith=title_start)


def test_a_second_run_changes_nothing(demo):
    before = (Target.objects.count(), RateReport.objects.count(), MilestoneRecord.objects.count())
    assert seed_targets_demo() == 0
    assert (Target.objects.count(), RateReport.objects.count(), MilestoneRecord.objects.count()) == before
    assert before == (len(TARGETS), len(REPORTS), 5 + sum(len(s) for s in STREETS.values()))


def test_the_2021_2025_targets_of_seed_002(demo):
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    results = {r.target.title: r for r in evaluation.results(city, AFTER_2025, year=2025)}
    assert len(results) == 7  # "no hot spot" waits for a petitions metric
    streets = results["Xây dựng trên 20 tuyến phố văn minh đô thị, đạt 80% so với tổng số trục phố chính"]
    assert (streets.actual, streets.status) == (19, Status.MISSED)
    model_ntm = next(
        r for t, r in results.items() if t.startswith("Xây dựng thành công 02 xã nông thôn mới kiểu mẫu")
    )
    assert model_ntm.status == Status.MET  # recorded on the former communes, counted for the city
    participation = next(r for t, r in results.items() if t.startswith("Vận động tập hợp"))
    assert (participation.numerator, participation.denominator) == (
        30140,
        40500,
    ) and participation.status == Status.MET
    villages = next(r for t, r in results.items() if t.startswith("Mỗi thôn, khối phố"))
    assert villages.denominator == 15 and villages.status == Status.MISSED
    # the ward Hương Trà did not report in 2025: the former commune Tam Ngọc's 2023 figure stands for it
    huong_tra = evaluation.evaluate(
        participation.target, Unit.objects.get(name="Đảng ủy phường Hương Trà"), AFTER_2025
    )
    assert (huong_tra.numerator, huong_tra.denominator) == (980, 1350)


def test_the_2026_targets_of_the_new_wards(demo):
    tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    own = [
        r for r in evaluation.results(tamky, date(2026, 10, 1), year=2026) if r.target.issuing_unit == tamky
    ]
    assert len(own) == 2
    blocks = next(r for r in own if r.target.kind == "coverage")
    assert blocks.denominator == 4


def test_the_same_value_in_the_scorecard_the_api_the_dashboard_and_the_registry(demo, personas):
    """One demo unit, one year: the breakdown of its score, the metrics API, the dashboard's key
    figures and the registry agree."""
    scheme = ScorecardScheme.objects.get(name=SCHEME)
    tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    row, _ranking = scorecards.scorecard(scheme, tamky)
    response = personas["owner"].get(
        "/api/v1/metrics/values", {"unit": tamky.pk, "from": start.isoformat(), "to": end.isoformat()}
    )
    assert response.status_code == 200
    api_values = {item["code"]: item["value"] for item in response.json()["values"]}
    dashboard = personas["owner"].get(f"/dashboard/{tamky.pk}/?year=2025")
    figures = {f.metric.code: f.value for f in dashboard.context["figures"]}
    compared = 0
    for part in row.items:
        if part.item.source == "targets.share_met":
            continue
        registry_value = registry.get(part.item.source).value_for(tamky, start, end)
        assert part.value == api_values[part.item.source] == registry_value, part.item.source
        if part.item.source in figures:
            assert figures[part.item.source] == registry_value, part.item.source
        compared += 1
    assert compared == 3
    assert {"initiatives.registered", "initiatives.recognized"} <= set(figures)
    registered = next(p for p in row.items if p.item.source == "initiatives.registered")
    assert registered.value >= 1  # the former communes' 2025 models count for the ward
    page = personas["owner"].get(f"/targets/scorecards/{scheme.pk}/units/{tamky.pk}/")
    assert page.context["row"].score == row.score
