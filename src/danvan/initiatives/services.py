"""Every write users trigger on models and exemplars: one function per action, transactional,
permission-checked, recorded with who, when and why."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.permissions import can, granted_paths, is_system_admin, require
from danvan.core.services import ServiceError, with_reason
from danvan.initiatives import evidence as evidence_files
from danvan.initiatives.models import (
    Evaluation,
    Evidence,
    EvidenceKind,
    Holder,
    Initiative,
    InitiativeYear,
    ProgressUpdate,
    TransitionRecord,
)
from danvan.initiatives.workflow import REPLICATION_SOURCES, TRANSITIONS, Status, Transition
from danvan.metrics import rollups
from danvan.orgs.models import Unit

# the registration fields a user fills in (everything but owner, lifecycle and derived columns)
REGISTRATION_FIELDS = (
    "name",
    "kind",
    "holder",
    "holder_name",
    "field",
    "campaign",
    "year",
    "situation",
    "goals",
    "content",
    "beneficiaries",
    "forces",
    "funding_planned",
    "facilities",
    "workdays_planned",
    "contributions_planned",
    "start_date",
    "milestones",
    "evaluation_date",
    "outputs",
    "sustainability",
    "area",
    "latitude",
    "longitude",
)
EDITABLE_STATES = frozenset(
    {Status.DRAFT, Status.REGISTERED, Status.IN_PROGRESS, Status.NOT_RECOGNIZED, Status.CONSOLIDATED}
)


def _clean(data: dict, owner: Unit, current: Initiative | None = None) -> dict:
    data = {k: v for k, v in data.items() if k in REGISTRATION_FIELDS}
    if "name" in data:
        data["name"] = " ".join((data["name"] or "").split())
        if not data["name"]:
            raise ServiceError(_("Enter the name of the model."))
    # an edit may send only some fields: the holder and the person's name as they will be
    holder = data.get("holder", current.holder if current else None)
    holder_name = data.get("holder_name", current.holder_name if current else "")
    if holder == Holder.INDIVIDUAL and not (holder_name or "").strip():
        raise ServiceError(_("Enter the name of the person for an individual exemplar."))
    area = data.get("area")
    if area is not None and not area.path.startswith(owner.area.path[:4]):
        # a model is carried out in the owner's province (its area or anywhere below the province)
        raise ServiceError(_("The model's area must lie in the owner unit's province."))
    campaign = data.get("campaign")
    year = data.get("year")
    if (
        campaign is not None
        and year is not None
        and not (campaign.start_date.year <= year <= campaign.end_date.year)
    ):
        raise ServiceError(
            _("The year %(year)s is outside the campaign %(campaign)s.")
            % {"year": year, "campaign": campaign}
        )
    kept = current is not None and campaign is not None and campaign.pk == current.campaign_id
    # a model carried over from a former unit keeps the campaign it was registered in
    if campaign is not None and not kept and not owner.path.startswith(campaign.issuing_unit.path):
        raise ServiceError(_("The campaign was not launched for this unit."))
    start, evaluation = data.get("start_date"), data.get("evaluation_date")
    if start and evaluation and evaluation < start:
        raise ServiceError(_("The evaluation point must not be before the start date."))
    return data


def _in_force_during(unit: Unit, year: int) -> bool:
    """Was the unit in force at some time in `year`?"""
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_until is None or unit.valid_until.year >= year
    )


def _checked_registration(owner: Unit, data: dict, actor) -> dict:
    """The cleaned data of a new model of `owner`, or the refusal (nothing is written here)."""
    require(actor, "initiative.change", owner)
    data = _clean(data, owner)
    for required in ("name", "field", "year"):
        if not data.get(required):
            raise ServiceError(_("Enter the name, field and year of the model."))
    if not (owner.active or _in_force_during(owner, data["year"])):
        # a former unit's models of its own years are recorded afterwards (history, then carry-over)
        raise ServiceError(_("Models are registered by units in force."))
    return data


@transaction.atomic
def register_initiative(owner: Unit, data: dict, *, actor, topics=(), submit: bool = False) -> Initiative:
    """Create a model or exemplar as a draft of `owner` (and register it at once if `submit`)."""
    data = _checked_registration(owner, data, actor)
    initiative = Initiative(owner_unit=owner, created_by=actor, **data)
    if initiative.area is None:
        initiative.area = owner.area
    with_reason(initiative, _("Registered as a draft"), by=actor)
    initiative.save()
    if topics:
        initiative.topics.set(topics)
    InitiativeYear.objects.create(initiative=initiative, year=initiative.year)
    TransitionRecord.objects.create(
        initiative=initiative, action="create", to_status=Status.DRAFT, actor=actor
    )
    if submit:
        initiative = transition(initiative, "register", actor=actor)
    return initiative


class RowsRefused(ServiceError):
    """Some of many new models were refused: `refusals` maps each one's index to why."""

    def __init__(self, refusals: dict[int, str]):
        super().__init__(_("Some rows were refused; nothing was registered."))
        self.refusals = refusals


