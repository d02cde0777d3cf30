from ninja import Router, Schema

from danvan.core.permissions import grants_of, is_system_admin
from danvan.orgs.models import Unit

router = Router(tags=["me"])


class UnitRef(Schema):
    id: int
    name: str


class GrantOut(Schema):
    role: str
    role_label: str
    unit: UnitRef


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_system_admin: bool
    unit: UnitRef | None
    position: str
    grants: list[GrantOut]


@router.get("/me", response=MeOut, summary="Người dùng hiện tại và các quyền được giao")
def me(request):
    from danvan.core.permissions import Role

    user = request.user
    person = getattr(user, "person", None)
    grants = grants_of(user)
    names = dict(Unit.objects.filter(pk__in={g.unit_id for g in grants}).values_list("id", "name"))
    labels = dict(Role.choices)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "full_name": person.full_name if person else user.get_full_name(),
        "email": user.email,
        "is_system_admin": is_system_admin(user),
        "unit": {"id": person.unit_id, "name": person.unit.name} if person else None,
        "position": person.position if person else "",
        "grants": [
            {
                "role": g.role,
                "role_label": str(labels[g.role]),
                "unit": {"id": g.unit_id, "name": names[g.unit_id]},
            }
            for g in grants
        ],
    }
