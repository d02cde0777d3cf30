import pytest
from django.core.exceptions import PermissionDenied

from danvan.core.services import ServiceError
from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative
from danvan.initiatives.workflow import Status

pytestmark = pytest.mark.django_db


def test_register_progress_propose_recognize_replicate(owner, ancestor, tamky, haichau):
    field = Field.objects.get(code="culture_society")
    model = services.register_initiative(
        tamky,
        {
            "name": "Khu dân cư không rác thải nhựa",
            "field": field,
            "year": 2026,
            "content": "Vận động hộ dân phân loại rác tại nguồn",
        },
        actor=owner,
        submit=True,
    )
    assert model.status == Status.REGISTERED
    services.transition(model, "start", actor=owner)
    with pytest.raises(ServiceError):
        services.transition(model, "propose", actor=owner)
    services.add_progress(model, {"narrative": "Ra quân thu gom", "people_reached": 320}, actor=owner)
    services.transition(model, "propose", actor=owner)
    with pytest.raises(PermissionDenied):
        services.transition(model, "recognize", actor=owner)
    model = services.transition(model, "recognize", actor=ancestor)
    assert model.status == Status.RECOGNIZED and model.recognized_level is not None
    replica = services.replicate(model, haichau, actor=ancestor)
    model.refresh_from_db()
    assert model.status == Status.REPLICATED and replica.replicated_from == model
    root, tree = services.lineage(replica)
    assert root == model and [r for r, _ in tree] == [replica]
    assert [t.action for t in model.transitions.all()] == [
        "create",
        "register",
        "start",
        "propose",
        "recognize",
        "replicated",
    ]
    similar = services.similar_nearby("Khu dân cư không rác thải nhựa", "", haichau, 2026)
    assert any(other.pk == model.pk for _score, other in similar)
    assert Initiative.objects.count() >= 2