@transaction.atomic
def register_initiatives(items, *, actor, submit: bool = False) -> list[Initiative]:
    """Register many models at once (an Excel import): the same checks and records as
    `register_initiative` for each — history with who and why, the first yearly record, the
    lifecycle steps — written in a few bulk statements instead of some fifteen queries a model.

    `items` are (owner unit, data, topics). All or nothing: any refusal raises `RowsRefused` with
    every refused item, and nothing is written."""
    from simple_history.utils import bulk_create_with_history

    items = list(items)
    checked, refusals = [], {}
    for index, (owner, data, topics) in enumerate(items):
        try:
            checked.append((owner, _checked_registration(owner, data, actor), list(topics)))
        except ServiceError as exc:
            refusals[index] = " ".join(exc.messages)
        except PermissionDenied:
            refusals[index] = _("You do not have permission to do this here.")
    if refusals:
        raise RowsRefused(refusals)
    now = timezone.now()
    status = Status.REGISTERED if submit else Status.DRAFT
    initiatives = []
    for owner, data, _topics in checked:
        initiative = Initiative(
            owner_unit=owner, created_by=actor, status=status, status_changed_at=now, **data
        )
        if initiative.area is None:
            initiative.area = owner.area
        initiative.fill_derived()
        initiatives.append(initiative)
    reason = _("Registered") if submit else _("Registered as a draft")
    bulk_create_with_history(initiatives, Initiative, default_user=actor, default_change_reason=reason)
    _bulk_topics(initiatives, [topics for _owner, _data, topics in checked])
    bulk_create_with_history(
        [InitiativeYear(initiative=i, year=i.year) for i in initiatives],
        InitiativeYear,
        default_user=actor,
        default_change_reason=reason,
    )
    steps = [
        TransitionRecord(initiative=i, action="create", to_status=Status.DRAFT, actor=actor, at=now)
        for i in initiatives
    ]
    if submit:
        steps += [
            TransitionRecord(
                initiative=i,
                action="register",
                from_status=Status.DRAFT,
                to_status=Status.REGISTERED,
                actor=actor,
                at=now,
            )
            for i in initiatives
        ]
    TransitionRecord.objects.bulk_create(steps)
    rollups.touch({i.owner_unit_id for i in initiatives})  # bulk inserts send no signal
    return initiatives


def _bulk_topics(initiatives: list[Initiative], topics: list[list]) -> None:
    """The topics of models created in bulk, and the same in the history record of their creation
    (what `initiative.topics.set()` would have recorded)."""
    through = Initiative.topics.through
    links = [
        through(initiative=initiative, topic=topic)
        for initiative, chosen in zip(initiatives, topics, strict=True)
        for topic in chosen
    ]
    through.objects.bulk_create(links)
    if not links:
        return
    history = Initiative.history.model
    m2m_history = history.topics.model  # simple-history's record of the topics of each version
    records = dict(history.objects.filter(id__in=[i.pk for i in initiatives]).values_list("id", "history_id"))
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                history_id=records[link.initiative_id],
                id=link.pk,
                initiative_id=link.initiative_id,
                topic_id=link.topic_id,
            )
            for link in links
        ]
    )


