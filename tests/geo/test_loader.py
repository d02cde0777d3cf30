"""The administrative-area loader, checked against the session load of the real data."""

import hashlib
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from danvan.geo.loader import Dataset, Record, designation, load_areas, read_dataset
from danvan.geo.models import LEGACY_UNTIL, REFORM_DATE, Area, AreaKind, AreaLevel, AreaSuccession, Era

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def dataset():
    return read_dataset()


def loaded(era, level):
    return Area.objects.filter(era=era, level=level).exclude(code="")


def checksum() -> str:
    digest = hashlib.sha256()
    for row in Area.objects.order_by("path").values_list(
        "path", "depth", "numchild", "name", "name_folded", "kind", "code", "valid_from", "valid_until"
    ):
        digest.update(repr(row).encode())
    for row in AreaSuccession.objects.order_by("predecessor_id", "successor_id").values_list(
        "predecessor_id", "successor_id", "is_default"
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_current_era_counts():
    assert Area.objects.filter(level=AreaLevel.PROVINCE).active(date(2025, 7, 1)).count() == 34
    assert Area.objects.filter(level=AreaLevel.COMMUNE).active(date(2025, 7, 1)).count() == 3321
    assert loaded(Era.CURRENT, AreaLevel.PROVINCE).count() == 34
    assert loaded(Era.CURRENT, AreaLevel.COMMUNE).count() == 3321
    assert not loaded(Era.CURRENT, AreaLevel.DISTRICT).exists()
    current = Area.objects.filter(era=Era.CURRENT).exclude(code="")
    assert set(current.values_list("valid_from", "valid_until").distinct()) == {(REFORM_DATE, None)}


def test_legacy_era_counts_and_validity():
    assert loaded(Era.LEGACY, AreaLevel.PROVINCE).count() == 63
    assert loaded(Era.LEGACY, AreaLevel.DISTRICT).count() == 696
    assert loaded(Era.LEGACY, AreaLevel.COMMUNE).count() == 10_035
    legacy = Area.objects.filter(era=Era.LEGACY)
    assert set(legacy.values_list("valid_from", "valid_until").distinct()) == {(None, LEGACY_UNTIL)}
    assert date(2025, 6, 30) == LEGACY_UNTIL
    # inactive on and after the reform day, active the day before
    assert legacy.active(REFORM_DATE).count() == 0
    assert legacy.active(LEGACY_UNTIL).count() == legacy.count()


def test_tree_shape():
    # current: province → commune; legacy: province → district → commune
    assert set(loaded(Era.CURRENT, AreaLevel.PROVINCE).values_list("depth", flat=True)) == {1}
    assert set(loaded(Era.CURRENT, AreaLevel.COMMUNE).values_list("depth", flat=True)) == {2}
    assert set(loaded(Era.LEGACY, AreaLevel.DISTRICT).values_list("depth", flat=True)) == {2}
    assert set(loaded(Era.LEGACY, AreaLevel.COMMUNE).values_list("depth", flat=True)) == {3}
    danang = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng")
    communes = Area.objects.get_children(danang)
    assert {"Phường Tam Kỳ", "Phường Hải Châu", "Phường Quảng Phú"} <= set(
        communes.values_list("name", flat=True)
    )


@pytest.mark.parametrize("level", [AreaLevel.PROVINCE, AreaLevel.DISTRICT, AreaLevel.COMMUNE])
def test_every_legacy_area_has_successors_and_exactly_one_default(level):
    areas = Area.objects.filter(era=Era.LEGACY, level=level).annotate(
        n=Count("successor_links"),
        defaults=Count("successor_links", filter=Q(successor_links__is_default=True)),
    )
    assert areas.count() > 0
    assert not areas.filter(n=0).exists()
    assert not areas.exclude(defaults=1).exists()


def test_successors_are_current_areas_of_the_same_level_or_a_commune():
    links = AreaSuccession.objects.select_related("predecessor", "successor")
    assert not links.exclude(predecessor__era=Era.LEGACY).exists()
    assert not links.exclude(successor__era=Era.CURRENT).exists()
    assert (
        not links.filter(predecessor__level=AreaLevel.PROVINCE)
        .exclude(successor__level=AreaLevel.PROVINCE)
        .exists()
    )
    assert (
        not links.filter(predecessor__level=AreaLevel.COMMUNE)
        .exclude(successor__level=AreaLevel.COMMUNE)
        .exists()
    )


def test_every_current_commune_continues_some_legacy_area():
    orphans = Area.objects.filter(era=Era.CURRENT, level=AreaLevel.COMMUNE).annotate(
        n=Count("predecessor_links")
    )
    assert not orphans.filter(n=0).exists()


def legacy_tam_thanh() -> Area:
    """Xã Tam Thanh of the former Thành phố Tam Kỳ (there are other Xã Tam Thanh)."""
    old_qn = Area.objects.get(era=Era.LEGACY, level=AreaLevel.PROVINCE, name="Tỉnh Quảng Nam")
    old_tk = Area.objects.get(
        era=Era.LEGACY, level=AreaLevel.DISTRICT, name="Thành phố Tam Kỳ", path__startswith=old_qn.path
    )
    return Area.objects.get_children(old_tk).get(name="Xã Tam Thanh")


def test_tam_thanh_of_tam_ky_became_quang_phu():
    tam_thanh = legacy_tam_thanh()
    old_qn = tam_thanh.ancestors()[0]
    assert [a.name for a in tam_thanh.ancestors()] == ["Tỉnh Quảng Nam", "Thành phố Tam Kỳ"]
    assert [a.name for a in tam_thanh.successors_list()] == ["Phường Quảng Phú"]
    quang_phu = tam_thanh.successors_list()[0]
    assert quang_phu.era == Era.CURRENT
    assert quang_phu.parent_area().name == "Thành phố Đà Nẵng"
    assert tam_thanh in quang_phu.predecessors_list()
    # the former province continues in the merged city
    assert [a.name for a in old_qn.successors_list()] == ["Thành phố Đà Nẵng"]


def test_a_split_commune_keeps_exactly_one_default():
    split = (
        Area.objects.filter(era=Era.LEGACY, level=AreaLevel.COMMUNE)
        .annotate(n=Count("successor_links"))
        .filter(n__gte=2)
    )
    assert split.count() > 100
    cong_vi = split.get(name="Phường Cống Vị")
    links = {link.successor.name: link.is_default for link in cong_vi.successor_links.all()}
    assert links == {"Phường Ngọc Hà": True, "Phường Giảng Võ": False}
    # the default comes first
    assert cong_vi.successors_list()[0].name == "Phường Ngọc Hà"
    for area in split[:50]:
        assert area.successor_links.filter(is_default=True).count() == 1


def test_kinds_and_canonical_designations():
    names = Area.objects.values_list("name", flat=True)
    assert not [n for n in names if n.startswith("Thành Phố")]  # (SQLite's LIKE ignores case)
    assert Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng").kind == (
        AreaKind.CITY
    )
    assert Area.objects.get(era=Era.CURRENT, name="Phường Tam Kỳ").kind == AreaKind.WARD
    assert Area.objects.filter(era=Era.CURRENT, kind=AreaKind.SPECIAL_ZONE).exists()
    for kind, prefix in [(AreaKind.WARD, "Phường "), (AreaKind.COMMUNE, "Xã "), (AreaKind.PROVINCE, "Tỉnh ")]:
        assert not Area.objects.filter(kind=kind).exclude(name__startswith=prefix).exists()


