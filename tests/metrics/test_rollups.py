"""Stored figures (rollups): a dashboard reads them in a few queries, and they are never stale.

The invariant (``danvan.metrics.rollups``): a stored figure is used only under the stamp its unit
had before it was computed, and on the day it was computed; every write to a counted row draws new
stamps up the tree. A state machine makes random writes through the services (register, every
lifecycle step, progress, topics, recognition decisions issued and revoked, a unit's type) and
after each one reads every figure of the dashboard both from the store and from the rows: they
must be equal."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from danvan.awards import services as awards
from danvan.awards.workflow import DecisionKind
from danvan.core.models import today
from danvan.core.services import ServiceError
from danvan.dashboards import queries
from danvan.initiatives import services
from danvan.initiatives.models import Initiative, Kind, Topic
from danvan.metrics import rollups
from danvan.metrics.models import Rollup, RollupStamp
from danvan.orgs.models import Unit, UnitSuccession, UnitType
from danvan.targets.evaluation import results
from tests.awards.conftest import SIGNER
from tests.initiatives.conftest import make, make_former_model
from tests.initiatives.test_services import data
from tests.machines import run_machine

pytestmark = pytest.mark.django_db

YEAR = today().year
window = queries.year_window
COLUMNS = ("initiatives.registered", "initiatives.recognized", "awards.typical")


DIMENSIONS = ("field", "status", "kind", "owner_type", "topic")
TYPICAL_DIMENSIONS = ("field", "kind", "topic")


def snapshot(unit: Unit, store: rollups.Figures | None) -> dict:
    """Every figure a dashboard shows for the unit, its targets included: from the store when given,
    the figures a store lacks computed together (``registry.values_for_many``, ``Metric.breakdowns``);
    without a store, each from its metric's own definition, one query each."""
    registry = queries.registry
    registered = registry.get("initiatives.registered")
    typical = registry.get("awards.typical")
    if store is not None:
        figures = [(f.metric.code, f.value, f.previous) for f in queries.key_figures(unit, YEAR, store)]
        breakdowns = queries.labelled_breakdowns(registered, DIMENSIONS, unit, YEAR, store)
        typicals = queries.breakdowns_values(typical, TYPICAL_DIMENSIONS, unit, YEAR, store)
    else:
        figures = [
            (code, metric.value_for(unit, *window(YEAR)), metric.value_for(unit, *window(YEAR - 1)))
            for code in queries.KEY_FIGURES
            for metric in [registry.get(code)]
        ]
        breakdowns = {
            name: queries.labelled(
                registered, name, unit, YEAR, registered.breakdown(name, unit, *window(YEAR))
            )
            for name in DIMENSIONS
        }
        typicals = {name: typical.breakdown(name, unit, *window(YEAR)) for name in TYPICAL_DIMENSIONS}
    result = {
        "figures": figures,
        "children": [(row.unit.pk, row.values) for row in queries.by_child(unit, YEAR, COLUMNS, store)],
        "years": queries.by_year(unit, YEAR, COLUMNS, store),
        "breakdowns": [breakdowns[name] for name in DIMENSIONS],
        "map": [(area.pk, count) for area, count in queries.map_points(unit, YEAR, store)],
        # the decisions' counters read the models' field and kind through their entries
        "typical": [typicals[name] for name in TYPICAL_DIMENSIONS],
        "stale": (lambda count, oldest: (count, [m.pk for m in oldest]))(
            *queries.stale_models(unit, today(), store=store)
        ),
    }
    result["targets"] = [
        (r.target.pk, r.actual, r.numerator, r.denominator, r.status)
        for r in results(unit, today(), year=YEAR, store=store)
    ]
    if store is not None:
        store.save()
    return result


def stored(unit: Unit) -> dict:
    return snapshot(unit, rollups.Figures(unit, today()))


def test_the_store_answers_what_the_rows_answer_and_keeps_it(city, tamky, owner):
    make(tamky, owner, year=YEAR)
    live = snapshot(city, None)
    assert stored(city) == live  # computed and stored
    assert Rollup.objects.filter(path=city.path).exists()
    with CaptureQueriesContext(connection) as reading:
        assert stored(city) == live  # read back
    # the stamp and the figures; then what is not a count: the children, the labels of the
    # breakdowns, the areas of the map, the oldest models not updated (by id). No aggregate runs.
    sqls = [q["sql"] for q in reading.captured_queries]
    assert not [sql for sql in sqls if "COUNT(" in sql or "SUM(" in sql or "MAX(" in sql], sqls
    assert len(sqls) <= 10, sqls


