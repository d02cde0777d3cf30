"""The statutory deadlines of petitions (danvan.petitions.deadlines): every rule on hand-computed
dates over Tết, 30/4–1/5, New Year's Day and 2/9, the switch of rule sets on 01/7/2026, a
deployment's own rule file, and the working-day calendar's extra days off.

The days off used below come from `core.calendar.days_off` (the `holidays` package): 2026 —
1/1; Tết 16–20/2 (with the weekends, Saturday 14/2 to Sunday 22/2 off); 26/4 (Sunday) moved to
27/4; 30/4; 1/5; 31/8, 1/9, 2/9 (Saturday 22/8 worked); 24/11. December 2025 has none."""

import json
from datetime import date

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from danvan.core import calendar
from danvan.core.models import CalendarDay, CalendarDayKind
from danvan.petitions import deadlines
from danvan.petitions.deadlines import (
    Kind,
    Rule,
    Step,
    days_left,
    deadline,
    describe,
    due_date,
    rule_for,
    rule_set_on,
    rule_sets,
)

pytestmark = pytest.mark.django_db

OLD, NEW = "luat-2011-2013-2018", "luat-136-2025"
C, D, R, F = Kind.COMPLAINT, Kind.DENUNCIATION, Kind.RECOMMENDATION, Kind.FEEDBACK


@pytest.fixture(autouse=True)
def fresh_rules():
    deadlines.clear_cache()
    yield
    deadlines.clear_cache()


def test_the_2026_days_off_these_cases_rely_on():
    off = calendar.days_off(2026)
    assert [day for day in off if day.month == 2] == [date(2026, 2, d) for d in range(16, 21)]
    assert {date(2026, 1, 1), date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 2)} <= set(off)
    assert not [day for day in calendar.days_off(2025) if day.month == 12]


