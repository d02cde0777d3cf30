"""Administrative areas: provinces, (former) districts, communes and villages, with their history.

Two eras live side by side in one materialized-path tree:
* current (from 1 July 2025): province → commune → village;
* legacy (until 30 June 2025): province → district → commune, linked to successors.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeQuerySet

from danvan.core.models import PathField, SearchableQuerySet, Validity, ValidityQuerySet, today, tree_manager
from danvan.core.text import fold, sort_key

REFORM_DATE = date(2025, 7, 1)
LEGACY_UNTIL = date(2025, 6, 30)


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")


class Era(models.TextChoices):
    CURRENT = "2025", _("From 1 July 2025")
    LEGACY = "legacy", _("Until 30 June 2025")


class AreaKind(models.TextChoices):
    """The official designation, as the name begins with it."""

    PROVINCE = "tinh", "Tỉnh"
    CITY = "thanh_pho", "Thành phố"
    URBAN_DISTRICT = "quan", "Quận"
    RURAL_DISTRICT = "huyen", "Huyện"
    TOWN = "thi_xa", "Thị xã"
    COMMUNE = "xa", "Xã"
    WARD = "phuong", "Phường"
    TOWNSHIP = "thi_tran", "Thị trấn"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"
    VILLAGE = "thon", "Thôn"
    RESIDENTIAL_GROUP = "to_dan_pho", "Tổ dân phố"
    HAMLET = "ap", "Ấp"
    MOUNTAIN_VILLAGE = "ban", "Bản"
    URBAN_BLOCK = "khoi_pho", "Khối phố"
    OTHER_VILLAGE = "lang", "Làng"


VILLAGE_KINDS = (
    AreaKind.VILLAGE,
    AreaKind.RESIDENTIAL_GROUP,
    AreaKind.HAMLET,
    AreaKind.MOUNTAIN_VILLAGE,
    AreaKind.URBAN_BLOCK,
    AreaKind.OTHER_VILLAGE,
)


class AreaQuerySet(MP_NodeQuerySet, ValidityQuerySet, SearchableQuerySet):
    def within(self, area: "Area"):
        return self.filter(path__startswith=area.path)


AreaManager = tree_manager(AreaQuerySet)


class Area(MP_Node, Validity):
    steplen = 4
    path = PathField(max_length=255, unique=True)

    era = models.CharField(_("era"), max_length=8, choices=Era.choices, default=Era.CURRENT)
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=AreaKind.choices)
    code = models.CharField(_("code"), max_length=16, blank=True, help_text=_("Official statistical code"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=160)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    name_sort = models.CharField(max_length=400, db_index=True, editable=False, default="")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AreaManager()
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "name_folded", "name_sort"])

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        constraints = [
            models.UniqueConstraint(
                fields=["era", "level", "code"], condition=~Q(code=""), name="area_unique_official_code"
            )
        ]
        indexes = [models.Index(fields=["level", "valid_until"], name="area_level_validity")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_legacy(self) -> bool:
        return self.era == Era.LEGACY

    def parent_area(self):
        return Area.objects.get_parent(self) if self.depth > 1 else None

    def ancestors(self):
        """Ancestors root first, read in one query."""
        prefixes = [self.path[: i * self.steplen] for i in range(1, self.depth)]
        return list(Area.objects.filter(path__in=prefixes).order_by("depth"))

    def children_qs(self):
        return Area.objects.get_children(self)

    def successors_list(self):
        return [
            link.successor
            for link in self.successor_links.select_related("successor").order_by(
                "-is_default", "successor__name_sort"
            )
        ]

    def predecessors_list(self):
        return [
            link.predecessor
            for link in self.predecessor_links.select_related("predecessor").order_by(
                "predecessor__name_sort"
            )
        ]

    def is_active_now(self) -> bool:
        return self.is_active(today())


class AreaSuccession(models.Model):
    """A former area continues (wholly or in part) in a current one. One old commune may have
    several successors; the default one is where its records go when no other is chosen."""

    predecessor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="predecessor_links")
    is_default = models.BooleanField(_("default successor"), default=False)
    effective_on = models.DateField(_("effective on"), default=REFORM_DATE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area succession")
        verbose_name_plural = _("area successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="area_succession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