def test_a_write_under_the_unit_stales_it_and_every_unit_above_but_not_beside(city, tamky, haichau, owner):
    make(tamky, owner, year=YEAR)
    for unit in (city, tamky, haichau):
        stored(unit)
    stamps = {(p, c): s for p, c, s in RollupStamp.objects.values_list("path", "channel", "stamp")}
    make(tamky, owner, name="Mô hình thứ hai", year=YEAR)
    after = {(p, c): s for p, c, s in RollupStamp.objects.values_list("path", "channel", "stamp")}
    changed = {path for (path, channel) in after if after[path, channel] != stamps.get((path, channel))}
    assert {city.path, tamky.path} <= changed
    assert haichau.path not in changed
    assert all(city.path.startswith(path) or tamky.path.startswith(path) for path in changed)
    assert stored(tamky) == snapshot(tamky, None)
    assert stored(city)["figures"][0][1] == snapshot(city, None)["figures"][0][1]


def test_a_figure_computed_across_a_write_is_not_used_after_it(city, tamky, owner):
    """A reader that began before a write stores its figure under the stamp of before the write."""
    make(tamky, owner, year=YEAR)
    reads = rollups.reads(queries.registry.get("initiatives.registered"))
    store = rollups.Figures(city, today())  # the stamps are read here ...
    value = store.get("value:initiatives.registered:test", lambda: 1, reads)
    make(tamky, owner, name="Mô hình ghi trong lúc tính", year=YEAR)  # ... a write lands ...
    store.save()  # ... and the figure is stored under the old stamps
    assert value == 1
    again = rollups.Figures(city, today())
    assert again.get("value:initiatives.registered:test", lambda: 2, reads) == 2


def test_a_figure_lasts_one_day(city, tamky, owner):
    make(tamky, owner, year=YEAR)
    stored(city)
    assert rollups.Figures(city, today()).stored
    assert not rollups.Figures(city, today() + timedelta(days=1)).stored


def test_a_former_units_rows_stale_its_successors_figures(city, tamky, owner, former):
    model = make_former_model(tamky, owner, former)  # placed in the former ward by an update
    rollups.reset()
    successor = UnitSuccession.objects.get(predecessor=former, is_default=True).successor
    assert not successor.path.startswith(former.path)  # its figures count the former ward's rows
    stored(successor)
    stored(city)
    model.refresh_from_db()
    model.status = "in_progress"  # as an import of old records would correct it
    model.save()
    assert stored(successor) == snapshot(successor, None)
    assert stored(city) == snapshot(city, None)
    # a model of the former ward leaves the figures (stopped): the successor's are stale
    model.status = "stopped"
    model.save()
    assert stored(successor) == snapshot(successor, None)


def test_bulk_registration_stales_the_figures(city, tamky, owner):
    """An Excel import writes in bulk, where no signal fires: the service draws the stamps itself."""
    stored(city)
    rows = [(tamky, data(name=f"Mô hình nhập từ Excel số {n}", year=YEAR), []) for n in range(3)]
    services.register_initiatives(rows, actor=owner, submit=True)
    assert stored(city) == snapshot(city, None)
    registered = {code: value for code, value, _previous in stored(city)["figures"]}
    assert registered["initiatives.registered"] == 3


def test_a_models_topics_stale_the_breakdown_by_topic(city, tamky, owner):
    model = make(tamky, owner, year=YEAR)
    stored(city)
    model.topics.set(list(Topic.objects.order_by("pk")[:2]))
    assert stored(city) == snapshot(city, None)
    Topic.objects.order_by("pk").first().initiatives.remove(model)  # from the other side
    assert stored(city) == snapshot(city, None)


