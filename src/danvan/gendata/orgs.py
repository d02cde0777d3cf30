"""Villages, the units of every province and commune, people, users and their grants."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from danvan.core.permissions import Role
from danvan.core.text import fold, sort_key
from danvan.gendata.bulk import Tree, insert
from danvan.gendata.context import BENCH_PROVINCE, BENCH_WARD, Commune, Context, Province
from danvan.gendata.names import person_name, village_name
from danvan.geo.models import REFORM_DATE, Area, AreaKind, AreaLevel, Era
from danvan.orgs.demo import DEMO_PASSWORD, SOCIO_POLITICAL, locality
from danvan.orgs.models import Grant, Person, Unit, UnitType

PROVINCE_AGENCIES = [
    ("state_agency", "Sở Nội vụ"),
    ("state_agency", "Sở Tài chính"),
    ("state_agency", "Sở Nông nghiệp và Môi trường"),
    ("state_agency", "Sở Xây dựng"),
    ("state_agency", "Sở Giáo dục và Đào tạo"),
    ("state_agency", "Sở Y tế"),
    ("state_agency", "Sở Văn hóa, Thể thao và Du lịch"),
    ("state_agency", "Sở Khoa học và Công nghệ"),
    ("state_agency", "Thanh tra tỉnh"),
    ("police", "Công an"),
    ("military_command", "Bộ Chỉ huy Quân sự"),
]
# no local organization on the ground
UNINHABITED = ("Hoàng Sa", "Trường Sa")


def province_areas(ctx: Context) -> list[Area]:
    qs = Area.objects.filter(era=Era.CURRENT, level=AreaLevel.PROVINCE).order_by("code")
    if ctx.scale.provinces is not None:
        qs = qs.filter(name__in=ctx.scale.provinces)
    return list(qs)


def generate(ctx: Context) -> None:
    types = {t.code: t for t in UnitType.objects.all()}
    units_tree = Tree(Unit)
    areas_tree = Tree(Area)
    rng = ctx.rng("orgs")
    new_units: list[Unit] = []
    new_villages: list[Area] = []

    def unit(parent: Unit | None, name: str, type_code: str, area: Area) -> Unit:
        node = Unit(
            name=name,
            unit_type=types[type_code],
            area=area,
            name_folded=fold(name),
            name_sort=sort_key(name),
            valid_from=REFORM_DATE,
        )
        units_tree.place(node, parent)
        new_units.append(node)
        return node

    for parea in province_areas(ctx):
        where = parea.name[0].lower() + parea.name[1:]  # "thành phố Đà Nẵng"
        head = "Thành ủy" if parea.kind == AreaKind.CITY else "Tỉnh ủy"
        party = unit(None, f"{head} {parea.short_name}", "party_committee", parea)
        dept = unit(
            party,
            f"Ban Tuyên giáo và Dân vận {head} {parea.short_name}",
            "propaganda_mobilization_dept",
            parea,
        )
        government = unit(party, f"Ủy ban nhân dân {where}", "peoples_committee", parea)
        front = unit(party, f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}", "fatherland_front", parea)
        agencies = [
            unit(government if code == "state_agency" else party, f"{label} {where}", code, parea)
            for code, label in PROVINCE_AGENCIES
        ]
        mass = {code: unit(front, f"{label} {where}", code, parea) for code, label in SOCIO_POLITICAL}
        province = Province(parea, party, dept, government, front, agencies, mass)
        ctx.provinces.append(province)
        communes = Area.objects.filter(
            era=Era.CURRENT, level=AreaLevel.COMMUNE, path__startswith=parea.path
        ).order_by("code")
        for carea in communes:
            if any(word in carea.name for word in UNINHABITED):
                continue
            where = locality(carea)
            cparty = unit(party, f"Đảng ủy {where}", "party_committee", carea)
            commune = Commune(
                area=carea,
                party=cparty,
                government=unit(cparty, f"Ủy ban nhân dân {where}", "peoples_committee", carea),
                council=unit(cparty, f"Hội đồng nhân dân {where}", "peoples_council", carea),
                front=unit(cparty, f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}", "fatherland_front", carea),
                police=unit(cparty, f"Công an {where}", "police", carea),
                mass={},
            )
            for code, label in SOCIO_POLITICAL:
                commune.mass[code] = unit(commune.front, f"{label} {where}", code, carea)
            # villages: "Thôn …" in communes, "Tổ dân phố …" in wards, "Ấp …" in the south
            kind = AreaKind.RESIDENTIAL_GROUP if carea.kind == AreaKind.WARD else AreaKind.VILLAGE
            if kind == AreaKind.VILLAGE and (carea.latitude or 16) < 11.8:
                kind = AreaKind.HAMLET
            label = dict(AreaKind.choices)[kind]
            used: set[str] = set()
            for number in range(1, rng.randint(*ctx.scale.villages_per_commune) + 1):
                short = str(number) if kind == AreaKind.RESIDENTIAL_GROUP else village_name(rng, used)
                vname = f"{label} {short}"
                village = Area(
                    era=Era.CURRENT,
                    level=AreaLevel.VILLAGE,
                    kind=kind,
                    name=vname,
                    short_name=short if kind != AreaKind.RESIDENTIAL_GROUP else vname,
                    name_folded=fold(vname),
                    name_sort=sort_key(vname),
                    latitude=carea.latitude + rng.uniform(-0.02, 0.02) if carea.latitude else None,
                    longitude=carea.longitude + rng.uniform(-0.02, 0.02) if carea.longitude else None,
                    valid_from=REFORM_DATE,
                )
                areas_tree.place(village, carea)
                new_villages.append(village)
                commune.villages.append(village)
                commune.village_units.append(
                    unit(commune.front, f"Ban công tác Mặt trận {vname}", "village_front_committee", village)
                )
            province.communes.append(commune)

    insert(Area, new_villages)
    areas_tree.flush()
    insert(Unit, new_units)
    ctx.counts["villages"] = len(new_villages)
    ctx.counts["units"] = len(new_units)
    _people_and_users(ctx)


def _people_and_users(ctx: Context) -> None:
    """One user per role a benchmark or a person needs: standing-agency officer, leader and petition
    handler of each province; officer, secretary and petition handler of each commune."""
    rng = ctx.rng("people")
    password = make_password(DEMO_PASSWORD)  # one hash for all: argon2 per user would take minutes
    users: list[User] = []
    people: list[Person] = []
    grants: list[tuple[User, str, Unit]] = []

    def user(username: str, unit: Unit, role: str, position: str, over: Unit | None = None) -> User:
        """A person of `unit` with an account and `role` over `over` (default: the same unit)."""
        full_name = person_name(rng)
        surname, _, given = full_name.rpartition(" ")
        account = User(username=username, password=password, first_name=given, last_name=surname)
        users.append(account)
        people.append(
            Person(
                unit=unit, full_name=full_name, name_folded=fold(full_name), position=position, user=account
            )
        )
        grants.append((account, role, over or unit))
        return account

    ctx.admin = User(
        username="bench.admin",
        password=password,
        is_staff=True,
        is_superuser=True,
        first_name="Quản trị",
        last_name="Hệ thống",
    )
    users.append(ctx.admin)
    for index, p in enumerate(ctx.provinces, 1):
        prefix = "bench.province" if p.area.name == BENCH_PROVINCE else f"bench.p{index:02d}"
        p.officer = user(
            prefix, p.dept, Role.STANDING_AGENCY_OFFICER, "Chuyên viên Ban Tuyên giáo và Dân vận", p.party
        )
        p.leader = user(f"{prefix}.lanhdao", p.party, Role.LEADER, "Phó Bí thư Thường trực")
        p.handler = user(
            f"{prefix}.tiepdan", p.government, Role.PETITION_HANDLER, "Chuyên viên Ban Tiếp công dân"
        )
        for cindex, c in enumerate(p.communes, 1):
            cprefix = f"bench.p{index:02d}.c{cindex:03d}"
            if p.area.name == BENCH_PROVINCE and c.area.name == BENCH_WARD:
                cprefix = "bench.ward"
            c.officer = user(cprefix, c.party, Role.UNIT_OFFICER, "Chuyên viên Văn phòng Đảng ủy")
            c.leader = user(f"{cprefix}.bithu", c.party, Role.LEADER, "Bí thư Đảng ủy")
            c.handler = user(
                f"{cprefix}.tiepdan", c.government, Role.PETITION_HANDLER, "Công chức tiếp công dân"
            )
    insert(User, users)
    for person in people:
        person.user_id = person.user.pk
    insert(Person, people)
    insert(Grant, [Grant(user=u, role=role, unit=unit, granted_by=ctx.admin) for u, role, unit in grants])
    ctx.counts["users"] = len(users)
    ctx.counts["grants"] = len(grants)


def ensure_empty() -> None:
    """The generator builds a country from nothing: it refuses a database with units in it."""
    if Unit.objects.exists() or User.objects.exists():
        raise RuntimeError(
            "gen_data needs a database with the administrative areas only "
            "(danvan migrate, danvan load_areas): this one already has units or users."
        )
    if not Area.objects.filter(era=Era.CURRENT, level=AreaLevel.COMMUNE).exists():
        raise RuntimeError("Load the administrative areas first: danvan load_areas")
