"""Citizens' petitions 2021–today: each received, handled step by step under its statutory deadlines.

Every commune gets 100–200 petitions (complaints, denunciations, recommendations, feedback) over the
years, from one person, a few, or many together (mass petitions), by every channel. Each one is
played forward from the day it was received with the actions of `petitions.workflow` — assigned,
accepted or answered, refused, forwarded, transferred to the province, resolved, confirmed or
reopened by the citizen, appealed to the province — until today: what is recent is still open,
what stalled is overdue (and was escalated, as `danvan tick` does), the rest is finished, on time
or late. Due dates come from `petitions.deadlines` as the services compute them (one cache per
start day). A few communes had hot spots: a cluster of mass complaints, declared, mostly cleared.
Petitioners are encrypted by their field; their blind-index keys are made by `services.person_keys`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import itertools
import operator
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection

from danvan.core import calendar
from danvan.core.text import fold
from danvan.gendata import reception
from danvan.gendata.bulk import insert, insert_rows, next_id, reset_sequence
from danvan.gendata.context import Commune, Context, Province, at, random_day
from danvan.gendata.names import PETITION_FORWARD_TO, PETITION_FORWARDERS, PETITION_SUBJECTS, person_name
from danvan.geo.models import AreaKind
from danvan.petitions import deadlines
from danvan.petitions.deadlines import Kind, Step
from danvan.petitions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MASS_PETITIONERS,
    Channel,
    HotSpot,
    HotSpotStatus,
    Petition,
    PetitionerKey,
    PetitionEvent,
    RefusalGround,
)
from danvan.petitions.workflow import DECIDED_KINDS, PetitionStatus

S = PetitionStatus
HotSpotLink = HotSpot.petitions.through
FIRST_DAY = date(2021, 1, 4)

KINDS = [(Kind.COMPLAINT, 22), (Kind.DENUNCIATION, 8), (Kind.RECOMMENDATION, 38), (Kind.FEEDBACK, 32)]
TOPIC_WEIGHTS = {
    "land": 16,
    "compensation": 9,
    "construction": 16,
    "environment": 14,
    "social_policy": 12,
    "procedures": 9,
    "officials": 6,
    "security": 10,
    "other": 8,
}
# the topics citizens write about in each kind of petition
TOPICS = {
    kind: [(topic, weight) for topic, weight in TOPIC_WEIGHTS.items() if kind in PETITION_SUBJECTS[topic]]
    for kind in Kind.values
}
CHANNELS = [
    (Channel.RECEPTION, 18),
    (Channel.DIRECT, 30),
    (Channel.POST, 14),
    (Channel.FORWARDED, 10),
    (Channel.ONLINE, 28),
]
# what processing leads to: (action, weight)
PROCESS_DECIDED = [("accept", 78), ("refuse", 10), ("forward", 6), ("transfer", 6)]
PROCESS_ANSWERED = [("answer", 85), ("refuse", 4), ("forward", 8), ("transfer", 3)]
REFUSAL_GROUNDS = [
    (RefusalGround.NOT_COMPETENT, 20),
    (RefusalGround.OUT_OF_TIME, 12),
    (RefusalGround.ALREADY_RESOLVED, 30),
    (RefusalGround.UNIDENTIFIED, 12),
    (RefusalGround.WITHDRAWN, 14),
    (RefusalGround.IN_COURT, 6),
    (RefusalGround.OTHER, 6),
]
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "032", "035", "037", "077", "083", "088"]
BACKLOG_DAYS = 180  # open longer than this: a backlog case ("tồn đọng")

NOTES = [
    "Đã làm việc với người khiếu nại, thu thập tài liệu liên quan.",
    "Đã kiểm tra thực địa cùng cán bộ địa chính và trưởng thôn.",
    "Đã mời các bên liên quan đối chất; chờ kết quả xác minh.",
    "Đã xin ý kiến phòng chuyên môn cấp trên về chính sách áp dụng.",
]
ANSWERS = [
    "{unit} đã kiểm tra và chỉ đạo khắc phục nội dung ông/bà phản ánh; kết quả đã được thông báo tại thôn.",
    "{unit} đã giao bộ phận chuyên môn xử lý; ông/bà liên hệ bộ phận một cửa để được hướng dẫn thêm.",
    "Nội dung ông/bà nêu đã được đưa vào kế hoạch năm; {unit} sẽ thông báo khi triển khai.",
    "{unit} đã tổ chức kiểm tra, xử lý vi phạm và yêu cầu các hộ liên quan cam kết không tái phạm.",
]
FEEDBACK_OK = [
    "Vấn đề đã được giải quyết, cảm ơn cán bộ.",
    "Gia đình đồng ý với kết quả giải quyết.",
    "Đã nhận được kết quả, không có ý kiến gì thêm.",
]
FEEDBACK_REOPEN = [
    "Sau khi trả lời, tình trạng vẫn tiếp diễn, đề nghị kiểm tra lại.",
    "Gia đình chưa đồng ý với kết quả, đề nghị xem xét lại.",
]
CONTENT = (
    "{subject}. Người viết đơn trình bày sự việc xảy ra tại {place}, {commune}, kèm theo các giấy tờ liên "
    "quan, đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định của pháp luật."
)
REPLIES = {
    "refuse": "{unit} thông báo không thụ lý đơn của ông/bà; lý do nêu trong văn bản gửi kèm.",
    "forward": "{unit} đã chuyển đơn của ông/bà đến {to} để giải quyết theo thẩm quyền.",
    "accept": "{unit} đã thụ lý đơn của ông/bà; thời hạn giải quyết đến ngày {due}.",
    "resolve": "Đã ban hành Quyết định số {number} ngày {day} giải quyết đơn của ông/bà.",
}
APPEAL = "Công dân không đồng ý với quyết định giải quyết khiếu nại lần đầu, khiếu nại lần hai."
EXTEND = "Vụ việc phức tạp, cần thêm thời gian xác minh; gia hạn theo quy định."
BACKLOG = "Đánh dấu vụ việc tồn đọng, kéo dài: quá {days} ngày chưa giải quyết xong."
BREACH = (
    "Đã quá thời hạn luật định của bước “{step}” ({due}) mà chưa thực hiện xong; "
    "đã báo cán bộ xử lý và lãnh đạo cấp trên."
)
STEP_LABELS = {
    Step.PROCESS: "Xử lý đơn",
    Step.RESOLVE: "Giải quyết",
    Step.RESOLVE_SECOND: "Giải quyết lần hai",
}
HOT_REASONS = [
    "Nhiều hộ dân tập trung đông người tại trụ sở, phản đối đơn giá bồi thường; "
    "có nguy cơ khiếu kiện vượt cấp.",
    "Tranh chấp đất đai kéo dài giữa các hộ dân và doanh nghiệp; người dân căng băng rôn phản đối.",
    "Người dân ngăn cản thi công dự án vì chưa thống nhất phương án hỗ trợ tái định cư.",
]
HOT_CLEARED = [
    "Tổ chức đối thoại với các hộ dân, điều chỉnh phương án bồi thường; các hộ đồng thuận.",
    "Giải quyết dứt điểm các đơn khiếu nại; tình hình ổn định, không còn tụ tập đông người.",
]


class Row(SimpleNamespace):
    """The columns of one petition before it is written, by field name (a model instance per row,
    and `bulk_create` preparing each of its fields, cost more than the rest of the part together)."""


FIELDS = list(Petition._meta.concrete_fields)
DEFAULTS = {
    f.name: f.get_default() for f in FIELDS if f.name not in ("id", "code", "created_at", "updated_at")
}


# the columns written apart from the plain values, in this order (see `Builder.flush`)
SPECIAL = [
    "duplicate_of",
    "petitioners",
    "area",
    "unit",
    "handler",
    "created_by",
    "created_at",
    "updated_at",
    "feedback_at",
]


def _adapter():
    """The database's form of an aware datetime, fast: every one made here is in UTC."""
    if connection.vendor != "sqlite":
        return lambda value: value
    if connection.timezone_name != "UTC":
        return connection.ops.adapt_datetimefield_value
    return lambda value: None if value is None else str(value.replace(tzinfo=None))