@transaction.atomic
def update_initiative(
    initiative: Initiative, data: dict, *, actor, topics=None, reason: str = ""
) -> Initiative:
    require(actor, "initiative.change", initiative)
    if initiative.status not in EDITABLE_STATES:
        raise ServiceError(
            _("A model that is %(status)s cannot be edited.")
            % {"status": initiative.get_status_display().lower()}
        )
    data = _clean(data, initiative.owner_unit, initiative)
    changed = [k for k, v in data.items() if getattr(initiative, k) != v]
    for key in changed:
        setattr(initiative, key, data[key])
    if changed:
        with_reason(initiative, reason or _("Registration details changed"), by=actor)
        initiative.save()
    if topics is not None and set(topics) != set(initiative.topics.all()):
        initiative.topics.set(topics)
    return initiative


def visible_initiatives(user):
    """Initiatives of the units the user may see (their subtrees and the former units they succeeded)."""
    from danvan.core.permissions import visible_units

    return Initiative.objects.filter(owner_unit__in=visible_units(user).values("pk"))


def allowed_transitions(initiative: Initiative, user) -> list[Transition]:
    """The actions this user may take on this initiative now (for buttons and the API)."""
    return [
        t
        for t in TRANSITIONS.values()
        if initiative.status in t.sources and can(user, t.permission, initiative)
    ]


def recognition_levels(initiative: Initiative, user) -> list[Unit]:
    """Units at whose level the user may recognize this initiative: the owner or its ancestors
    within the user's review grants ("theo thẩm quyền")."""
    owner = initiative.owner_unit
    candidates = [*owner.ancestor_paths(), owner.path]
    if not is_system_admin(user):
        allowed = granted_paths(user, "initiative.review")
        candidates = [p for p in candidates if any(p.startswith(a) for a in allowed)]
    return list(Unit.objects.filter(path__in=candidates).order_by("-depth"))


