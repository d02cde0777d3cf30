"""Units (organizations) of the political system, people, roles and grants, steering committees.

Units form one materialized-path tree that follows leadership: a province Party committee,
under it its departments, the People's Committee, the Front and the commune Party committees;
under a commune Party committee the commune's People's Committee, Front, socio-political
organizations, police and village units. A grant on a unit covers its whole subtree.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeQuerySet

from danvan.core.models import PathField, SearchableQuerySet, Validity, ValidityQuerySet, tree_manager
from danvan.core.permissions import Role
from danvan.core.text import fold, sort_key
from danvan.geo.models import REFORM_DATE, Area


class UnitCategory(models.TextChoices):
    """The families of the political system (GLOSSARY: unit types)."""

    PARTY = "party", _("Party")
    GOVERNMENT = "government", _("Government")
    FRONT = "front", _("Fatherland Front")
    MASS_ORG = "mass_org", _("Socio-political organization or mass association")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    VILLAGE = "village", _("Village unit")


class UnitType(models.Model):
    """A kind of unit, kept as data: provinces name and add their own."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    category = models.CharField(_("category"), max_length=20, choices=UnitCategory.choices)
    can_be_standing_agency = models.BooleanField(_("can be a standing agency"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(MP_NodeQuerySet, ValidityQuerySet, SearchableQuerySet):
    def within(self, unit: "Unit"):
        return self.filter(path__startswith=unit.path)


class Unit(MP_Node, Validity):
    steplen = 4
    path = PathField(max_length=255, unique=True)

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    unit_type = models.ForeignKey(
        UnitType, on_delete=models.PROTECT, related_name="units", verbose_name=_("type")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="units", verbose_name=_("area"))
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    name_sort = models.CharField(max_length=400, db_index=True, editable=False, default="")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = tree_manager(UnitQuerySet)()
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "name_folded", "name_sort"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        # the roots (depth 1: the provinces' Party committees: the country's dashboard, a system
        # administrator's unit switcher), 34 among some 100,000 units. A partial index: on a whole
        # `depth` index SQLite's statistics (5 depths, ~20,000 units each) made it scan the units
        # by name instead (160 ms for every page a system administrator opened)
        indexes = [models.Index(fields=["depth"], condition=Q(depth=1), name="orgs_unit_roots")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> "Unit":
        return self

    @property
    def category(self) -> str:
        return self.unit_type.category

    def ancestor_paths(self) -> list[str]:
        return [self.path[: i * self.steplen] for i in range(1, self.depth)]

    def ancestors(self) -> list["Unit"]:
        """Ancestors root first, in one query."""
        return list(Unit.objects.filter(path__in=self.ancestor_paths()).order_by("depth"))

    def parent_unit(self):
        return Unit.objects.get_parent(self) if self.depth > 1 else None


class UnitSuccession(models.Model):
    """A former unit's work continues in another (units merge in reorganizations)."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="predecessor_links")
    is_default = models.BooleanField(_("default successor"), default=True)
    effective_on = models.DateField(_("effective on"), default=REFORM_DATE)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Person(models.Model):
    """A cadre, civil servant or member known to the system; may or may not log in."""

    full_name = models.CharField(_("full name"), max_length=160)
    name_folded = models.CharField(max_length=160, db_index=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name=_("unit"))
    position = models.CharField(_("position"), max_length=160, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("login account"),
    )

    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def scope_unit(self) -> Unit:
        return self.unit


class GrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Grant(models.Model):
    """A role held by a user over a unit and its whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="grants", verbose_name=_("unit"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(revoked_at__isnull=True),
                name="grant_unique_active",
            )
        ]
        indexes = [models.Index(fields=["user", "revoked_at"], name="grant_user_active")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"

    @property
    def scope_unit(self) -> Unit:
        return self.unit


class Campaign(models.Model):
    """A dated run of the "Dân vận khéo" movement launched by a unit (e.g. 2021–2025)."""

    name = models.CharField(_("name"), max_length=255)
    issuing_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("issuing unit")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="campaign_dates")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_unit(self) -> Unit:
        return self.issuing_unit


class Pilot(models.Model):
    """A pilot locality (điểm chỉ đạo) chosen for a campaign (seed 004 §4)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pilots")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="pilots", verbose_name=_("unit"))
    designated_on = models.DateField(_("designated on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="pilot_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign}"

    @property
    def scope_unit(self) -> Unit:
        return self.campaign.issuing_unit


class SteeringCommittee(models.Model):
    """The movement's steering committee at a unit's level, with its standing agency."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="steering_committees", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=255)
    standing_agency = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standing_for",
        verbose_name=_("standing agency"),
    )
    decision_number = models.CharField(_("establishing decision"), max_length=60, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        ordering = ["-established_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_unit(self) -> Unit:
        return self.unit

    def head(self):
        return next((m for m in self.members.all() if m.position == CommitteePosition.HEAD), None)


class CommitteePosition(models.TextChoices):
    HEAD = "head", _("Head")
    STANDING_DEPUTY = "standing_deputy", _("Standing deputy head")
    DEPUTY = "deputy", _("Deputy head")
    STANDING_MEMBER = "standing_member", _("Standing member")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


POSITION_ORDER = {p: i for i, p in enumerate(CommitteePosition)}


class SteeringCommitteeMember(models.Model):
    committee = models.ForeignKey(SteeringCommittee, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="committee_seats")
    position = models.CharField(_("position"), max_length=20, choices=CommitteePosition.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. Standing Deputy Secretary")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "person"], name="committee_member_unique"),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(position="head"), name="committee_one_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_position_display()})"

    @property
    def scope_unit(self) -> Unit:
        return self.committee.unit
