"""Appraisal rounds, recognition decisions and commendations: what stands behind the recognitions.

The initiatives part recognized models at a level (the Party committee of a province or of a
commune) on a day drawn in their season (October to March). Here, for each province:

* its criteria sets, from the templates: the provincial common criteria for collective models and
  Đà Lạt's five standards for individual exemplars, a new version every year (the previous one was
  in use, so it is versioned, never changed);
* recognition decisions: a level's recognitions of one season are gathered into as few decisions as
  the models allow — each dated on a day after every listed model was proposed, before any later step
  of theirs and within 45 days of the day first drawn — and each recognition takes its decision's date
  and text (the step, `recognized_on`, the yearly record's note), as issuing a decision does. A model
  no day fits stays recognized "from a paper decision", which the app allows. Now and then a
  decision is revoked: its models went to consolidation then;
* appraisal rounds at the province and at a third of the communes before their decisions: the
  decisions' models and models not recognized, a council (members with a council grant, the officer
  as secretary), hidden scorecards (a member who belongs to the candidate's unit is flagged and
  sometimes recuses), results computed by `appraisal.scoring` itself: the recognized candidates were
  recommended, the decisions' typical models are the rounds' typical ones. This year's rounds take the
  models still proposed: being prepared, being scored, or closed with a draft decision waiting;
* the province's award catalogue, commendation proposals and decisions: every commune at its
  year-end review, the province's Standing Board on the eve of 15 October (the tradition day of mass
  mobilization work), its mass-mobilization department at year's end and its People's Committee in
  review years; typical models a recognition proposes for commendation go to the level's next
  decision. Some proposals are declined or withdrawn, a decision is revoked and replaced, this year's
  are drafts.

Decisions are numbered per issuing body and year as the demo's are (12-QĐ/BTGDV, 245-QĐ/TU): the
body's other documents take numbers in between.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import DateTimeField
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.appraisal import scoring
from danvan.appraisal.criteria_templates import TEMPLATES
from danvan.appraisal.models import (
    AppraisalRound,
    Candidate,
    CouncilMember,
    CriteriaSet,
    Criterion,
    CriterionKind,
    RoundEvent,
    Rule,
    Score,
    Scorecard,
)
from danvan.appraisal.workflow import SCORING_POSITIONS, CardStatus, Position, RoundStatus
from danvan.awards.defaults import DEFAULT_AWARD_FORMS
from danvan.awards.models import AwardForm, AwardGrade, Decision, DecisionEntry, DecisionEvent, Proposal
from danvan.awards.services import reference
from danvan.awards.workflow import DecisionKind, DecisionStatus, ProposalStatus
from danvan.core.permissions import Role
from danvan.core.text import fold
from danvan.gendata.bulk import insert, insert_rows
from danvan.gendata.context import Commune, Context, Province, at, random_day
from danvan.gendata.names import person_name
from danvan.initiatives.models import Evaluation, Holder, Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import Status as S
from danvan.orgs.models import Grant, Person, Unit, UnitType

WINDOW = timedelta(days=45)  # how far a recognition may move to meet its decision's date
ROUND_SPAN = timedelta(days=75)  # a round runs at most this long before its first decision
COMMUNES_WITH_ROUNDS = 0.3
TYPICAL = {"province": 0.3, "commune": 0.2}  # share of recognized models a level marks typical
PROPOSED_FOR_COMMENDATION = 0.4  # share of typical models proposed for commendation
RECOGNIZED_LIKE = (S.RECOGNIZED, S.CONSOLIDATED, S.REPLICATED)
DAY = timedelta(days=1)
CENT = Decimal("0.01")

CARD_COMMENTS = [
    "Hồ sơ đầy đủ, số liệu có minh chứng.",
    "Đề nghị tiếp tục nhân rộng.",
    "Nhân dân đồng tình cao.",
    "Cách làm phù hợp với cơ sở.",
    "Cần bổ sung số liệu đo đếm được.",
    "Kết quả thiết thực, có sức lan tỏa.",
    "",
]
RECUSALS = [
    "Tôi là thành viên của đơn vị có mô hình: xin không chấm điểm.",
    "Tôi trực tiếp chỉ đạo xây dựng mô hình này.",
]
WITHDRAWALS = [
    "Đơn vị đề nghị rút hồ sơ để bổ sung minh chứng.",
    "Mô hình chưa đủ thời gian thực hiện theo hướng dẫn; đơn vị xin rút.",
]
CANCELLATIONS = [
    "Tạo trùng với đợt thẩm định đã lập; hủy đợt này.",
    "Điều chỉnh kế hoạch thẩm định theo chỉ đạo của Ban Thường vụ; lập đợt mới.",
]
REVOCATIONS_RECOGNITION = [
    "Hồ sơ đề nghị công nhận chưa đúng quy trình; thu hồi để thẩm định lại.",
    "Kiểm tra sau công nhận: mô hình không duy trì hoạt động như hồ sơ báo cáo.",
]
REVOCATIONS_COMMENDATION = [
    "Ban hành nhầm hình thức khen thưởng; ban hành quyết định thay thế.",
    "Sai sót trong danh sách tập thể, cá nhân; ban hành quyết định thay thế.",
]
DECLINES = [
    "Chưa đủ tiêu chuẩn khen thưởng theo quy định: thành tích chưa tiêu biểu.",
    "Đã được khen thưởng cùng thành tích trong năm; không đề nghị trùng.",
    "Hồ sơ thiếu xác nhận của cấp ủy cơ sở.",
]
WITHDRAWS = [
    "Đơn vị rút hồ sơ để bổ sung thành tích, đề nghị lại năm sau.",
    "Cá nhân chuyển công tác; đơn vị rút đề nghị.",
]
ACHIEVEMENTS = [
    "vận động Nhân dân hiến {n} m² đất mở rộng đường giao thông",
    "hòa giải thành {n} vụ việc ở khu dân cư, không để phát sinh đơn thư vượt cấp",
    "vận động quyên góp {n} triệu đồng xây dựng nhà Đại đoàn kết",
    "duy trì tổ tự quản an ninh trật tự, {n} tháng liền không có tội phạm",
    "hướng dẫn {n} người dân sử dụng dịch vụ công trực tuyến",
    "vận động {n} hộ phân loại rác thải tại nguồn",
]
VILLAGE_POSITIONS = [
    "Trưởng Ban công tác Mặt trận {village}",
    "Bí thư Chi bộ {village}",
    "Trưởng {village}",
    "Chi hội trưởng Chi hội Phụ nữ {village}",
    "Chi hội trưởng Chi hội Nông dân {village}",
    "Người có uy tín ở {village}",
]
COMMUNE_POSITIONS = [
    "Công chức Văn phòng - Thống kê Ủy ban nhân dân {commune}",
    "Phó Trưởng Công an {commune}",
    "Phó Chủ tịch Ủy ban MTTQ Việt Nam {commune}",
    "Bí thư Đoàn Thanh niên {commune}",
]
PROVINCE_COUNCIL = [
    ("Trưởng Ban Tuyên giáo và Dân vận", "dept"),
    ("Phó Chủ tịch Ủy ban nhân dân", "government"),
    ("Phó Chủ tịch Ủy ban MTTQ Việt Nam", "front"),
    ("Chủ tịch Hội Liên hiệp Phụ nữ", "womens_union"),
]
COMMUNE_COUNCIL = [
    ("Phó Bí thư Thường trực Đảng ủy", "party"),
    ("Phó Chủ tịch Ủy ban nhân dân", "government"),
    ("Chủ tịch Ủy ban MTTQ Việt Nam", "front"),
]


# ================================================================================================
# What this part works with
# ================================================================================================


@dataclass(eq=False)
class Model:
    """A model of the initiatives part, as read back, and what is decided about it here."""

    pk: int
    owner: Unit
    commune: Commune | None
    holder: str
    holder_name: str
    name: str
    year: int
    status: str
    level_id: int | None
    recognized_on: date | None
    steps: dict = field(default_factory=dict)  # action -> (step id, at)
    plan: Plan | None = None  # the recognition decision listing it
    typical: bool = False
    proposed: bool = False

    def at(self, action: str) -> datetime | None:
        step = self.steps.get(action)
        return step[1] if step else None

    @property
    def after(self) -> datetime | None:
        """The step that followed its recognition, if any."""
        return self.at("consolidate") or self.at("replicate")


@dataclass(eq=False)
class Seat:
    """A person who may sit on a level's councils."""

    user: User
    full_name: str
    paths: tuple[str, ...]  # the units they belong to or hold a grant on


@dataclass(eq=False)
class Level:
    """A Party committee that recognizes, appraises and commends "theo thẩm quyền"."""

    unit: Unit
    commune: Commune | None
    recognizer: Unit  # the body in whose name its recognition decisions are issued
    officer: User  # prepares rounds, drafts and proposals
    reviewer: User  # decides
    rounds: bool
    council: list[Seat] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # who signs, by body

    @property
    def kind(self) -> str:
        return "commune" if self.commune else "province"