def test_a_decision_stales_the_figures_of_the_models_it_lists(city, tamky, owner):
    from danvan.awards.models import Decision

    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    model = make(front, owner, year=YEAR)
    services.transition(model, "start", actor=owner)
    services.add_progress(model, {"narrative": "Ra quân", "people_reached": 30}, actor=owner)
    model = services.transition(model, "propose", actor=owner)
    decision = awards.create_decision(
        DecisionKind.RECOGNITION, front, {"date": today(), "number": 3, **SIGNER}, actor=owner
    )
    awards.add_initiatives(decision, [model], actor=owner, typical={model.pk})
    awards.transition(decision, "issue", actor=owner)
    stored(city)
    # a correction of the decision's date (an administrator's, outside the services): the typical
    # count moves to another year, though no model changed
    issued = Decision.objects.get(pk=decision.pk)
    issued.date = today().replace(year=YEAR - 1)
    issued.save()
    assert stored(city) == snapshot(city, None)


def _recognized_model(owner):
    """A model of the ward's Front listed (typical) by an issued recognition decision."""
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    model = make(front, owner, year=YEAR)
    services.transition(model, "start", actor=owner)
    services.add_progress(model, {"narrative": "Ra quân", "people_reached": 30}, actor=owner)
    model = services.transition(model, "propose", actor=owner)
    decision = awards.create_decision(
        DecisionKind.RECOGNITION, front, {"date": today(), "number": 3, **SIGNER}, actor=owner
    )
    awards.add_initiatives(decision, [model], actor=owner, typical={model.pk})
    awards.transition(decision, "issue", actor=owner)
    return Initiative.objects.get(pk=model.pk)


def _computed(unit, key, metric, compute=None):
    """(whether the figure had to be computed from the rows, its value): the dashboard's value of
    the metric for the year, unless `compute` is given."""
    if compute is None:
        compute = lambda: metric.value_for(unit, *queries.year_window(YEAR))  # noqa: E731
    calls = []
    store = rollups.Figures(unit, today())

    def counted():
        calls.append(1)
        return compute()

    value = store.get(key, counted, rollups.reads(metric))
    store.save()
    return bool(calls), value


def test_a_model_registered_leaves_the_awards_counters_stored(city, tamky, owner):
    """Stamps per channel: a new model changes the models' counts, not the decisions' (it is in none)."""
    _recognized_model(owner)
    typical = queries.registry.get("awards.typical")
    registered = queries.registry.get("initiatives.registered")
    stored(city)
    make(tamky, owner, name="Mô hình đăng ký sau quyết định", year=YEAR)
    assert _computed(city, f"value:awards.typical:{YEAR}", typical) == (False, 1)
    assert _computed(city, f"value:initiatives.registered:{YEAR}", registered) == (True, 2)
    assert stored(city) == snapshot(city, None)


def test_a_model_registered_with_topics_leaves_the_awards_counters_stored(city, tamky, owner):
    """The decisions' counters read a model's topics through their entries: a new model, which no
    decision lists, does not stale them by its topics; a listed model's topics do."""
    model = _recognized_model(owner)
    typical = queries.registry.get("awards.typical")
    stored(city)
    topics = list(Topic.objects.order_by("pk")[:2])
    services.register_initiative(
        tamky, data(name="Mô hình có chủ đề", year=YEAR), actor=owner, submit=True, topics=topics
    )
    assert _computed(city, f"value:awards.typical:{YEAR}", typical) == (False, 1)
    assert stored(city) == snapshot(city, None)
    model.topics.set(topics)
    key = f"breakdown:awards.typical:topic:{YEAR}"
    assert _computed(city, key, typical, lambda: {}) == (True, {})
    assert queries.breakdown_values(typical, "topic", city, YEAR, None) == {t.pk: 1 for t in topics}


def test_a_transition_leaves_the_awards_counters_stored(city, tamky, owner):
    """A model's status is not read through by the decisions' counters."""
    _recognized_model(owner)
    typical = queries.registry.get("awards.typical")
    model = make(tamky, owner, name="Mô hình bắt đầu xây dựng", year=YEAR)
    stored(city)
    services.transition(model, "start", actor=owner)
    assert _computed(city, f"value:awards.typical:{YEAR}", typical) == (False, 1)
    assert stored(city) == snapshot(city, None)


