import pytest
from django.urls import reverse

from danvan.appraisal import services
from tests.appraisal.conftest import candidate_of, full_scores
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_pages(scoring_round, models, lan, hanh, long_, ancestor, sets):
    r = scoring_round
    c = candidate_of(r, models["front"])
    services.save_scorecard(c, actor=lan, scores=full_scores(r, c), submit=True)
    for user in (ancestor, lan, hanh):
        client = client_for(user)
        for url in [
            reverse("appraisal:rounds"),
            reverse("appraisal:sets"),
            reverse("appraisal:set_new"),
            reverse("appraisal:round_new"),
            reverse("appraisal:set", args=[sets["collective"].pk]),
            reverse("appraisal:set_edit", args=[sets["collective"].pk]),
            reverse("appraisal:round", args=[r.pk]),
            reverse("appraisal:candidate", args=[r.pk, c.pk]),
            reverse("appraisal:results", args=[r.pk]),
        ]:
            resp = client.get(url)
            print(user, url, resp.status_code)
            assert resp.status_code in (200, 403), resp.content[:2000]
    for m in models.values():
        cc = candidate_of(r, m)
        for u in (lan, long_):
            if not (u == lan and m == models["front"]):
                services.save_scorecard(cc, actor=u, scores=full_scores(r, cc), submit=True)
    services.recuse(c, actor=hanh, reason="x")
    services.transition(r, "close", actor=ancestor)
    client = client_for(ancestor)
    for url in [
        reverse("appraisal:round", args=[r.pk]),
        reverse("appraisal:results", args=[r.pk]),
        reverse("appraisal:candidate", args=[r.pk, c.pk]),
    ]:
        resp = client.get(url)
        assert resp.status_code == 200
    for path in [
        "/api/v1/appraisal/rounds",
        f"/api/v1/appraisal/rounds/{r.pk}",
        f"/api/v1/appraisal/rounds/{r.pk}/candidates",
        f"/api/v1/appraisal/rounds/{r.pk}/results",
        f"/api/v1/appraisal/rounds/{r.pk}/proposals",
        f"/api/v1/appraisal/rounds/{r.pk}/history",
        "/api/v1/appraisal/criteria-sets",
        "/api/v1/appraisal/templates",
        f"/api/v1/appraisal/rounds/{r.pk}/council",
        f"/api/v1/appraisal/rounds/{r.pk}/candidates/{c.pk}/scorecards",
    ]:
        resp = client.get(path)
        print(path, resp.status_code, resp.content[:300])
        assert resp.status_code == 200