@transaction.atomic
def transition(
    initiative: Initiative,
    action: str,
    *,
    actor,
    comment: str = "",
    level: Unit | None = None,
    on: date | None = None,
) -> Initiative:
    """Apply one lifecycle action (workflow.TRANSITIONS) or refuse it and change nothing.

    `on` is the date of a recognition (the date of the decision that recognizes the model);
    today when not given."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ServiceError(_("Unknown action “%(action)s”.") % {"action": action})
    # the model's row only: locking its unit too (FOR UPDATE of the join) deadlocked two writers of
    # one unit on PostgreSQL, each waiting at commit for the other's lock on the unit's row (the
    # deferred foreign key checks read it FOR KEY SHARE)
    initiative = (
        Initiative.objects.select_for_update(of=("self",)).select_related("owner_unit").get(pk=initiative.pk)
    )
    if not can(actor, rule.permission, initiative):
        raise PermissionDenied(_("You do not have permission to do this here."))
    if initiative.status not in rule.sources:
        raise ServiceError(
            _("“%(action)s” is not possible while the model is %(status)s.")
            % {"action": rule.label, "status": initiative.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ServiceError(_("Give a reason for “%(action)s”.") % {"action": rule.label})
    if rule.needs_progress and not any(p.has_results for p in initiative.progress_updates.all()):
        raise ServiceError(
            _(
                "Report the model's results (a progress update with numbers) "
                "before proposing it for recognition."
            )
        )
    if rule.needs_level:
        levels = recognition_levels(initiative, actor)
        if level is None:
            # the highest level the actor may recognize at: their own unit's, in practice
            level = levels[-1] if levels else None
        if level is None or level.pk not in {u.pk for u in levels}:
            raise ServiceError(_("You may recognize models only at the level of a unit you steer."))
        on = on or timezone.localdate()
        if on > timezone.localdate():
            raise ServiceError(_("The date of recognition cannot be in the future."))
        if on.year < initiative.year:
            raise ServiceError(
                _("The date of recognition is before the year the model was registered (%(year)s).")
                % {"year": initiative.year}
            )
        initiative.recognized_level = level
        initiative.recognized_on = on
    previous = initiative.status
    initiative.status = rule.target
    initiative.status_changed_at = timezone.now()
    with_reason(initiative, comment or str(rule.label), by=actor)
    initiative.save()
    TransitionRecord.objects.create(
        initiative=initiative,
        action=action,
        from_status=previous,
        to_status=rule.target,
        actor=actor,
        comment=comment,
        unit=level if rule.needs_level else None,
    )
    return initiative


@transaction.atomic
def add_progress(initiative: Initiative, data: dict, *, actor, files=(), captions=()) -> ProgressUpdate:
    require(actor, "initiative.change", initiative)
    if initiative.status in (Status.DRAFT, Status.DISCONTINUED):
        raise ServiceError(_("Progress is reported for registered models that are not discontinued."))
    if not (data.get("narrative") or "").strip():
        raise ServiceError(_("Describe what was done."))
    reported_on = data.get("reported_on") or timezone.localdate()
    if reported_on > timezone.localdate():
        raise ServiceError(_("The date of a progress update cannot be in the future."))
    checked = [evidence_files.check(f) for f in files]  # all files are checked before anything is saved
    update = ProgressUpdate(
        initiative=initiative,
        created_by=actor,
        reported_on=reported_on,
        **{
            k: data.get(k)
            for k in (
                "narrative",
                "people_reached",
                "households_benefiting",
                "money_mobilized",
                "workdays_mobilized",
                "land_donated_m2",
            )
        },
    )
    with_reason(update, _("Progress reported"), by=actor)
    update.save()
    for index, (upload, (kind, content)) in enumerate(zip(files, checked, strict=True)):
        caption = captions[index] if index < len(captions) else ""
        _store_evidence(initiative, update, upload.name, kind, content, caption, actor)
    return update


def _store_evidence(initiative, update, name, kind, content, caption, actor) -> Evidence:
    from django.core.files.base import ContentFile

    safe_name = name.replace("/", "_").replace("\\", "_")[-120:] or "file"
    evidence = Evidence(
        initiative=initiative,
        progress_update=update,
        kind=kind,
        original_name=safe_name,
        size=len(content),
        caption=caption[:255],
        uploaded_by=actor,
    )
    evidence.file.save(safe_name, ContentFile(content), save=False)
    if kind == EvidenceKind.PHOTO:
        thumb = evidence_files.thumbnail(content, safe_name)  # always a JPEG: named so
        evidence.thumbnail.save(thumb.name, thumb, save=False)
    with_reason(evidence, _("Evidence uploaded"), by=actor)
    evidence.save()
    return evidence


@transaction.atomic
def add_evidence(
    initiative: Initiative, upload, *, actor, caption: str = "", update: ProgressUpdate | None = None
) -> Evidence:
    require(actor, "initiative.change", initiative)
    if initiative.status == Status.DISCONTINUED:
        raise ServiceError(_("A discontinued model takes no new evidence."))
    if update is not None and update.initiative_id != initiative.pk:
        raise ServiceError(_("That progress update belongs to another model."))
    kind, content = evidence_files.check(upload)
    return _store_evidence(initiative, update, upload.name, kind, content, caption, actor)


@transaction.atomic
def evaluate_year(
    initiative: Initiative,
    year: int,
    *,
    actor,
    evaluation: str,
    note: str = "",
    plan: str | None = None,
    results: str | None = None,
) -> InitiativeYear:
    """The yearly evaluation, by the standing agency of a level that steers the owner."""
    require(actor, "initiative.review", initiative)
    if evaluation not in Evaluation.values:
        raise ServiceError(_("Choose an evaluation."))
    if year < initiative.year or year > timezone.localdate().year:
        raise ServiceError(_("A model is evaluated for a year from its registration to this year."))
    record, _created = InitiativeYear.objects.get_or_create(initiative=initiative, year=year)
    record.evaluation, record.evaluation_note = evaluation, note
    if plan is not None:
        record.plan = plan
    if results is not None:
        record.results = results
    record.evaluated_by, record.evaluated_at = actor, timezone.now()
    with_reason(record, _("Yearly evaluation"), by=actor)
    record.save()
    return record


@transaction.atomic
def plan_year(
    initiative: Initiative, year: int, *, actor, plan: str = "", results: str = ""
) -> InitiativeYear:
    """The owner's plan and results for a year (a model lives across years)."""
    require(actor, "initiative.change", initiative)
    if initiative.status == Status.DISCONTINUED:
        raise ServiceError(_("A discontinued model has no new years."))
    if year < initiative.year or year > timezone.localdate().year + 1:
        raise ServiceError(_("A model is planned for a year from its registration to next year."))
    record, _created = InitiativeYear.objects.get_or_create(initiative=initiative, year=year)
    record.plan, record.results = plan, results
    with_reason(record, _("Yearly plan and results"), by=actor)
    record.save()
    return record