_TABLES: dict[int, tuple[list, list[int]]] = {}


def pick(rng: random.Random, weighted):
    """One value of a [(value, weight)] table (its cumulated weights computed once: the tables are
    module constants, so their ids stay theirs)."""
    table = _TABLES.get(id(weighted))
    if table is None:
        cumulated = list(itertools.accumulate(w for _, w in weighted))
        table = _TABLES[id(weighted)] = ([v for v, _ in weighted], cumulated)
    return rng.choices(table[0], cum_weights=table[1])[0]


@functools.cache
def folded(text: str) -> str:
    """`fold`, remembered: names and subjects repeat across hundreds of thousands of petitions."""
    return fold(text)


@functools.cache
def _key_secret() -> bytes:
    return hashlib.sha256(b"danvan.petitions.person_keys:" + settings.SECRET_KEY.encode()).digest()


def person_keys(people: list[dict]) -> set[str]:
    """`services.person_keys` with the folded names remembered (the tests check they agree; the
    phone numbers made here are digits only)."""
    secret = _key_secret()
    keys = set()
    for person in people:
        name = folded(person.get("name", ""))
        for other in (person.get("id_number", ""), person.get("phone", "")):
            if name and other:
                digest = hmac.new(secret, f"{name}|{other.upper()}".encode(), hashlib.sha256).hexdigest()
                keys.add(digest[:32])
    return keys


