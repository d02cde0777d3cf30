"""The statutory deadlines of citizens' petitions, as effective-dated configuration.

The numbers come from the law — Luật Khiếu nại 02/2011/QH13, Luật Tố cáo 25/2018/QH14, Luật Tiếp
công dân 42/2013/QH13, amended by Luật 136/2025/QH15 from 01/7/2026 — and are kept as data: each
*rule set* (`rules/*.json`, shipped with the package) holds the rules in force over a span of
dates, one `Rule` per kind of petition and step of its handling ("10 days from receipt to accept a
complaint, Điều 27 Luật Khiếu nại"). A deployment may add rule sets, or replace a shipped one by
its code, with a JSON file named by the setting `DANVAN_PETITION_RULES`, without a new release.

Rule sets must not overlap in time; the set in force on a day is the one whose validity covers
it. A step keeps the rule it started under: a period is computed under the rule set in force on
the day it starts (the day of receipt, of acceptance, or of the first-instance decision), even if
it ends after the law changed.

Every count goes through `danvan.core.calendar`: working days skip weekends, public holidays (Tết
included) and the extra days off entered as `core.CalendarDay`; a period in calendar days that
ends on a day off ends on the next working day (Civil Code 2015, Art. 147–148).

The set for the amended law (`luat-136-2025`) carries the 2011/2013/2018 numbers and
`verified=False`: the amended text was not checked here. See docs/petitions-deadlines.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from danvan.core import calendar

RULES_DIR = Path(__file__).resolve().parent / "rules"
SETTING = "DANVAN_PETITION_RULES"


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")  # khiếu nại
    DENUNCIATION = "denunciation", _("Denunciation")  # tố cáo
    RECOMMENDATION = "recommendation", _("Recommendation")  # kiến nghị
    FEEDBACK = "feedback", _("Feedback")  # phản ánh


class Step(models.TextChoices):
    # received → accept, refuse or forward; for recommendations and feedback the answer is the
    # resolution
    PROCESS = "process", _("Processing the petition")
    RESOLVE = "resolve", _("Resolution")
    RESOLVE_SECOND = "resolve_second", _("Second-instance resolution")
    NOTICE = "notice", _("Notice of acceptance")
    FORWARD = "forward", _("Forwarding")
    # the window in which the complainant may lodge the second-instance complaint
    APPEAL = "appeal", _("Second-instance complaint window")


# what the start of a period is, as the rule files say it (documentation for the caller)
COUNTED_FROM = frozenset({"receipt", "acceptance", "decision"})


@dataclass(frozen=True)
class Rule:
    """One statutory period: how many days a kind of petition has for a step of its handling."""

    kind: str
    step: str
    days: int
    working: bool  # counted in working days, or in calendar days, as the article says
    complex_days: int | None = None  # when the case is flagged complex
    remote_days: int | None = None  # remote and difficult areas ("vùng sâu, vùng xa đi lại khó khăn")
    remote_complex_days: int | None = None
    extension_days: int = 0  # each extension adds this many days (same counting)
    max_extensions: int = 0
    # alternative to extension_days: the (single) extension sets the period to this total
    # (denunciation initial processing: 7 → 10 working days)
    extended_days: int | None = None
    basis: str = ""  # the article, e.g. "Điều 27 Luật Khiếu nại 02/2011/QH13"
    counted_from: str = ""  # "receipt", "acceptance" or "decision": the day the period starts
    note: str = ""

    def __post_init__(self) -> None:
        """Refuse numbers that would make a deadline shrink when the case gets harder."""
        Kind(self.kind)
        Step(self.step)
        for name in ("days", "extension_days", "max_extensions"):
            _check_int(name, getattr(self, name), minimum=1 if name == "days" else 0)
        for name in ("complex_days", "remote_days", "remote_complex_days", "extended_days"):
            value = getattr(self, name)
            if value is not None:
                _check_int(name, value, minimum=self.days)
        if not isinstance(self.working, bool):
            raise ValueError(f"working must be true or false, not {self.working!r}")
        if self.remote_complex_days is not None:
            floor = max(self.complex_days or 0, self.remote_days or 0)
            if self.remote_complex_days < floor:
                raise ValueError(
                    f"remote_complex_days ({self.remote_complex_days}) must not be less than "
                    f"complex_days or remote_days ({floor})"
                )
        if self.extended_days is not None and (self.extension_days or self.max_extensions != 1):
            raise ValueError(
                "extended_days is a single extension: set max_extensions to 1 and no extension_days"
            )
        if self.max_extensions and not (self.extension_days or self.extended_days is not None):
            raise ValueError("max_extensions needs extension_days or extended_days")
        if self.counted_from and self.counted_from not in COUNTED_FROM:
            raise ValueError(f"counted_from must be one of {sorted(COUNTED_FROM)}, not {self.counted_from!r}")

    def period(self, *, complex: bool = False, remote: bool = False, extensions: int = 0) -> int:
        """The days of the period for a case flagged complex and/or in a remote area, after
        `extensions` extensions. A number the rule does not set falls back to the plain one (a
        remote complex case without its own number takes the larger of the two). ValueError if
        more extensions are asked for than the rule allows."""
        if not 0 <= extensions <= self.max_extensions:
            raise ValueError(
                f"{self.kind} {self.step}: {extensions} extensions asked for, "
                f"at most {self.max_extensions} allowed ({self.basis})"
            )
        if complex and remote:
            days = self.remote_complex_days or max(
                self.complex_days or self.days, self.remote_days or self.days
            )
        elif complex:
            days = self.complex_days or self.days
        elif remote:
            days = self.remote_days or self.days
        else:
            days = self.days
        if extensions and self.extended_days is not None:
            return max(days, self.extended_days)
        return days + extensions * self.extension_days


def _check_int(name: str, value: Any, *, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be a whole number not less than {minimum}, not {value!r}")


@dataclass(frozen=True)
class RuleSet:
    """The rules in force from `valid_from` to `valid_until` (both inclusive; None: until replaced)."""

    code: str
    name: str
    basis: str
    valid_from: date
    valid_until: date | None
    verified: bool  # False when its numbers were not checked against the official text
    rules: Mapping[tuple[str, str], Rule] = field(hash=False)
    note: str = ""
    source: str = field(default="", compare=False)  # the file it was read from

    def rule(self, kind: str, step: str) -> Rule | None:
        return self.rules.get((Kind(kind).value, Step(step).value))

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Deadline:
    """A due date and what it was computed from, to explain it on a page."""

    kind: str
    step: str
    start: date
    due_on: date
    days: int
    working: bool
    rule_set: RuleSet
    rule: Rule
    complex: bool = False
    remote: bool = False
    extensions: int = 0


# ---------------------------------------------------------------------------------------------
# loading

RULE_SET_KEYS = {"code", "name", "basis", "valid_from", "valid_until", "verified", "note", "rules"}
RULE_KEYS = {
    "kind",
    "step",
    "days",
    "working",
    "complex_days",
    "remote_days",
    "remote_complex_days",
    "extension_days",
    "max_extensions",
    "extended_days",
    "basis",
    "counted_from",
    "note",
}


def _parse_date(value: Any, what: str) -> date:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} must be a date written YYYY-MM-DD, not {value!r}") from None


def _rule_set(data: Any, source: str) -> RuleSet:
    """One rule set from its JSON object; ImproperlyConfigured naming the file and the fault."""
    where = source
    try:
        if not isinstance(data, dict):
            raise ValueError(f"a rule set must be a JSON object, not {type(data).__name__}")
        if isinstance(data.get("code"), str):
            where = f"{source}, rule set “{data['code']}”"
        unknown = set(data) - RULE_SET_KEYS
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}; allowed: {sorted(RULE_SET_KEYS)}")
        missing = {"code", "name", "basis", "valid_from", "verified", "rules"} - set(data)
        if missing:
            raise ValueError(f"missing keys {sorted(missing)}")
        for key in ("code", "name", "basis"):
            if not isinstance(data[key], str) or not data[key].strip():
                raise ValueError(f"{key} must be a non-empty text")
        if not isinstance(data["verified"], bool):
            raise ValueError("verified must be true or false")
        valid_from = _parse_date(data["valid_from"], "valid_from")
        valid_until = None
        if data.get("valid_until") is not None:
            valid_until = _parse_date(data["valid_until"], "valid_until")
            if valid_until < valid_from:
                raise ValueError(f"valid_until {valid_until} is before valid_from {valid_from}")
        if not isinstance(data["rules"], list):
            raise ValueError("rules must be a list of objects")
        rules: dict[tuple[str, str], Rule] = {}
        for number, item in enumerate(data["rules"], start=1):
            try:
                if not isinstance(item, dict):
                    raise ValueError("a rule must be a JSON object")
                unknown = set(item) - RULE_KEYS
                if unknown:
                    raise ValueError(f"unknown keys {sorted(unknown)}; allowed: {sorted(RULE_KEYS)}")
                missing = {"kind", "step", "days", "working"} - set(item)
                if missing:
                    raise ValueError(f"missing keys {sorted(missing)}")
                if item["kind"] not in Kind.values:
                    raise ValueError(f"kind must be one of {Kind.values}, not {item['kind']!r}")
                if item["step"] not in Step.values:
                    raise ValueError(f"step must be one of {Step.values}, not {item['step']!r}")
                rule = Rule(**item)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"rule {number} ({item.get('kind')} {item.get('step')}): {exc}") from None
            if (rule.kind, rule.step) in rules:
                raise ValueError(f"rule {number}: a second rule for {rule.kind} {rule.step}")
            rules[(rule.kind, rule.step)] = rule
    except ValueError as exc:
        raise ImproperlyConfigured(f"Petition deadline rules ({where}): {exc}") from None
    return RuleSet(
        code=data["code"],
        name=data["name"],
        basis=data["basis"],
        valid_from=valid_from,
        valid_until=valid_until,
        verified=data["verified"],
        rules=MappingProxyType(rules),
        note=data.get("note", ""),
        source=source,
    )


def _read(path: Path, what: str) -> list[RuleSet]:
    """The rule sets of one JSON file: a rule set object, or a list of them."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ImproperlyConfigured(f"Petition deadline rules: cannot read {what} {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(
            f"Petition deadline rules: {what} {path} is not valid JSON (line {exc.lineno}, "
            f"column {exc.colno}: {exc.msg})"
        ) from None
    items = data if isinstance(data, list) else [data]
    return [_rule_set(item, str(path)) for item in items]


def _fmt(day: date | None) -> str:
    return "…" if day is None else f"{day:%d/%m/%Y}"


def _load(deployment_file: str | None) -> tuple[RuleSet, ...]:
    by_code: dict[str, RuleSet] = {}
    for path in sorted(RULES_DIR.glob("*.json")):
        for rule_set in _read(path, "shipped file"):
            if rule_set.code in by_code:
                raise ImproperlyConfigured(
                    f"Petition deadline rules: two shipped rule sets have the code “{rule_set.code}”"
                )
            by_code[rule_set.code] = rule_set
    if deployment_file:
        own: set[str] = set()
        for rule_set in _read(Path(deployment_file), f"the file named by {SETTING},"):
            if rule_set.code in own:
                raise ImproperlyConfigured(
                    f"Petition deadline rules ({deployment_file}): two rule sets have the code "
                    f"“{rule_set.code}”"
                )
            own.add(rule_set.code)
            by_code[rule_set.code] = rule_set  # adds a set, or replaces the shipped one
    ordered = sorted(by_code.values(), key=lambda s: s.valid_from)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.valid_until is None or earlier.valid_until >= later.valid_from:
            raise ImproperlyConfigured(
                f"Petition deadline rule sets “{earlier.code}” ({_fmt(earlier.valid_from)}–"
                f"{_fmt(earlier.valid_until)}, {earlier.source}) and “{later.code}” "
                f"({_fmt(later.valid_from)}–{_fmt(later.valid_until)}, {later.source}) overlap: on "
                f"{_fmt(later.valid_from)} both would be in force. End the earlier one the day before "
                f"the later one starts (valid_until), or replace a shipped set by giving your set its "
                f"code, in the file named by {SETTING}."
            )
    return tuple(ordered)


_cache: dict[str | None, tuple[RuleSet, ...]] = {}


def clear_cache() -> None:
    _cache.clear()


def rule_sets() -> tuple[RuleSet, ...]:
    """Every rule set, oldest first: the shipped ones plus those of the file named by
    `settings.DANVAN_PETITION_RULES` (which may add sets or replace one with the same code).
    Read once per process (and per value of the setting); `clear_cache()` reads them again.
    ImproperlyConfigured if a file is unreadable or wrong, or if two sets overlap in time."""
    deployment_file = getattr(settings, SETTING, None) or None
    key = None if deployment_file is None else str(deployment_file)
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = _load(key)
    return cached


@checks.register("petitions")
def check_rule_sets(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`danvan check` (also run by `migrate` and `runserver`) reads the rule sets: a wrong
    deployment file is reported before the first petition needs a deadline."""
    try:
        rule_sets()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="See docs/petitions-deadlines.md.", id="petitions.E001")]
    return []


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on `day`; ImproperlyConfigured if none is."""
    for rule_set in rule_sets():
        if rule_set.covers(day):
            return rule_set
    spans = ", ".join(f"{s.code} {_fmt(s.valid_from)}–{_fmt(s.valid_until)}" for s in rule_sets())
    raise ImproperlyConfigured(
        f"No petition deadline rule set is in force on {_fmt(day)} (known: {spans}). Add one in "
        f"the file named by {SETTING}."
    )


def rule_for(kind: str, step: str, on: date) -> Rule | None:
    """The rule for a kind of petition and a step, in force on `on`; None when the law sets no
    deadline for them."""
    return rule_set_on(on).rule(kind, step)


def deadline(
    kind: str, step: str, start: date, *, complex: bool = False, remote: bool = False, extensions: int = 0
) -> Deadline | None:
    """The deadline of a period that starts on `start` (the day of receipt, acceptance, or of the
    first-instance decision — `Rule.counted_from` says which), with what it was computed from.

    The rule is the one of the rule set in force on `start`: a step keeps the rule it started under
    even if it ends after the law changed. None when the law sets no deadline for that kind and
    step. ValueError if more extensions are asked for than the rule allows."""
    rule_set = rule_set_on(start)
    rule = rule_set.rule(kind, step)
    if rule is None:
        return None
    days = rule.period(complex=complex, remote=remote, extensions=extensions)
    return Deadline(
        kind=rule.kind,
        step=rule.step,
        start=start,
        due_on=calendar.add_days(start, days, working=rule.working),
        days=days,
        working=rule.working,
        rule_set=rule_set,
        rule=rule,
        complex=complex,
        remote=remote,
        extensions=extensions,
    )


def due_date(
    kind: str, step: str, start: date, *, complex: bool = False, remote: bool = False, extensions: int = 0
) -> date | None:
    """The last day of the period that starts on `start`, under the rule set in force on `start`
    (a step keeps the rule it started under even if it ends after a rule change); None when the
    law sets no deadline for that kind and step. See `deadline`."""
    found = deadline(kind, step, start, complex=complex, remote=remote, extensions=extensions)
    return None if found is None else found.due_on


def describe(d: Deadline) -> str:
    """The deadline in words, in the active language: "10 working days from 02/02/2026, under
    Điều 28 Luật Tiếp công dân 42/2013/QH13.", with what lengthened it and, for calendar days, the
    day off it was moved from."""
    values = {"days": d.days, "start": _fmt(d.start), "basis": d.rule.basis or d.rule_set.basis}
    if d.working:
        text = ngettext(
            "%(days)s working day from %(start)s, under %(basis)s",
            "%(days)s working days from %(start)s, under %(basis)s",
            d.days,
        )
    else:
        text = ngettext(
            "%(days)s day from %(start)s, under %(basis)s",
            "%(days)s days from %(start)s, under %(basis)s",
            d.days,
        )
    text %= values
    why = []
    rule = d.rule
    if d.complex and (rule.complex_days or rule.remote_complex_days):
        why.append(gettext("complex case"))
    if d.remote and (rule.remote_days or rule.remote_complex_days):
        why.append(gettext("remote and difficult area"))
    if d.extensions:
        why.append(
            ngettext("extended %(counter)s time", "extended %(counter)s times", d.extensions)
            % {"counter": d.extensions}
        )
    if why:
        text += f" ({', '.join(why)})"
    text += "."
    if not d.working:
        end = d.start + timedelta(days=d.days)
        if end != d.due_on:
            text += " " + gettext(
                "The period ends on %(end)s, a day off, so the deadline is the next working day, %(due)s."
            ) % {"end": _fmt(end), "due": _fmt(d.due_on)}
    return text


def days_left(due_on: date, today: date) -> int:
    """Calendar days from `today` to `due_on`: 0 on the day itself, negative when overdue."""
    return (due_on - today).days