# kind, step, start, flags, expected due date — each computed by hand
CASES = [
    # complaint: accept (thụ lý) within 10 calendar days of receipt (Art. 27 LKN)
    # Fri 13/02/2026, the Friday before Tết: +10 = Mon 23/02, the first day back
    (C, Step.PROCESS, date(2026, 2, 13), {}, date(2026, 2, 23)),
    # Thu 05/02/2026: +10 = Sun 15/02, off until Sun 22/02 (weekend + Tết 16–20) → Mon 23/02
    (C, Step.PROCESS, date(2026, 2, 5), {}, date(2026, 2, 23)),
    # Thu 05/03/2026: +10 = Sun 15/03 → Mon 16/03
    (C, Step.PROCESS, date(2026, 3, 5), {}, date(2026, 3, 16)),
    # notice of acceptance within the same 10 days: Mon 02/03 +10 = Thu 12/03
    (C, Step.NOTICE, date(2026, 3, 2), {}, date(2026, 3, 12)),
    # first-instance resolution from acceptance Mon 02/03/2026 (Art. 28 LKN)
    # 30 days: 2/3 + 30 = 32/3 = Wed 01/04
    (C, Step.RESOLVE, date(2026, 3, 2), {}, date(2026, 4, 1)),
    # complex 45: 2/3 + 45 = 47/3 = Thu 16/04
    (C, Step.RESOLVE, date(2026, 3, 2), {"complex": True}, date(2026, 4, 16)),
    # remote 45: the same Thu 16/04
    (C, Step.RESOLVE, date(2026, 3, 2), {"remote": True}, date(2026, 4, 16)),
    # remote complex 60: 2/3 + 60 = Fri 01/05 (holiday), Sat 2, Sun 3 → Mon 04/05
    (C, Step.RESOLVE, date(2026, 3, 2), {"complex": True, "remote": True}, date(2026, 5, 4)),
    # second instance from acceptance Mon 01/06/2026 (Art. 37 LKN)
    # 45: 1/6 + 29 = 30/6, + 16 = Thu 16/07
    (C, Step.RESOLVE_SECOND, date(2026, 6, 1), {}, date(2026, 7, 16)),
    # complex 60: Fri 31/07
    (C, Step.RESOLVE_SECOND, date(2026, 6, 1), {"complex": True}, date(2026, 7, 31)),
    # remote 60: Fri 31/07
    (C, Step.RESOLVE_SECOND, date(2026, 6, 1), {"remote": True}, date(2026, 7, 31)),
    # remote complex 70: 31/07 + 10 = Mon 10/08
    (C, Step.RESOLVE_SECOND, date(2026, 6, 1), {"complex": True, "remote": True}, date(2026, 8, 10)),
    # second-instance complaint window (Art. 33 LKN), from the first-instance decision
    # Fri 14/08/2026 + 30 = Sun 13/09 → Mon 14/09
    (C, Step.APPEAL, date(2026, 8, 14), {}, date(2026, 9, 14)),
    # remote 45: 14/08 + 45 = 59/08 = Mon 28/09
    (C, Step.APPEAL, date(2026, 8, 14), {"remote": True}, date(2026, 9, 28)),
    # Mon 03/08/2026 + 30 = Wed 02/09 (National Day) → Thu 03/09
    (C, Step.APPEAL, date(2026, 8, 3), {}, date(2026, 9, 3)),
    # remote: 03/08 + 45 = 48/08 = Thu 17/09
    (C, Step.APPEAL, date(2026, 8, 3), {"remote": True}, date(2026, 9, 17)),
    # denunciation: initial processing 7 working days from receipt (Art. 24 LTC)
    # Wed 24/12/2025: Thu 25 (1), Fri 26 (2), Mon 29 (3), Tue 30 (4), Wed 31 (5), Thu 1/1 off,
    # Fri 2/1 (6), Mon 5/1 (7)
    (D, Step.PROCESS, date(2025, 12, 24), {}, date(2026, 1, 5)),
    # extended to 10 working days: Tue 6/1 (8), Wed 7/1 (9), Thu 8/1 (10)
    (D, Step.PROCESS, date(2025, 12, 24), {"extensions": 1}, date(2026, 1, 8)),
    # forwarding outside competence, 5 working days (Art. 24 LTC): Fri 26/12/2025: Mon 29 (1),
    # Tue 30 (2), Wed 31 (3), Thu 1/1 off, Fri 2/1 (4), Mon 5/1 (5)
    (D, Step.FORWARD, date(2025, 12, 26), {}, date(2026, 1, 5)),
    # notice of acceptance, 5 working days (Art. 29 LTC): Fri 24/04/2026: Mon 27 off (Hùng Kings),
    # Tue 28 (1), Wed 29 (2), Thu 30/4 and Fri 1/5 off, Mon 4/5 (3), Tue 5 (4), Wed 6 (5)
    (D, Step.NOTICE, date(2026, 4, 24), {}, date(2026, 5, 6)),
    # resolution 30 days from acceptance, + 30 per extension (Art. 30 LTC): Mon 05/01/2026
    # 30: 5/1 + 30 = 35/1 = Wed 04/02
    (D, Step.RESOLVE, date(2026, 1, 5), {}, date(2026, 2, 4)),
    # 60: 5/1 + 26 = 31/1, + 28 = 28/2, + 6 = Fri 06/03
    (D, Step.RESOLVE, date(2026, 1, 5), {"extensions": 1}, date(2026, 3, 6)),
    # 90: 06/03 + 30 = Sun 05/04 → Mon 06/04
    (D, Step.RESOLVE, date(2026, 1, 5), {"extensions": 2}, date(2026, 4, 6)),
    # a complex denunciation has no longer period of its own: only extensions lengthen it
    (D, Step.RESOLVE, date(2026, 1, 5), {"complex": True, "remote": True}, date(2026, 2, 4)),
    # recommendation / feedback: answer within 10 working days (Art. 28 LTCD)
    # Thu 30/04/2026 (holiday): Fri 1/5 off, Mon 4 (1) … Fri 8 (5), Mon 11 (6) … Fri 15 (10)
    (R, Step.PROCESS, date(2026, 4, 30), {}, date(2026, 5, 15)),
    # Mon 02/02/2026: Tue 3 (1) … Fri 6 (4), Mon 9 (5) … Fri 13 (9), Tết 16–20 off, Mon 23 (10)
    (F, Step.PROCESS, date(2026, 2, 2), {}, date(2026, 2, 23)),
    (R, Step.PROCESS, date(2026, 2, 2), {}, date(2026, 2, 23)),
]


