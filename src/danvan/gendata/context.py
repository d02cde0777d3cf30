"""What every part of the generator shares: the scale, seeded randomness, the units made so far."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from django.contrib.auth.models import User

from danvan.geo.models import Area
from danvan.orgs.models import Unit

FIRST_YEAR = 2021
# the province both scales contain, so that its figures can be compared between them
BENCH_PROVINCE = "Thành phố Đà Nẵng"
BENCH_WARD = "Phường Hải Châu"


@dataclass(frozen=True)
class Scale:
    """Densities per commune are the same at both scales: only the number of provinces differs."""

    name: str
    provinces: tuple[str, ...] | None  # None: the whole country
    models_per_commune_year: tuple[int, int] = (8, 20)  # registered per year (min, max)
    villages_per_commune: tuple[int, int] = (9, 29)  # 63,600 villages / 3,321 communes ≈ 19
    petitions_per_commune: tuple[int, int] = (100, 200)  # 500,000 / 3,321 ≈ 150
    drafts_in_bench_ward: int = 2500  # draft models the transition benchmark registers


SCALES = {
    "province": Scale("province", (BENCH_PROVINCE,)),
    "national": Scale("national", None),
}
# for tests: the bench province with a handful of everything
TINY = Scale(
    "tiny",
    (BENCH_PROVINCE,),
    models_per_commune_year=(0, 1),
    villages_per_commune=(1, 2),
    petitions_per_commune=(1, 2),
    drafts_in_bench_ward=3,
)


@dataclass
class Commune:
    area: Area
    party: Unit
    government: Unit
    council: Unit
    front: Unit
    police: Unit
    mass: dict[str, Unit]  # mass organizations by unit-type code
    villages: list[Area] = field(default_factory=list)
    village_units: list[Unit] = field(default_factory=list)  # the Front work committee of each village
    officer: User | None = None  # unit officer of the Party committee
    handler: User | None = None  # petition handler of the People's Committee
    leader: User | None = None  # the Party secretary (leader grant)

    @property
    def units(self) -> list[Unit]:
        return [
            self.party,
            self.government,
            self.council,
            self.front,
            self.police,
            *self.mass.values(),
            *self.village_units,
        ]


@dataclass
class Province:
    area: Area
    party: Unit
    dept: Unit  # Ban Tuyên giáo và Dân vận: the standing agency
    government: Unit
    front: Unit
    agencies: list[Unit]  # departments of the People's Committee, the police, the military command
    mass: dict[str, Unit]
    communes: list[Commune] = field(default_factory=list)
    officer: User | None = None  # standing-agency officer
    leader: User | None = None
    handler: User | None = None

    @property
    def units(self) -> list[Unit]:
        return [self.party, self.dept, self.government, self.front, *self.agencies, *self.mass.values()]


@dataclass
class Context:
    scale: Scale
    seed: int
    today: date
    provinces: list[Province] = field(default_factory=list)
    admin: User | None = None
    counts: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """A generator of its own for each part, so that adding to one part never shifts another."""
        return random.Random(f"{self.seed}:{name}")

    @property
    def years(self) -> range:
        return range(FIRST_YEAR, self.today.year + 1)

    @property
    def communes(self) -> list[Commune]:
        return [c for p in self.provinces for c in p.communes]

    def bench_province(self) -> Province:
        return next(p for p in self.provinces if p.area.name == BENCH_PROVINCE)

    def bench_province_or_none(self) -> Province | None:
        return next((p for p in self.provinces if p.area.name == BENCH_PROVINCE), None)

    def bench_ward(self) -> Commune:
        return next(c for c in self.bench_province().communes if c.area.name == BENCH_WARD)

    def stage(self, name: str):
        return _Stage(self, name)


class _Stage:
    def __init__(self, ctx: Context, name: str):
        self.ctx, self.name = ctx, name

    def __enter__(self):
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.ctx.timings[self.name] = round(time.monotonic() - self.started, 1)
        return False


def random_day(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end]."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def at(day: date, rng: random.Random | None = None) -> datetime:
    """An aware datetime during office hours (UTC+7) of `day`."""
    hour = rng.randint(1, 9) if rng else 2  # 08:00–16:00 in Vietnam
    return datetime.combine(day, dtime(hour, rng.randint(0, 59) if rng else 0), tzinfo=UTC)


def year_end(ctx: Context, year: int) -> date:
    """The last day of `year` that has happened."""
    return min(date(year, 12, 31), ctx.today)
