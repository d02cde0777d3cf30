"""The dashboard of a unit's subtree: who sees it, that its figures are the registry's, that it
drills down to the list behind each figure, and that it costs the same whatever the subtree."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import today
from danvan.geo.models import Area
from danvan.metrics import registry
from tests.initiatives.conftest import advance, make

YEAR = today().year


def url(unit=None, **params):
    path = reverse("dashboards:unit", args=[unit.pk]) if unit else reverse("dashboards:current")
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "unit", "status"),
    [
        ("owner", "tamky", 200),  # an officer of the unit
        ("ancestor", "tamky", 200),  # an officer of an ancestor unit drills down to it
        ("ancestor", "city", 200),
        ("stranger", "tamky", 404),  # an unrelated unit: as if it did not exist
        ("owner", "city", 404),  # a ward does not see the city's dashboard
        ("anonymous", "tamky", 302),  # to the login page
    ],
)
def test_who_sees_a_dashboard(personas, request, persona, unit, status):
    response = personas[persona].get(url(request.getfixturevalue(unit)))
    assert response.status_code == status


@pytest.mark.django_db
def test_the_current_units_dashboard(personas, tamky):
    response = personas["owner"].get(url())
    assert response.status_code == 200
    assert response.context["unit"] == tamky
    assert personas["anonymous"].get(url()).status_code == 302


@pytest.mark.django_db
def test_figures_are_the_registrys_and_the_apis(personas, city, tamky, owner, ancestor):
    make(tamky, owner, year=YEAR)
    advance(make(tamky, owner, name="Mô hình đã công nhận", year=YEAR), owner, ancestor, "recognized")
    response = personas["ancestor"].get(url(city, year=YEAR))
    figures = {f.metric.code: f for f in response.context["figures"]}
    api = (
        personas["ancestor"]
        .get("/api/v1/metrics/values", {"unit": city.pk, "from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"})
        .json()
    )
    by_code = {item["code"]: item["value"] for item in api["values"]}
    start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    for code, figure in figures.items():
        assert figure.value == registry.get(code).value_for(city, start, end) == by_code[code], code
        previous = registry.get(code).value_for(city, date(YEAR - 1, 1, 1), date(YEAR - 1, 12, 31))
        assert figure.previous == previous
    assert figures["initiatives.registered"].value >= 2 and figures["initiatives.recognized"].value >= 1


@pytest.mark.django_db
def test_a_figure_drills_down_to_exactly_the_models_it_counts(personas, city, tamky, owner, ancestor):
    make(tamky, owner, year=YEAR)
    make(tamky, owner, name="Bản nháp không được đếm", year=YEAR, submit=False)
    advance(make(tamky, owner, name="Mô hình đã công nhận", year=YEAR), owner, ancestor, "recognized")
    response = personas["ancestor"].get(url(city, year=YEAR))
    for figure in response.context["figures"]:
        if not figure.metric.initiative:
            continue
        listed = personas["ancestor"].get(figure.url)
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == figure.value, figure.metric.code
        assert listed.context["metric"]["metric"] == figure.metric


@pytest.mark.django_db
def test_the_api_lists_the_models_behind_a_figure(personas, city, tamky, owner):
    make(tamky, owner, year=YEAR)
    metric = registry.get("initiatives.registered")
    params = {"within": city.pk, "metric": metric.code, "start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
    body = personas["ancestor"].get("/api/v1/initiatives", params).json()
    assert body["count"] == metric.value_for(city, date(YEAR, 1, 1), date(YEAR, 12, 31)) >= 1
    assert personas["ancestor"].get("/api/v1/initiatives", {**params, "metric": "x.y"}).status_code == 400
    assert personas["ancestor"].get("/api/v1/initiatives", {"metric": metric.code}).status_code == 400


@pytest.mark.django_db
def test_early_warnings(personas, tamky, owner, ancestor):
    from danvan.initiatives.models import Initiative

    model = advance(
        make(tamky, owner, name="Mô hình lâu không cập nhật", year=YEAR), owner, ancestor, "in_progress"
    )
    Initiative.objects.filter(pk=model.pk).update(status_changed_at=timezone.now() - timedelta(days=120))
    response = personas["owner"].get(url(tamky))
    assert model in response.context["stale"]
    assert response.context["stale_count"] >= 1
    silent = response.context["silent"]
    registered = registry.get("initiatives.registered")
    for unit in silent:
        assert registered.value_for(unit, date(YEAR, 1, 1), date(YEAR, 12, 31)) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["abc", "1990", "3000", ""])
def test_a_bad_year_shows_this_year(personas, tamky, year):
    response = personas["owner"].get(url(tamky, year=year))
    assert response.status_code == 200 and response.context["year"] == YEAR


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_subtree(
    personas, city, tamky, haichau, owner, stranger, django_assert_max_num_queries
):
    client = personas["ancestor"]
    make(tamky, owner, year=YEAR)
    client.get(url(city))  # warm the per-process caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # each write stales the stored figures (rollups): both pages below compute every figure
    make(tamky, owner, name="Mô hình thứ hai", year=YEAR)
    with CaptureQueriesContext(connection) as before:
        client.get(url(city))
    for number in range(5):
        make(tamky, owner, name=f"Mô hình bổ sung số {number}", year=YEAR)
        make(haichau, stranger, name=f"Mô hình của Hải Châu số {number}", year=YEAR)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url(city))
    assert response.status_code == 200


@pytest.mark.django_db
def test_children_are_paginated(personas, city):
    first = personas["ancestor"].get(url(city))
    page = first.context["children_page"]
    assert len(page.object_list) <= 20
    if page.has_next():
        second = personas["ancestor"].get(url(city, page=2))
        assert second.context["children_page"].number == 2


@pytest.mark.django_db
def test_each_part_of_a_breakdown_drills_down_to_its_models(personas, city, tamky, owner, ancestor):
    make(tamky, owner, year=YEAR)
    advance(make(tamky, owner, name="Mô hình đã công nhận", year=YEAR), owner, ancestor, "recognized")
    response = personas["ancestor"].get(url(city, year=YEAR))
    linked = 0
    for rows in response.context["drills"]:
        for label, value, link in rows:
            if not link:
                continue
            listed = personas["ancestor"].get(link)
            assert listed.context["page"].paginator.count == value, (label, link)
            linked += 1
    assert linked >= 3  # field, status and kind parts


# --- the whole country ----------------------------------------------------------------------------
def country_url(**params):
    return reverse("dashboards:country") + (
        "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),  # the system administrator sees every unit
        ("ancestor", 404),  # the city's officer: a province is not the country
        ("owner", 404),
        ("stranger", 404),
        ("anonymous", 302),
    ],
)
def test_who_sees_the_country(personas, admin_user, persona, status):
    from tests.conftest import client_for

    clients = {**personas, "admin": client_for(admin_user)}
    assert clients[persona].get(country_url()).status_code == status


@pytest.mark.django_db
def test_the_country_is_the_sum_of_its_provinces(personas, admin_user, city, tamky, haichau, owner, stranger):
    from danvan.orgs.models import Unit
    from tests.conftest import client_for

    make(tamky, owner, year=YEAR)
    make(haichau, stranger, name="Mô hình của Hải Châu", year=YEAR)
    client = client_for(admin_user)
    response = client.get(country_url(year=YEAR))
    assert response.status_code == 200
    start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    provinces = list(Unit.objects.filter(depth=1, valid_until=None))
    assert provinces
    for figure in response.context["figures"]:
        assert figure.value == sum(figure.metric.value_for(p, start, end) for p in provinces)
        before = (date(YEAR - 1, 1, 1), date(YEAR - 1, 12, 31))
        assert figure.previous == sum(figure.metric.value_for(p, *before) for p in provinces)
    registered = registry.get("initiatives.registered")
    figures = {f.metric.code: f.value for f in response.context["figures"]}
    assert figures["initiatives.registered"] >= 2
    # the provinces with their own subtree's figures, linking to their dashboards
    rows = response.context["children_page"].object_list
    assert {row.unit.pk for row in rows} == {p.pk for p in provinces}
    for row in rows:
        assert row.values["initiatives.registered"] == registered.value_for(row.unit, start, end)
    assert reverse("dashboards:unit", args=[city.pk]) in response.content.decode()
    # the breakdowns and the series add up to the figure
    for drill in response.context["drills"]:
        assert sum(value for _label, value, _url in drill) == figures["initiatives.registered"]
    # a point per province on the map
    assert 'data-testid="map"' in response.content.decode()
    # a province's dashboard links up to the country for the administrator only
    assert 'data-testid="country-link"' in client.get(url(city)).content.decode()
    assert 'data-testid="country-link"' not in personas["ancestor"].get(url(city)).content.decode()


@pytest.mark.django_db
def test_a_write_anywhere_refreshes_the_countrys_stored_figures(admin_user, tamky, owner):
    from tests.conftest import client_for

    client = client_for(admin_user)

    def registered():
        figures = client.get(country_url(year=YEAR)).context["figures"]
        return {f.metric.code: f.value for f in figures}["initiatives.registered"]

    before = registered()
    assert registered() == before  # read from the store
    make(tamky, owner, name="Mô hình mới của phường", year=YEAR)
    assert registered() == before + 1


@pytest.mark.django_db
def test_the_models_not_updated_are_counted_and_the_oldest_listed(tamky, owner, ancestor):
    """How many models are not updated for 90 days, and the oldest first (never updated first),
    whatever the limit: the same as reading every model of the subtree in Python."""
    from danvan.dashboards import queries
    from danvan.initiatives.models import Initiative, ProgressUpdate

    on = today()
    models = [
        advance(make(tamky, owner, name=f"Mô hình {n}", year=YEAR), owner, ancestor, "in_progress")
        for n in range(6)
    ]
    for n, model in enumerate(models):
        changed = timezone.now() - timedelta(days=60 + 20 * n)
        Initiative.objects.filter(pk=model.pk).update(status_changed_at=changed)
        if n % 2:  # updated 10, 70 and 130 days ago
            ProgressUpdate.objects.create(
                initiative=model, reported_on=on - timedelta(days=10 + 60 * (n // 2)), narrative="Họp dân"
            )

    def last(model):
        return max((u.reported_on for u in model.progress_updates.all()), default=None)

    threshold = on - queries.STALE_AFTER
    threshold_start = timezone.make_aware(datetime.combine(threshold, time.min))
    building = Initiative.objects.filter(
        owner_unit__path__startswith=tamky.path, status__in=["in_progress", "consolidated"]
    )
    stale = [
        m
        for m in building
        if (last(m) < threshold if last(m) is not None else m.status_changed_at < threshold_start)
    ]
    expected = sorted(stale, key=lambda m: (last(m) or date.min, m.status_changed_at, m.pk))
    assert 2 <= len(expected) < len(models)
    for limit in range(1, len(models) + 2):
        count, oldest = queries.stale_models(tamky, on, limit=limit)
        assert count == len(expected)
        assert [m.pk for m in oldest] == [m.pk for m in expected[:limit]]


@pytest.mark.django_db
def test_the_countrys_oldest_not_updated_are_picked_among_its_provinces(tamky, owner, ancestor, city):
    """The country lists the oldest of its provinces' stored oldest, in the order of one query over
    every model: each province keeps the sort keys of its own, and the country reads only the ten."""
    from danvan.dashboards import queries
    from danvan.geo.models import Area
    from danvan.initiatives.models import Initiative
    from danvan.orgs.models import Unit

    on = today()
    area = Area.objects.filter(era="2025", level="province").exclude(pk=city.area_id).order_by("path").first()
    other = Unit.objects.add_root(
        instance=Unit(name="Tỉnh ủy thử", unit_type=city.unit_type, area=area, valid_from=date(2025, 7, 1))
    )
    for n in range(8):
        model = advance(
            make(tamky, owner, name=f"Mô hình chậm {n}", year=YEAR), owner, ancestor, "in_progress"
        )
        changed = timezone.now() - timedelta(days=95 + 7 * ((n * 5) % 8))
        moved = {"owner_unit": other} if n % 2 else {}  # every other one in the second province
        Initiative.objects.filter(pk=model.pk).update(status_changed_at=changed, **moved)
    provinces = list(Unit.objects.filter(depth=1, valid_until=None))
    threshold = on - queries.STALE_AFTER
    threshold_start = timezone.make_aware(datetime.combine(threshold, time.min))
    building = [
        m
        for m in Initiative.objects.filter(status__in=["in_progress", "consolidated"]).select_related(
            "owner_unit"
        )
        if any(m.owner_unit.path.startswith(p.path) for p in provinces)
    ]
    last = {m.pk: max((u.reported_on for u in m.progress_updates.all()), default=None) for m in building}
    stale = [
        m
        for m in building
        if (last[m.pk] < threshold if last[m.pk] is not None else m.status_changed_at < threshold_start)
    ]
    expected = [
        m.pk for m in sorted(stale, key=lambda m: (last[m.pk] or date.min, m.status_changed_at, m.pk))
    ]
    assert len({m.owner_unit.path[:4] for m in stale}) == 2 and len(expected) >= 8  # two provinces
    for limit in (1, 3, 5, 10):
        count, oldest = queries.country_stale_models(queries.Provinces(on), on, limit=limit)
        assert count == len(expected)
        assert [m.pk for m in oldest] == expected[:limit]


@pytest.mark.django_db
def test_the_country_with_nothing_new_reads_its_stored_sums(admin_user, tamky, owner, city):
    """A second look at the country reads the sums it stored, not the provinces' figures; a province
    added since is in the sums at once, and a write in any province changes them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.orgs.models import Unit
    from tests.conftest import client_for

    client = client_for(admin_user)
    make(tamky, owner, name="Mô hình trước", year=YEAR)
    first = client.get(country_url(year=YEAR))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(country_url(year=YEAR))
    rollup_reads = [q["sql"] for q in queries.captured_queries if 'FROM "metrics_rollup"' in q["sql"]]
    assert len(rollup_reads) == 1 and "IN (" not in rollup_reads[0]  # the country's row only

    def figures(response):
        return {f.metric.code: (f.value, f.previous) for f in response.context["figures"]}

    assert figures(second) == figures(first)
    assert second.context["stale_count"] == first.context["stale_count"]

    area = Area.objects.filter(era="2025", level="province").exclude(pk=city.area_id).order_by("path").first()
    added = Unit.objects.add_root(
        instance=Unit(name="Tỉnh ủy mới", unit_type=city.unit_type, area=area, valid_from=date(2025, 7, 1))
    )
    third = client.get(country_url(year=YEAR))
    assert added.pk in {row.unit.pk for row in third.context["children_page"].object_list}
    make(tamky, owner, name="Mô hình sau", year=YEAR)
    fourth = client.get(country_url(year=YEAR))
    assert figures(fourth)["initiatives.registered"][0] == figures(first)["initiatives.registered"][0] + 1