@pytest.mark.parametrize(("kind", "step", "start", "flags", "expected"), CASES)
def test_due_dates(kind, step, start, flags, expected):
    assert due_date(kind, step, start, **flags) == expected
    assert calendar.is_working_day(expected)


# which kind and step the law gives a deadline to; the rest are None
WITH_A_RULE = {
    (C, Step.PROCESS),
    (C, Step.NOTICE),
    (C, Step.RESOLVE),
    (C, Step.APPEAL),
    (C, Step.RESOLVE_SECOND),
    (D, Step.PROCESS),
    (D, Step.FORWARD),
    (D, Step.NOTICE),
    (D, Step.RESOLVE),
    (R, Step.PROCESS),
    (F, Step.PROCESS),
}


@pytest.mark.parametrize("on", [date(2019, 1, 1), date(2026, 6, 30), date(2026, 7, 1), date(2030, 12, 31)])
def test_which_kind_and_step_have_a_deadline(on):
    for kind in Kind:
        for step in Step:
            assert (rule_for(kind, step, on) is not None) == ((kind, step) in WITH_A_RULE), (kind, step)
            if (kind, step) not in WITH_A_RULE:
                assert due_date(kind, step, on) is None
                assert deadline(kind, step, on) is None
    # recommendations and feedback are resolved by the answer: no separate resolution deadline
    assert due_date(R, Step.RESOLVE, on) is None


def test_working_or_calendar_days_as_each_article_says():
    on = date(2026, 3, 2)
    working = {(k, s) for k, s in WITH_A_RULE if rule_for(k, s, on).working}
    assert working == {
        (D, Step.PROCESS),
        (D, Step.FORWARD),
        (D, Step.NOTICE),
        (R, Step.PROCESS),
        (F, Step.PROCESS),
    }


@pytest.mark.parametrize(
    ("kind", "step", "start", "extensions"),
    [
        (D, Step.RESOLVE, date(2026, 1, 5), 3),  # at most two extensions (especially complex)
        (D, Step.PROCESS, date(2026, 1, 5), 2),  # 7 → 10 working days, once
        (C, Step.RESOLVE, date(2026, 1, 5), 1),  # complaints have no extension
        (D, Step.RESOLVE, date(2026, 1, 5), -1),
    ],
)
def test_extensions_beyond_what_the_law_allows_are_refused(kind, step, start, extensions):
    with pytest.raises(ValueError, match="extensions"):
        due_date(kind, step, start, extensions=extensions)


def test_rule_periods():
    rule = rule_for(C, Step.RESOLVE, date(2026, 3, 2))
    assert [
        rule.period(),
        rule.period(complex=True),
        rule.period(remote=True),
        rule.period(complex=True, remote=True),
    ] == [30, 45, 45, 60]
    rule = rule_for(D, Step.RESOLVE, date(2026, 3, 2))
    assert [rule.period(extensions=n) for n in range(3)] == [30, 60, 90]
    rule = rule_for(D, Step.PROCESS, date(2026, 3, 2))
    assert (rule.period(), rule.period(extensions=1), rule.working) == (7, 10, True)
    # a remote complex case without a number of its own takes the larger of the two
    rule = Rule("complaint", "resolve", 30, False, complex_days=45, remote_days=40)
    assert rule.period(complex=True, remote=True) == 45


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"complex_days": 20}, "complex_days"),  # shorter when complex
        ({"remote_days": 45, "complex_days": 45, "remote_complex_days": 44}, "remote_complex_days"),
        ({"days": 0}, "days"),
        ({"days": True}, "days"),
        ({"max_extensions": 1}, "max_extensions needs"),
        ({"extended_days": 40, "max_extensions": 2}, "single extension"),
        ({"extended_days": 40, "max_extensions": 1, "extension_days": 5}, "single extension"),
        ({"counted_from": "whenever"}, "counted_from"),
        ({"working": "yes"}, "working"),
    ],
)
def test_a_rule_that_shrinks_or_makes_no_sense_is_refused(fields, message):
    values = {"kind": "complaint", "step": "resolve", "days": 30, "working": False, **fields}
    with pytest.raises(ValueError, match=message):
        Rule(**values)