def test_designation():
    assert designation("Thành Phố Bắc Kạn") == (AreaKind.CITY, "Thành phố Bắc Kạn")
    assert designation("Đặc khu Phú Quý") == (AreaKind.SPECIAL_ZONE, "Đặc khu Phú Quý")
    assert designation("Thị trấn Vân Canh") == (AreaKind.TOWNSHIP, "Thị trấn Vân Canh")
    with pytest.raises(ValueError):
        designation("Bang Texas")


def tree_problems(model) -> tuple[list, list, list, list, list]:
    """treebeard's five `find_problems` checks over the whole table in one query (treebeard's own
    runs two queries per node: half a minute for 14,000 areas)."""
    rows = list(model.objects.values_list("pk", "path", "depth", "numchild"))
    paths = {path for _pk, path, _depth, _n in rows}
    children = Counter(path[: -model.steplen] for _pk, path, _d, _n in rows if len(path) > model.steplen)
    evil, steplen, orphans, depth, numchild = [], [], [], [], []
    for pk, path, d, n in rows:
        if any(ch not in model.alphabet for ch in path):
            evil.append(pk)
        elif len(path) % model.steplen:
            steplen.append(pk)
        elif len(path) > model.steplen and path[: -model.steplen] not in paths:
            orphans.append(pk)
        elif d != len(path) // model.steplen:
            depth.append(pk)
        elif n != children[path]:
            numchild.append(pk)
    return evil, steplen, orphans, depth, numchild


