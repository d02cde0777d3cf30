"""Load Vietnam's administrative areas from the `vietnamadminunits` package into our tables.

The package ships an SQLite database (the 34 provinces and 3,321 communes in force since
1 July 2025, and the 63 provinces / 696 districts / 10,040 communes before it) and the
old→new conversion tables. We read its data files directly and insert the tree in bulk with
computed materialized paths, so a full load takes seconds, and a second load changes nothing.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F

from danvan.core.text import fold, sort_key
from danvan.geo.models import LEGACY_UNTIL, REFORM_DATE, Area, AreaKind, AreaLevel, AreaSuccession, Era

KIND_BY_PREFIX = {
    "Thành phố": AreaKind.CITY,
    "Tỉnh": AreaKind.PROVINCE,
    "Quận": AreaKind.URBAN_DISTRICT,
    "Huyện": AreaKind.RURAL_DISTRICT,
    "Thị xã": AreaKind.TOWN,
    "Phường": AreaKind.WARD,
    "Xã": AreaKind.COMMUNE,
    "Thị trấn": AreaKind.TOWNSHIP,
    "Đặc khu": AreaKind.SPECIAL_ZONE,
}

# Fields the loader owns; anything else (villages, who created what) is left alone.
SYNCED_FIELDS = [
    "name",
    "short_name",
    "name_folded",
    "name_sort",
    "kind",
    "latitude",
    "longitude",
    "area_km2",
    "valid_from",
    "valid_until",
]


def package_data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def designation(name: str) -> tuple[str, str]:
    """(kind, name with its designation spelled canonically): the data has "Thành Phố Bắc Kạn"."""
    for prefix, kind in KIND_BY_PREFIX.items():
        if name.casefold().startswith(prefix.casefold() + " "):
            return kind, prefix + name[len(prefix) :]
    raise ValueError(f"Unknown administrative designation in {name!r}")


@dataclass
class Record:
    era: str
    level: str
    code: str
    name: str
    short_name: str
    latitude: float | None
    longitude: float | None
    area_km2: float | None = None
    parent: tuple[str, str, str] | None = None  # (era, level, code)
    children: list[Record] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.era, self.level, self.code)


@dataclass
class Dataset:
    roots: list[Record]
    # (pred key, succ key, is_default)
    successions: list[tuple[tuple[str, str, str], tuple[str, str, str], bool]]

    def all_records(self):
        stack = list(reversed(self.roots))
        while stack:
            rec = stack.pop()
            yield rec
            stack.extend(reversed(rec.children))


def read_dataset(data_dir: Path | None = None) -> Dataset:
    data_dir = data_dir or package_data_dir()
    conn = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        current_rows = conn.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
        legacy_rows = conn.execute(
            "SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
    finally:
        conn.close()
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))

    roots: list[Record] = []
    # current era
    provinces: dict[str, Record] = {}
    new_ward_by_key: dict[tuple[str, str], Record] = {}
    new_province_by_key: dict[str, Record] = {}
    for row in current_rows:
        prov = provinces.get(row["provinceCode"])
        if prov is None:
            prov = Record(
                Era.CURRENT,
                AreaLevel.PROVINCE,
                row["provinceCode"],
                row["province"],
                row["provinceShort"],
                row["provinceLat"],
                row["provinceLon"],
                0.0,
            )
            provinces[row["provinceCode"]] = prov
            new_province_by_key[row["provinceKey"]] = prov
            roots.append(prov)
        ward = Record(
            Era.CURRENT,
            AreaLevel.COMMUNE,
            row["wardCode"],
            row["ward"],
            row["wardShort"],
            row["wardLat"],
            row["wardLon"],
            row["wardAreaKm2"],
            parent=prov.key,
        )
        prov.children.append(ward)
        prov.area_km2 = round((prov.area_km2 or 0) + (row["wardAreaKm2"] or 0), 2)
        new_ward_by_key[(row["provinceKey"], row["wardKey"])] = ward

    # legacy era
    old_provinces: dict[str, Record] = {}
    old_districts: dict[str, Record] = {}
    old_province_by_key: dict[str, Record] = {}
    old_by_full_key: dict[str, Record] = {}
    old_district_by_full_key: dict[str, Record] = {}
    for row in legacy_rows:
        prov = old_provinces.get(row["provinceCode"])
        if prov is None:
            prov = Record(
                Era.LEGACY,
                AreaLevel.PROVINCE,
                row["provinceCode"],
                row["province"],
                row["provinceShort"],
                row["provinceLat"],
                row["provinceLon"],
            )
            old_provinces[row["provinceCode"]] = prov
            old_province_by_key[row["provinceKey"]] = prov
            roots.append(prov)
        dist = old_districts.get(row["districtCode"])
        if dist is None:
            dist = Record(
                Era.LEGACY,
                AreaLevel.DISTRICT,
                row["districtCode"],
                row["district"],
                row["districtShort"],
                row["districtLat"],
                row["districtLon"],
                parent=prov.key,
            )
            old_districts[row["districtCode"]] = dist
            prov.children.append(dist)
            old_district_by_full_key[f"{row['provinceKey']}_{row['districtKey']}"] = dist
        if row["wardCode"] is None:  # island districts without communes
            old_by_full_key[f"{row['provinceKey']}_{row['districtKey']}_"] = dist
            continue
        ward = Record(
            Era.LEGACY,
            AreaLevel.COMMUNE,
            row["wardCode"],
            row["ward"],
            row["wardShort"],
            row["wardLat"],
            row["wardLon"],
            parent=dist.key,
        )
        dist.children.append(ward)
        old_by_full_key[f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"] = ward

    successions: dict[tuple, bool] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            successions[(old_province_by_key[old_key].key, new_province_by_key[new_key].key)] = True
    district_targets: dict[tuple, Counter] = defaultdict(Counter)

    def link(old: Record, new: Record, is_default: bool) -> None:
        successions[(old.key, new.key)] = successions.get((old.key, new.key), False) or is_default
        if old.level == AreaLevel.COMMUNE:
            district_targets[old.parent][new.key] += 1 if is_default else 0
        else:  # an island district continues as a special zone
            district_targets[old.key][new.key] += 1

    for new_prov_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            new = new_ward_by_key[(new_prov_key, new_ward_key)]
            for old_key in old_keys:
                link(old_by_full_key[old_key], new, True)
    for new_prov_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            for target in targets:
                new = new_ward_by_key[(new_prov_key, target["newWardKey"])]
                link(old_by_full_key[old_key], new, bool(target["isDefaultNewWard"]))

    # A former district continues in the new communes that took its communes; the one that
    # took most of them is the default.
    for district_key, counter in district_targets.items():
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][2]))
        for index, (new_key, _count) in enumerate(ranked):
            successions.setdefault((district_key, new_key), index == 0)
            if index == 0:
                successions[(district_key, new_key)] = True

    return Dataset(roots, [(p, s, d) for (p, s), d in sorted(successions.items())])


def _validity(era: str) -> tuple:
    return (REFORM_DATE, None) if era == Era.CURRENT else (None, LEGACY_UNTIL)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    successions_created: int = 0
    successions_updated: int = 0

    @property
    def changed(self) -> bool:
        return any((self.created, self.updated, self.successions_created, self.successions_updated))


def _child_path(parent_path: str, index: int) -> str:
    return parent_path + Area._int2str(index).rjust(Area.steplen, Area.alphabet[0])


@transaction.atomic
def load_areas(dataset: Dataset | None = None) -> LoadResult:
    dataset = dataset or read_dataset()
    result = LoadResult()
    existing = {
        (a.era, a.level, a.code): a
        for a in Area.objects.exclude(code="").only(
            "id", "path", "depth", "numchild", "era", "level", "code", *SYNCED_FIELDS
        )
    }
    # the next free child index under each parent path ("" = roots)
    next_index: dict[str, int] = {}

    def allocate(parent_path: str) -> str:
        if parent_path not in next_index:
            depth = len(parent_path) // Area.steplen + 1
            last = (
                Area.objects.filter(depth=depth, path__startswith=parent_path)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            next_index[parent_path] = (Area._str2int(last[-Area.steplen :]) if last else 0) + 1
        index = next_index[parent_path]
        next_index[parent_path] = index + 1
        return _child_path(parent_path, index)

    to_create: list[Area] = []
    to_update: list[Area] = []
    path_of: dict[tuple, str] = {key: a.path for key, a in existing.items()}
    added_children: Counter = Counter()
    for rec in dataset.all_records():
        valid_from, valid_until = _validity(rec.era)
        kind, name = designation(rec.name)
        values = {
            "name": name,
            "short_name": rec.short_name,
            "name_folded": fold(name),
            "name_sort": sort_key(name),
            "kind": kind,
            "latitude": rec.latitude,
            "longitude": rec.longitude,
            "area_km2": rec.area_km2,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }
        area = existing.get(rec.key)
        if area is not None:
            if any(getattr(area, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(area, k, v)
                to_update.append(area)
            continue
        parent_path = path_of[rec.parent] if rec.parent else ""
        path = allocate(parent_path)
        path_of[rec.key] = path
        if parent_path:
            added_children[parent_path] += 1
        to_create.append(
            Area(
                era=rec.era,
                level=rec.level,
                code=rec.code,
                path=path,
                depth=len(path) // Area.steplen,
                numchild=0,
                **values,
            )
        )

    # numchild of new nodes = their new children; of existing parents, += added children
    for area in to_create:
        area.numchild = added_children.pop(area.path, 0)
    Area.objects.bulk_create(to_create, batch_size=2000)
    for parent_path, count in added_children.items():
        Area.objects.filter(path=parent_path).update(numchild=F("numchild") + count)
    if to_update:
        Area.objects.bulk_update(to_update, SYNCED_FIELDS, batch_size=2000)
    result.created, result.updated = len(to_create), len(to_update)

    ids = {
        (era, level, code): pk
        for era, level, code, pk in Area.objects.exclude(code="").values_list("era", "level", "code", "id")
    }
    current = {
        (p, s): (pk, d)
        for pk, p, s, d in AreaSuccession.objects.values_list(
            "id", "predecessor_id", "successor_id", "is_default"
        )
    }
    new_links, changed_links = [], []
    for pred_key, succ_key, is_default in dataset.successions:
        pair = (ids[pred_key], ids[succ_key])
        if pair not in current:
            new_links.append(
                AreaSuccession(predecessor_id=pair[0], successor_id=pair[1], is_default=is_default)
            )
        elif current[pair][1] != is_default:
            changed_links.append(AreaSuccession(id=current[pair][0], is_default=is_default))
    AreaSuccession.objects.bulk_create(new_links, batch_size=2000)
    AreaSuccession.objects.bulk_update(changed_links, ["is_default"], batch_size=2000)
    result.successions_created, result.successions_updated = len(new_links), len(changed_links)
    return result