# ---------------------------------------------------------------------------------------------
# the rule sets and the change of law on 01/7/2026


def test_the_shipped_rule_sets():
    old, new = rule_sets()
    assert (old.code, old.valid_from, old.valid_until, old.verified) == (
        OLD,
        date(2019, 1, 1),
        date(2026, 6, 30),
        True,
    )
    assert (new.code, new.valid_from, new.valid_until, new.verified) == (NEW, date(2026, 7, 1), None, False)
    assert "136/2025/QH15" in new.basis and "NĐ 154, 155, 156/2026/NĐ-CP" in new.basis
    assert "DANVAN_PETITION_RULES" in new.note
    # the amended law's text was not checked: the same numbers, and the basis says so
    for key, rule in old.rules.items():
        changed = new.rules[key]
        assert (changed.days, changed.complex_days, changed.remote_days, changed.extension_days) == (
            rule.days,
            rule.complex_days,
            rule.remote_days,
            rule.extension_days,
        )
        assert "chưa đối chiếu" in changed.basis
    assert new.rules.keys() == old.rules.keys()


def test_a_petition_keeps_the_rule_set_in_force_on_the_day_it_was_received():
    assert rule_set_on(date(2026, 6, 30)).code == OLD
    assert rule_set_on(date(2026, 7, 1)).code == NEW
    assert rule_set_on(date(2019, 1, 1)).code == OLD
    assert deadline(C, Step.PROCESS, date(2026, 6, 30)).rule_set.code == OLD
    assert deadline(C, Step.PROCESS, date(2026, 7, 1)).rule_set.code == NEW
    with pytest.raises(ImproperlyConfigured, match="No petition deadline rule set is in force on 31/12/2018"):
        rule_set_on(date(2018, 12, 31))