def test_tree_has_no_problems():
    assert tree_problems(Area) == ([], [], [], [], [])
    # treebeard's own check, on the subtrees the demo touched (it is slow on the whole tree)
    for name, era in [("Thành phố Đà Nẵng", Era.CURRENT), ("Tỉnh Quảng Nam", Era.LEGACY)]:
        province = Area.objects.get(name=name, era=era, level=AreaLevel.PROVINCE)
        assert Area.objects.find_problems(parent=province) == ([], [], [], [], [])


def test_tree_problem_check_finds_a_wrong_child_count():
    """The fast check above would catch what treebeard catches."""
    province = Area.objects.get(name="Thành phố Đà Nẵng", era=Era.CURRENT, level=AreaLevel.PROVINCE)
    Area.objects.filter(pk=province.pk).update(numchild=1)
    assert tree_problems(Area)[4] == [province.pk]
    assert Area.objects.find_problems(parent=province)[4] == [province.pk]


def test_a_second_load_changes_nothing(dataset):
    before = (Area.objects.count(), AreaSuccession.objects.count(), checksum())
    result = load_areas(dataset)
    assert result.changed is False
    assert (result.created, result.updated, result.successions_created, result.successions_updated) == (
        0,
    ) * 4
    assert (Area.objects.count(), AreaSuccession.objects.count(), checksum()) == before


def test_load_areas_command_is_idempotent(capsys):
    before = checksum()
    call_command("load_areas")
    out = capsys.readouterr().out
    assert out.strip()
    assert checksum() == before


def test_a_load_repairs_what_was_changed_and_keeps_villages(dataset, owner):
    tam_ky = Area.objects.get(era=Era.CURRENT, name="Phường Tam Kỳ")
    villages_before = list(Area.objects.get_children(tam_ky).values_list("id", "name"))
    assert villages_before  # the demo's villages
    tam_ky_id = tam_ky.pk
    Area.objects.filter(pk=tam_ky_id).update(name="Phường Tam Kỳ cũ", name_folded="x")
    tam_thanh = legacy_tam_thanh()
    AreaSuccession.objects.filter(predecessor=tam_thanh).delete()
    cong_vi = Area.objects.get(era=Era.LEGACY, name="Phường Cống Vị")
    cong_vi.successor_links.update(is_default=False)

    result = load_areas(dataset)
    assert result.changed
    assert result.created == 0
    assert result.updated == 1
    assert result.successions_created == 1
    assert result.successions_updated == 1
    tam_ky = Area.objects.get(pk=tam_ky_id)
    assert (tam_ky.name, tam_ky.name_folded) == ("Phường Tam Kỳ", "phuong tam ky")
    assert [a.name for a in tam_thanh.successors_list()] == ["Phường Quảng Phú"]
    assert cong_vi.successor_links.filter(is_default=True).count() == 1
    assert list(Area.objects.get_children(tam_ky).values_list("id", "name")) == villages_before
    assert load_areas(dataset).changed is False


def test_a_new_commune_is_placed_under_its_existing_province(dataset):
    """A later data release may add a commune: it goes after the existing children (villages
    included), and the parent's child count follows."""
    province = next(r for r in dataset.roots if r.era == Era.CURRENT and r.name.endswith("Đà Nẵng"))
    area = Area.objects.get(era=province.era, level=province.level, code=province.code)
    numchild, last_child = area.numchild, Area.objects.get_children(area).order_by("-path").first()
    commune = Record(
        Era.CURRENT,
        AreaLevel.COMMUNE,
        "99999",
        "Phường Thử Nghiệm",
        "Thử Nghiệm",
        16.0,
        108.0,
        1.5,
        parent=province.key,
    )
    old_commune = next(
        r for r in dataset.all_records() if r.era == Era.LEGACY and r.level == AreaLevel.COMMUNE
    )
    tiny = Dataset(
        roots=[replace(province, children=[commune])],
        successions=[(old_commune.key, commune.key, False)],
    )
    result = load_areas(tiny)
    assert (result.created, result.updated, result.successions_created) == (1, 0, 1)
    new = Area.objects.get(code="99999", era=Era.CURRENT)
    assert new.name_folded == "phuong thu nghiem"
    assert new.kind == AreaKind.WARD
    assert new.parent_area() == area
    assert new.path > last_child.path
    area.refresh_from_db()
    assert area.numchild == numchild + 1
    assert Area.objects.find_problems(parent=area) == ([], [], [], [], [])
    assert load_areas(tiny).changed is False