@dataclass(eq=False)
class Plan:
    """A decision with its list and its life."""

    decision: Decision
    level: Level
    created: datetime
    issued: datetime | None = None
    revoked: datetime | None = None
    reason: str = ""
    models: list[Model] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    note: str = ""  # the comment of its issue step
    season: tuple[int, int] | None = None  # (level, year) of a recognition


@dataclass(eq=False)
class RoundPlan:
    round: AppraisalRound
    level: Level
    candidates: list[tuple[Model, Candidate]] = field(default_factory=list)
    seats: list[tuple[Seat, CouncilMember]] = field(default_factory=list)
    start: datetime | None = None
    span: timedelta = timedelta(0)

    def moment(self, rng: random.Random, low: float, high: float) -> datetime:
        """A time at a share of the round's span: its steps follow each other whatever its length."""
        return self.start + self.span * rng.uniform(low, high)

    @property
    def gathered(self) -> datetime:
        return self.round.created_at + (self.span * 0.01)


class Card:
    """A scorecard to insert (a plain row: thousands of model instances cost more than the insert)."""

    __slots__ = ("candidate", "member", "status", "comment", "recusal_reason", "flagged", "submitted_at")
    __slots__ += ("created_at", "pk")

    def __init__(self, candidate, member, *, flagged=False, created_at=None):
        self.candidate, self.member, self.flagged, self.created_at = candidate, member, flagged, created_at
        self.status, self.comment, self.recusal_reason = CardStatus.DRAFT, "", ""
        self.submitted_at = self.pk = None


def insert_values(model, columns: list[str], rows) -> int:
    """`insert_rows` with the date and time columns adapted for the database (the others, text,
    numbers, booleans and keys, go as they are)."""
    adapt = connection.ops.adapt_datetimefield_value
    timed = [
        index for index, column in enumerate(columns) if type(model._meta.get_field(column)) is DateTimeField
    ]

    def prepared(row):
        row = list(row)
        for index in timed:
            if row[index] is not None:
                row[index] = adapt(row[index])
        return row

    return write_rows(model, columns, (prepared(row) for row in rows))


def between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + timedelta(seconds=rng.randint(0, int((end - start).total_seconds())))


def working_day(day: date, start: date, end: date) -> date:
    """The nearest working day to `day` in [start, end] (`day` itself when none is)."""
    for delta in (0, -1, -2, 1, 2, -3, 3):
        other = day + timedelta(days=delta)
        if start <= other <= end and other.weekday() < 5:
            return other
    return day


def full_name(user: User) -> str:
    return f"{user.last_name} {user.first_name}".strip()