def write(tmp_path, data, name="rules.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def new_set(**changes):
    """The shipped 2026 set as a deployment would copy it, with its complaint resolution at 20 days."""
    data = json.loads((deadlines.RULES_DIR / f"{NEW}.json").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if (rule["kind"], rule["step"]) == ("complaint", "resolve"):
            rule.update(days=20, complex_days=30, remote_days=30, remote_complex_days=40)
            rule["basis"] = "Điều 28 Luật Khiếu nại (sửa đổi 2025)"
    data.update(verified=True, name="Luật 136/2025/QH15, đã đối chiếu", **changes)
    return data


def test_a_deployment_file_replaces_the_2026_set_by_its_code(settings, tmp_path):
    settings.DANVAN_PETITION_RULES = write(tmp_path, new_set())
    deadlines.clear_cache()
    assert [s.code for s in rule_sets()] == [OLD, NEW]
    assert rule_set_on(date(2026, 7, 1)).verified
    assert rule_set_on(date(2026, 7, 1)).name == "Luật 136/2025/QH15, đã đối chiếu"
    # accepted 30/06/2026: the old law's 30 days, though it ends after the change: Thu 30/07
    assert due_date(C, Step.RESOLVE, date(2026, 6, 30)) == date(2026, 7, 30)
    # accepted 01/07/2026: the deployment's 20 days: 1/7 + 20 = Tue 21/07
    assert due_date(C, Step.RESOLVE, date(2026, 7, 1)) == date(2026, 7, 21)
    # the rules the file did not change are still there
    assert due_date(F, Step.PROCESS, date(2026, 7, 1)) == date(2026, 7, 15)  # 10 working days


def test_a_deployment_file_adds_a_later_set(settings, tmp_path):
    # the 2026 set ends on 31/12/2029, a (hypothetical) new one starts on 01/01/2030
    later = new_set(code="local-2030", valid_from="2030-01-01")
    settings.DANVAN_PETITION_RULES = write(tmp_path, [new_set(valid_until="2029-12-31"), later])
    deadlines.clear_cache()
    assert [s.code for s in rule_sets()] == [OLD, NEW, "local-2030"]
    assert rule_set_on(date(2029, 12, 31)).code == NEW
    assert rule_set_on(date(2030, 1, 1)).code == "local-2030"


def test_an_overlapping_deployment_set_is_refused_with_a_clear_message(settings, tmp_path):
    path = write(tmp_path, new_set(code="local-2026", valid_from="2026-01-01"))
    settings.DANVAN_PETITION_RULES = path
    deadlines.clear_cache()
    with pytest.raises(ImproperlyConfigured) as error:
        rule_sets()
    message = str(error.value)
    assert f"“{OLD}” (01/01/2019–30/06/2026" in message
    assert "“local-2026” (01/01/2026–…" in message
    assert "overlap" in message and path in message and "DANVAN_PETITION_RULES" in message
    with pytest.raises(ImproperlyConfigured):
        due_date(C, Step.PROCESS, date(2026, 3, 2))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON (line 1"),
        (json.dumps(new_set(valid_untill="2027-01-01")), "unknown keys ['valid_untill']"),
        (json.dumps(new_set(valid_from="01/07/2026")), "valid_from must be a date written YYYY-MM-DD"),
        (json.dumps(new_set(valid_from="2026-07-01", valid_until="2026-06-01")), "is before valid_from"),
        (json.dumps(new_set(rules=[{"kind": "complaint", "step": "resolve"}])), "missing keys"),
        (
            json.dumps(new_set(rules=[{"kind": "petition", "step": "resolve", "days": 1, "working": True}])),
            "kind must be one of",
        ),
        (
            json.dumps(
                new_set(rules=[{"kind": "complaint", "step": "resolve", "days": 30, "working": False}] * 2)
            ),
            "a second rule for complaint resolve",
        ),
        (
            json.dumps(
                new_set(
                    rules=[
                        {
                            "kind": "complaint",
                            "step": "resolve",
                            "days": 30,
                            "working": False,
                            "complex_days": 9,
                        }
                    ]
                )
            ),
            "rule 1 (complaint resolve): complex_days must be a whole number not less than 30",
        ),
        (json.dumps([new_set(), new_set()]), "two rule sets have the code “luat-136-2025”"),
    ],
)
def test_a_wrong_deployment_file_is_refused_with_what_is_wrong(settings, tmp_path, content, message):
    path = tmp_path / "rules.json"
    path.write_text(content, encoding="utf-8")
    settings.DANVAN_PETITION_RULES = str(path)
    deadlines.clear_cache()
    with pytest.raises(ImproperlyConfigured, match="Petition deadline rule") as error:
        rule_sets()
    assert message in str(error.value)


def test_danvan_check_reports_a_wrong_deployment_file(settings, tmp_path):
    assert deadlines.check_rule_sets() == []
    settings.DANVAN_PETITION_RULES = write(tmp_path, new_set(code="local-2026", valid_from="2026-01-01"))
    deadlines.clear_cache()
    errors = run_checks(tags=["petitions"])
    assert [error.id for error in errors] == ["petitions.E001"]
    assert "overlap" in errors[0].msg


def test_a_missing_deployment_file_is_named(settings, tmp_path):
    settings.DANVAN_PETITION_RULES = str(tmp_path / "nowhere.json")
    deadlines.clear_cache()
    with pytest.raises(ImproperlyConfigured, match="cannot read the file named by DANVAN_PETITION_RULES"):
        rule_sets()


def test_no_deployment_file_means_the_shipped_sets(settings):
    settings.DANVAN_PETITION_RULES = ""
    deadlines.clear_cache()
    assert [s.code for s in rule_sets()] == [OLD, NEW]
    assert rule_sets() is rule_sets()  # read once


# ---------------------------------------------------------------------------------------------
# the calendar's extra days off


def test_an_extra_day_off_moves_a_working_day_deadline_by_one_day():
    # feedback received Mon 02/03/2026: Tue 3 (1) … Fri 6 (4), Mon 9 (5) … Fri 13 (9), Mon 16 (10)
    assert due_date(F, Step.PROCESS, date(2026, 3, 2)) == date(2026, 3, 16)
    # complaint received Sun 01/03/2026: + 10 = Wed 11/03, a working day
    assert due_date(C, Step.PROCESS, date(2026, 3, 1)) == date(2026, 3, 11)
    CalendarDay.objects.create(date=date(2026, 3, 11), kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")
    calendar.clear_cache()
    # Wed 11/03 off: Thu 12 (8), Fri 13 (9), Mon 16 (10)… one more: Tue 17/03
    assert due_date(F, Step.PROCESS, date(2026, 3, 2)) == date(2026, 3, 17)
    # a period in calendar days that ends on the day off ends the next working day, Thu 12/03
    assert due_date(C, Step.PROCESS, date(2026, 3, 1)) == date(2026, 3, 12)


# ---------------------------------------------------------------------------------------------
# explanation and badges


@pytest.mark.parametrize(
    ("kind", "step", "start", "flags", "text"),
    [
        (
            F,
            Step.PROCESS,
            date(2026, 2, 2),
            {},
            "10 working days from 02/02/2026, under Điều 28 Luật Tiếp công dân 42/2013/QH13.",
        ),
        (
            C,
            Step.PROCESS,
            date(2026, 2, 5),
            {},
            "10 days from 05/02/2026, under Điều 27 Luật Khiếu nại 02/2011/QH13. The period ends on "
            "15/02/2026, a day off, so the deadline is the next working day, 23/02/2026.",
        ),
        (
            C,
            Step.RESOLVE,
            date(2026, 3, 2),
            {"complex": True, "remote": True},
            "60 days from 02/03/2026, under Điều 28 Luật Khiếu nại 02/2011/QH13 (complex case, remote and "
            "difficult area). The period ends on 01/05/2026, a day off, so the deadline is the next "
            "working day, 04/05/2026.",
        ),
        (
            D,
            Step.RESOLVE,
            date(2026, 1, 5),
            {"extensions": 1},
            "60 days from 05/01/2026, under Điều 30 Luật Tố cáo 25/2018/QH14 (extended 1 time).",
        ),
        (
            D,
            Step.PROCESS,
            date(2026, 7, 1),
            {"extensions": 1},
            "10 working days from 01/07/2026, under Điều 24 Luật Tố cáo 25/2018/QH14 (chưa đối chiếu Luật "
            "số 136/2025/QH15) (extended 1 time).",
        ),
    ],
)
def test_describe(kind, step, start, flags, text):
    found = deadline(kind, step, start, **flags)
    with translation.override("en"):
        assert describe(found) == text


def test_deadline_carries_what_it_was_computed_from():
    found = deadline(D, Step.RESOLVE, date(2026, 1, 5), extensions=2)
    assert (found.kind, found.step, found.start, found.due_on, found.days, found.working) == (
        "denunciation",
        "resolve",
        date(2026, 1, 5),
        date(2026, 4, 6),
        90,
        False,
    )
    assert found.rule_set.code == OLD
    assert found.rule.basis == "Điều 30 Luật Tố cáo 25/2018/QH14"
    assert found.rule.counted_from == "acceptance"


def test_labels():
    with translation.override("en"):
        assert Kind.DENUNCIATION.label == "Denunciation"
        assert Step.RESOLVE_SECOND.label == "Second-instance resolution"


@pytest.mark.parametrize(
    ("due_on", "today", "left"),
    [
        (date(2026, 2, 23), date(2026, 2, 20), 3),
        (date(2026, 2, 23), date(2026, 2, 23), 0),
        (date(2026, 2, 23), date(2026, 2, 25), -2),
        (date(2026, 3, 1), date(2026, 2, 27), 2),  # across the end of February
    ],
)
def test_days_left(due_on, today, left):
    assert days_left(due_on, today) == left


# ---------------------------------------------------------------------------------------------
# properties over 2019–2030

RULED = sorted(WITH_A_RULE)


@given(
    pair=st.sampled_from(RULED),
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
    complex_=st.booleans(),
    remote=st.booleans(),
    extensions=st.integers(min_value=0, max_value=2),
)
def test_a_deadline_is_a_working_day_after_the_start_and_never_shrinks_when_the_case_is_harder(
    pair, start, complex_, remote, extensions
):
    kind, step = pair
    extensions = min(extensions, rule_for(kind, step, start).max_extensions)

    def due(**changes):
        flags = {"complex": complex_, "remote": remote, "extensions": extensions, **changes}
        return due_date(kind, step, start, **flags)

    end = due()
    assert end > start
    assert calendar.is_working_day(end)
    assert due(complex=True) >= due(complex=False)
    assert due(remote=True) >= due(remote=False)
    if extensions:
        assert due(extensions=extensions - 1) <= end
