"""A quarterly report's journey through the demo dataset, in real Chromium against a real server:
the ward writes, corrects and submits its report, the city returns it with a comment, the ward
revises and resubmits, the city accepts it, then writes and issues its own summary report, rolling
up the wards, and downloads it as a Word document.

Elements are found by ids, data-testid, hrefs and proper names, never by UI labels (translated)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journeys import assert_fits_width, path_of, submit_and_wait

pytestmark = pytest.mark.e2e

CITY = "Thành ủy Đà Nẵng"
TAMKY = "Đảng ủy phường Tam Kỳ"
HAICHAU = "Đảng ủy phường Hải Châu"
QUARTER = "Quý IV năm 2026"  # the demo's current quarter (15/09/2026 → 14/12/2026)
CITY_REGIME = "Báo cáo quý về công tác dân vận"  # the city's quarterly regime (the Front has its own)
PEOPLE = "training.people_trained"
RESULTS = (
    "Đảng ủy phường đã ban hành kế hoạch thực hiện phong trào thi đua “Dân vận khéo” quý IV năm 2026; "
    "các chi bộ, Mặt trận và các đoàn thể đăng ký 6 mô hình mới, tập trung vào chỉnh trang đô thị."
)
RETURN_COMMENT = "Đề nghị bổ sung kết quả xây dựng mô hình ở các khối phố và số liệu tập huấn."
ADDED = " Đã bổ sung kết quả ở các khối phố An Thổ, Mỹ Thạch Bắc theo ý kiến của Ban."


def _act(page, action: str, comment: str = "") -> None:
    form = page.get_by_test_id(f"transition-{action}")
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _status(page):
    return page.locator("header [data-testid=report-status]")


def test_a_ward_report_is_returned_revised_accepted_and_rolled_up_into_the_city_summary(journey):
    # 1. the ward officer finds the current quarter's report from the menu, on a phone
    ward = journey.new_page(username="canbo.tamky", viewport={"width": 390, "height": 844})
    ward.goto("/")
    ward.locator(".navbar-toggler").click()
    with ward.expect_navigation():
        ward.get_by_test_id("nav-reports").click()
    assert path_of(ward) == "/reports/"
    row = ward.get_by_test_id("report-row").filter(has_text=TAMKY).filter(has_text=QUARTER)
    expect(row).to_have_count(1)
    assert_fits_width(ward)
    journey.shot(ward, "1-ward-list-phone")
    with ward.expect_navigation():
        row.get_by_test_id("report-link").click()
    report_path = path_of(ward)
    assert re.fullmatch(r"/reports/\d+/", report_path)
    expect(ward.get_by_test_id("report-title")).to_contain_text(QUARTER)
    expect(ward.get_by_test_id("report-window")).to_have_text("15/09/2026 → 14/12/2026")
    expect(_status(ward)).to_have_attribute("data-status", "draft")
    assert_fits_width(ward)
    journey.shot(ward, "1-ward-report-phone")

    # 2. it writes the results and numbers the report (on a desktop)
    officer = journey.new_page(username="canbo.tamky")
    officer.goto(report_path)
    with officer.expect_navigation():
        officer.get_by_test_id("edit-link").click()
    officer.fill("#id_results", RESULTS)
    officer.fill("#id_number", "15")
    officer.fill("#id_dated_on", "07/12/2026")
    journey.shot(officer, "2-ward-writes")
    submit_and_wait(officer, "[data-testid=save-report]")
    assert path_of(officer) == report_path
    expect(officer.get_by_test_id("report-symbol")).to_contain_text("15-BC/ĐU")
    expect(officer.get_by_test_id("narrative-results")).to_contain_text("6 mô hình mới")

    # 3. it corrects the number of people trained, with the reason printed beside it
    officer.goto(report_path + "edit/")
    row = officer.locator(f'#figures [data-testid=figure][data-key="{PEOPLE}"]')
    row.locator("summary").click()
    form = row.get_by_test_id("correction-form")
    form.locator("input[name=value]").fill("1.250")
    form.locator("input[name=reason]").fill(
        "Bổ sung 45 lượt cán bộ dự hội nghị trực tuyến tại điểm cầu phường."
    )
    with officer.expect_navigation():
        form.get_by_test_id("save-correction").click()
    expect(officer.locator(f'#figures [data-testid=figure][data-key="{PEOPLE}"]')).to_have_attribute(
        "data-corrected", ""
    )
    journey.shot(officer, "3-ward-corrects")
    officer.goto(report_path)
    corrected = officer.locator(f'[data-testid=figure][data-key="{PEOPLE}"]')
    expect(corrected.get_by_test_id("value")).to_have_text("1.250")
    expect(corrected.get_by_test_id("computed")).to_be_visible()
    expect(corrected.get_by_test_id("reason")).to_contain_text("hội nghị trực tuyến")

    # 4. it submits the report: the figures are frozen
    _act(officer, "submit")
    expect(_status(officer)).to_have_attribute("data-status", "submitted")
    expect(officer.get_by_test_id("frozen-note")).to_be_visible()
    expect(officer.get_by_test_id("edit-link")).to_have_count(0)
    journey.shot(officer, "4-ward-submitted")

    # 5. the city's standing agency finds it on the period's page and returns it with a comment
    city = journey.new_page(username="canbo.danang")
    city.goto("/reports/periods/")
    with city.expect_navigation():
        city.get_by_test_id("period-row").filter(has_text=QUARTER).filter(
            has_text=CITY_REGIME
        ).get_by_test_id("period-link").click()
    expect(city.get_by_test_id("period-title")).to_have_text(QUARTER)
    expect(city.get_by_test_id("rates")).to_be_visible()
    expected = int(city.get_by_test_id("rate-expected").inner_text())
    submitted = int(city.get_by_test_id("rate-submitted").inner_text())
    journey.shot(city, "5-city-period")
    city.locator("#id_status").select_option("submitted")
    submit_and_wait(city, "[data-testid=period-filters] button[type=submit]")
    with city.expect_navigation():
        city.locator(f'[data-testid=period-report][data-unit="{TAMKY}"] a').click()
    assert path_of(city) == report_path
    _act(city, "return", RETURN_COMMENT)
    expect(_status(city)).to_have_attribute("data-status", "returned")
    journey.shot(city, "5-city-returns")

    # 6. the ward sees the comment, revises the results and submits again
    officer.goto(report_path)
    expect(officer.get_by_test_id("return-comment")).to_contain_text(RETURN_COMMENT)
    journey.shot(officer, "6-ward-sees-comment")
    with officer.expect_navigation():
        officer.get_by_test_id("edit-link").click()
    officer.fill("#id_results", RESULTS + ADDED)
    officer.fill("#id_reason", "Bổ sung theo ý kiến trả lại")
    submit_and_wait(officer, "[data-testid=save-report]")
    _act(officer, "submit", "Đã bổ sung theo ý kiến của Ban.")
    expect(_status(officer)).to_have_attribute("data-status", "submitted")

    # 7. the city accepts it
    city.goto(report_path)
    expect(city.get_by_test_id("narrative-results")).to_contain_text("Mỹ Thạch Bắc")
    _act(city, "accept", "Đạt yêu cầu.")
    expect(_status(city)).to_have_attribute("data-status", "accepted")
    actions = [e.get_attribute("data-action") for e in city.get_by_test_id("event").all()]
    assert actions[-4:] == ["submit", "return", "submit", "accept"]
    journey.shot(city, "7-city-accepts")

    # 8. the city's summary report rolls up the wards: Tam Kỳ accepted, the missing ones listed
    with city.expect_navigation():
        city.get_by_test_id("summary-link").click()
    summary_path = path_of(city)
    expect(city.get_by_test_id("report-title")).to_contain_text(QUARTER)
    expect(city.get_by_test_id("report-unit")).to_have_text(CITY)
    rollup = city.get_by_test_id("rollup")
    expect(rollup).to_be_visible()
    expect(city.locator(f'[data-testid=rollup-row][data-unit="{TAMKY}"]')).to_have_attribute(
        "data-status", "accepted"
    )
    missing = city.get_by_test_id("missing-unit")
    expect(missing.filter(has_text=HAICHAU)).to_have_count(1)
    expect(missing.filter(has_text=TAMKY)).to_have_count(0)
    expect(missing).to_have_count(expected - submitted)
    journey.shot(city, "8-city-summary-rollup")

    # 9. it writes the city's results and issues the summary report
    with city.expect_navigation():
        city.get_by_test_id("edit-link").click()
    city.fill(
        "#id_results",
        "Ban Thường vụ Thành ủy đã chỉ đạo các đảng ủy phường, xã triển khai phong trào thi đua "
        "“Dân vận khéo” trong quý IV năm 2026; kết quả tổng hợp từ các báo cáo đã được tiếp nhận.",
    )
    city.fill("#id_number", "61")
    city.fill("#id_issuer_code", "TU")
    submit_and_wait(city, "[data-testid=save-report]")
    _act(city, "issue")
    assert path_of(city) == summary_path
    expect(_status(city)).to_have_attribute("data-status", "accepted")
    expect(city.get_by_test_id("report-symbol")).to_contain_text("61-BC/TU")
    journey.shot(city, "9-city-issued")

    # 10. and downloads it as a Word document
    with city.expect_download() as info:
        city.get_by_test_id("docx-link").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        assert handle.read(2) == b"PK"

    # 11. the regime behind the period, where the next period is opened
    city.goto("/reports/regimes/")
    journey.shot(city, "11-city-regimes")
    with city.expect_navigation():
        city.get_by_test_id("new-regime").click()
    expect(city.get_by_test_id("regime-form")).to_be_visible()
    journey.shot(city, "11-city-new-regime-form")
    city.go_back()
    with city.expect_navigation():
        city.get_by_test_id("regime-row").filter(has_text=CITY_REGIME).get_by_test_id("regime-link").click()
    expect(city.get_by_test_id("open-period-form")).to_be_visible()
    expect(city.get_by_test_id("regime-periods")).to_contain_text(QUARTER)
    journey.shot(city, "11-city-regime")

    # 12. the other ward does not see Tam Kỳ's report; the summary and the periods fit a phone
    stranger = journey.new_page(username="canbo.haichau")
    assert stranger.goto(report_path).status == 404
    phone = journey.new_page(username="canbo.danang", viewport={"width": 390, "height": 844})
    phone.goto(summary_path)
    assert_fits_width(phone)
    journey.shot(phone, "12-city-summary-phone")
    phone.goto("/reports/periods/")
    assert_fits_width(phone)
    journey.shot(phone, "12-city-periods-phone")
