"""Models and exemplars 2021–today: each with its yearly records, lifecycle steps and progress updates.

A model's state follows its age: this year's are drafts, registered or being built; older ones were
mostly recognized by the commune or the province, some were not, some spread to other communes
(replicas), some stopped. Every commune registers 8–20 a year; each province-level unit a few."""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta
from decimal import Decimal

from danvan.core.text import fold
from danvan.gendata.bulk import insert, insert_rows
from danvan.gendata.context import Commune, Context, Province, at, random_day, year_end
from danvan.gendata.names import MODEL_PHRASES, SEARCH_TERMS, TOPIC_FIELD, person_name
from danvan.initiatives.models import (
    Evaluation,
    Field,
    Holder,
    Initiative,
    InitiativeYear,
    Kind,
    ProgressUpdate,
    Topic,
    TransitionRecord,
)
from danvan.initiatives.similarity import fingerprint
from danvan.initiatives.workflow import Status as S

TopicLink = Initiative.topics.through

# the state of a model registered `age` years ago (weights)
STATES_THIS_YEAR = [(S.DRAFT, 10), (S.REGISTERED, 25), (S.IN_PROGRESS, 60), (S.PROPOSED, 5)]
STATES_OLDER = [
    (S.IN_PROGRESS, 14),
    (S.PROPOSED, 4),
    (S.RECOGNIZED, 48),
    (S.NOT_RECOGNIZED, 5),
    (S.CONSOLIDATED, 7),
    (S.REPLICATED, 9),
    (S.DISCONTINUED, 13),
]
EVALUATIONS = [(Evaluation.EXCELLENT, 20), (Evaluation.GOOD, 55), (Evaluation.FAIR, 18), (Evaluation.WEAK, 7)]
RECOGNIZED_LIKE = {S.RECOGNIZED, S.CONSOLIDATED, S.REPLICATED}
# the steps that lead to each state, after "create"
PATHS = {
    S.DRAFT: [],
    S.REGISTERED: [("register", S.DRAFT, S.REGISTERED)],
    S.IN_PROGRESS: [("register", S.DRAFT, S.REGISTERED), ("start", S.REGISTERED, S.IN_PROGRESS)],
}
PATHS[S.PROPOSED] = [*PATHS[S.IN_PROGRESS], ("propose", S.IN_PROGRESS, S.PROPOSED)]
PATHS[S.RECOGNIZED] = [*PATHS[S.PROPOSED], ("recognize", S.PROPOSED, S.RECOGNIZED)]
PATHS[S.NOT_RECOGNIZED] = [*PATHS[S.PROPOSED], ("reject", S.PROPOSED, S.NOT_RECOGNIZED)]
PATHS[S.CONSOLIDATED] = [*PATHS[S.RECOGNIZED], ("consolidate", S.RECOGNIZED, S.CONSOLIDATED)]
PATHS[S.REPLICATED] = [*PATHS[S.RECOGNIZED], ("replicate", S.RECOGNIZED, S.REPLICATED)]
PATHS[S.DISCONTINUED] = [*PATHS[S.IN_PROGRESS], ("discontinue", S.IN_PROGRESS, S.DISCONTINUED)]
COMMENTS = {
    "reject": "Chưa đủ tiêu chí công nhận: kết quả chưa rõ, chưa có minh chứng.",
    "consolidate": "Cần củng cố: hoạt động giảm sút trong năm.",
    "discontinue": "Dừng thực hiện: mục tiêu đã hoàn thành, nội dung lồng ghép vào mô hình khác.",
}


STEP = timedelta(minutes=1)


# names and contents repeat (a phrase in a place): fold and fingerprint each once
folded = functools.lru_cache(maxsize=None)(fold)
print_of = functools.lru_cache(maxsize=None)(fingerprint)