@transaction.atomic
def replicate(
    source: Initiative, target_unit: Unit, *, actor, year: int | None = None, comment: str = ""
) -> Initiative:
    """ "Nhân rộng": a new model of `target_unit` built on a recognized one, linked to its source."""
    comment = (comment or "").strip()
    require(actor, "initiative.view", source)
    require(actor, "initiative.change", target_unit)
    if source.status not in REPLICATION_SOURCES:
        raise ServiceError(_("Only recognized models are replicated."))
    if target_unit.pk == source.owner_unit_id:
        raise ServiceError(_("A model is replicated to another unit."))
    if not target_unit.active:
        raise ServiceError(_("Models are registered by units in force."))
    if source.replicas.filter(owner_unit=target_unit).exclude(status=Status.DISCONTINUED).exists():
        raise ServiceError(_("%(unit)s already replicates this model.") % {"unit": target_unit})
    year = year or timezone.localdate().year
    # the replica's place, person, campaign and timeline (start, evaluation point) are its own
    own = {"year", "area", "latitude", "longitude", "campaign", "holder_name"}
    own |= {"start_date", "evaluation_date"}
    data = {f: getattr(source, f) for f in REGISTRATION_FIELDS if f not in own}
    data["year"] = year
    campaign = source.campaign
    if (
        campaign is not None
        and target_unit.path.startswith(campaign.issuing_unit.path)
        and (campaign.start_date.year <= year <= campaign.end_date.year)
    ):
        data["campaign"] = campaign
    replica = Initiative(
        owner_unit=target_unit, created_by=actor, replicated_from=source, area=target_unit.area, **data
    )
    with_reason(replica, comment or _("Replicated from %(name)s") % {"name": source.owner_unit}, by=actor)
    replica.save()
    replica.topics.set(source.topics.all())
    InitiativeYear.objects.create(initiative=replica, year=year)
    TransitionRecord.objects.create(
        initiative=replica,
        action="replicate",
        to_status=Status.DRAFT,
        actor=actor,
        comment=comment,
        unit=source.owner_unit,
    )
    if source.status != Status.REPLICATED:
        source = Initiative.objects.select_for_update().get(pk=source.pk)
        previous = source.status
        source.status, source.status_changed_at = Status.REPLICATED, timezone.now()
        with_reason(source, _("Replicated to %(unit)s") % {"unit": target_unit}, by=actor)
        source.save()
        TransitionRecord.objects.create(
            initiative=source,
            action="replicated",
            from_status=previous,
            to_status=Status.REPLICATED,
            actor=actor,
            comment=comment,
            unit=target_unit,
        )
    return replica


@transaction.atomic
def carry_over(initiative: Initiative, successor: Unit, *, actor, comment: str = "") -> Initiative:
    """Move a former unit's model to the unit that succeeded it, keeping everything (1 July 2025)."""
    comment = (comment or "").strip()
    owner = initiative.owner_unit
    if owner.active:
        raise ServiceError(_("Only the models of former units are carried over."))
    if not owner.successor_links.filter(successor=successor).exists():
        raise ServiceError(_("%(unit)s did not succeed %(owner)s.") % {"unit": successor, "owner": owner})
    require(actor, "initiative.change", successor)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    initiative.owner_unit = successor
    if initiative.area_id and not initiative.area.is_active():
        link = (
            initiative.area.successor_links.filter(successor__path__startswith=successor.area.path[:4])
            .order_by("-is_default")
            .first()
        )
        if link:
            initiative.area = link.successor
    reason = comment or _("Carried over from %(owner)s") % {"owner": owner}
    with_reason(initiative, reason, by=actor)
    initiative.save()
    TransitionRecord.objects.create(
        initiative=initiative,
        action="carry_over",
        from_status=initiative.status,
        to_status=initiative.status,
        actor=actor,
        comment=reason,
        unit=owner,
    )
    return initiative


