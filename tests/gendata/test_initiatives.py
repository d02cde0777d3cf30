"""Generated models follow the lifecycle: steps, states, years and recognitions agree."""

import pytest
from django.db.models import Count, Max, Min

from danvan.gendata.awards import WINDOW
from danvan.initiatives.models import Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import TRANSITIONS, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated_models(generated):
    return Initiative.objects.filter(owner_unit__path__startswith=generated.provinces[0].party.path)


def test_every_step_is_allowed_and_ends_in_the_state(generated_models):
    assert generated_models.count() > 20
    for initiative in generated_models.prefetch_related("transitions"):
        steps = list(initiative.transitions.all())
        assert steps[0].action == "create" and steps[0].to_status == Status.DRAFT
        state = Status.DRAFT
        for step in steps[1:]:
            if step.action != "replicate":  # set by the replication service, not a user's action
                assert state in TRANSITIONS[step.action].sources, (initiative.pk, step.action)
            assert step.from_status == state
            assert step.at >= steps[0].at
            state = step.to_status
        assert state == initiative.status


def test_recognitions_have_a_level_and_a_date_after_registration(generated_models):
    recognized = generated_models.filter(status__in=[Status.RECOGNIZED, Status.REPLICATED])
    assert recognized.exists()
    for initiative in recognized:
        assert initiative.recognized_level_id and initiative.recognized_on.year >= initiative.year
        step = initiative.transitions.get(action="recognize")
        assert step.unit_id == initiative.recognized_level_id


def test_yearly_records_run_from_registration_without_gaps(generated, generated_models):
    rows = (
        InitiativeYear.objects.filter(initiative__in=generated_models)
        .values("initiative", "initiative__year", "initiative__status")
        .annotate(first=Min("year"), last=Max("year"), n=Count("id"))
    )
    for row in rows:
        assert row["first"] == row["initiative__year"]
        assert row["n"] == row["last"] - row["first"] + 1
        if row["initiative__status"] != Status.DISCONTINUED:
            assert row["last"] == generated.today.year
    assert rows.count() == generated_models.count()


def test_the_transition_benchmark_gets_drafts_of_the_ward(generated):
    drafts = Initiative.objects.filter(pk__in=generated.manifest["drafts"])
    assert drafts.count() == len(generated.manifest["drafts"]) == 3
    assert set(drafts.values_list("status", flat=True)) == {Status.DRAFT}
    ward = generated.bench_ward()
    assert set(drafts.values_list("owner_unit", flat=True)) == {ward.party.pk}
    assert TransitionRecord.objects.filter(initiative__in=drafts).count() == 3


def test_last_updated_is_a_moment_of_the_models_story(generated_models):
    """Not the day the data was generated: the list's "last updated" column reads it."""
    for initiative in generated_models.prefetch_related("transitions", "progress_updates"):
        moments = [step.at for step in initiative.transitions.all()]
        moments += [update.created_at for update in initiative.progress_updates.all()]
        # the awards part moves a recognition to its decision's date, within WINDOW of the original
        assert initiative.created_at <= initiative.updated_at <= max(moments) + WINDOW, initiative.pk
