"""Citizen reception and dialogues: the heads' schedules, their sessions of the last year, and a
dialogue with the people in every commune every year its units were in force.

The chair of each commune's People's Committee receives citizens one day a week, the Party
secretary two days a month, the province's chair and secretary one day a month (the legal minimums
of `reception.rules`). Their schedules start a year back; every regular day since has its session,
held by the head (sometimes by a deputy) or, now and then, not held with the reason; the next two
weeks' are planned. The petitions received at the chair's reception (`petitions` dates them on the
chair's days) point to their session; a hot spot declared in the year brought an ad hoc session.
Each dialogue has the issues the people raised and the commitments made, done or still open."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection

from danvan.core.calendar import next_working_day
from danvan.gendata.bulk import insert, insert_rows
from danvan.gendata.context import Commune, Context, Province, at, random_day
from danvan.gendata.names import PETITION_SUBJECTS, person_name
from danvan.orgs.demo import locality
from danvan.orgs.models import Person, Unit
from danvan.petitions.models import HotSpot, Petition
from danvan.reception.models import (
    AdHocReason,
    Commitment,
    CommitmentFollowUp,
    Dialogue,
    DialogueIssue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionSessionEvent,
    SessionKind,
)
from danvan.reception.rules import HeadPosition, RegularDay, legal_minimum
from danvan.reception.workflow import CommitmentStatus, SessionStatus

ONE_WEEK = timedelta(days=7)
PLANNED_AHEAD = timedelta(days=14)
NOT_HELD = [
    "Chủ tịch dự hội nghị trực tuyến của Chính phủ; đã thông báo lịch tiếp bù tại bảng tin.",
    "Trùng lịch kiểm tra công tác phòng, chống thiên tai tại địa bàn; đã thông báo cho Nhân dân.",
    "Không có công dân đến; đã niêm yết lịch tiếp công dân kỳ sau.",
]
SESSION_NOTES = [
    "Công dân phản ánh việc cấp giấy chứng nhận quyền sử dụng đất chậm; đã hướng dẫn bổ sung hồ sơ.",
    "Kiến nghị sửa chữa tuyến cống thoát nước; giao bộ phận chuyên môn kiểm tra, trả lời.",
    "Hỏi về chế độ chính sách người có công; đã giải thích, hướng dẫn trực tiếp.",
    "Phản ánh tiếng ồn từ cơ sở sản xuất; giao Công an phối hợp kiểm tra.",
    "",
    "",
]
TITLE = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền {where} với Nhân dân năm {year}"
SUMMARY = (
    "Hội nghị do Ủy ban nhân dân phối hợp với Ủy ban Mặt trận Tổ quốc {where} tổ chức theo Luật Thực hiện "
    "dân chủ ở cơ sở. Nhân dân nêu {n} nhóm ý kiến; lãnh đạo trả lời trực tiếp và cam kết thực hiện, có "
    "đơn vị chủ trì và thời hạn."
)
ANSWERS = [
    "Ủy ban nhân dân sẽ kiểm tra thực tế và trả lời bằng văn bản trong tháng.",
    "Nội dung đã đưa vào kế hoạch năm sau; giao bộ phận chuyên môn lập dự toán.",
    "Giao Công an phối hợp với thôn, tổ dân phố kiểm tra, xử lý dứt điểm.",
    "Đã giải thích chính sách tại hội nghị; trường hợp cụ thể sẽ được rà soát lại.",
]
FOLLOW_UPS = [
    "Đã khảo sát hiện trạng, lập dự toán kinh phí.",
    "Đã làm việc với các hộ dân liên quan; đang hoàn thiện hồ sơ.",
    "Đã tổ chức kiểm tra, lập biên bản; chờ ý kiến cấp trên.",
]
DONE = [
    "Đã hoàn thành, nghiệm thu cùng Ban công tác Mặt trận thôn.",
    "Đã thực hiện xong và thông báo kết quả cho Nhân dân.",
    "Đã trả lời bằng văn bản cho các hộ dân; các hộ đồng thuận.",
]


# --- the days both parts share: the petitions part dates the reception petitions on them -----------
def sessions_since(ctx: Context) -> date:
    """The first day of the schedules: the first of the month a year back, not before the units."""
    start = (ctx.today - timedelta(days=365)).replace(day=1)
    first_unit = min((p.government.valid_from for p in ctx.provinces), default=None)
    return max(start, first_unit) if first_unit else start


def chair_weekday(area: object) -> int:
    """The weekday the chair of a commune's People's Committee receives citizens (Tuesday to Thursday)."""
    return 1 + area.pk % 3


def chair_day_before(commune: Commune, day: date) -> date:
    """The chair's reception day on or before `day` (a day off moves it to the next working day)."""
    weekday = chair_weekday(commune.area)
    nominal = day - timedelta(days=(day.weekday() - weekday) % 7)
    held = next_working_day(nominal)
    while held > day:
        nominal -= ONE_WEEK
        held = next_working_day(nominal)
    return held


class Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("reception")
        self.today = ctx.today
        self.since = sessions_since(ctx)
        self.reset()

    def reset(self):
        self.schedules: list[tuple[ReceptionSchedule, Commune | None, object]] = []
        self.sessions: list[ReceptionSession] = []
        self.session_events: list[tuple] = []
        self.links: list[tuple[int, ReceptionSession]] = []
        self.dialogues: list[Dialogue] = []
        self.issues: list[DialogueIssue] = []
        self.commitments: list[Commitment] = []
        self.follow_ups: list[tuple] = []

    # --- schedules and sessions -------------------------------------------------------------------
    def schedule(
        self, unit: Unit, position: str, actor, *, weekday: int, weeks: str = "", person=None, head=""
    ):
        return ReceptionSchedule(
            unit=unit,
            position=position,
            person=person,
            head_name="" if person is not None else person_name(self.rng),
            head_title=head,
            minimum_days=legal_minimum(position, self.since).days,
            weekdays=str(weekday),
            weeks_of_month=weeks,
            place=f"Phòng tiếp công dân, {unit.name}",
            valid_from=self.since,
            note="Trùng ngày nghỉ lễ thì tiếp vào ngày làm việc kế tiếp.",
            created_by=actor,
            created_at=at(self.since - timedelta(days=5), self.rng),
        )

    def sessions_of(self, schedule: ReceptionSchedule, actor, petitions_on: dict[date, list[int]]):
        rng, today = self.rng, self.today
        pattern = RegularDay.of(schedule.weekdays, schedule.weeks_of_month, schedule.days_of_month)
        days = sorted({day for _nominal, day in pattern.planned_dates(self.since, today + PLANNED_AHEAD)})
        for day in days:
            linked = petitions_on.get(day, [])
            session = ReceptionSession(
                unit=schedule.unit,
                schedule=schedule,
                kind=SessionKind.SCHEDULED,
                held_on=day,
                place=schedule.place,
                created_by=actor,
            )
            created = at(min(day, today) - timedelta(days=rng.randint(1, 7)), rng)  # entered ahead
            events = [(created, "create", "", SessionStatus.PLANNED, "")]
            roll = rng.random()
            if day >= today:
                session.status = SessionStatus.PLANNED
            elif roll < 0.04 and not linked:
                session.status = SessionStatus.NOT_HELD
                session.not_held_reason = rng.choice(NOT_HELD)
                events.append(
                    (
                        at(day, rng),
                        "miss",
                        SessionStatus.PLANNED,
                        SessionStatus.NOT_HELD,
                        session.not_held_reason,
                    )
                )
            else:
                session.status = SessionStatus.HELD
                session.presided_by = Presider.DEPUTY if roll > 0.95 else Presider.HEAD
                if session.presided_by == Presider.DEPUTY:
                    session.presider_name = f"{person_name(rng)}, Phó Chủ tịch"
                session.citizens_count = max(len(linked), rng.randint(0, 12))
                session.notes = rng.choice(SESSION_NOTES) if session.citizens_count else ""
                events.append((at(day, rng), "hold", SessionStatus.PLANNED, SessionStatus.HELD, ""))
            session.created_at = created
            session.status_changed_at = events[-1][0]
            self.sessions.append(session)
            self.session_events.append((session, actor, events))
            self.links += [(pk, session) for pk in linked]

    def ad_hoc(self, schedule: ReceptionSchedule, actor, spot: HotSpot) -> None:
        day = min(next_working_day(spot.declared_on), self.today)
        held = at(day, self.rng)
        session = ReceptionSession(
            unit=schedule.unit,
            schedule=schedule,
            kind=SessionKind.AD_HOC,
            ad_hoc_reason=AdHocReason.MASS,
            held_on=day,
            place=f"Hội trường {spot.area.name}",
            status=SessionStatus.HELD,
            presided_by=Presider.HEAD,
            citizens_count=self.rng.randint(20, 80),
            notes=f"Nhiều hộ dân {spot.area.name} kiến nghị đông người: {spot.reason}",
            created_by=actor,
            created_at=held,
            status_changed_at=held,
        )
        events = [
            (held, "create", "", SessionStatus.PLANNED, ""),
            (held + timedelta(minutes=1), "hold", SessionStatus.PLANNED, SessionStatus.HELD, ""),
        ]
        self.sessions.append(session)
        self.session_events.append((session, actor, events))

    # --- dialogues --------------------------------------------------------------------------------
    def dialogue(self, commune: Commune, year: int) -> None:
        rng, today = self.rng, self.today
        start = max(date(year, 3, 1), commune.government.valid_from)
        end = min(date(year, 12, 20), today)
        if start > end or rng.random() < 0.08:
            return
        held_on = min(next_working_day(random_day(rng, start, end)), today)
        where = locality(commune.area)
        actor = commune.handler
        chair, secretary = person_name(rng), _person_name_of(commune.leader)
        dialogue = Dialogue(
            organizer=commune.government,
            front=commune.front,
            title=TITLE.format(where=where, year=year),
            held_on=held_on,
            place=f"Hội trường Ủy ban nhân dân {where}",
            chaired_by=f"{secretary}, Bí thư Đảng ủy; {chair}, Chủ tịch Ủy ban nhân dân {where}",
            participants=(
                "Ban Thường vụ Đảng ủy, lãnh đạo Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc và các đoàn thể; "
                "trưởng thôn, tổ trưởng tổ dân phố và đại diện Nhân dân"
            ),
            participants_count=rng.randint(50, 300),
            created_by=actor,
            created_at=at(held_on, rng),
        )
        issues = []
        topics = rng.sample(sorted(PETITION_SUBJECTS), rng.randint(2, 4))
        for topic in topics:
            texts = PETITION_SUBJECTS[topic].get("feedback") or PETITION_SUBJECTS[topic]["recommendation"]
            village = rng.choice(commune.villages) if commune.villages else commune.area
            name = person_name(rng)
            issue = DialogueIssue(
                dialogue=dialogue,
                raised_by=f"{'Bà' if ' Thị ' in name else 'Ông'} {name}, {village.name}",
                content=rng.choice(texts).format(place=village.name) + ".",
                answer=rng.choice(ANSWERS),
                answered_by=f"Chủ tịch Ủy ban nhân dân {where}",
                created_by=actor,
                created_at=dialogue.created_at,
            )
            issues.append(issue)
        dialogue.summary = SUMMARY.format(where=where, n=len(issues))
        self.dialogues.append(dialogue)
        self.issues += issues
        for issue in rng.sample(issues, rng.randint(1, len(issues))):
            owner = rng.choice([commune.government] * 3 + [commune.police, commune.front])
            due_on = held_on + timedelta(days=rng.randint(20, 120))
            commitment = Commitment(
                dialogue=dialogue,
                issue=issue,
                content=f"Giải quyết ý kiến: {issue.content}",
                owner_unit=owner,
                owner_person=f"Lãnh đạo {owner.name}",
                due_on=due_on,
                status=CommitmentStatus.OPEN,
                created_by=actor,
                created_at=dialogue.created_at,
                status_changed_at=dialogue.created_at,
            )
            steps = [("create", "", CommitmentStatus.OPEN, held_on, "")]
            done_on = held_on + timedelta(days=rng.randint(5, (due_on - held_on).days + 30))
            if done_on > held_on + timedelta(days=10) and rng.random() < 0.5:
                middle = random_day(rng, held_on + timedelta(days=1), done_on - timedelta(days=1))
                if middle <= today:
                    steps.append(
                        (
                            "progress",
                            CommitmentStatus.OPEN,
                            CommitmentStatus.OPEN,
                            middle,
                            rng.choice(FOLLOW_UPS),
                        )
                    )
            if done_on <= today and rng.random() < 0.85:
                commitment.status, commitment.done_on = CommitmentStatus.DONE, done_on
                commitment.status_changed_at = at(done_on, rng)
                steps.append(
                    ("complete", CommitmentStatus.OPEN, CommitmentStatus.DONE, done_on, rng.choice(DONE))
                )
            self.commitments.append(commitment)
            self.follow_ups.append((commitment, actor, steps))

    # --- writing one province ---------------------------------------------------------------------
    def flush(self) -> None:
        ctx = self.ctx
        adapt = connection.ops.adapt_datetimefield_value
        insert(ReceptionSchedule, [s for s, _, _ in self.schedules])
        for session in self.sessions:
            session.schedule_id = session.schedule.pk
        insert(ReceptionSession, self.sessions)
        events = insert_rows(
            ReceptionSessionEvent,
            ["session", "action", "from_status", "to_status", "actor", "at", "comment"],
            (
                (session.pk, action, before, after, actor.pk, adapt(when), comment)
                for session, actor, steps in self.session_events
                for when, action, before, after, comment in steps
            ),
        )
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Petition._meta.db_table)
            cursor.executemany(
                f"UPDATE {table} SET reception_session_id = %s WHERE id = %s",
                [(session.pk, pk) for pk, session in self.links],
            )
        insert(Dialogue, self.dialogues)
        for issue in self.issues:
            issue.dialogue_id = issue.dialogue.pk
        insert(DialogueIssue, self.issues)
        for commitment in self.commitments:
            commitment.dialogue_id, commitment.issue_id = commitment.dialogue.pk, commitment.issue.pk
        insert(Commitment, self.commitments)
        follow_ups = insert_rows(
            CommitmentFollowUp,
            ["commitment", "action", "from_status", "to_status", "actor", "at", "happened_on", "content"],
            (
                (commitment.pk, action, before, after, actor.pk, adapt(at(day, self.rng)), day, content)
                for commitment, actor, steps in self.follow_ups
                for action, before, after, day, content in steps
            ),
        )
        ctx.counts["reception_schedules"] += len(self.schedules)
        ctx.counts["reception_sessions"] += len(self.sessions)
        ctx.counts["reception_session_events"] += events
        ctx.counts["petitions_at_sessions"] += len(self.links)
        ctx.counts["dialogues"] += len(self.dialogues)
        ctx.counts["dialogue_issues"] += len(self.issues)
        ctx.counts["commitments"] += len(self.commitments)
        ctx.counts["commitment_follow_ups"] += follow_ups
        self.reset()