def test_a_petition_leaves_the_dashboard_stored(city, tamky, owner):
    from danvan.petitions import services as petitions

    committee = Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    assert committee.path.startswith(city.path)
    make(tamky, owner, year=YEAR)
    stored(city)
    petitions.record_petition(
        {
            "kind": "recommendation",
            "topic": "land",
            "subject": "Sửa đường khối phố 7",
            "content": "Nội dung đơn.",
            "area": committee.area,
            "unit": committee,
            "channel": "direct",
            "received_on": today(),
            "petitioners": [{"name": "Lê Văn A", "phone": "0905123400"}],
        },
        actor=get_user_model().objects.get(username="tiepdan.tamky"),
        today=today(),
        confirm_duplicate=True,
    )
    with CaptureQueriesContext(connection) as reading:
        figures = stored(city)
    sqls = [q["sql"] for q in reading.captured_queries]
    assert not [sql for sql in sqls if "COUNT(" in sql or "SUM(" in sql or "MAX(" in sql], sqls
    assert figures == snapshot(city, None)


def test_a_models_field_corrected_stales_the_decisions_breakdown_by_field(city, tamky, owner):
    """The awards counters read the model's field through the decision's entries: a correction of
    the field (an administrator's, outside the services) draws that field's channel."""
    from danvan.initiatives.models import Field

    model = _recognized_model(owner)
    typical = queries.registry.get("awards.typical")
    before = queries.breakdown_values(typical, "field", city, YEAR, store=None)
    assert before == {model.field_id: 1}
    store = rollups.Figures(city, today())
    assert queries.breakdown_values(typical, "field", city, YEAR, store) == before
    store.save()
    other = Field.objects.exclude(pk=model.field_id).first()
    model.field = other
    model.save()
    store = rollups.Figures(city, today())
    assert queries.breakdown_values(typical, "field", city, YEAR, store) == {other.pk: 1}
    store.save()
    # a save that changes no field the counters read leaves them stored
    model.name = "Tên mới của mô hình"
    model.save()
    assert _computed(city, f"breakdown:awards.typical:field:{YEAR}", typical, lambda: -1) == (
        False,
        {other.pk: 1},
    )


def test_what_each_metric_reads(db):
    channels = rollups.reads(queries.registry.get("awards.typical"))
    assert {"awards.DecisionEntry", "awards.Decision.status", "awards.Decision.date"} <= channels
    assert {"initiatives.Initiative.owner_unit", "initiatives.Initiative.field"} <= channels
    assert "initiatives.Initiative.topics" in channels and "initiatives.Initiative" not in channels
    assert rollups.ALL in channels
    # a model's own topics: any change of its links draws the model's channel
    assert rollups.reads(queries.registry.get("initiatives.registered")) == {
        rollups.ALL,
        "initiatives.Initiative",
    }
    # rows reached back through a reverse relation: any write to them
    stale = rollups.reads_of("initiatives.Initiative", ["progress_updates__reported_on"])
    assert stale == {rollups.ALL, "initiatives.Initiative", "initiatives.ProgressUpdate"}


def test_a_metric_whose_reads_cannot_be_told_is_refused(db):
    from django.db.models import Exists, OuterRef

    from danvan.metrics.registry import Metric

    metric = Metric(
        code="test.unreadable",
        label="x",
        definition="x",
        model="initiatives.Initiative",
        unit_field="owner_unit",
        year_field="year",
        filter=Q(Exists(Initiative.objects.filter(replicated_from=OuterRef("pk")))),
    )
    with pytest.raises(TypeError):
        rollups.reads(metric)


def test_a_channel_no_write_draws_is_refused_at_start(db):
    """A metric reading a field of a model nobody watches would keep a stale figure forever."""
    from django.core.exceptions import ImproperlyConfigured

    from danvan.metrics.registry import Metric

    metric = Metric(
        code="test.unwatched",
        label="x",
        definition="x",
        model="awards.DecisionEntry",
        unit_field="proposal__proposing_unit",
        date_field="decision__date",
        dimensions={"form": "proposal__award_form__name"},
    )
    with pytest.raises(ImproperlyConfigured, match="awards.AwardForm"):
        rollups.check_channels([metric])