def _name(user: User | None) -> str:
    return f"{user.last_name} {user.first_name}" if user else ""


def _fmt(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"  # dd/mm/yyyy (strftime is slow)


@dataclass
class Life:
    """One petition being played forward: its row, its people and the events it collects."""

    petition: Row
    people: list[dict]
    commune: Commune
    province: Province
    # (at, action, from, to, actor, by citizen, comment, reply, due on, unit), in time order
    events: list[tuple] = field(default_factory=list)
    original: Life | None = None  # the open petition this one repeats (a duplicate)

    @property
    def p(self) -> Row:
        return self.petition


class Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("petitions")
        self.today = ctx.today
        # tracking codes from the seed alone (the space is 32^10: one already stored is unthinkable, and
        # the unique index would refuse it), so that the same seed gives the same codes
        self.codes: set[str] = set()
        self.next_id = next_id(Petition)  # ids given here
        self.active_hot_areas: set[int] = set(
            HotSpot.objects.filter(status=HotSpotStatus.ACTIVE).values_list("area_id", flat=True)
        )
        self._due: dict[tuple, tuple[date | None, str]] = {}
        self._office: dict[date, date] = {}
        self.remote: set[int] = set()  # areas of remote, hard-to-reach communes
        self.sessions_since = reception.sessions_since(ctx)
        self.reset()

    def reset(self):
        self.lives: list[Life] = []
        self.spots: list[tuple[HotSpot, list[Life]]] = []

    # --- the calendar, cached: a national run asks for the same days hundreds of thousands of times ---
    def due(self, p: Row, step: str, start: date) -> tuple[date | None, str]:
        key = (p.kind, step, start, p.is_complex, p.is_remote, p.extensions)
        found = self._due.get(key)
        if found is None:
            d = deadlines.deadline(
                p.kind, step, start, complex=p.is_complex, remote=p.is_remote, extensions=p.extensions
            )
            found = self._due[key] = (d.due_on, d.rule_set.code) if d else (None, "")
        return found

    def office_day(self, day: date) -> date:
        found = self._office.get(day)
        if found is None:
            found = self._office[day] = calendar.next_working_day(day)
        return found

    def code(self) -> str:
        while True:
            raw = "".join(self.rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    # --- the people -------------------------------------------------------------------------------
    def person(self, address: str, online: bool) -> dict:
        rng = self.rng
        row = {"name": person_name(rng), "address": address}
        if rng.random() < 0.85:
            row["phone"] = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        if rng.random() < 0.45:
            row["id_number"] = f"0{rng.randrange(1, 96):02d}{rng.randrange(10**9):09d}"
        if online and rng.random() < 0.5:
            row["email"] = f"{folded(row['name']).replace(' ', '.')}{rng.randrange(100)}@gmail.com"
        return row

    # --- one petition -----------------------------------------------------------------------------
    def petition(
        self,
        commune: Commune,
        province: Province,
        *,
        received_on: date,
        kind: str | None = None,
        topic: str | None = None,
        mass: bool = False,
        province_level: bool = False,
        original: Life | None = None,
        stay_open: bool = False,
        channel: str | None = None,
    ) -> Life:
        rng = self.rng
        if original is not None:
            kind, topic = original.p.kind, original.p.topic
        kind = kind or pick(rng, KINDS)
        topic = topic or pick(rng, TOPICS[kind])
        channel = channel or pick(rng, CHANNELS)
        if mass and channel in (Channel.ONLINE, Channel.POST):
            channel = Channel.RECEPTION
        online = channel == Channel.ONLINE
        if received_on > self.today:
            received_on = self.today
        if not online:  # officers record on working days
            received_on = min(self.office_day(received_on), self.today)
        if (
            channel == Channel.RECEPTION
            and not province_level
            and original is None  # a repeat comes after the first, not on an earlier reception day
            and received_on >= self.sessions_since
        ):
            # at the chair's reception day (the reception part links it to that session)
            received_on = max(reception.chair_day_before(commune, received_on), self.sessions_since)
        village_index = rng.randrange(len(commune.villages)) if commune.villages else None
        village = commune.villages[village_index] if village_index is not None else None
        place = village.name if village else commune.area.name
        area = village if village is not None and not mass and rng.random() < 0.65 else commune.area
        subject = rng.choice(PETITION_SUBJECTS[topic][kind]).format(place=place)
        address = f"{place}, {commune.area.name}"
        content = CONTENT.format(subject=subject, place=place, commune=commune.area.name)
        if original is not None:
            people, area = original.people, original.p.area
            subject, content, place = original.p.subject, original.p.content, original.p.location
        elif mass or (kind == Kind.COMPLAINT and topic in ("land", "compensation") and rng.random() < 0.12):
            people = [self.person(address, False) for _ in range(rng.randint(MASS_PETITIONERS, 40))]
        elif rng.random() < 0.08:
            people = [self.person(address, online) for _ in range(rng.randint(2, 4))]
        else:
            people = [self.person(address, online)]
        if province_level:
            unit, recorder = province.government, province.handler
        else:
            unit, recorder = commune.government, commune.handler
        complex_case = kind in DECIDED_KINDS and (
            rng.random()
            < (0.3 if topic in ("land", "compensation") or len(people) >= MASS_PETITIONERS else 0.06)
        )
        code = self.code()
        p = Row(**DEFAULTS)
        p.__dict__.update(
            id=self.next_id,
            code=code,
            kind=kind,
            topic=topic,
            subject=subject,
            content=content,
            location=place if original is not None or area is not commune.area or rng.random() < 0.5 else "",
            area=area,
            unit=unit,
            channel=channel,
            forwarded_by=rng.choice(PETITION_FORWARDERS) if channel == Channel.FORWARDED else "",
            received_on=received_on,
            petitioners=people,
            petitioner_count=len(people),
            is_complex=complex_case,
            is_remote=commune.area.pk in self.remote,
            is_mass=len(people) >= MASS_PETITIONERS,
            search=f"{code.lower()} {folded(subject)}",  # fold(f"{code} {subject}")
            source=f"{rng.getrandbits(256):064x}" if online else "",
            created_by=None if online else recorder,
            handler=None if online else recorder,
            created_at=at(received_on, rng),
            updated_at=None,
        )
        self.next_id += 1
        life = Life(p, people, commune, province, original=original)
        self.play(life, stay_open=stay_open)
        self.lives.append(life)
        return life

    # --- its life ---------------------------------------------------------------------------------
    def log(
        self,
        life: Life,
        day_or_at,
        action: str,
        before: str,
        *,
        actor=None,
        citizen=False,
        comment="",
        reply="",
    ):
        p = life.p
        when = day_or_at if isinstance(day_or_at, datetime) else at(day_or_at, self.rng)
        if life.events and when <= life.events[-1][0]:
            when = life.events[-1][0] + timedelta(minutes=self.rng.randint(5, 90))
        life.events.append((when, action, before, p.status, actor, citizen, comment, reply, p.due_on, p.unit))
        if reply and action != "receive":  # what the citizen was told last (`services.transition`)
            p.reply = reply

    def start(self, p: Row, day: date | None) -> None:
        """`services._start_step`: the step the state calls for, from `day`, with its due date."""
        if p.status == S.RECEIVED:
            p.step = Step.PROCESS
        elif p.status == S.ACCEPTED:
            p.step = Step.RESOLVE_SECOND if p.instance_no == 2 else Step.RESOLVE
        else:
            p.step = ""
        p.extensions = 0
        p.escalated_for = None
        self.recompute(p, day if p.step else None)

    def recompute(self, p: Row, day: date | None) -> None:
        p.step_started_on = day
        if not p.step or day is None:
            p.due_on, p.rule_set = None, ""
        else:
            p.due_on, p.rule_set = self.due(p, p.step, day)

    def handlers(self, life: Life) -> tuple[User, User]:
        """Who handles a petition of its current unit, and who assigns it (a denunciation: a leader)."""
        p = life.p
        level = life.province if p.unit is life.province.government else life.commune
        return level.handler, (level.leader if p.kind == Kind.DENUNCIATION else level.handler)

    def assign(self, life: Life, day: date) -> bool:
        day = self.office_day(day)
        if day > self.today:
            return False
        handler, assigner = self.handlers(life)
        life.p.handler = handler
        self.log(life, day, "assign", life.p.status, actor=assigner, comment=f"Người xử lý: {_name(handler)}")
        return True

    def step_end(self, life: Life, *, resolution: bool) -> date:
        """When the current step ends: mostly in time, sometimes late, now and then it stalls."""
        rng, p = self.rng, life.p
        period = max((p.due_on - p.step_started_on).days, 1)
        roll = rng.random()
        if roll < 0.04:
            delay = rng.randint(60, 900) if resolution else rng.randint(40, 800)
        elif roll < (0.13 if resolution else 0.09):
            delay = period + rng.randint(1, 40 if resolution else 20)
        else:
            delay = rng.randint(5, period) if resolution else rng.randint(1, min(period, 10))
        end = self.office_day(p.step_started_on + timedelta(days=delay))
        return max(end, life.events[-1][0].date())  # not before what was done already (an assignment)

    def before(self, life: Life, end: date) -> bool:
        """Everything that happens while the step runs, up to `end` (or today): extensions, notes and
        the breach of its deadline. False when the step is still running today (the life stops)."""
        rng, p, today = self.rng, life.p, self.today
        handler = p.handler
        if p.due_on is not None and end > p.due_on and p.kind == Kind.DENUNCIATION:
            rule = deadlines.rule_for(p.kind, p.step, p.step_started_on)
            limit = 0 if rule is None else (1 if rule.extended_days is not None else rule.max_extensions)
            while p.extensions < limit and end > p.due_on and rng.random() < 0.7:
                day = self.office_day(random_day(rng, p.step_started_on + timedelta(days=1), p.due_on))
                if day > min(p.due_on, today):
                    break
                p.extensions += 1
                p.escalated_for = None
                self.recompute(p, p.step_started_on)
                self.log(life, day, "extend", p.status, actor=handler, comment=EXTEND)
        if p.status == S.ACCEPTED and rng.random() < 0.5:
            day = self.office_day(random_day(rng, p.step_started_on + timedelta(days=1), end))
            if day < end and day <= today:
                self.log(life, day, "note", p.status, actor=handler, comment=rng.choice(NOTES))
        if p.due_on is not None and end > p.due_on and p.due_on < today:
            breach = p.due_on + timedelta(days=1)
            self.log(
                life,
                datetime.combine(breach, dtime(0, 5), tzinfo=UTC),
                "breach",
                p.status,
                comment=BREACH.format(step=STEP_LABELS[p.step], due=_fmt(p.due_on)),
            )
            p.escalated_for = p.due_on
        return end <= today

    def play(self, life: Life, *, stay_open: bool = False) -> None:
        rng, p, today = self.rng, life.p, self.today
        online = p.channel == Channel.ONLINE
        p.status = S.RECEIVED
        self.start(p, p.received_on)
        self.log(
            life,
            p.created_at,
            "receive",
            "",
            actor=p.created_by,
            citizen=online,
            reply=f"Đơn của ông/bà đã được tiếp nhận ngày {_fmt(p.received_on)}.",
        )
        if stay_open:
            return
        if p.handler is None and not self.assign(life, p.received_on + timedelta(days=rng.randint(0, 3))):
            return
        transferred = life.original is not None or p.unit is life.province.government
        while True:
            # processing: accept, answer, refuse, forward or transfer
            end = self.step_end(life, resolution=False)
            if not self.before(life, end):
                return
            if life.original is not None:
                outcome = "refuse"
            else:
                outcome = pick(rng, PROCESS_DECIDED if p.kind in DECIDED_KINDS else PROCESS_ANSWERED)
                if outcome == "transfer" and (transferred or p.instance_no == 2 or p.reopened):
                    outcome = "accept" if p.kind in DECIDED_KINDS else "answer"
            handler, unit_name = p.handler, p.unit.name
            before, due_before = p.status, p.due_on
            if outcome == "transfer":
                transferred = True
                p.unit, p.handler = life.province.government, None
                self.start(p, end)
                self.log(
                    life,
                    end,
                    "transfer",
                    before,
                    actor=handler,
                    comment="Nội dung vượt thẩm quyền cấp xã, chuyển Ủy ban nhân dân tỉnh giải quyết.",
                    reply=f"Đơn của ông/bà đã được chuyển đến {p.unit.name} để giải quyết theo thẩm quyền.",
                )
                if not self.assign(life, end + timedelta(days=rng.randint(0, 2))):
                    return
                continue
            if outcome == "refuse":
                p.status = S.REFUSED
                if life.original is not None:
                    p.refusal_ground = RefusalGround.OTHER
                    comment = (
                        f"Trùng nội dung với đơn {life.original.p.code} đang được giải quyết; gộp hồ sơ."
                    )
                else:
                    p.refusal_ground = pick(rng, REFUSAL_GROUNDS)
                    comment = f"Không thụ lý: {RefusalGround(p.refusal_ground).label}."
                self.start(p, None)
                self.log(
                    life,
                    end,
                    "refuse",
                    before,
                    actor=handler,
                    comment=comment,
                    reply=REPLIES["refuse"].format(unit=unit_name),
                )
                return
            if outcome == "forward":
                p.status = S.FORWARDED
                p.forwarded_to = rng.choice(PETITION_FORWARD_TO)
                self.start(p, None)
                self.log(
                    life,
                    end,
                    "forward",
                    before,
                    actor=handler,
                    comment=f"Nội dung thuộc thẩm quyền của {p.forwarded_to}.",
                    reply=REPLIES["forward"].format(unit=unit_name, to=p.forwarded_to),
                )
                return
            if outcome == "accept":
                p.status = S.ACCEPTED
                p.accepted_on = end
                self.start(p, end)
                self.log(
                    life,
                    end,
                    "accept",
                    before,
                    actor=handler,
                    reply=REPLIES["accept"].format(unit=unit_name, due=_fmt(p.due_on)),
                )
                end = self.step_end(life, resolution=True)
                if not self.before(life, end):
                    return
                before, due_before = p.status, p.due_on
                p.status = S.RESOLVED
                p.resolution_number = f"{rng.randint(1, 2999)}/QĐ-UBND"
                p.resolution_date = end
                self.start(p, None)
                self.log(
                    life,
                    end,
                    "resolve",
                    before,
                    actor=handler,
                    reply=REPLIES["resolve"].format(number=p.resolution_number, day=_fmt(end)),
                )
            else:  # answer
                p.status = S.RESOLVED
                self.start(p, None)
                self.log(
                    life,
                    end,
                    "answer",
                    before,
                    actor=handler,
                    reply=rng.choice(ANSWERS).format(unit=unit_name),
                )
            p.resolved_on = end
            p.resolved_on_time = end <= due_before
            # the citizen's answer, a second instance, or the handler closes it
            roll = rng.random()
            if p.kind == Kind.COMPLAINT and p.instance_no == 1 and roll < 0.07:
                day = self.office_day(end + timedelta(days=rng.randint(5, 25)))
                window = deadlines.due_date(p.kind, Step.APPEAL, end, remote=p.is_remote)
                if day > today or (window is not None and day > window):
                    return
                p.status, p.instance_no = S.RECEIVED, 2
                p.unit, p.handler = life.province.government, None
                p.resolved_on = p.resolved_on_time = p.accepted_on = None
                p.is_protracted = True
                self.start(p, day)
                self.log(life, day, "appeal", S.RESOLVED, actor=handler, comment=APPEAL)
                if not self.assign(life, day + timedelta(days=rng.randint(0, 2))):
                    return
                transferred = True
                continue
            if 0.07 <= roll < 0.1 and not p.reopened:
                day = end + timedelta(days=rng.randint(3, 30))
                if day > today:
                    return
                text = rng.choice(FEEDBACK_REOPEN)
                p.status, p.reopened, p.satisfied, p.feedback = S.RECEIVED, p.reopened + 1, False, text
                p.feedback_at = at(day, rng)
                p.resolved_on = p.resolved_on_time = None
                p.is_protracted = True
                self.start(p, day)
                self.log(life, p.feedback_at, "reopen", S.RESOLVED, citizen=True, comment=text)
                continue
            if roll < 0.45:
                day = end + timedelta(days=rng.randint(1, 20))
                if day <= today:
                    text = rng.choice(FEEDBACK_OK)
                    p.status, p.satisfied, p.feedback, p.feedback_at = S.CLOSED, True, text, at(day, rng)
                    self.log(life, p.feedback_at, "confirm", S.RESOLVED, citizen=True, comment=text)
            elif roll < 0.8:
                day = self.office_day(end + timedelta(days=rng.randint(15, 60)))
                if day <= today:
                    p.status = S.CLOSED
                    self.log(life, day, "close", S.RESOLVED, actor=p.handler)
            return

    # --- after the life: flags that depend on how long it lasted ------------------------------------
    def finish(self, life: Life) -> None:
        p = life.p
        if p.status in (S.RECEIVED, S.ACCEPTED) and (self.today - p.received_on).days > BACKLOG_DAYS:
            p.is_backlog = True
            mark = at(self.office_day(p.received_on + timedelta(days=BACKLOG_DAYS)), self.rng)
            last = next((e for e in reversed(life.events) if e[0] <= mark), life.events[0])
            status, due, unit = last[3], last[8], last[9]
            comment = BACKLOG.format(days=BACKLOG_DAYS)
            row = (mark, "classify", status, status, p.handler, False, comment, "", due, unit)
            life.events.append(row)
            life.events.sort(key=lambda e: e[0])

    # --- hot spots --------------------------------------------------------------------------------
    def hot_spot(self, commune: Commune, province: Province, declared_on: date, *, active: bool) -> HotSpot:
        rng = self.rng
        by_province = rng.random() < 0.3
        unit = province.party if by_province else commune.party
        cluster = [
            self.petition(
                commune,
                province,
                received_on=declared_on - timedelta(days=rng.randint(3, 60)),
                kind=Kind.COMPLAINT,
                topic=rng.choice(["compensation", "land"]),
                mass=True,
            )
            for _ in range(rng.randint(3, 7))
        ]
        spot = HotSpot(
            area=commune.area,
            unit=unit,
            status=HotSpotStatus.ACTIVE if active else HotSpotStatus.CLEARED,
            declared_on=declared_on,
            reason=rng.choice(HOT_REASONS),
            created_by=province.leader if by_province else commune.leader,
        )
        if not active:
            spot.cleared_on = min(declared_on + timedelta(days=rng.randint(60, 300)), self.today)
            spot.cleared_reason = rng.choice(HOT_CLEARED)
        else:
            self.active_hot_areas.add(commune.area.pk)
        self.spots.append((spot, cluster))
        return spot

    # --- writing one province ---------------------------------------------------------------------
    def flush(self) -> None:
        for life in self.lives:
            self.finish(life)
        adapt = _adapter()
        encrypt = Petition._meta.get_field("petitioners").get_prep_value
        plain = [f.name for f in FIELDS if f.name not in SPECIAL]
        values = operator.itemgetter(*plain)
        for life in self.lives:
            life.p.updated_at = life.events[-1][0]

        def rows():
            for life in self.lives:
                p = life.p
                yield (
                    *values(vars(p)),
                    life.original.p.id if life.original is not None else None,
                    encrypt(p.petitioners),
                    p.area.pk,
                    p.unit.pk,
                    p.handler.pk if p.handler is not None else None,
                    p.created_by.pk if p.created_by is not None else None,
                    adapt(p.created_at),
                    adapt(p.updated_at),
                    adapt(p.feedback_at),
                )

        insert_rows(Petition, [*plain, *SPECIAL], rows(), batch=1000)

        def events():
            for life in self.lives:
                pk = life.p.id
                for when, action, before, after, actor, citizen, comment, reply, due, unit in life.events:
                    yield (
                        pk,
                        action,
                        before,
                        after,
                        actor.pk if actor is not None else None,
                        citizen,
                        adapt(when),
                        comment,
                        reply,
                        due,
                        unit.pk,
                    )

        columns = ["petition", "action", "from_status", "to_status", "actor", "by_citizen", "at"]
        n_events = insert_rows(PetitionEvent, [*columns, "comment", "reply", "due_on", "unit"], events())
        keys = insert_rows(
            PetitionerKey,
            ["petition", "key"],
            ((life.p.id, key) for life in self.lives for key in sorted(person_keys(life.people))),
        )
        spots = insert(HotSpot, [spot for spot, _ in self.spots])
        links = insert_rows(
            HotSpotLink,
            ["hotspot", "petition"],
            ((spot.pk, life.p.id) for spot, cluster in self.spots for life in cluster),
        )
        ctx = self.ctx
        ctx.counts["petitions"] += len(self.lives)
        ctx.counts["petition_events"] += n_events
        ctx.counts["petitioner_keys"] += keys
        ctx.counts["petitions_open"] += sum(
            1 for life in self.lives if life.p.status in (S.RECEIVED, S.ACCEPTED)
        )
        ctx.counts["petitions_overdue"] += sum(
            1
            for life in self.lives
            if life.p.status in (S.RECEIVED, S.ACCEPTED) and life.p.due_on and life.p.due_on < self.today
        )
        ctx.counts["hot_spots"] += len(spots)
        ctx.counts["hot_spot_petitions"] += links
        self.reset()


def generate(ctx: Context) -> None:
    b = Builder(ctx)
    rng = b.rng
    for commune in ctx.communes:  # remote, hard-to-reach communes: longer legal deadlines
        if commune.area.kind != AreaKind.WARD and rng.random() < 0.15:
            b.remote.add(commune.area.pk)
    bench = ctx.bench_province_or_none()
    for province in ctx.provinces:
        hot = [c for c in province.communes if c.area.pk not in b.active_hot_areas and rng.random() < 0.04]
        for commune in province.communes:
            for _ in range(rng.randint(*ctx.scale.petitions_per_commune)):
                received_on = random_day(rng, FIRST_DAY, ctx.today)
                life = b.petition(
                    commune, province, received_on=received_on, province_level=rng.random() < 0.04
                )
                # the same person writes again while the first is still open
                if life.p.status != S.FORWARDED and len(life.events) > 1 and rng.random() < 0.04:
                    first_change = next(
                        (e[0].date() for e in life.events if e[1] != "receive" and e[2] != e[3]), ctx.today
                    )
                    gap = (first_change - life.p.received_on).days
                    if gap > 2:
                        b.petition(
                            commune,
                            province,
                            received_on=life.p.received_on + timedelta(days=rng.randint(1, gap - 1)),
                            original=life,
                        )
            if commune in hot:  # declared by units in force, on communes in force (since the reform)
                first = max(commune.party.valid_from or FIRST_DAY, FIRST_DAY)
                last = ctx.today - timedelta(days=120)
                cleared = None
                if first <= last:
                    cleared = b.hot_spot(commune, province, random_day(rng, first, last), active=False)
                start = max(
                    cleared.cleared_on + timedelta(days=1) if cleared else first,
                    ctx.today - timedelta(days=150),
                )
                if rng.random() < 0.5 and start <= ctx.today:
                    b.hot_spot(commune, province, random_day(rng, start, ctx.today), active=True)
        if province is bench:
            ward = ctx.bench_ward()
            received = b.office_day(ctx.today - timedelta(days=3))
            received = received if received <= ctx.today else ctx.today - timedelta(days=1)
            sample = b.petition(
                ward,
                province,
                received_on=received,
                kind=Kind.RECOMMENDATION,
                channel=Channel.DIRECT,
                stay_open=True,
            )
        b.flush()
        if province is bench:
            _manifest(ctx, ward, sample.p)
    reset_sequence(Petition)  # the ids were given here


def _manifest(ctx: Context, ward: Commune, sample: Row) -> None:
    ctx.manifest["petitions"] = {
        "handler": ward.handler.username,
        "open_petition": sample.id,
        "area": ward.area.pk,
    }