def pick(rng: random.Random, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


class Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("initiatives")
        self.fields = {f.code: f for f in Field.objects.all()}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.topic_codes = [code for code in MODEL_PHRASES if code in self.topics]
        # the recognized models of the province so far, by year: what a later model replicates
        self.recognized_pool: dict[int, list[Initiative]] = {}
        self.reset()

    def reset(self):
        self.initiatives: list[Initiative] = []
        self.plans: list[tuple[Initiative, str, list[str], object, Province, Commune | None]] = []

    # --- one model -------------------------------------------------------------------------------
    def model(self, owner, area, year: int, province: Province, commune: Commune | None, *, state=None):
        rng, ctx = self.rng, self.ctx
        topic = rng.choice(self.topic_codes)
        phrase = rng.choice(MODEL_PHRASES[topic])
        kind = Kind.MODEL
        holder, holder_name = Holder.COLLECTIVE, ""
        roll = rng.random()
        if area.level == "village" and roll < 0.35:
            kind = Kind.SELF_MANAGEMENT
        elif roll > 0.85:
            kind = Kind.EXEMPLAR
            if rng.random() < 0.5:
                holder, holder_name = Holder.INDIVIDUAL, person_name(rng)
        place = area.name if area.level == "village" else area.name[0].lower() + area.name[1:]
        name = f"{phrase} ({holder_name})" if holder_name else f"{phrase} ở {place}"
        content = (
            f"Cấp ủy, chính quyền, Mặt trận và các đoàn thể vận động nhân dân {place} cùng bàn, cùng làm: "
            f"{phrase.lower()}. Phân công đảng viên, đoàn viên, hội viên phụ trách từng nhóm hộ."
        )
        registered_on = random_day(rng, date(year, 1, 5), min(date(year, 6, 30), ctx.today))
        status = state or pick(rng, STATES_THIS_YEAR if year == ctx.today.year else STATES_OLDER)
        replicated_from = None
        earlier = [y for y in self.recognized_pool if y < year]
        if earlier and rng.random() < 0.06:
            replicated_from = rng.choice(self.recognized_pool[rng.choice(sorted(earlier))])
            name = f"{replicated_from.name.split(' ở ')[0]} ở {place}"
        initiative = Initiative(
            owner_unit=owner,
            kind=kind,
            holder=holder,
            holder_name=holder_name,
            name=name,
            name_folded=folded(name),
            field=self.fields[TOPIC_FIELD[topic]],
            year=year,
            situation=f"Tình hình {place} đặt ra yêu cầu: {phrase.lower()}.",
            goals="100% hộ dân được tuyên truyền; 90% hộ đồng thuận tham gia; hoàn thành trong năm.",
            content=content,
            beneficiaries=f"Nhân dân {place}",
            funding_planned=Decimal(rng.randrange(0, 500)) * 1_000_000,
            workdays_planned=rng.randrange(0, 2000),
            start_date=registered_on,
            area=area,
            latitude=area.latitude,
            longitude=area.longitude,
            status=status,
            status_changed_at=at(registered_on, rng),
            replicated_from=replicated_from,
            fingerprint=print_of(name, content),
            created_by=commune.officer if commune else province.officer,
            created_at=at(registered_on, rng),
        )
        if status in RECOGNIZED_LIKE:
            initiative.recognized_level = (
                province.party if rng.random() < 0.25 else (commune or province).party
            )
            initiative.recognized_on = random_day(
                rng, date(year, 10, 1), min(date(year + 1, 3, 31), ctx.today)
            )
        if status in (S.RECOGNIZED, S.REPLICATED) and replicated_from is None:
            self.recognized_pool.setdefault(year, []).append(initiative)
        extra = [rng.choice(self.topic_codes)] if rng.random() < 0.4 else []
        self.initiatives.append(initiative)
        self.plans.append((initiative, topic, extra, registered_on, province, commune))
        return initiative

    # --- everything that hangs on the models of one province --------------------------------------
    def flush(self):
        ctx, rng = self.ctx, self.rng
        insert(Initiative, self.initiatives, batch=1000)
        years, steps, updates, links = [], [], [], []
        last = ctx.today.year
        for initiative, topic, extra, registered_on, province, commune in self.plans:
            officer = commune.officer if commune else province.officer
            reviewer = (
                province.officer
                if initiative.recognized_level_id == province.party.pk
                else (commune.leader if commune else province.leader)
            )
            links.append((initiative.pk, self.topics[topic].pk))
            for code in extra:
                if code != topic:
                    links.append((initiative.pk, self.topics[code].pk))
            # the lifecycle steps, spread from registration to its recognition (or this year)
            path = PATHS[initiative.status]
            steps.append(
                TransitionRecord(
                    initiative=initiative,
                    action="create",
                    to_status=S.DRAFT,
                    actor=officer,
                    at=initiative.created_at,
                )
            )
            day, moment = registered_on, initiative.created_at
            stop_year = last
            before_recognition = initiative.recognized_on or ctx.today
            for action, source, target in path:
                if action == "recognize":
                    day = initiative.recognized_on
                elif action in ("consolidate", "replicate", "discontinue"):
                    day = random_day(rng, day, year_end(ctx, min(day.year + 2, last)))
                else:
                    day = random_day(rng, day, min(day.replace(month=12, day=31), before_recognition))
                moment = max(at(day, rng), moment + STEP)  # steps in order, even on the same day
                steps.append(
                    TransitionRecord(
                        initiative=initiative,
                        action=action,
                        from_status=source,
                        to_status=target,
                        actor=reviewer if action in ("recognize", "reject", "consolidate") else officer,
                        at=moment,
                        comment=COMMENTS.get(action, ""),
                        unit=initiative.recognized_level if action == "recognize" else None,
                    )
                )
            if initiative.status == S.DISCONTINUED:
                stop_year = day.year
            initiative.status_changed_at = initiative.updated_at = steps[-1].at
            # one record per year it lived; past years evaluated, each with a progress update
            for year in range(initiative.year, stop_year + 1):
                past = year < last
                evaluation = pick(rng, EVALUATIONS) if past and initiative.status != S.DRAFT else ""
                years.append(
                    InitiativeYear(
                        initiative=initiative,
                        year=year,
                        plan=f"Kế hoạch năm {year}: duy trì, mở rộng số hộ tham gia.",
                        results=f"Năm {year}: đạt các chỉ tiêu đề ra." if past else "",
                        evaluation=evaluation,
                        evaluated_by=reviewer if evaluation else None,
                        evaluated_at=at(date(year, 12, 15), rng) if evaluation else None,
                    )
                )
                if initiative.status not in (S.DRAFT, S.REGISTERED) and (past or rng.random() < 0.5):
                    reported = random_day(rng, date(year, 3, 1), year_end(ctx, year))
                    updates.append(
                        ProgressUpdate(
                            initiative=initiative,
                            reported_on=reported,
                            narrative=f"Kết quả năm {year}: tổ chức {rng.randint(2, 12)} buổi vận động.",
                            people_reached=rng.randint(20, 3000),
                            households_benefiting=rng.randint(5, 800),
                            money_mobilized=Decimal(rng.randrange(0, 2000)) * 100_000,
                            workdays_mobilized=rng.randint(0, 1500),
                            land_donated_m2=Decimal(rng.randrange(0, 4000))
                            if topic == "land_clearance"
                            else None,
                            created_by=officer,
                            created_at=at(reported, rng),
                        )
                    )
                    initiative.updated_at = max(initiative.updated_at, updates[-1].created_at)
        # "last updated": its last step or progress update, not the day the data was generated
        Initiative.objects.bulk_update(self.initiatives, ["status_changed_at", "updated_at"], batch_size=2000)
        insert(InitiativeYear, years)
        insert(TransitionRecord, steps)
        insert(ProgressUpdate, updates)
        insert_rows(TopicLink, ["initiative", "topic"], links)
        ctx.counts["initiatives"] += len(self.initiatives)
        ctx.counts["initiative_years"] += len(years)
        ctx.counts["transitions"] += len(steps)
        ctx.counts["progress_updates"] += len(updates)
        ctx.counts["recognized"] += sum(1 for i in self.initiatives if i.recognized_level_id)
        self.reset()


def generate(ctx: Context) -> None:
    b = Builder(ctx)
    rng = b.rng
    for province in ctx.provinces:
        b.recognized_pool = {}  # models spread within their province
        for year in ctx.years:
            for owner in province.units:
                for _ in range(rng.randint(0, 2)):
                    b.model(owner, province.area, year, province, None)
            for commune in province.communes:
                owners = [commune.party, commune.government, commune.front, commune.police]
                owners += list(commune.mass.values()) * 2
                for _ in range(rng.randint(*ctx.scale.models_per_commune_year)):
                    if commune.village_units and rng.random() < 0.3:
                        index = rng.randrange(len(commune.village_units))
                        b.model(
                            commune.village_units[index], commune.villages[index], year, province, commune
                        )
                    else:
                        b.model(rng.choice(owners), commune.area, year, province, commune)
        if province is ctx.bench_province_or_none():
            ward = ctx.bench_ward()
            drafts = [
                b.model(ward.party, ward.area, ctx.today.year, province, ward, state=S.DRAFT)
                for _ in range(ctx.scale.drafts_in_bench_ward)
            ]
        b.flush()
        if province is ctx.bench_province_or_none():
            _manifest(ctx, province, drafts)


def _manifest(ctx: Context, province: Province, drafts: list[Initiative]) -> None:
    ward = ctx.bench_ward()
    sample = (
        Initiative.objects.filter(owner_unit__path__startswith=ward.party.path, status=S.RECOGNIZED)
        .order_by("pk")
        .first()
    )
    ctx.manifest.update(
        {
            "password": "DanVan@2026",
            "logins": {
                "country": ctx.admin.username,
                "province": province.officer.username,
                "ward": ward.officer.username,
                "ward_handler": ward.handler.username,
            },
            "units": {
                "province": province.party.pk,
                "ward": ward.party.pk,
                "ward_government": ward.government.pk,
            },
            "initiative": sample.pk if sample else drafts[0].pk,
            "drafts": [d.pk for d in drafts],
            "register": {"owner_unit": ward.party.pk, "field": "culture_society", "topics": ["environment"]},
            "list_filter": {
                "within": province.party.pk,
                "year": ctx.today.year - 1,
                "field": "culture_society",
                "status": "recognized",
            },
            "search": SEARCH_TERMS,
            "petition_area": ward.area.pk,
        }
    )