def test_the_channels_check_reports_what_it_found_and_changes_nothing(db):
    """The fields read through other rows, and by which: what the watchers are connected with."""
    typical = queries.registry.get("awards.typical")
    before = (dict(rollups._READ_FIELDS), dict(rollups._REFERENCES))
    read_fields, references = rollups.check_channels([typical])
    assert {"field", "kind"} <= read_fields["initiatives.Initiative"]
    assert ("awards.DecisionEntry", "initiative") in references["initiatives.Initiative.field"]
    assert (dict(rollups._READ_FIELDS), dict(rollups._REFERENCES)) == before


def test_reset_forgets_every_figure(city, tamky, owner):
    make(tamky, owner, year=YEAR)
    stored(city)
    rollups.reset()
    assert not Rollup.objects.exists()


@pytest.mark.parametrize(
    "value",
    [0, 7, Decimal("1500000.50"), None, {3: 1, None: 2, "recognized": Decimal("2.5")}, {"0001": 4}, [1, 2]],
)
def test_figures_keep_their_types(value):
    assert rollups.decode(rollups.encode(value)) == value


def test_what_json_cannot_keep_exactly_is_refused():
    with pytest.raises(TypeError):
        rollups.encode(1.5)
    with pytest.raises(TypeError):
        rollups.encode({today(): 1})


def test_the_dashboard_page_reads_the_store(personas, city, tamky, owner):
    make(tamky, owner, year=YEAR)
    client = personas["ancestor"]
    url = reverse("dashboards:unit", args=[city.pk])
    first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert [f.value for f in first.context["figures"]] == [f.value for f in second.context["figures"]]
    make(tamky, owner, name="Mô hình mới sau khi xem", year=YEAR)
    with CaptureQueriesContext(connection) as cold:
        third = client.get(url)
    assert len(warm.captured_queries) < len(cold.captured_queries) / 2
    registered = {f.metric.code: f.value for f in third.context["figures"]}["initiatives.registered"]
    assert (
        registered == {f.metric.code: f.value for f in first.context["figures"]}["initiatives.registered"] + 1
    )