def _person_name_of(user) -> str:
    return f"{user.last_name} {user.first_name}" if user else ""


def generate(ctx: Context) -> None:
    b = Builder(ctx)
    for province in ctx.provinces:
        _province(b, province)
        b.flush()
    if (province := ctx.bench_province_or_none()) is not None:
        ward = ctx.bench_ward()
        schedule = ReceptionSchedule.objects.filter(unit=ward.government).order_by("pk").first()
        dialogue = Dialogue.objects.filter(organizer=ward.government).order_by("-held_on").first()
        ctx.manifest["reception"] = {
            "schedule": schedule.pk if schedule else None,
            "dialogue": dialogue.pk if dialogue else None,
        }


def _province(b: Builder, province: Province) -> None:
    ctx = b.ctx
    by_handler = {c.handler.pk: c for c in province.communes}
    petitions: dict[int, dict[date, list[int]]] = {}  # by commune area, by day
    rows = (
        Petition.objects.filter(
            channel="reception", received_on__gte=b.since, created_by_id__in=list(by_handler)
        )
        .order_by("pk")
        .values_list("pk", "created_by_id", "received_on")
    )
    for pk, handler_id, day in rows:
        commune = by_handler[handler_id]
        if chair_day_before(commune, day) == day:  # recorded at the chair's session that day
            petitions.setdefault(commune.area.pk, {}).setdefault(day, []).append(pk)
    secretaries = {
        p.user_id: p
        for p in Person.objects.filter(user__in=[c.leader for c in province.communes if c.leader])
    }
    spots = {
        spot.area_id: spot
        for spot in HotSpot.objects.filter(
            declared_on__gte=b.since, area__in=[c.area for c in province.communes]
        ).select_related("area")
    }
    where = province.area.name[0].lower() + province.area.name[1:]
    chair = b.schedule(
        province.government,
        HeadPosition.PROVINCE_PC_CHAIR,
        province.handler,
        weekday=chair_weekday(province.area),
        weeks="3",
        head=f"Chủ tịch Ủy ban nhân dân {where}",
    )
    secretary = b.schedule(
        province.party,
        HeadPosition.PROVINCE_PARTY_SECRETARY,
        province.officer,
        weekday=(chair_weekday(province.area) + 1) % 5,
        weeks="1",
        head=f"Bí thư {province.party.name.split(' ')[0]} {province.area.short_name}",
    )
    b.schedules += [(chair, None, province.handler), (secretary, None, province.officer)]
    b.sessions_of(chair, province.handler, {})
    b.sessions_of(secretary, province.officer, {})
    for commune in province.communes:
        here = locality(commune.area)
        chair = b.schedule(
            commune.government,
            HeadPosition.COMMUNE_PC_CHAIR,
            commune.handler,
            weekday=chair_weekday(commune.area),
            head=f"Chủ tịch Ủy ban nhân dân {here}",
        )
        person = secretaries.get(commune.leader.pk) if commune.leader else None
        secretary = b.schedule(
            commune.party,
            HeadPosition.COMMUNE_PARTY_SECRETARY,
            commune.officer,
            weekday=(chair_weekday(commune.area) + 1) % 5,
            weeks="2,4",
            person=person,
            head=f"Bí thư Đảng ủy {here}",
        )
        b.schedules += [(chair, commune, commune.handler), (secretary, commune, commune.officer)]
        b.sessions_of(chair, commune.handler, petitions.get(commune.area.pk, {}))
        b.sessions_of(secretary, commune.officer, {})
        if commune.area.pk in spots:
            b.ad_hoc(chair, commune.handler, spots[commune.area.pk])
        for year in ctx.years:
            b.dialogue(commune, year)
