"""A citizen's recommendation, in real Chromium against a real server: a citizen on a phone,
without an account, sends a recommendation about phường Tam Kỳ, gets the tracking code and
tracks it; the ward's petition officer (tiepdan.tamky) finds it in the petitions list on a
desktop and answers it; the citizen sees the answer and confirms the problem resolved, which
closes the petition.

Elements are found by ids, data-testid, names and proper names, never by UI labels (translated)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journeys import assert_fits_width, path_of

pytestmark = pytest.mark.e2e

PROVINCE = "Thành phố Đà Nẵng"
WARD = "Phường Tam Kỳ"
COMPETENT = "Ủy ban nhân dân phường Tam Kỳ"
SUBJECT = "Đèn chiếu sáng hỏng trên đường Phan Bội Châu, khối phố An Thổ"
CONTENT = (
    "Ba cột đèn chiếu sáng trước nhà số 120 đến 126 đường Phan Bội Châu đã hỏng hơn một tháng. "
    "Buổi tối đường rất tối, học sinh đi học thêm về nguy hiểm. Đề nghị phường cho sửa sớm."
)
CITIZEN = {
    "name": "Nguyễn Thị Thu Hà",
    "phone": "0905 246 810",
    "address": "120 Phan Bội Châu, khối phố An Thổ",
}
REPLY = (
    "Ủy ban nhân dân phường đã đề nghị Điện lực Tam Kỳ thay bóng cho ba cột đèn; "
    "việc sửa chữa hoàn thành ngày hôm nay. Cảm ơn bà đã phản ánh."
)
DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_citizen_recommendation_is_answered_and_confirmed(journey):
    # 1. a citizen on a phone finds the public form from the login page, without an account
    citizen = journey.new_page(**PHONE)
    citizen.goto("/accounts/login/")
    with citizen.expect_navigation():
        citizen.get_by_test_id("public-petitions-link").click()
    assert path_of(citizen) == "/public/petitions/"
    expect(citizen.locator("#account-menu")).to_have_count(0)  # no officer navigation
    assert_fits_width(citizen)
    journey.shot(citizen, "1-citizen-start-phone")
    with citizen.expect_navigation():
        citizen.get_by_test_id("start-submit").click()
    assert path_of(citizen) == "/public/petitions/new/"
    expect(citizen.get_by_test_id("pick-province")).to_be_hidden()  # JavaScript loads the communes

    # 2. it writes the recommendation and chooses the ward (the province first, then its ward)
    citizen.check("input[name=kind][value=recommendation]")
    citizen.select_option("#id_topic", "construction")
    citizen.fill("#id_subject", SUBJECT)
    citizen.fill("#id_content", CONTENT)
    citizen.select_option("#id_province", label=PROVINCE)
    expect(citizen.locator("#id_area option", has_text=WARD)).to_have_count(1)
    citizen.select_option("#id_area", label=WARD)
    citizen.fill("#id_location", "Đường Phan Bội Châu, khối phố An Thổ")
    citizen.fill("#id_person-0-name", CITIZEN["name"])
    citizen.fill("#id_person-0-phone", CITIZEN["phone"])
    citizen.fill("#id_person-0-address", CITIZEN["address"])
    assert_fits_width(citizen)
    journey.shot(citizen, "2-citizen-form-phone")
    with citizen.expect_navigation():
        citizen.get_by_test_id("send-petition").click()

    # 3. the confirmation: the tracking code, the competent unit and the date it answers by
    assert path_of(citizen) == "/public/petitions/sent/", citizen.content()[:2000]
    code = citizen.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}", code), code
    expect(citizen.get_by_test_id("competent-unit")).to_have_text(COMPETENT)
    due = DATE.search(citizen.get_by_test_id("sent-due").inner_text()).group(0)
    assert_fits_width(citizen)
    journey.shot(citizen, "3-citizen-code-phone")

    # 4. it tracks the petition by typing its code: received, with the due date
    citizen.goto("/public/petitions/track/")
    citizen.fill("#id_code", code.lower().replace("-", " "))  # as read over the phone
    with citizen.expect_navigation():
        citizen.get_by_test_id("track-submit").click()
    status_path = f"/public/petitions/track/{code}/"
    assert path_of(citizen) == status_path
    expect(citizen.get_by_test_id("public-status")).to_have_attribute("data-status", "received")
    expect(citizen.get_by_test_id("due-on")).to_have_text(due)
    expect(citizen.get_by_test_id("feedback")).to_have_count(0)
    expect(citizen.get_by_test_id("event")).to_have_count(1)
    assert CITIZEN["name"] not in citizen.content()
    assert_fits_width(citizen)
    journey.shot(citizen, "4-citizen-tracks-phone")

    # 5. the ward's petition officer finds it in the list, on a desktop, and answers it
    officer = journey.new_page(username="tiepdan.tamky")
    officer.goto("/petitions/")
    row = officer.get_by_test_id("petition-row").filter(has_text=SUBJECT)
    expect(row).to_have_count(1)
    journey.shot(officer, "5-officer-list")
    with officer.expect_navigation():
        row.get_by_test_id("petition-link").click()
    assert re.fullmatch(r"/petitions/\d+/", path_of(officer))
    expect(officer.get_by_test_id("petition-code")).to_have_text(code)
    answer = officer.get_by_test_id("action-answer")
    answer.locator("summary").click()
    answer.locator("textarea[name=reply]").fill(REPLY)
    answer.locator("textarea[name=comment]").fill("Đã kiểm tra hiện trường cùng tổ dân phố.")
    journey.shot(officer, "5-officer-answers")
    with officer.expect_navigation():
        answer.locator("button[type=submit]").click()
    expect(officer.get_by_test_id("action-answer")).to_have_count(0)
    expect(officer.get_by_test_id("events")).to_contain_text(REPLY)
    journey.shot(officer, "5-officer-answered")

    # 6. the citizen sees the answer and is asked whether the problem was resolved
    citizen.goto(status_path)
    expect(citizen.get_by_test_id("public-status")).to_have_attribute("data-status", "resolved")
    expect(citizen.get_by_test_id("reply").last).to_have_text(REPLY)
    expect(citizen.get_by_test_id("feedback")).to_be_visible()
    assert "kiểm tra hiện trường" not in citizen.content()  # the internal comment stays inside
    assert_fits_width(citizen)
    journey.shot(citizen, "6-citizen-sees-answer-phone")

    # 7. it confirms: the petition is closed
    with citizen.expect_navigation():
        citizen.get_by_test_id("feedback-confirm").locator("button[type=submit]").click()
    assert path_of(citizen) == status_path
    expect(citizen.get_by_test_id("public-status")).to_have_attribute("data-status", "closed")
    expect(citizen.get_by_test_id("feedback")).to_have_count(0)
    expect(citizen.locator(".alert-success")).to_be_visible()
    assert_fits_width(citizen)
    journey.shot(citizen, "7-citizen-confirmed-phone")

    # the officer sees it closed: nothing is left to do
    officer.reload()
    expect(officer.get_by_test_id("action-close")).to_have_count(0)
    expect(officer.get_by_test_id("events").locator("li")).to_have_count(3)
    journey.shot(officer, "7-officer-sees-closed")