def lineage(initiative: Initiative) -> tuple[Initiative, list[tuple[Initiative, int]]]:
    """The root a model spread from, and every model replicated from it (depth-first, with depth)."""
    root = initiative
    seen = {root.pk}
    while root.replicated_from_id and root.replicated_from_id not in seen:
        root = Initiative.objects.select_related("owner_unit").get(pk=root.replicated_from_id)
        seen.add(root.pk)
    # one query per generation (models rarely spread more than a few generations); the walk down
    # starts afresh: the models passed on the way up have replicas of their own
    seen = {root.pk}
    tree: list[tuple[Initiative, int]] = []
    children: dict[int, list[Initiative]] = {}
    frontier = [root.pk]
    while frontier:
        batch = list(
            Initiative.objects.filter(replicated_from_id__in=frontier).select_related(
                "owner_unit", "created_by"
            )
        )
        for child in batch:
            children.setdefault(child.replicated_from_id, []).append(child)
        frontier = [c.pk for c in batch if c.pk not in seen]
        seen.update(frontier)

    def walk(node, depth):
        for child in sorted(children.get(node.pk, []), key=lambda c: c.created_at):
            tree.append((child, depth))
            walk(child, depth + 1)

    walk(root, 1)
    return root, tree


def similar_nearby(
    name: str, content: str, owner: Unit, year: int, *, exclude: int | None = None, limit: int = 5
):
    """Models with a similar name or content registered nearby (the owner's parent subtree) in
    the same or the previous year, most similar first."""
    from django.db.models import Q

    from danvan.initiatives.similarity import distinctive_words, fingerprint, similarity

    scope = owner.path[: -Unit.steplen] if owner.depth > 1 else owner.path
    words = distinctive_words(name)
    prefilter = Q(fingerprint=fingerprint(name, content))
    for word in words:
        prefilter |= Q(name_folded__contains=word)
    candidates = (
        Initiative.objects.filter(owner_unit__path__startswith=scope, year__in=(year - 1, year))
        .filter(prefilter)
        .exclude(status=Status.DISCONTINUED)
        .select_related("owner_unit")
    )
    if exclude:
        candidates = candidates.exclude(pk=exclude)
    scored = []
    for other in candidates[:200]:
        score = max(
            similarity(name, other.name), similarity(f"{name} {content}", f"{other.name} {other.content}")
        )
        if other.fingerprint and other.fingerprint == fingerprint(name, content):
            score = 1.0
        if score >= 0.3:
            scored.append((score, other))
    scored.sort(key=lambda pair: -pair[0])
    return scored[:limit]


def near_copies(unit: Unit, year: int):
    """Groups of near-identical models (same fingerprint) in different units of a subtree."""
    from django.db.models import Count

    prints = (
        Initiative.objects.within(unit)
        .filter(year=year)
        .exclude(fingerprint="")
        .exclude(status=Status.DISCONTINUED)
        .values("fingerprint")
        .annotate(n=Count("id"), units=Count("owner_unit", distinct=True))
        .filter(units__gt=1)
        .order_by("-n")
        .values_list("fingerprint", flat=True)[:50]
    )
    groups: dict[str, list[Initiative]] = {}
    for item in (
        Initiative.objects.filter(fingerprint__in=list(prints), year=year)
        .exclude(status=Status.DISCONTINUED)
        .within(unit)
        .select_related("owner_unit")
    ):
        groups.setdefault(item.fingerprint, []).append(item)
    return sorted(groups.values(), key=len, reverse=True)