def pick(rng: random.Random, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


ROWS_A_STATEMENT = 1000


def write_rows(model, columns: list[str], rows) -> int:
    """Plain rows (values ready for the driver). PostgreSQL takes a thousand rows a statement (its
    `executemany` runs one statement a row); SQLite's `executemany` is as fast."""
    if connection.vendor != "postgresql":
        return insert_rows(model, columns, rows)
    qn = connection.ops.quote_name
    meta = model._meta
    names = ", ".join(qn(meta.get_field(c).column) for c in columns)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    count = 0
    with connection.cursor() as cursor:
        chunk: list = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == ROWS_A_STATEMENT:
                count += _insert_chunk(cursor, meta.db_table, names, marks, chunk)
                chunk = []
        if chunk:
            count += _insert_chunk(cursor, meta.db_table, names, marks, chunk)
    return count


def _insert_chunk(cursor, table: str, names: str, marks: str, chunk: list) -> int:
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES {', '.join([marks] * len(chunk))}"
    cursor.execute(sql, [value for row in chunk for value in row])
    return len(chunk)


def update_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """`UPDATE … SET fields WHERE pk = …` for each row (values…, pk), values prepared by the fields:
    one statement a row on SQLite, one a thousand rows on PostgreSQL (`UPDATE … FROM (VALUES …)`)."""
    if not rows:
        return 0
    qn = connection.ops.quote_name
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    prepared = [
        tuple(c.get_db_prep_save(v, connection) for c, v in zip(columns, row[:-1], strict=True)) + (row[-1],)
        for row in rows
    ]
    table = qn(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sets = ", ".join(f"{qn(c.column)} = %s" for c in columns)
            sql = f"UPDATE {table} SET {sets} WHERE {qn(meta.pk.column)} = %s"
            for start in range(0, len(prepared), 5000):
                cursor.executemany(sql, prepared[start : start + 5000])
            return len(prepared)
        names = [qn(c.column) for c in columns]
        casts = [c.db_type(connection) for c in columns] + [meta.pk.rel_db_type(connection)]
        marks = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
        sets = ", ".join(f"{name} = v.{name}" for name in names)
        alias = ", ".join([*names, "pk_"])
        for start in range(0, len(prepared), ROWS_A_STATEMENT):
            chunk = prepared[start : start + ROWS_A_STATEMENT]
            sql = (
                f"UPDATE {table} SET {sets} FROM (VALUES {', '.join([marks] * len(chunk))}) AS v({alias}) "
                f"WHERE {table}.{qn(meta.pk.column)} = v.pk_"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
    return len(prepared)


# ================================================================================================
# Criteria sets: a version a year
# ================================================================================================


def _set_max(rows: list[dict], title: str, points: int) -> None:
    for row in rows:
        if row["title"].startswith(title):
            row["max_points"] = Decimal(points)


def _revise_collective(index: int, head: dict, rows: list[dict]) -> None:
    if index == 1:  # the people's satisfaction weighs more (R3: "the yardstick")
        _set_max(rows, "Được Nhân dân đồng tình", 25)
        _set_max(rows, "Có sức lan tỏa", 15)
    elif index == 2:
        head["rule"] = Rule.TRIMMED_MEAN
    elif index == 3:
        head["recognition_threshold"] = Decimal(75)
    elif index == 4:
        _set_max(rows, "Bền vững", 10)
        _set_max(rows, "Được cấp ủy, chính quyền", 10)
    else:
        head["typical_threshold"] = Decimal(88) if head["typical_threshold"] == 90 else Decimal(90)


def _revise_individual(index: int, head: dict, rows: list[dict]) -> None:
    if index == 1:
        head["recognition_threshold"] = Decimal(75)
    elif index == 2:
        head["rule"] = Rule.MEDIAN
    elif index == 3:
        _set_max(rows, "Có nhiều ý kiến", 25)
        _set_max(rows, "Tận tụy phục vụ", 15)
    else:
        head["typical_threshold"] = Decimal(88) if head["typical_threshold"] == 90 else Decimal(90)


@dataclass(eq=False)
class SetVersion:
    criteria_set: CriteriaSet
    criteria: list[Criterion]

    @property
    def member_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.kind != CriterionKind.SATISFACTION]

    @property
    def has_satisfaction(self) -> bool:
        return any(c.kind == CriterionKind.SATISFACTION for c in self.criteria)


# ================================================================================================
# One province
# ================================================================================================


class ProvinceBuilder:
    def __init__(self, ctx: Context, province: Province, rng: random.Random, types: dict[str, UnitType]):
        self.ctx, self.province, self.rng, self.types = ctx, province, rng, types
        self.today = ctx.today
        self.cap = datetime.combine(self.today, dtime(0, 0), tzinfo=UTC)  # nothing happens after this
        self.units: dict[int, Unit] = {}
        self.commune_of: dict[int, Commune | None] = {}
        for unit in province.units:
            self.units[unit.pk], self.commune_of[unit.pk] = unit, None
        for commune in province.communes:
            for unit in [*commune.units, commune.council]:
                self.units[unit.pk], self.commune_of[unit.pk] = unit, commune
        self.plans: list[Plan] = []
        self.rounds: list[RoundPlan] = []
        self.cancelled: list[tuple[AppraisalRound, Level, str]] = []
        self.users: list[User] = []
        self.people: list[Person] = []
        self.grants: list[Grant] = []
        self.paper = 0

    # --- reading the models -----------------------------------------------------------------------
    def load(self) -> None:
        rows = (
            Initiative.objects.filter(owner_unit__path__startswith=self.province.party.path)
            .order_by("pk")
            .values_list(
                "pk",
                "owner_unit_id",
                "holder",
                "holder_name",
                "name",
                "year",
                "status",
                "recognized_level_id",
                "recognized_on",
            )
        )
        self.models: dict[int, Model] = {}
        for pk, owner_id, holder, holder_name, name, year, status, level_id, recognized_on in rows:
            if owner_id not in self.units or status in (S.DRAFT, S.REGISTERED, S.IN_PROGRESS, S.DISCONTINUED):
                continue
            self.models[pk] = Model(
                pk,
                self.units[owner_id],
                self.commune_of[owner_id],
                holder,
                holder_name,
                name,
                year,
                status,
                level_id,
                recognized_on,
            )
        steps = (
            TransitionRecord.objects.filter(
                initiative__owner_unit__path__startswith=self.province.party.path,
                action__in=["propose", "recognize", "reject", "consolidate", "replicate"],
            )
            .order_by("at", "pk")
            .values_list("pk", "initiative_id", "action", "at")
        )
        for pk, initiative_id, action, when in steps:
            model = self.models.get(initiative_id)
            if model is not None:
                model.steps[action] = (pk, when)

    # --- levels, their people ---------------------------------------------------------------------
    def levels(self) -> None:
        p, rng = self.province, self.rng
        bench_ward = self.ctx.bench_ward() if p is self.ctx.bench_province_or_none() else None
        self.province_level = Level(
            unit=p.party,
            commune=None,
            recognizer=p.dept,
            officer=p.officer,
            reviewer=p.officer,
            rounds=True,
        )
        self.province_level.council = self.seats(
            p.officer, p.party, {"dept": p.dept, "government": p.government, "front": p.front, **p.mass}
        )
        self.province_level.names = {
            "dept": person_name(rng),
            "party": full_name(p.leader),
            "government": self.province_level.council[1].full_name,
        }
        self.level_of: dict[int, Level] = {p.party.pk: self.province_level}
        for commune in p.communes:
            holds = commune is bench_ward or rng.random() < COMMUNES_WITH_ROUNDS
            level = Level(
                unit=commune.party,
                commune=commune,
                recognizer=commune.party,
                officer=commune.officer,
                reviewer=commune.leader,
                rounds=holds,
            )
            if holds:
                level.council = self.seats(
                    commune.officer,
                    commune.party,
                    {"party": commune.party, "government": commune.government, "front": commune.front},
                )
            level.names = {
                "party": full_name(commune.leader),
                "government": person_name(rng),
                "front": level.council[2].full_name if holds else person_name(rng),
            }
            self.level_of[commune.party.pk] = level

    def seats(self, officer: User, level_unit: Unit, units: dict[str, Unit]) -> list[Seat]:
        """Council members of a level: a person of one of its bodies with a council grant on it."""
        rng = self.rng
        plan = PROVINCE_COUNCIL if level_unit.depth == 1 else COMMUNE_COUNCIL
        seats = []
        for number, (position, key) in enumerate(plan, 1):
            unit = units[key]
            name = person_name(rng)
            surname, _sep, given = name.rpartition(" ")
            user = User(
                username=f"{officer.username}.hoidong{number}",
                password=officer.password,
                first_name=given,
                last_name=surname,
            )
            self.users.append(user)
            self.people.append(
                Person(
                    unit=unit,
                    full_name=name,
                    name_folded=fold(name),
                    position=f"{position} {unit.area.name[0].lower()}{unit.area.name[1:]}",
                    user=user,
                )
            )
            self.grants.append(
                Grant(
                    user=user,
                    role=Role.COUNCIL_MEMBER,
                    unit=level_unit,
                    granted_by=self.ctx.admin,
                    granted_at=at(date(self.ctx.years[0], 1, 4)),
                )
            )
            seats.append(Seat(user, name, (unit.path, level_unit.path)))
        return seats

    def level_for(self, model: Model) -> Level:
        """The level that decides about a model: the one that recognized it, else its commune's."""
        if model.level_id in self.level_of:
            return self.level_of[model.level_id]
        if model.commune is not None:
            return self.level_of[model.commune.party.pk]
        return self.province_level

    # --- criteria sets ----------------------------------------------------------------------------
    def criteria(self) -> None:
        """For each holder, one version a year, each replacing the previous (in use) one."""
        rng, p = self.rng, self.province
        self.sets: dict[str, list[SetVersion]] = {}
        for holder, code, revise in (
            (Holder.COLLECTIVE, "province_common", _revise_collective),
            (Holder.INDIVIDUAL, "dalat_individual", _revise_individual),
        ):
            preset = TEMPLATES[code]
            head = {
                "rule": preset.rule,
                "recognition_threshold": preset.recognition_threshold,
                "typical_threshold": preset.typical_threshold,
            }
            rows = [
                {
                    "title": c.title,
                    "guidance": c.guidance,
                    "kind": c.kind,
                    "max_points": Decimal(c.max_points),
                    "weight": Decimal(c.weight),
                    "mandatory": c.mandatory,
                }
                for c in preset.criteria
            ]
            chain: list[SetVersion] = []
            for index, year in enumerate(self.ctx.years):
                if index:
                    revise(index, head, rows)
                created = at(random_day(rng, date(year, 1, 5), date(year, 2, 27)), rng)
                criteria_set = CriteriaSet(
                    issuing_unit=p.party,
                    holder=holder,
                    name=preset.name,
                    name_folded=fold(preset.name),
                    description=f"{preset.description}\n\nNguồn: {preset.source}.",
                    template=code,
                    version=index + 1,
                    previous=chain[-1].criteria_set if chain else None,
                    trim=1,
                    created_by=p.officer,
                    created_at=created,
                    **head,
                )
                insert(CriteriaSet, [criteria_set])
                if chain:
                    chain[-1].criteria_set.superseded_at = created
                criteria = insert(
                    Criterion,
                    [
                        Criterion(criteria_set=criteria_set, position=position, **row)
                        for position, row in enumerate(rows, 1)
                    ],
                )
                chain.append(SetVersion(criteria_set, criteria))
            CriteriaSet.objects.bulk_update([v.criteria_set for v in chain], ["superseded_at"])
            self.sets[holder] = chain
            self.ctx.counts["criteria_sets"] += len(chain)

    def set_at(self, holder: str, when: datetime) -> SetVersion:
        """The version in force at `when` (the first one before any)."""
        chain = self.sets[holder]
        found = chain[0]
        for version in chain:
            if version.criteria_set.created_at <= when:
                found = version
        return found

    # --- recognition decisions of the past seasons ------------------------------------------------
    def recognitions(self) -> None:
        """Group each level's recognitions of a season into decisions dated on a day they all allow."""
        rng = self.rng
        latest = self.today - DAY
        groups: dict[tuple[int, int], list[tuple[date, date, Model]]] = defaultdict(list)
        for model in self.models.values():
            if (
                model.status not in RECOGNIZED_LIKE
                or not model.recognized_on
                or "recognize" not in model.steps
            ):
                continue
            proposed = model.at("propose")
            low = max(proposed.date() if proposed else model.recognized_on, model.recognized_on - WINDOW)
            high = min(model.recognized_on + WINDOW, latest)
            if model.after is not None:
                high = min(high, model.after.date() - DAY)
            if low > high:
                self.paper += 1  # recognized from a paper decision: its date stays
                continue
            groups[(model.level_id, model.year)].append((low, high, model))
        self.seasons: dict[tuple[int, int], list[Plan]] = defaultdict(list)
        for (level_id, year), windows in groups.items():
            level = self.level_of[level_id]
            rest = sorted(windows, key=lambda w: (w[1], w[0], w[2].pk))
            while rest:
                end = rest[0][1]
                covered = [w for w in rest if w[0] <= end]
                rest = [w for w in rest if w[0] > end]
                start = max(w[0] for w in covered)
                day = working_day(random_day(rng, start, end), start, end)
                models = [w[2] for w in covered]
                self.recognition(level, day, models, (level_id, year))
        self.revocations()

    def recognition(self, level: Level, day: date, models: list[Model], season: tuple[int, int]) -> Plan:
        rng = self.rng
        latest_step = max(m.at("propose") or at(day) for m in models)
        issued = max(at(day, rng), latest_step + timedelta(hours=2))
        plan = Plan(
            decision=self.decision(DecisionKind.RECOGNITION, level, level.recognizer, day, season=season[1]),
            level=level,
            created=issued - timedelta(days=rng.randint(2, 12)),
            issued=issued,
            models=models,
            note=rng.choice(["", "Ban hành sau hội nghị thẩm định", "Theo đề nghị của Hội đồng thẩm định"]),
            season=season,
        )
        plan.created = max(plan.created, latest_step + timedelta(minutes=30))
        for model in models:
            model.plan = plan
        self.plans.append(plan)
        self.seasons[season].append(plan)
        return plan

    def revocations(self) -> None:
        """About one season in two, a decision whose models were consolidated is revoked (the models
        go to consolidation when it is): those models are split off onto a decision of their own."""
        rng = self.rng
        for year in self.ctx.years:
            if rng.random() >= 0.5:
                continue
            candidates = [
                plan
                for (_level, season), plans in sorted(self.seasons.items())
                if season == year
                for plan in plans
                if any(m.status == S.CONSOLIDATED for m in plan.models)
                and plan.issued + timedelta(days=21) < self.cap
            ]
            if not candidates:
                continue
            plan = rng.choice(candidates)
            revoked = [m for m in plan.models if m.status == S.CONSOLIDATED][: rng.randint(1, 3)]
            if len(revoked) < len(plan.models):
                plan.models = [m for m in plan.models if m not in revoked]
                other = self.recognition(plan.level, plan.decision.date, revoked, plan.season)
                other.issued, other.created = plan.issued + timedelta(minutes=20), plan.created
                plan = other
            plan.revoked = between(
                rng, plan.issued + timedelta(days=20), min(plan.issued + timedelta(days=200), self.cap - DAY)
            )
            plan.reason = rng.choice(REVOCATIONS_RECOGNITION)
            plan.decision.status = DecisionStatus.REVOKED

    # --- appraisal rounds -------------------------------------------------------------------------
    def appraisals(self) -> None:
        self.not_recognized: dict[tuple[int, int], list[Model]] = defaultdict(list)
        for model in self.models.values():
            if model.status == S.NOT_RECOGNIZED:
                self.not_recognized[(self.level_for(model).unit.pk, model.year)].append(model)
        for (level_id, year), plans in sorted(self.seasons.items()):
            level = self.level_of[level_id]
            if not level.rounds:
                continue
            plans = sorted(plans, key=lambda p: p.issued)
            batches: list[list[Plan]] = []
            for plan in plans:
                proposed = max(m.at("propose") for m in plan.models)
                if batches and proposed <= batches[-1][0].issued - DAY:
                    batches[-1].append(plan)
                else:
                    batches.append([plan])
            rounds = []
            for number, batch in enumerate(batches, 1):
                models = [m for plan in batch for m in plan.models]
                end = batch[0].issued - timedelta(minutes=30)
                start = max(m.at("propose") for m in models) + timedelta(minutes=1)
                rounds.append(self.round(level, year, number, models, start, end, RoundStatus.CLOSED))
            self.rejected(level, year, rounds)
            if self.rng.random() < (0.3 if level.commune is None else 0.03):
                self.cancelled_round(level, year, rounds[0])
        self.current_rounds()

    def rejected(self, level: Level, year: int, rounds: list[RoundPlan]) -> None:
        """Models not recognized enter the first round of their level and year they fit in."""
        for model in self.not_recognized[(level.unit.pk, year)]:
            proposed, rejected = model.at("propose"), model.at("reject")
            if proposed is None or rejected is None:
                continue
            for plan in rounds:
                if proposed < plan.gathered and rejected > plan.round.closed_at:
                    self.candidate(plan, model)
                    break

    def round(
        self, level: Level, year: int, number: int, models, start: datetime, end: datetime, status: str
    ) -> RoundPlan:
        rng = self.rng
        start = max(start, end - ROUND_SPAN)
        span = end - start
        created = start + span * rng.uniform(0.02, 0.1)
        name = f"Thẩm định mô hình, điển hình “Dân vận khéo” năm {year}"
        if number > 1:
            name = f"{name} (đợt {number})"
        round_ = self.round_at(
            level,
            year,
            name,
            created,
            note=f"Theo Kế hoạch tổng kết phong trào thi đua “Dân vận khéo” năm {year} của Ban Chỉ đạo.",
            status=status,
            status_changed_at=created,
        )
        plan = RoundPlan(round_, level, start=start, span=span)
        if status in (RoundStatus.SCORING, RoundStatus.CLOSED):
            round_.opened_at = plan.moment(rng, 0.3, 0.4)
            round_.status_changed_at = round_.opened_at
        if status == RoundStatus.CLOSED:
            round_.closed_at = plan.moment(rng, 0.8, 0.95)
            round_.status_changed_at = round_.closed_at
        seats = level.council
        chosen = [seats[0], *rng.sample(seats[1:], max(2, len(seats) - 1 - rng.randint(0, 1)))]
        for index, seat in enumerate(chosen):
            position = Position.CHAIR if index == 0 else Position.MEMBER
            plan.seats.append(
                (
                    seat,
                    CouncilMember(
                        round=round_,
                        user=seat.user,
                        position=position,
                        appointed_by=level.officer,
                        appointed_at=plan.moment(rng, 0.12 + 0.01 * index, 0.12 + 0.01 * index),
                    ),
                )
            )
        secretary = Seat(level.officer, full_name(level.officer), ())
        plan.seats.append(
            (
                secretary,
                CouncilMember(
                    round=round_,
                    user=level.officer,
                    position=Position.SECRETARY,
                    appointed_by=level.officer,
                    appointed_at=plan.moment(rng, 0.17, 0.17),
                ),
            )
        )
        for model in models:
            self.candidate(plan, model)
        self.rounds.append(plan)
        return plan

    def candidate(self, plan: RoundPlan, model: Model) -> Candidate:
        candidate = Candidate(round=plan.round, initiative_id=model.pk, added_by=plan.level.officer)
        candidate.added_at = plan.gathered
        plan.candidates.append((model, candidate))
        return candidate

    def cancelled_round(self, level: Level, year: int, following: RoundPlan) -> None:
        rng = self.rng
        created = following.round.created_at - timedelta(days=rng.randint(5, 30), minutes=rng.randint(0, 600))
        name = f"Thẩm định mô hình, điển hình “Dân vận khéo” năm {year}"
        round_ = self.round_at(
            level,
            year,
            name,
            created,
            status=RoundStatus.CANCELLED,
            status_changed_at=between(rng, created + timedelta(hours=1), following.round.created_at),
        )
        self.cancelled.append((round_, level, rng.choice(CANCELLATIONS)))

    def round_at(self, level, year: int, name: str, created, **rest) -> AppraisalRound:
        """A round of `level` for `year`, created at `created` with the criteria sets then in force."""
        return AppraisalRound(
            unit=level.unit,
            name=name,
            name_folded=fold(name),
            year=year,
            collective_set=self.set_at(Holder.COLLECTIVE, created).criteria_set,
            individual_set=self.set_at(Holder.INDIVIDUAL, created).criteria_set,
            created_by=level.officer,
            created_at=created,
            **rest,
        )

    def current_rounds(self) -> None:
        """This year's rounds gather the models still proposed (those proposed two days ago at least)."""
        rng = self.rng
        year = self.today.year
        waiting: dict[int, list[Model]] = defaultdict(list)
        self.unappraised: dict[int, list[Model]] = defaultdict(list)
        for model in self.models.values():
            proposed = model.at("propose")
            if model.status != S.PROPOSED or proposed is None or proposed >= self.cap - 2 * DAY:
                continue
            level = self.level_for(model)
            if model.commune is not None and rng.random() < 0.2:
                level = self.province_level
            if level.rounds:
                waiting[level.unit.pk].append(model)
            else:
                self.unappraised[level.unit.pk].append(model)
        self.current: list[RoundPlan] = []
        for level_id, models in waiting.items():
            level = self.level_of[level_id]
            if level.commune is None:
                status = RoundStatus.SCORING
            else:
                status = pick(
                    rng, [(RoundStatus.DRAFT, 3), (RoundStatus.SCORING, 4), (RoundStatus.CLOSED, 3)]
                )
            start = max(m.at("propose") for m in models) + timedelta(minutes=1)
            plan = self.round(level, year, 1, models, start, self.cap - timedelta(hours=1), status)
            self.current.append(plan)

    # --- scoring ----------------------------------------------------------------------------------
    def score_rounds(self) -> None:
        for plan in self.rounds:
            self.score(plan)

    def score(self, plan: RoundPlan) -> None:
        rng, round_ = self.rng, plan.round
        status = round_.status
        plan.cards = []  # (candidate, member, card, scores: {criterion: (points, passed)})
        plan.surveys = []
        plan.withdrawals = []
        scoring_seats = [(s, m) for s, m in plan.seats if m.position in SCORING_POSITIONS]
        results: dict[int, list] = defaultdict(list)
        for model, candidate in plan.candidates:
            version = self.version_of(round_, model.holder)
            if status == RoundStatus.DRAFT:
                if version.has_satisfaction and rng.random() < 0.5:
                    self.survey(plan, candidate, target=rng.uniform(0.7, 0.95))
                continue
            if model.status == S.NOT_RECOGNIZED and status == RoundStatus.CLOSED and rng.random() < 0.15:
                candidate.withdrawn_at = plan.moment(rng, 0.42, 0.78)
                candidate.withdraw_reason = rng.choice(WITHDRAWALS)
                plan.withdrawals.append(candidate)
                continue
            if status == RoundStatus.CLOSED:
                target = self.target(plan.level, model)
                cards, result = self.closed_cards(plan, candidate, model, version, scoring_seats, target)
                results[version.criteria_set.pk].append(result)
            else:
                cards = self.open_cards(plan, candidate, model, version, scoring_seats)
            plan.cards.extend(cards)
        for items in results.values():
            for result in scoring.rank(items):
                candidate = result.candidate
                candidate.overall, candidate.rank = result.overall, result.rank
                candidate.recommended, candidate.typical = result.recommended, result.typical
                candidate.counted = result.counted
        for model, candidate in plan.candidates:
            if status == RoundStatus.CLOSED and model.plan is not None and candidate.withdrawn_at is None:
                model.typical = candidate.typical

    def version_of(self, round_: AppraisalRound, holder: str) -> SetVersion:
        wanted = round_.individual_set if holder == Holder.INDIVIDUAL else round_.collective_set
        for version in self.sets[Holder.INDIVIDUAL if holder == Holder.INDIVIDUAL else Holder.COLLECTIVE]:
            if version.criteria_set is wanted:
                return version
        raise LookupError(wanted)

    def target(self, level: Level, model: Model) -> str:
        if model.status == S.NOT_RECOGNIZED:
            return "rejected"
        if model.status == S.PROPOSED:  # this year's: the level will decide on the results
            return pick(self.rng, [("typical", 2), ("recognized", 6), ("rejected", 2)])
        return "typical" if self.rng.random() < TYPICAL[level.kind] else "recognized"

    def survey(self, plan: RoundPlan, candidate: Candidate, target: float) -> None:
        rng = self.rng
        candidate.surveyed = rng.randint(40, 600)
        share = min(100.0, max(0.0, target * 100 + rng.uniform(-3, 3)))
        candidate.satisfied_share = Decimal(str(round(share, 1))).quantize(CENT)
        plan.surveys.append((candidate, plan.moment(rng, 0.2, 0.29)))

    def draw(self, version: SetVersion, target: str, members: int, noise: float) -> tuple[list[dict], float]:
        """Member cards (criterion id -> (points, passed)) and the share of satisfaction for `target`."""
        rng = self.rng
        head = version.criteria_set
        low, high = float(head.recognition_threshold) / 100, float(head.typical_threshold) / 100
        fail = False
        if target == "typical":
            share = rng.uniform(high + 0.02, min(0.99, high + 0.08))
        elif target == "recognized":
            share = rng.uniform(low + 0.02, high - 0.03)
        else:
            fail = rng.random() < 0.3 and any(c.mandatory for c in version.criteria)
            share = rng.uniform(0.6, 0.85) if fail else rng.uniform(0.45, low - 0.05)
        failing = next((c.pk for c in version.criteria if c.mandatory), None) if fail else None
        cards = []
        for _member in range(members):
            card = {}
            for criterion in version.member_criteria:
                if criterion.kind == CriterionKind.PASS_FAIL:
                    card[criterion.pk] = (None, criterion.pk != failing)
                else:
                    value = min(1.0, max(0.0, share + rng.uniform(-noise, noise)))
                    points = (criterion.max_points * Decimal(str(value)) * 2).quantize(Decimal(1)) / 2
                    card[criterion.pk] = (points, None)
            cards.append(card)
        return cards, share

    def closed_cards(self, plan: RoundPlan, candidate: Candidate, model: Model, version, seats, target):
        """Submitted (or recused) cards whose result is `target`: drawn again until it is."""
        rng = self.rng
        owner = model.owner.path
        flagged = [any(path.startswith(owner) for path in seat.paths) for seat, _m in seats]
        recused = [False] * len(seats)
        for index, flag in enumerate(flagged):
            if flag and rng.random() < 0.5 and recused.count(False) > 2:
                recused[index] = True
        counting = recused.count(False)
        result = None
        for attempt in range(8):
            noise = 0.04 if attempt < 4 else 0.0
            values, share = self.draw(version, target, counting, noise)
            if version.has_satisfaction:
                candidate.surveyed = candidate.surveyed or rng.randint(40, 600)
                candidate.satisfied_share = Decimal(str(round(min(100.0, share * 100), 1))).quantize(CENT)
            result = scoring.evaluate(version.criteria_set, version.criteria, candidate, values)
            wanted = {"typical": (True, True), "recognized": (True, False), "rejected": (False, False)}[
                target
            ]
            if (result.recommended, result.typical) == wanted:
                break
        if version.has_satisfaction:
            plan.surveys.append((candidate, plan.moment(rng, 0.2, 0.29)))
        cards = []
        drawn = iter(values)
        for (_seat, member), flag, recuse in zip(seats, flagged, recused, strict=True):
            when = plan.moment(rng, 0.5, 0.78)
            card = Card(candidate, member, flagged=flag, created_at=plan.moment(rng, 0.42, 0.5))
            if recuse:
                card.status, card.recusal_reason = CardStatus.RECUSED, rng.choice(RECUSALS)
                card.created_at = when
                cards.append((card, {}))
            else:
                card.status, card.submitted_at = CardStatus.SUBMITTED, when
                card.comment = rng.choice(CARD_COMMENTS)
                cards.append((card, next(drawn)))
        return cards, result

    def open_cards(self, plan: RoundPlan, candidate: Candidate, model: Model, version, seats):
        """A round being scored: some cards submitted, some drafts, some not started."""
        rng = self.rng
        target = self.target(plan.level, model)
        values, share = self.draw(version, target, len(seats), 0.04)
        if version.has_satisfaction and rng.random() < 0.8:
            self.survey(plan, candidate, target=share)
        owner = model.owner.path
        cards = []
        for (seat, member), scores in zip(seats, values, strict=True):
            roll = rng.random()
            if roll < 0.35:
                continue
            when = plan.moment(rng, 0.42, 0.98)
            flag = any(path.startswith(owner) for path in seat.paths)
            card = Card(candidate, member, created_at=when)
            if roll < 0.8:
                card.status, card.submitted_at, card.flagged = CardStatus.SUBMITTED, when, flag
                card.comment = rng.choice(CARD_COMMENTS)
            else:  # a draft: some criteria scored
                card.status = CardStatus.DRAFT
                keep = rng.randint(1, max(1, len(scores) - 1))
                scores = dict(list(scores.items())[:keep])
            cards.append((card, scores))
        return cards

    # --- drafts of this year's recognition decisions ----------------------------------------------
    def drafts(self) -> None:
        rng = self.rng
        for plan in self.current:
            level, round_ = plan.level, plan.round
            if level.commune is None:
                models = [m for m, _c in plan.candidates][: rng.randint(2, 5)]
                typical = set()
            elif round_.status == RoundStatus.CLOSED:
                chosen = [(m, c) for m, c in plan.candidates if c.recommended]
                models = [m for m, _c in chosen]
                typical = {m.pk for m, c in chosen if c.typical}
            else:
                continue
            if models:
                created = between(rng, round_.closed_at or plan.gathered, self.cap - timedelta(hours=1))
                self.draft(level, models, typical, created)
        for level_id, models in self.unappraised.items():
            if rng.random() < 0.3:
                latest = max(m.at("propose") for m in models)
                created = between(rng, latest, self.cap - timedelta(hours=1))
                self.draft(self.level_of[level_id], models, set(), created)

    def draft(self, level: Level, models: list[Model], typical: set[int], created: datetime) -> None:
        day = self.today + timedelta(days=self.rng.randint(3, 20))
        plan = Plan(
            decision=self.decision(DecisionKind.RECOGNITION, level, level.recognizer, day),
            level=level,
            created=created,
            models=models,
        )
        plan.decision.status = DecisionStatus.DRAFT
        plan.draft_typical = typical
        self.plans.append(plan)

    # --- decisions' headers -----------------------------------------------------------------------
    def decision(
        self, kind: str, level: Level, body: Unit, day: date, form: AwardForm | None = None, season: int = 0
    ) -> Decision:
        """A decision with the header `awards.services.defaults` offers; a recognition names the year
        of its models (`season`), which may be the year before its date."""
        season = season or day.year
        superior, heading = self.headings(body)
        phrase = f"cấp {level.unit.area.get_kind_display().lower()}"
        if kind == DecisionKind.RECOGNITION:
            subject = f"công nhận mô hình, điển hình “Dân vận khéo” {phrase} năm {season}"
            bases = "\n".join(
                [
                    "- Căn cứ Quyết định số 23-QĐ/TW, ngày 30-7-2021 của Bộ Chính trị ban hành Quy chế "
                    "công tác dân vận của hệ thống chính trị;",
                    f"- Căn cứ chức năng, nhiệm vụ của {body.name};",
                    f"- Xét đề nghị của Hội đồng thẩm định mô hình, điển hình “Dân vận khéo” năm {season},",
                ]
            )
            recipients = "Như Điều 3\nCác cơ quan, đơn vị có mô hình, điển hình được công nhận"
            citation = ""
        else:
            grade = "Bằng khen" if form.grade == AwardGrade.HIGHER_CERTIFICATE else "Giấy khen"
            subject = (
                f"tặng {grade} cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua "
                f"“Dân vận khéo” năm {day.year}"
            )
            bases = "\n".join(
                [f"- Căn cứ {form.basis};", "- Xét đề nghị của các cơ quan, đơn vị và thành tích đạt được,"]
            )
            recipients = "Như Điều 2\nCác tập thể, cá nhân có tên tại Điều 1"
            citation = "trong phong trào thi đua “Dân vận khéo”"
        authority, position, signer = self.signer(level, body)
        return Decision(
            kind=kind,
            issuing_unit=level.unit,
            issuing_body=body,
            issuer_code=self.issuer_code(body),
            date=day,
            year=day.year,
            subject=subject,
            superior_heading=superior,
            issuer_heading=heading,
            bases=bases,
            citation=citation,
            executors="Văn phòng, các cơ quan, đơn vị liên quan",
            signer_authority=authority,
            signer_position=position,
            signer_name=signer,
            recipients=recipients,
            archive="Văn phòng Ban"
            if body.unit_type_id == self.types["propaganda_mobilization_dept"].pk
            else "Văn phòng",
            award_form=form,
            status=DecisionStatus.ISSUED,
            created_by=level.officer,
        )

    def parent(self, body: Unit) -> Unit | None:
        p = self.province
        if body is p.party:
            return None
        commune = self.commune_of.get(body.pk)
        if commune is None:
            return p.party
        return p.party if body is commune.party else commune.party

    def headings(self, body: Unit) -> tuple[str, str]:
        """As `awards.services.default_headings`, with the parent known."""
        parent = self.parent(body)
        if body.unit_type_id == self.types["party_committee"].pk:
            superior = f"Đảng bộ {(parent or body).area.name}"
        else:
            superior = parent.name if parent else ""
        heading = body.name
        if parent is not None and heading.lower().endswith(" " + parent.name.lower()):
            heading = heading[: -len(parent.name) - 1]
        return superior.upper(), heading.upper()

    def issuer_code(self, body: Unit) -> str:
        codes = {
            self.types["propaganda_mobilization_dept"].pk: "BTGDV",
            self.types["peoples_committee"].pk: "UBND",
            self.types["fatherland_front"].pk: "MTTQ",
        }
        if body.unit_type_id == self.types["party_committee"].pk:
            return "TU" if body.depth == 1 else "ĐU"
        return codes[body.unit_type_id]

    def signer(self, level: Level, body: Unit) -> tuple[str, str, str]:
        p, commune = self.province, level.commune
        if commune is None:
            if body is p.dept:
                return "K/T TRƯỞNG BAN", "Phó Trưởng Ban", level.names["dept"]
            if body is p.government:
                return "K/T CHỦ TỊCH", "Phó Chủ tịch", level.names["government"]
            return "T/M BAN THƯỜNG VỤ", "Phó Bí thư Thường trực", level.names["party"]
        if body is commune.government:
            return "T/M ỦY BAN NHÂN DÂN", "Chủ tịch", level.names["government"]
        if body is commune.front:
            return "T/M BAN THƯỜNG TRỰC", "Chủ tịch", level.names["front"]
        return "T/M BAN THƯỜNG VỤ", "Bí thư", level.names["party"]

    # --- the award catalogue and commendations ----------------------------------------------------
    def catalogue(self) -> None:
        p = self.province
        names = {
            "province_department": f"Giấy khen của {p.dept.name}",
            "province_chair": f"Bằng khen của Chủ tịch {p.government.name}",
            "province_party_board": f"Bằng khen của Ban Thường vụ {p.party.name}",
        }
        forms = [
            AwardForm(
                province=p.party,
                code=code,
                name=names.get(code, name),
                grade=grade,
                issuer_type=self.types[type_code],
                level=level,
                recipients=recipients,
                basis=basis,
                sort_order=order * 10,
            )
            for order, (code, name, grade, type_code, level, recipients, basis) in enumerate(
                DEFAULT_AWARD_FORMS, 1
            )
        ]
        insert(AwardForm, forms)
        self.forms = {f.code: f for f in forms}
        self.ctx.counts["award_forms"] += len(forms)

    def commendations(self) -> None:
        """Skeletons of every level's commendation decisions, then their proposals."""
        rng, p = self.rng, self.province
        self.commendation_plans: dict[int, list[Plan]] = defaultdict(list)  # level unit -> by date
        self.proposals: list[Proposal] = []
        for year in self.ctx.years:
            level = self.province_level
            self.commendation(
                level,
                p.party,
                "province_party_board",
                working_day(date(year, 10, rng.randint(9, 14)), date(year, 10, 5), date(year, 10, 14)),
                f"Kỷ niệm {year - 1930} năm Ngày truyền thống công tác dân vận của Đảng "
                f"(15/10/1930 – 15/10/{year})",
                rng.randint(10, 20),
            )
            self.commendation(
                level,
                p.dept,
                "province_department",
                working_day(date(year, 12, rng.randint(15, 29)), date(year, 12, 10), date(year, 12, 31)),
                f"Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm {year}",
                rng.randint(20, 40),
            )
            if year % 2 == 1 and year != self.ctx.years[0]:
                self.commendation(
                    level,
                    p.government,
                    "province_chair",
                    working_day(date(year, 12, rng.randint(18, 30)), date(year, 12, 10), date(year, 12, 31)),
                    f"Hội nghị sơ kết, tổng kết phong trào thi đua “Dân vận khéo” giai đoạn "
                    f"{self.ctx.years[0]}–{year}",
                    rng.randint(25, 45),
                )
            for commune in p.communes:
                level = self.level_of[commune.party.pk]
                body, code = pick(
                    rng,
                    [
                        ((commune.party, "commune_party_board"), 55),
                        ((commune.government, "commune_chair"), 30),
                        ((commune.front, "commune_front"), 15),
                    ],
                )
                self.commendation(
                    level,
                    body,
                    code,
                    working_day(date(year, 12, rng.randint(10, 28)), date(year, 12, 5), date(year, 12, 31)),
                    f"Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm {year}",
                    rng.randint(4, 10),
                )
        for plans in self.commendation_plans.values():
            plans.sort(key=lambda plan: plan.decision.date)
        self.model_proposals()
        self.replacements()

    def commendation(self, level: Level, body: Unit, code: str, day: date, occasion: str, count: int) -> None:
        """One decision of `body` granting `code`, with `count` proposals made for `occasion`."""
        rng = self.rng
        if day - timedelta(days=40) > self.today - 2 * DAY:
            return  # not being prepared yet
        form = self.forms[code]
        plan = Plan(
            decision=self.decision(DecisionKind.COMMENDATION, level, body, day, form),
            level=level,
            created=at(day - timedelta(days=rng.randint(3, 7)), rng),
        )
        plan.occasion = occasion
        if day >= self.today:
            plan.decision.status = DecisionStatus.DRAFT
            plan.created = min(plan.created, self.cap - timedelta(hours=3))
        else:
            plan.issued = at(day, rng)
            plan.note = rng.choice(["", f"Nhân dịp {occasion}"])
        self.plans.append(plan)
        self.commendation_plans[level.unit.pk].append(plan)
        for _number in range(count):
            self.occasion_proposal(plan, occasion)
        # declined and withdrawn ones never reach the list
        for _number in range(rng.randint(0, 2) if plan.issued else 0):
            proposal = self.occasion_proposal(plan, occasion, listed=False)
            declined = rng.random() < 0.7
            proposal.status = ProposalStatus.DECLINED if declined else ProposalStatus.WITHDRAWN
            proposal.status_reason = rng.choice(DECLINES if declined else WITHDRAWS)
            proposal.status_changed_at = between(rng, proposal.created_at, plan.created)

    def proposal_times(self, plan: Plan, earliest: datetime | None = None) -> datetime:
        rng, day = self.rng, plan.decision.date
        start = at(day - timedelta(days=40))
        if earliest is not None:
            start = max(start, earliest)
        return between(rng, start, min(plan.created - timedelta(hours=1), self.cap - timedelta(hours=2)))

    def occasion_proposal(self, plan: Plan, occasion: str, *, listed: bool = True) -> Proposal:
        """A collective or a person of the level's subtree proposed for the decision's award."""
        rng, level = self.rng, plan.level
        commune = level.commune or rng.choice(self.province.communes)
        if level.commune is None and rng.random() < 0.3:  # a province unit proposes itself or its people
            proposing = rng.choice(self.province.units)
            collective = rng.random() < 0.5
            recipient = proposing if collective else None
            position = f"Chuyên viên {proposing.name}"
            officer = self.province.officer
        else:
            proposing = commune.front if level.commune is not None and rng.random() < 0.3 else commune.party
            collective = rng.random() < 0.5
            index = rng.randrange(len(commune.villages)) if commune.villages else None
            where = f"{commune.area.get_kind_display().lower()} {commune.area.short_name}"
            if collective:
                pool = [*commune.village_units, *commune.mass.values()]
                if proposing is commune.party:
                    pool += [commune.government, commune.front, commune.police]
                recipient = rng.choice(pool)
            else:
                recipient = None
            if index is not None and rng.random() < 0.7:
                village = commune.villages[index].name
                position = f"{rng.choice(VILLAGE_POSITIONS).format(village=village)}, {where}"
            else:
                position = rng.choice(COMMUNE_POSITIONS).format(commune=where)
            officer = commune.officer
        if collective:
            name, position, holder = recipient.name, "", Holder.COLLECTIVE
        else:
            name, holder = person_name(rng), Holder.INDIVIDUAL
        deed = rng.choice(ACHIEVEMENTS).format(n=rng.randint(3, 900))
        year = plan.decision.date.year
        proposal = Proposal(
            proposing_unit=proposing,
            year=year,
            award_form=plan.decision.award_form,
            holder=holder,
            recipient_unit=recipient,
            recipient_name=name,
            recipient_position=position,
            name_folded=fold(name),
            occasion=occasion,
            occasion_date=plan.decision.date,
            achievements=f"Tích cực tham gia phong trào thi đua “Dân vận khéo” năm {year}: {deed}.",
            status=ProposalStatus.SUBMITTED,
            created_by=officer,
        )
        proposal.created_at = self.proposal_times(plan)
        proposal.status_changed_at = proposal.created_at
        self.proposals.append(proposal)
        if listed:
            plan.proposals.append(proposal)
        return proposal

    def model_proposals(self) -> None:
        """Typical models an issued recognition proposed for commendation: the level's next decision
        at least ten days later grants them (or they wait for it)."""
        rng = self.rng
        for plan in list(self.plans):
            if (
                plan.decision.kind != DecisionKind.RECOGNITION
                or plan.decision.status != DecisionStatus.ISSUED
            ):
                continue
            for model in plan.models:
                if not model.proposed:
                    continue
                following = next(
                    (
                        c
                        for c in self.commendation_plans[plan.level.unit.pk]
                        if c.decision.date >= plan.decision.date + timedelta(days=10)
                        and (c.level.commune is not None or c.decision.issuing_body is self.province.party)
                    ),
                    None,
                )
                owner = model.owner
                proposing = model.commune.party if model.commune else owner
                individual = model.holder == Holder.INDIVIDUAL
                form = (
                    following.decision.award_form
                    if following
                    else self.forms[
                        "province_party_board" if plan.level.commune is None else "commune_party_board"
                    ]
                )
                proposal = Proposal(
                    proposing_unit=proposing,
                    year=(following.decision.date if following else plan.decision.date).year,
                    award_form=form,
                    holder=Holder.INDIVIDUAL if individual else Holder.COLLECTIVE,
                    recipient_unit=None if individual else owner,
                    recipient_name=model.holder_name if individual else owner.name,
                    recipient_position=owner.name if individual else "",
                    name_folded=fold(model.holder_name if individual else owner.name),
                    initiative_id=model.pk,
                    occasion=getattr(following, "occasion", ""),
                    occasion_date=following.decision.date if following else None,
                    achievements=f"Xây dựng mô hình “{model.name}”, được công nhận là mô hình tiêu biểu "
                    f"cấp {plan.level.unit.area.get_kind_display().lower()} năm {plan.decision.date.year}.",
                    status=ProposalStatus.SUBMITTED,
                    created_by=plan.level.officer if model.commune is None else model.commune.officer,
                )
                earliest = plan.issued + timedelta(days=1)
                if following is not None and earliest < following.created - timedelta(hours=2):
                    proposal.created_at = self.proposal_times(following, earliest)
                    following.proposals.append(proposal)
                else:
                    proposal.created_at = between(rng, earliest, max(earliest, self.cap - timedelta(hours=2)))
                    if proposal.created_at >= self.cap:
                        continue
                proposal.status_changed_at = proposal.created_at
                self.proposals.append(proposal)

    def replacements(self) -> None:
        """About one year in three, an issued commune decision is revoked, then replaced."""
        rng = self.rng
        for year in self.ctx.years:
            issued = [
                plan
                for plans in self.commendation_plans.values()
                for plan in plans
                if plan.issued
                and plan.decision.date.year == year
                and plan.issued + timedelta(days=31) < self.cap
                and plan.level.commune is not None
                and plan.proposals
            ]
            if not issued or rng.random() >= 0.35:
                continue
            plan = rng.choice(issued)
            plan.revoked = plan.issued + timedelta(days=rng.randint(5, 25), minutes=rng.randint(0, 300))
            plan.reason = rng.choice(REVOCATIONS_COMMENDATION)
            plan.decision.status = DecisionStatus.REVOKED
            day = working_day(
                plan.revoked.date() + timedelta(days=rng.randint(1, 6)), plan.revoked.date(), self.today - DAY
            )
            if day >= self.today:
                continue
            body = plan.decision.issuing_body
            other = Plan(
                decision=self.decision(
                    DecisionKind.COMMENDATION, plan.level, body, day, plan.decision.award_form
                ),
                level=plan.level,
                created=plan.revoked + timedelta(hours=1),
                issued=max(at(day, rng), plan.revoked + timedelta(hours=3)),
                proposals=list(plan.proposals),
                note=f"Thay thế quyết định đã thu hồi: {plan.reason}",
            )
            self.plans.append(other)

    # --- numbers, texts, rows ---------------------------------------------------------------------
    def number(self) -> None:
        rng = self.rng
        numbered: dict[tuple[int, int], list[Plan]] = defaultdict(list)
        for plan in self.plans:
            if plan.decision.status != DecisionStatus.DRAFT:
                numbered[(plan.decision.issuing_body.pk, plan.decision.date.year)].append(plan)
        for key in sorted(numbered):
            plans = sorted(numbered[key], key=lambda plan: (plan.decision.date, plan.issued))
            number = rng.randint(2, 30)
            for plan in plans:
                plan.decision.number = number
                number += rng.randint(1, 9)

    def marks(self) -> None:
        """Typical marks of decisions without a round; which typical ones are proposed."""
        rng = self.rng
        appraised = {id(m) for plan in self.rounds for m, _c in plan.candidates}
        for plan in self.plans:
            if plan.decision.kind != DecisionKind.RECOGNITION or plan.decision.status == DecisionStatus.DRAFT:
                continue
            for model in plan.models:
                if id(model) not in appraised:
                    model.typical = rng.random() < TYPICAL[plan.level.kind]
                model.proposed = (
                    model.typical
                    and plan.decision.status == DecisionStatus.ISSUED
                    and rng.random() < PROPOSED_FOR_COMMENDATION
                )

    def write(self) -> None:
        ctx = self.ctx
        insert(User, self.users)
        for person in self.people:
            person.user_id = person.user.pk
        insert(Person, self.people)
        for grant in self.grants:
            grant.user_id = grant.user.pk
        insert(Grant, self.grants)
        ctx.counts["users"] += len(self.users)
        ctx.counts["grants"] += len(self.grants)
        with translation.override("vi"):
            self.write_rounds()
            self.write_decisions()

    def write_rounds(self) -> None:
        ctx = self.ctx
        rounds = [plan.round for plan in self.rounds] + [r for r, _l, _w in self.cancelled]
        insert(AppraisalRound, rounds)
        insert(Candidate, [c for plan in self.rounds for _m, c in plan.candidates])
        insert(CouncilMember, [m for plan in self.rounds for _s, m in plan.seats])
        cards = [card for plan in self.rounds for card, _scores in plan.cards]
        insert_values(
            Scorecard,
            ["candidate", "member", "status", "comment", "recusal_reason", "flagged"]
            + ["submitted_at", "created_at", "updated_at"],
            (
                (c.candidate.pk, c.member.pk, c.status, c.comment, c.recusal_reason, c.flagged)
                + (c.submitted_at, c.created_at, c.submitted_at or c.created_at)
                for c in cards
            ),
        )
        ids = dict(
            ((candidate, member), pk)
            for pk, candidate, member in Scorecard.objects.filter(
                candidate__round__in=[plan.round.pk for plan in self.rounds]
            ).values_list("pk", "candidate_id", "member_id")
        )
        for card in cards:
            card.pk = ids[(card.candidate.pk, card.member.pk)]
        scores = (
            (card.pk, criterion, points, passed)
            for plan in self.rounds
            for card, values in plan.cards
            for criterion, (points, passed) in values.items()
        )
        ctx.counts["scores"] += write_rows(Score, ["scorecard", "criterion", "points", "passed"], scores)
        events = []  # round, action, from, to, actor, at, comment, candidate, member, subject

        def event(
            round_,
            action,
            actor,
            when,
            *,
            status=("", ""),
            comment="",
            candidate=None,
            member=None,
            subject="",
        ):
            events.append(
                (
                    round_.pk,
                    action,
                    status[0],
                    status[1],
                    actor.pk,
                    when,
                    comment,
                    candidate.pk if candidate else None,
                    member.pk if member else None,
                    subject[:300],
                )
            )

        for plan in self.rounds:
            round_, officer = plan.round, plan.level.officer
            event(round_, "create", officer, round_.created_at, status=("", RoundStatus.DRAFT))
            comment = _("%(n)s candidates added") % {"n": len(plan.candidates)}
            event(round_, "gather", officer, plan.gathered, comment=comment)
            for seat, member in plan.seats:
                position = str(member.get_position_display())
                event(
                    round_,
                    "appoint",
                    officer,
                    member.appointed_at,
                    member=member,
                    subject=seat.full_name,
                    comment=position,
                )
            for candidate, when in plan.surveys:
                message = _("Satisfaction survey: %(n)s people, %(share)s%% satisfied") % {
                    "n": candidate.surveyed,
                    "share": scoring.plain(candidate.satisfied_share),
                }
                name = self.name_of(candidate)
                event(round_, "survey", officer, when, candidate=candidate, comment=message, subject=name)
            if round_.opened_at:
                event(
                    round_, "open", officer, round_.opened_at, status=(RoundStatus.DRAFT, RoundStatus.SCORING)
                )
            for card, _scores in plan.cards:
                action = {CardStatus.SUBMITTED: "submit", CardStatus.DRAFT: "save_draft"}.get(
                    card.status, "recuse"
                )
                event(
                    round_,
                    action,
                    card.member.user,
                    card.submitted_at or card.created_at,
                    candidate=card.candidate,
                    member=card.member,
                    comment=card.recusal_reason,
                    subject=self.name_of(card.candidate),
                )
            for candidate in plan.withdrawals:
                event(
                    round_,
                    "withdraw",
                    officer,
                    candidate.withdrawn_at,
                    candidate=candidate,
                    comment=candidate.withdraw_reason,
                    subject=self.name_of(candidate),
                )
            if round_.closed_at:
                event(
                    round_,
                    "close",
                    officer,
                    round_.closed_at,
                    status=(RoundStatus.SCORING, RoundStatus.CLOSED),
                    comment="Hội đồng đã chấm xong; trình Ban Thường vụ xem xét công nhận.",
                )
        for round_, level, why in self.cancelled:
            event(round_, "create", level.officer, round_.created_at, status=("", RoundStatus.DRAFT))
            cancelled = (RoundStatus.DRAFT, RoundStatus.CANCELLED)
            event(round_, "cancel", level.officer, round_.status_changed_at, status=cancelled, comment=why)
        insert_values(
            RoundEvent,
            ["round", "action", "from_status", "to_status", "actor", "at", "comment", "candidate", "member"]
            + ["subject"],
            events,
        )
        ctx.counts["appraisal_rounds"] += len(rounds)
        ctx.counts["candidates"] += sum(len(plan.candidates) for plan in self.rounds)
        ctx.counts["council_members"] += sum(len(plan.seats) for plan in self.rounds)
        ctx.counts["scorecards"] += len(cards)
        ctx.counts["round_events"] += len(events)

    def name_of(self, candidate: Candidate) -> str:
        return self.models[candidate.initiative_id].name[:300]

    def write_decisions(self) -> None:
        """Decisions, their lists and log; what issuing and revoking them did to the proposals, the
        models' steps and yearly records."""
        ctx = self.ctx
        entries, events = [], []
        steps, consolidations, initiatives, notes = [], [], [], defaultdict(list)
        for plan in self.plans:  # in the order they happened: a replacement grants after a revocation
            decision, level = plan.decision, plan.level
            decision.created_at = plan.created
            decision.status_changed_at = plan.revoked or plan.issued or plan.created
            decision.revoke_reason = plan.reason
            ref = reference(decision) if decision.number else ""
            events.append((decision, "create", "", DecisionStatus.DRAFT, level.officer.pk, plan.created, ""))
            if plan.issued:
                issued = (DecisionStatus.DRAFT, DecisionStatus.ISSUED)
                events.append((decision, "issue", *issued, level.reviewer.pk, plan.issued, plan.note))
            why = ""
            if plan.revoked:
                why = _("%(ref)s was revoked: %(reason)s") % {"ref": ref, "reason": plan.reason}
                revoked = (DecisionStatus.ISSUED, DecisionStatus.REVOKED)
                events.append((decision, "revoke", *revoked, level.reviewer.pk, plan.revoked, plan.reason))
            if decision.kind == DecisionKind.COMMENDATION:
                ordered = sorted(plan.proposals, key=lambda p: (p.proposing_unit.name_sort, p.recipient_name))
                for position, proposal in enumerate(ordered, 1):
                    entries.append((decision, position, None, proposal, False, False, None))
                    if plan.revoked:  # submitted again
                        proposal.status = ProposalStatus.SUBMITTED
                        proposal.status_changed_at, proposal.status_reason = plan.revoked, why
                    elif plan.issued:
                        proposal.status = ProposalStatus.GRANTED
                        proposal.status_changed_at = plan.issued
                        proposal.status_reason = _("Granted %(form)s by %(ref)s") % {
                            "form": decision.award_form,
                            "ref": ref,
                        }
                continue
            typical = getattr(plan, "draft_typical", None)
            ordered = sorted(plan.models, key=lambda m: (m.owner.name_sort, fold(m.name), m.pk))
            for position, model in enumerate(ordered, 1):
                issued = plan.issued is not None
                recognize = model.steps["recognize"][0] if issued else None
                marked = model.pk in typical if typical is not None else model.typical
                proposed = model.proposed if issued else False
                entries.append((decision, position, model.pk, None, marked, proposed, recognize))
                if not issued:
                    continue
                steps.append((plan.issued, _("Recognized by %(ref)s") % {"ref": ref}, recognize))
                line = _("Recognized at the level of %(level)s by %(ref)s.") % {
                    "level": level.unit.name,
                    "ref": ref,
                }
                if model.typical:
                    line = f"{line} {_('Typical model.')}"
                year = decision.date.year
                notes[(model.pk, year)].append((line, model.typical, level.reviewer, plan.issued))
                changed = plan.issued if model.status == S.RECOGNIZED else None
                if plan.revoked:  # the revocation sent the model to consolidation
                    consolidations.append(
                        (plan.revoked, why, level.reviewer.pk, model.steps["consolidate"][0])
                    )
                    notes[(model.pk, year)].append((why, None, level.reviewer, plan.revoked))
                    changed = plan.revoked
                initiatives.append((decision.date, changed, model.pk))
                model.recognized_on = decision.date
        insert(Proposal, self.proposals)
        insert(Decision, [plan.decision for plan in self.plans])
        insert_values(
            DecisionEntry,
            ["decision", "position", "initiative", "proposal", "typical", "proposed", "recognition"],
            ((d.pk, n, i, p.pk if p else None, t, pr, r) for d, n, i, p, t, pr, r in entries),
        )
        insert_values(
            DecisionEvent,
            ["decision", "action", "from_status", "to_status", "actor", "at", "comment"],
            ((d.pk, *rest) for d, *rest in events),
        )
        update_rows(TransitionRecord, ["at", "comment"], steps)
        update_rows(TransitionRecord, ["at", "comment", "actor"], consolidations)
        update_rows(Initiative, ["recognized_on"], [(day, pk) for day, _changed, pk in initiatives])
        update_rows(
            Initiative, ["status_changed_at"], [(changed, pk) for _day, changed, pk in initiatives if changed]
        )
        self.note_years(notes)
        for plan in self.plans:
            ctx.counts[f"decisions_{plan.decision.kind}_{plan.decision.status}"] += 1
        ctx.counts["decisions"] += len(self.plans)
        ctx.counts["recognitions"] += sum(1 for e in entries if e[6])
        ctx.counts["commendations"] += sum(1 for e in entries if e[3] is not None)
        ctx.counts["proposals"] += len(self.proposals)
        ctx.counts["recognized_on_paper"] += self.paper

    def note_years(self, notes) -> None:
        """The yearly record notes each recognition (and revocation), as issuing a decision does."""
        if not notes:
            return
        wanted = {pk for pk, _year in notes}
        rows = []
        for pk, initiative_id, year, evaluation, note, by, when in (
            InitiativeYear.objects.filter(initiative__owner_unit__path__startswith=self.province.party.path)
            .filter(initiative_id__in=wanted)
            .values_list(
                "pk", "initiative_id", "year", "evaluation", "evaluation_note", "evaluated_by", "evaluated_at"
            )
        ):
            lines = notes.get((initiative_id, year))
            if not lines:
                continue
            for line, typical, actor, at_ in lines:
                note = f"{note}\n{line}".strip()
                if typical is None:
                    continue
                value = Evaluation.EXCELLENT if typical else (None if evaluation else Evaluation.GOOD)
                if value and value != evaluation:
                    evaluation, by, when = value, actor.pk, at_
            rows.append((evaluation, note, by, when, pk))
        update_rows(InitiativeYear, ["evaluation", "evaluation_note", "evaluated_by", "evaluated_at"], rows)


# ================================================================================================


def generate(ctx: Context) -> None:
    rng = ctx.rng("awards")
    types = {t.code: t for t in UnitType.objects.all()}
    for province in ctx.provinces:
        b = ProvinceBuilder(ctx, province, rng, types)
        b.load()
        b.levels()
        b.criteria()
        b.catalogue()
        b.recognitions()
        b.appraisals()
        b.score_rounds()
        b.marks()
        b.drafts()
        b.commendations()
        b.number()
        b.write()
        if province is ctx.bench_province_or_none():
            _manifest(ctx, b)


def _manifest(ctx: Context, b: ProvinceBuilder) -> None:
    province = b.province
    issued = [
        plan
        for plan in b.plans
        if plan.level.commune is None
        and plan.decision.kind == DecisionKind.RECOGNITION
        and plan.decision.status == DecisionStatus.ISSUED
    ]
    biggest = max(issued, key=lambda plan: (len(plan.models), plan.decision.date), default=None)
    closed = [p.round for p in b.rounds if p.level.commune is None and p.round.status == RoundStatus.CLOSED]
    ctx.manifest["awards"] = {
        "decision": biggest.decision.pk if biggest else None,
        "round": max(closed, key=lambda r: (r.year, r.pk)).pk if closed else None,
        "province": province.party.pk,
    }