# --- the state machine ------------------------------------------------------------------------------
class Writes(RuleBasedStateMachine):
    """Random writes through the services; after each, the stored figures equal the rows'."""

    world: dict

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.models: list[int] = []
        self.decisions: list[int] = []
        self.count = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize()
    def registered(self):
        """Every example starts from two registered models of the ward and one recognized by a
        decision, so that each rule has one to act on."""
        w = self.world
        for where in ("tamky", "tamky_front"):
            self.count += 1
            self.models.append(make(w[where], w["owner"], f"Mô hình ban đầu số {self.count}", year=YEAR).pk)
        # and one of the Front's, typical in an issued decision (the decisions' counters read it)
        self.models.append(_recognized_model(w["owner"]).pk)

    def model(self, index: int) -> Initiative | None:
        if not self.models:
            return None
        return Initiative.objects.get(pk=self.models[index % len(self.models)])

    @rule(
        where=st.sampled_from(["tamky", "tamky_front", "haichau"]),
        draft=st.booleans(),
        last_year=st.booleans(),
        exemplar=st.booleans(),
    )
    def register(self, where, draft, last_year, exemplar):
        w = self.world
        actor = w["stranger"] if where == "haichau" else w["owner"]
        self.count += 1
        extra = {"kind": Kind.SELF_MANAGEMENT} if exemplar else {}
        model = make(
            w[where], actor, f"Mô hình thử số {self.count}", year=YEAR - last_year, submit=not draft, **extra
        )
        self.models.append(model.pk)

    @rule(
        index=st.integers(0, 20),
        action=st.sampled_from(["register", "start", "propose", "recognize", "stop"]),
    )
    def step(self, index, action):
        model = self.model(index)
        if model is None:
            return
        w = self.world
        actor = (
            w["ancestor"]
            if action == "recognize"
            else w["stranger" if model.owner_unit == w["haichau"] else "owner"]
        )
        try:
            with transaction.atomic():
                services.transition(model, action, actor=actor, comment="Lý do thử")
        except (ServiceError, PermissionDenied, ValueError, KeyError):
            pass

    @rule(index=st.integers(0, 20))
    def progress(self, index):
        model = self.model(index)
        if model is None:
            return
        w = self.world
        actor = w["stranger"] if model.owner_unit == w["haichau"] else w["owner"]
        try:
            with transaction.atomic():
                services.add_progress(model, {"narrative": "Cập nhật", "people_reached": 5}, actor=actor)
        except (ServiceError, PermissionDenied):
            pass

    @rule(index=st.integers(0, 20), topics=st.sets(st.integers(0, 3), min_size=1, max_size=2))
    def topics(self, index, topics):
        model = self.model(index)
        if model is None:
            return
        chosen = list(Topic.objects.order_by("pk")[:4])
        model.topics.set([chosen[i] for i in topics if i < len(chosen)])

    @rule()
    def decide(self):
        """The ward's Front recognizes the ward's proposed models by a decision."""
        w = self.world
        proposed = list(
            Initiative.objects.filter(
                pk__in=self.models, status="proposed", owner_unit__path__startswith=w["tamky"].path
            )
        )
        if not proposed:
            return
        try:
            with transaction.atomic():
                number = awards.next_number(w["tamky_front"], YEAR)
                decision = awards.create_decision(
                    DecisionKind.RECOGNITION,
                    w["tamky_front"],
                    {"date": today(), "number": number, **SIGNER},
                    actor=w["owner"],
                )
                awards.add_initiatives(decision, proposed, actor=w["owner"], typical={proposed[0].pk})
                awards.transition(decision, "issue", actor=w["owner"])
                self.decisions.append(decision.pk)
        except (ServiceError, PermissionDenied):
            pass

    @rule(index=st.integers(0, 5))
    def revoke(self, index):
        if not self.decisions:
            return
        from danvan.awards.models import Decision

        decision = Decision.objects.get(pk=self.decisions[index % len(self.decisions)])
        try:
            with transaction.atomic():
                awards.transition(decision, "revoke", actor=self.world["owner"], comment="Ban hành nhầm")
        except (ServiceError, PermissionDenied):
            pass

    @rule(index=st.integers(0, 20), kind=st.sampled_from([Kind.MODEL, Kind.SELF_MANAGEMENT]))
    def reclassify(self, index, kind):
        """An administrator corrects a model's field and kind (outside the services, whatever its
        status): the decisions listing it count it under the new ones."""
        from danvan.initiatives.models import Field

        # every other time the model the initial decision lists (the counters read it)
        model = self.model(2 if index % 2 == 0 else index)
        if model is None:
            return
        fields = list(Field.objects.order_by("pk")[:2])
        model.field = fields[0] if model.field_id != fields[0].pk else fields[1]
        model.kind = kind
        model.save()

    @rule()
    def retype(self):
        """A unit's type changes (an administrator's correction): the breakdown by type moves."""
        w = self.world
        unit = Unit.objects.get(pk=w["tamky_front"].pk)
        types = list(UnitType.objects.order_by("pk")[:2])
        unit.unit_type = types[0] if unit.unit_type_id != types[0].pk else types[1]
        unit.save()

    @invariant()
    def stored_figures_are_the_rows(self):
        for name in ("city", "tamky"):
            unit = Unit.objects.get(pk=self.world[name].pk)
            assert stored(unit) == snapshot(unit, None), name


def test_random_writes_never_leave_a_stale_figure(city, tamky, haichau, owner, ancestor, stranger):
    Writes.world = {
        "city": city,
        "tamky": tamky,
        "haichau": haichau,
        "tamky_front": Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"),
        "owner": owner,
        "ancestor": ancestor,
        "stranger": stranger,
    }
    run_machine(Writes, examples=20, steps=12)


def test_the_tick_forgets_the_figures_of_past_days(city, tamky, owner):
    from danvan.core.tick import run_all

    make(tamky, owner, year=YEAR)
    stored(city)
    Rollup.objects.filter(path=city.path).update(computed_on=today() - timedelta(days=1))
    stored(tamky)  # today's
    results = {r.name: r for r in run_all(today=today())}
    assert results["metrics.forget_old_figures"].ok
    assert not Rollup.objects.filter(computed_on__lt=today()).exists()
    assert Rollup.objects.filter(path=tamky.path, computed_on=today()).exists()
