"""Browser journeys through the demo dataset, in real Chromium against a real server.

Elements are found by ids, data-testid, hrefs and proper names (place and unit names are data),
never by UI labels, which are translated.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PROVINCE = "Thành phố Đà Nẵng"
COMMUNE = "Phường Tam Kỳ"
VILLAGES = ["Khối phố An Thổ", "Khối phố Mỹ Thạch Bắc", "Khối phố Trường Đồng", "Khối phố 7"]
VILLAGE = "Khối phố An Thổ"
CITY = "Thành ủy Đà Nẵng"
TAMKY_PARTY = "Đảng ủy phường Tam Kỳ"
TAMKY_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
TAMKY_GOVERNMENT = "Ủy ban nhân dân phường Tam Kỳ"
VILLAGE_FRONT = "Ban công tác Mặt trận Khối phố An Thổ"
HAICHAU_PARTY = "Đảng ủy phường Hải Châu"
SUBMIT = "form button[type=submit]"


def path_of(page) -> str:
    return urlsplit(page.url).path


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def named_link(scope, href_prefix: str, name: str):
    """A link whose text, or one of whose blocks' text, is exactly `name`."""
    a = f'a[href^="{href_prefix}"]'
    return scope.locator(f'{a}:text-is("{name}"), {a}:has(:text-is("{name}"))')


def area_link(scope, name: str):
    return named_link(scope, "/areas/", name)


def unit_link(scope, name: str):
    return named_link(scope, "/units/", name)


def current_unit(page):
    return page.get_by_test_id("current-unit")


def unit_bar_links(page):
    """The ancestors shown before the current unit in the breadcrumb bar."""
    return page.locator("ol.breadcrumb:has([data-testid=current-unit]) a")


def page_title(page):
    return page.locator("main h1")


def submit_and_wait(page, selector: str = SUBMIT) -> None:
    with page.expect_navigation():
        page.click(selector)


# --- logging in and out -----------------------------------------------------------------------


def test_log_in_wrong_password_then_right(journey):
    page = journey.new_page()
    page.goto("/directory/")
    # anonymous visitors are sent to the login page, which remembers where they were going
    assert path_of(page) == "/accounts/login/"
    assert query_of(page)["next"] == ["/directory/"]
    expect(page.locator("#id_username")).to_be_visible()
    expect(current_unit(page)).to_have_count(0)
    journey.shot(page, "1-login-page")

    page.fill("#id_username", "canbo.tamky")
    page.fill("#id_password", "not-the-password")
    submit_and_wait(page)
    assert path_of(page) == "/accounts/login/"
    expect(page.locator("form .alert-danger[role=alert]")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value("canbo.tamky")
    expect(page.locator("#id_password")).to_have_value("")
    expect(current_unit(page)).to_have_count(0)
    expect(page.locator("#mainnav")).to_have_count(0)
    journey.shot(page, "2-wrong-password")

    page.fill("#id_password", journey.password)
    submit_and_wait(page)
    assert path_of(page) == "/directory/"
    expect(page.locator("#id_password")).to_have_count(0)
    expect(current_unit(page)).to_have_text(TAMKY_PARTY)
    expect(page.locator("#q")).to_be_visible()
    journey.shot(page, "3-logged-in")


def test_overview_counts_the_current_units_subtree(journey):
    page = journey.new_page(username="canbo.tamky")
    assert path_of(page) == "/"
    expect(page_title(page)).to_have_text(TAMKY_PARTY)
    # the ward's government, Front and police, the Front's five mass organizations and the
    # Front work committees of its four villages
    stats = page.locator("main .stat")
    expect(stats.first).to_have_text("12")
    counts = [int(text.replace(".", "").replace(",", "")) for text in stats.all_inner_texts()]
    assert sum(counts[1:]) == counts[0], f"the categories do not add up to the total: {counts}"
    assert max(counts[1:]) == 5, f"five mass organizations expected: {counts}"
    journey.shot(page, "1-overview")


def test_log_out(journey):
    page = journey.new_page(username="canbo.danang")
    expect(current_unit(page)).to_have_text(CITY)
    # the account menu holds the logout button (a POST form)
    page.click("#account-menu")
    logout = page.locator('form[action="/accounts/logout/"] button[type=submit]')
    expect(logout).to_be_visible()
    journey.shot(page, "1-account-menu")
    with page.expect_navigation():
        logout.click()
    assert path_of(page) == "/accounts/login/"
    expect(page.locator("#id_username")).to_be_visible()
    expect(current_unit(page)).to_have_count(0)
    journey.shot(page, "2-logged-out")

    # the session is gone: pages ask for a login again
    page.goto("/units/1/")
    assert path_of(page) == "/accounts/login/"
    assert query_of(page)["next"] == ["/units/1/"]


def test_superuser_reaches_the_admin(journey):
    page = journey.new_page(username="admin")
    # a superuser without grants works in the root units in force; only one, so no switcher
    expect(current_unit(page)).to_have_text(CITY)
    expect(page.locator("#switch-unit")).to_have_count(0)
    page.click("#account-menu")
    admin_link = page.locator('#mainnav a[href="/django-admin/"]')
    expect(admin_link).to_be_visible()
    with page.expect_navigation():
        admin_link.click()
    assert path_of(page) == "/django-admin/"
    expect(page.locator("#site-name")).to_be_visible()
    expect(page.locator('a[href="/django-admin/auth/user/"]').first).to_be_visible()
    journey.shot(page, "1-admin-index")


# --- the unit switcher ------------------------------------------------------------------------


def test_switch_unit(journey):
    page = journey.new_page(username="canbo.tamky")
    switcher = page.locator("#switch-unit")
    expect(switcher.locator("option")).to_have_text([TAMKY_PARTY, TAMKY_FRONT])
    party_id = switcher.locator("option", has_text=TAMKY_PARTY).get_attribute("value")
    front_id = switcher.locator("option", has_text=TAMKY_FRONT).get_attribute("value")
    expect(switcher).to_have_value(party_id)
    expect(current_unit(page)).to_have_text(TAMKY_PARTY)
    # the city is shown for orientation, but a commune officer may not open it: no link
    expect(page.locator("ol.breadcrumb:has([data-testid=current-unit])")).to_contain_text(CITY)
    expect(unit_bar_links(page)).to_have_count(0)
    # the switcher submits itself, so app.js hides its button
    expect(page.locator(".unit-switcher button[type=submit]")).to_be_hidden()
    journey.shot(page, "1-party-committee")

    # switching keeps the user on the page they were on
    page.goto("/directory/")
    with page.expect_navigation():
        switcher.select_option(front_id)
    assert path_of(page) == "/directory/"
    expect(current_unit(page)).to_have_text(TAMKY_FRONT)
    expect(unit_bar_links(page)).to_have_text([TAMKY_PARTY])
    expect(switcher).to_have_value(front_id)
    expect(page.locator(".messages .alert-success")).to_contain_text(TAMKY_FRONT)
    my_unit = page.locator(f'#mainnav a.nav-link[href="/units/{front_id}/"]')
    expect(my_unit).to_be_visible()
    journey.shot(page, "2-switched-to-front")

    # the choice is kept in the session and "my unit" follows it
    page.goto("/")
    expect(current_unit(page)).to_have_text(TAMKY_FRONT)
    with page.expect_navigation():
        my_unit.click()
    assert path_of(page) == f"/units/{front_id}/"
    expect(page_title(page)).to_have_text(TAMKY_FRONT)
    expect(page.get_by_test_id("child-units")).to_contain_text(VILLAGE_FRONT)
    journey.shot(page, "3-my-unit-front")

    # the breadcrumb bar leads back to the ancestor unit
    with page.expect_navigation():
        unit_bar_links(page).filter(has_text=TAMKY_PARTY).click()
    assert path_of(page) == f"/units/{party_id}/"
    expect(page_title(page)).to_have_text(TAMKY_PARTY)

    with page.expect_navigation():
        switcher.select_option(party_id)
    expect(current_unit(page)).to_have_text(TAMKY_PARTY)
    expect(switcher).to_have_value(party_id)
    journey.shot(page, "4-switched-back")


# --- the directory ----------------------------------------------------------------------------


def test_browse_province_commune_village_and_units(journey):
    page = journey.new_page(username="canbo.danang")
    page.goto("/directory/")
    provinces = page.get_by_test_id("province-list")
    expect(provinces.locator("a")).to_have_count(34)
    journey.shot(page, "1-directory")

    with page.expect_navigation():
        area_link(provinces, PROVINCE).click()
    expect(page_title(page)).to_have_text(PROVINCE)
    children = page.get_by_test_id("child-areas")
    expect(children.locator("a").first).to_be_visible()
    expect(page.get_by_test_id("area-units")).to_contain_text(CITY)
    journey.shot(page, "2-province")

    # a city has many communes: narrow them down, without diacritics
    page.fill("#child-q", "tam ky")
    with page.expect_navigation():
        page.press("#child-q", "Enter")
    expect(area_link(children, COMMUNE)).to_have_count(1)
    for name in children.locator("a > span:first-child").all_inner_texts():
        assert "Tam Kỳ" in name, name
    journey.shot(page, "3-province-filtered")

    with page.expect_navigation():
        area_link(children, COMMUNE).click()
    expect(page_title(page)).to_have_text(COMMUNE)
    # area breadcrumb: directory › province › commune
    expect(area_link(page.locator("main .breadcrumb"), PROVINCE)).to_be_visible()
    for village in VILLAGES:
        expect(area_link(children, village)).to_be_visible()
    units = page.get_by_test_id("area-units")
    for unit in (TAMKY_PARTY, TAMKY_GOVERNMENT, TAMKY_FRONT):
        expect(unit_link(units, unit)).to_be_visible()
    # the new ward continues former communes (reform of 1 July 2025)
    expect(page.get_by_test_id("predecessors").locator("a").first).to_be_visible()
    journey.shot(page, "4-commune")

    with page.expect_navigation():
        area_link(children, VILLAGE).click()
    expect(page_title(page)).to_have_text(VILLAGE)
    expect(area_link(page.locator("main .breadcrumb"), COMMUNE)).to_be_visible()
    expect(unit_link(page.get_by_test_id("area-units"), VILLAGE_FRONT)).to_be_visible()
    journey.shot(page, "5-village")

    with page.expect_navigation():
        unit_link(page.get_by_test_id("area-units"), VILLAGE_FRONT).click()
    expect(page_title(page)).to_have_text(VILLAGE_FRONT)
    expect(unit_link(page.get_by_test_id("unit-path"), TAMKY_FRONT)).to_be_visible()
    journey.shot(page, "6-village-unit")

    # up to the commune's Party committee: its units, people and steering committee
    with page.expect_navigation():
        unit_link(page.get_by_test_id("unit-path"), TAMKY_PARTY).click()
    expect(page_title(page)).to_have_text(TAMKY_PARTY)
    expect(unit_link(page.get_by_test_id("child-units"), TAMKY_GOVERNMENT)).to_be_visible()
    expect(unit_link(page.get_by_test_id("child-units"), TAMKY_FRONT)).to_be_visible()
    expect(page.get_by_test_id("unit-people")).to_contain_text("Lê Văn Bình")
    expect(page.get_by_test_id("steering-committee")).to_contain_text("Ngô Văn Sơn")
    expect(page.get_by_test_id("unit-pilots").locator("li")).to_contain_text(["Đà Nẵng"])
    journey.shot(page, "7-commune-party-committee")


def test_search_without_diacritics(journey):
    page = journey.new_page(username="canbo.danang")
    page.goto("/directory/")
    results = page.get_by_test_id("search-results")
    expect(results).to_have_count(0)

    # live search (htmx): typing updates the results and the address, without a page load
    page.locator("#q").press_sequentially("tam ky", delay=30)
    expect(area_link(results, COMMUNE)).to_be_visible()
    expect(unit_link(results, TAMKY_PARTY)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/directory/\?q=tam(\+|%20)ky$"))
    expect(page.get_by_test_id("province-list")).to_have_count(0)
    journey.shot(page, "1-live-tam-ky")

    # the plain form works too (a full page load), and ranks the exact name first
    page.fill("#q", "da nang")
    submit_and_wait(page, "form[role=search] button[type=submit]")
    assert query_of(page)["q"] == ["da nang"]
    expect(page.locator("#q")).to_have_value("da nang")
    first_area = results.locator('a[href^="/areas/"]').first
    expect(first_area).to_contain_text(PROVINCE)
    expect(first_area.locator(".badge-legacy")).to_have_count(0)  # the province in force, not the former one
    expect(unit_link(results, CITY)).to_be_visible()
    journey.shot(page, "2-form-da-nang")

    # capitals and missing marks in any combination, straight from the address bar
    page.goto("/directory/?q=KHOI+PHO+AN+THO")
    expect(area_link(results, VILLAGE)).to_be_visible()
    expect(unit_link(results, VILLAGE_FRONT)).to_be_visible()
    journey.shot(page, "3-village-upper-case")

    with page.expect_navigation():
        area_link(results, VILLAGE).click()
    expect(page_title(page)).to_have_text(VILLAGE)


# --- permissions ------------------------------------------------------------------------------


def test_unrelated_commune_officer_gets_404_on_tam_ky_unit(journey):
    # the city's standing-agency officer finds and opens the Tam Kỳ Party committee
    city_page = journey.new_page(username="canbo.danang")
    city_page.goto("/directory/?q=dang+uy+phuong+tam+ky")
    with city_page.expect_navigation():
        unit_link(city_page.get_by_test_id("search-results"), TAMKY_PARTY).click()
    unit_url = city_page.url
    assert re.fullmatch(r"/units/\d+/", path_of(city_page))
    expect(page_title(city_page)).to_have_text(TAMKY_PARTY)
    journey.shot(city_page, "1-city-officer-sees-unit")

    # an officer of Hải Châu ward is outside that subtree: not found, not "forbidden"
    page = journey.new_page(username="canbo.haichau")
    expect(current_unit(page)).to_have_text(HAICHAU_PARTY)
    response = page.goto(unit_url)
    assert response is not None and response.status == 404
    expect(page.get_by_text(TAMKY_PARTY)).to_have_count(0)
    journey.shot(page, "2-commune-officer-404")

    # the area itself is public knowledge, but no Tam Kỳ unit shows up in their search
    page.goto("/directory/?q=tam+ky")
    results = page.get_by_test_id("search-results")
    expect(area_link(results, COMMUNE)).to_be_visible()
    expect(results.locator('a[href^="/units/"]')).to_have_count(0)
    journey.shot(page, "3-commune-officer-search")

    # their own unit is there
    page.goto("/directory/?q=hai+chau")
    with page.expect_navigation():
        unit_link(results, HAICHAU_PARTY).click()
    expect(page_title(page)).to_have_text(HAICHAU_PARTY)


# --- a phone ----------------------------------------------------------------------------------


def test_phone_navbar_collapses_and_pages_stay_usable(journey):
    page = journey.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto("/accounts/login/")
    assert_fits_width(page)
    journey.shot(page, "1-login")
    journey.log_in(page, "canbo.tamky")

    toggler = page.locator(".navbar-toggler")
    menu = page.locator("#mainnav")
    expect(toggler).to_be_visible()
    expect(menu).to_be_hidden()
    expect(page.locator("#switch-unit")).to_be_hidden()
    expect(current_unit(page)).to_have_text(TAMKY_PARTY)
    assert_fits_width(page)
    journey.shot(page, "2-home-collapsed")

    toggler.tap()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))  # the opening animation is over
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#switch-unit")).to_be_visible()
    journey.shot(page, "3-menu-open")

    with page.expect_navigation():
        page.locator('#mainnav a.nav-link[href="/directory/"]').tap()
    assert path_of(page) == "/directory/"
    expect(menu).to_be_hidden()
    page.locator("#q").press_sequentially("tam ky", delay=30)
    results = page.get_by_test_id("search-results")
    expect(area_link(results, COMMUNE)).to_be_visible()
    assert_fits_width(page)
    journey.shot(page, "4-search")

    with page.expect_navigation():
        area_link(results, COMMUNE).tap()
    expect(page_title(page)).to_have_text(COMMUNE)
    expect(area_link(page.get_by_test_id("child-areas"), VILLAGE)).to_be_visible()
    assert_fits_width(page)
    journey.shot(page, "5-commune")

    # the unit switcher works from the collapsed menu too
    toggler.tap()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator("#switch-unit")).to_be_visible()
    with page.expect_navigation():
        page.locator("#switch-unit").select_option(label=TAMKY_FRONT)
    expect(current_unit(page)).to_have_text(TAMKY_FRONT)
    assert_fits_width(page)
    journey.shot(page, "6-switched")


def assert_fits_width(page) -> None:
    """No sideways scrolling: nothing is wider than the phone's screen."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


# --- models and exemplars ---------------------------------------------------------------------

MODEL_NAME = "Đường hoa Khối phố An Thổ – dân tự quản, tự chăm sóc"
MODEL_SEARCH = "duong hoa khoi pho an tho"  # what a hurried officer types: no diacritics


def _photo_bytes() -> bytes:
    """A real JPEG (a green field with a red band), as a phone would upload it."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (76, 140, 74))
    ImageDraw.Draw(image).rectangle((0, 340, 1200, 460), fill=(200, 40, 40))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _act(page, action: str, comment: str = "", level: str | None = None) -> None:
    form = page.get_by_test_id(f"transition-{action}")
    if level is not None:
        form.locator("select[name=level]").select_option(label=level)
    if comment:
        form.locator("input[name=comment]").fill(comment)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_register_report_find_replicate_and_see_lineage(journey):
    # 1. the ward officer registers a model with the items of the registration form
    officer = journey.new_page(username="canbo.tamky")
    officer.goto("/initiatives/")
    with officer.expect_navigation():
        officer.get_by_test_id("register-link").click()
    officer.select_option("#id_owner_unit", label=TAMKY_PARTY)
    officer.fill("#id_name", MODEL_NAME)
    officer.select_option("#id_field", index=2)
    officer.locator("input[name=topics]").first.check()
    officer.fill("#id_situation", "Tuyến đường chính của khối phố nhiều rác, thiếu cây xanh.")
    officer.fill("#id_goals", "Trồng 1,2 km hoa hai bên đường; 100% hộ tham gia giữ vệ sinh.")
    officer.fill("#id_content", "Mỗi hộ nhận chăm sóc đoạn đường trước nhà; tổ tự quản kiểm tra hằng tuần.")
    officer.fill("#id_start_date", "01/03/2026")
    journey.shot(officer, "1-registration-form")
    with officer.expect_navigation():
        officer.get_by_test_id("save-register").click()
    expect(officer.get_by_test_id("initiative-name")).to_have_text(MODEL_NAME)
    expect(officer.get_by_test_id("owner-unit")).to_have_text(TAMKY_PARTY)
    model_path = path_of(officer)
    assert re.fullmatch(r"/initiatives/\d+/", model_path)

    # 2. it starts, and the officer posts a progress update with numbers and a photo
    _act(officer, "start")
    officer.locator("#progress-panel summary").click()
    progress = officer.get_by_test_id("progress-form")
    progress.locator("textarea[name=narrative]").fill("Ra quân trồng hoa lần thứ nhất, 46 hộ tham gia.")
    progress.locator("input[name=people_reached]").fill("180")
    progress.locator("input[name=households_benefiting]").fill("46")
    progress.locator("input[name=money_mobilized]").fill("12.500.000")
    progress.locator("input[type=file]").first.set_input_files(
        files=[{"name": "ra-quan.jpg", "mimeType": "image/jpeg", "buffer": _photo_bytes()}]
    )
    progress.locator("input[name=caption_1]").fill("Ra quân trồng hoa")
    with officer.expect_navigation():
        progress.locator("button[type=submit]").click()
    expect(officer.get_by_test_id("progress-updates").locator("li")).to_have_count(1)
    photo = officer.get_by_test_id("gallery").locator("img").first
    expect(photo).to_be_visible()
    # the thumbnail loads (waited for: "visible" does not mean the bytes have arrived)
    photo.evaluate("(img) => img.complete || new Promise((done) => img.addEventListener('load', done))")
    assert photo.evaluate("(img) => img.naturalWidth") > 0
    expect(officer.get_by_test_id("money-total")).to_contain_text("12.500.000")
    _act(officer, "propose", "Đề nghị Thành ủy công nhận")
    journey.shot(officer, "2-progress-with-photo-proposed")

    # 3. the standing-agency officer of the city finds it, typing without diacritics
    standing = journey.new_page(username="canbo.danang")
    standing.goto("/initiatives/")
    standing.fill("#id_q", MODEL_SEARCH)
    submit_and_wait(standing, "[data-testid=filters] button[type=submit]")
    found = standing.get_by_test_id("initiative-list").locator(f'a[href="{model_path}"]')
    expect(found).to_have_text(MODEL_NAME)
    journey.shot(standing, "3-found-without-diacritics")
    with standing.expect_navigation():
        found.click()

    # 4. recognizes it at the city's level, then replicates it to another ward
    _act(standing, "recognize", "Hiệu quả, dễ nhân rộng", level=CITY)
    expect(standing.get_by_test_id("recognized-level")).to_contain_text(CITY)
    standing.locator("#replicate summary").click()
    replicate = standing.get_by_test_id("replicate-form")
    replicate.locator("#target-search").press_sequentially("hai chau", delay=30)
    expect(replicate.locator(f'#replicate-target option:text-is("{HAICHAU_PARTY}")')).to_have_count(1)
    replicate.locator("#replicate-target").select_option(label=HAICHAU_PARTY)
    # a search answer arriving after the choice keeps it (the page sends the chosen unit along)
    with standing.expect_response(lambda r: "/replicate/targets/" in r.url):
        replicate.locator("#target-search").press_sequentially(" ", delay=30)
    standing.wait_for_load_state("networkidle")
    expect(replicate.locator("#replicate-target option:checked")).to_have_text(HAICHAU_PARTY)
    replicate.locator("textarea[name=comment]").fill("Theo kết luận của Ban Chỉ đạo")
    journey.shot(standing, "4-replicate-to-hai-chau")
    with standing.expect_navigation():
        replicate.locator("button[type=submit]").click()

    # 5. the replica is a draft of Hải Châu linked to its source; the lineage shows the spread
    replica_path = path_of(standing)
    assert replica_path != model_path and re.fullmatch(r"/initiatives/\d+/", replica_path)
    expect(standing.get_by_test_id("owner-unit")).to_have_text(HAICHAU_PARTY)
    expect(standing.get_by_test_id("replicated-from").locator(f'a[href="{model_path}"]')).to_be_visible()
    lineage = standing.get_by_test_id("lineage")
    expect(lineage.locator(f'a[href="{model_path}"]')).to_have_text(TAMKY_PARTY)
    expect(lineage.locator(".lineage-current")).to_contain_text(HAICHAU_PARTY)
    journey.shot(standing, "5-replica-and-lineage")
    standing.goto(model_path)
    expect(standing.get_by_test_id("lineage").locator(f'a[href="{replica_path}"]')).to_have_text(
        HAICHAU_PARTY
    )
    expect(standing.get_by_test_id("transitions")).to_contain_text(HAICHAU_PARTY)
    journey.shot(standing, "6-source-lineage-and-lifecycle")

    # the ward officer of Tam Kỳ sees the spread too; Hải Châu's officer sees the new draft
    officer.goto(model_path)
    expect(officer.get_by_test_id("lineage")).to_contain_text(HAICHAU_PARTY)
    haichau = journey.new_page(username="canbo.haichau")
    haichau.goto(replica_path)
    expect(haichau.get_by_test_id("initiative-name")).to_have_text(MODEL_NAME)
    expect(haichau.get_by_test_id("edit-link")).to_be_visible()
    journey.shot(haichau, "7-hai-chau-receives-the-draft")


# --- appraisal: a round, its council, a flagged member, the results -------------------------------

LATE_FLAGGED = "Dân vận khéo trong chỉnh trang đô thị, xây dựng tuyến phố văn minh Bạch Đằng"
COUNCIL = [("hoidong.danang", "chair"), ("hoidong.long", "member"), ("hoidong.ngoc", "member")]


def _accept_dialogs(page) -> None:
    # closing a round and recusing ask for confirmation (data-confirm)
    page.on("dialog", lambda dialog: dialog.accept())


def _score_every_criterion(page, share: float) -> None:
    for row in page.get_by_test_id("criterion-row").all():
        kind = row.get_attribute("data-kind")
        if kind == "pass_fail":
            row.locator("input[type=radio][value=yes]").check()
        elif kind == "points":
            field = row.locator("input[type=text]")
            maximum = float(field.get_attribute("placeholder").split("–")[-1].strip().replace(",", "."))
            field.fill(str(round(maximum * share, 1)).replace(".", ","))


def test_appraisal_round_with_council_flag_recusal_and_results(journey):
    # 1. the city's standing agency opens a supplementary round with the city's criteria
    agency = journey.new_page(username="canbo.danang")
    _accept_dialogs(agency)
    agency.goto("/appraisal/rounds/")
    with agency.expect_navigation():
        agency.get_by_test_id("new-round").click()
    agency.fill("#id_name", "Thẩm định bổ sung mô hình “Dân vận khéo” năm 2026")
    agency.locator("#id_collective_set").select_option(index=1)
    agency.locator("#id_individual_set").select_option(index=1)
    journey.shot(agency, "1-new-round")
    submit_and_wait(agency, "[data-testid=create-round]")
    round_path = path_of(agency)
    assert re.fullmatch(r"/appraisal/rounds/\d+/", round_path)
    expect(agency.get_by_test_id("round-status")).to_have_attribute("data-status", "draft")

    # 2. gathers the models proposed in its subtree, appoints the council, enters the surveys
    submit_and_wait(agency, "[data-testid=gather-form] button")
    candidates = agency.get_by_test_id("candidate")
    expect(candidates.filter(has_text=LATE_FLAGGED)).to_have_count(1)
    count = candidates.count()
    assert count >= 2
    for username, position in COUNCIL:
        form = agency.get_by_test_id("appoint-form")
        option = form.locator(f'#id_user option:has-text("({username})")')
        form.locator("#id_user").select_option(value=option.get_attribute("value"))
        form.locator("#id_position").select_option(value=position)
        with agency.expect_navigation():
            form.locator("button[type=submit]").click()
    members = agency.get_by_test_id("member")
    expect(members).to_have_count(3)
    # Ngọc belongs to the Hải Châu Party committee, owner of one candidate: flagged at once
    expect(agency.get_by_test_id("member-flag")).to_have_count(1)
    expect(
        agency.locator('[data-testid=member][data-username="hoidong.ngoc"] [data-testid=member-flag]')
    ).to_be_visible()
    expect(candidates.filter(has_text=LATE_FLAGGED).get_by_test_id("conflict-flag")).to_be_visible()
    surveys = agency.get_by_test_id("survey-form").count()  # the collective candidates
    assert surveys >= 1
    for index in range(surveys):
        form = agency.get_by_test_id("survey-form").nth(index)
        form.locator("xpath=ancestor::details[1]/summary").click()
        form.locator("input[name=surveyed]").fill("150")
        form.locator("input[name=satisfied_share]").fill("86,5")
        with agency.expect_navigation():
            form.locator("button[type=submit]").click()
    expect(agency.get_by_test_id("survey").filter(has_text="86,5")).to_have_count(surveys)
    journey.shot(agency, "2-candidates-council-surveys")
    _act(agency, "open", "Hội đồng chấm trong tuần")
    expect(agency.get_by_test_id("round-status")).to_have_attribute("data-status", "scoring")

    # 3. three council members score every candidate on their own; Ngọc recuses where flagged
    recused = []
    for number, (username, _position) in enumerate(COUNCIL, start=1):
        member = journey.new_page(username=username)
        _accept_dialogs(member)
        member.goto(round_path)
        expect(member.get_by_test_id("my-position")).to_be_visible()
        links = [a.get_attribute("href") for a in member.get_by_test_id("score-link").all()]
        assert len(links) == count
        for link in links:
            member.goto(link)
            if member.get_by_test_id("conflict-warning").count():
                recused.append((username, member.get_by_test_id("candidate-name").inner_text()))
                journey.shot(member, f"3-{number}-flagged")
                member.fill("#recuse-reason", "Tôi là Bí thư Đảng ủy phường Hải Châu, đơn vị có mô hình này.")
                with member.expect_navigation():
                    member.get_by_test_id("recuse").click()
                expect(member.get_by_test_id("my-card-status")).to_be_visible()
                continue
            # the others' scores are hidden until this member submits
            expect(member.get_by_test_id("council-cards")).to_have_count(0)
            _score_every_criterion(member, 0.95 if number == 1 else 0.8)
            member.locator("textarea[name=comment]").fill("Hồ sơ đầy đủ, có minh chứng.")
            with member.expect_navigation():
                member.get_by_test_id("submit-card").click()
            expect(member.get_by_test_id("my-card")).to_be_visible()
            if number > 1:
                expect(member.get_by_test_id("council-cards")).to_be_visible()
        journey.shot(member, f"3-{number}-{username}-done")
    assert recused == [("hoidong.ngoc", LATE_FLAGGED)]

    # 4. the standing agency saw progress only; it closes the round: results and proposal list
    agency.goto(round_path)
    expect(agency.get_by_test_id("overall")).to_have_count(0)
    expect(candidates.filter(has_text=LATE_FLAGGED).get_by_test_id("conflict-flag")).to_have_count(0)
    journey.shot(agency, "4-progress-before-closing")
    _act(agency, "close", "Hội đồng đã chấm xong")
    expect(agency.get_by_test_id("round-status")).to_have_attribute("data-status", "closed")
    expect(agency.get_by_test_id("overall")).to_have_count(count)
    with agency.expect_navigation():
        agency.get_by_test_id("results-link").click()
    rows = agency.get_by_test_id("result-row")
    expect(rows).to_have_count(count)
    expect(agency.locator("[data-testid=recommended], [data-testid=typical]").first).to_be_visible()
    expect(rows.filter(has_text=LATE_FLAGGED)).to_have_count(1)
    journey.shot(agency, "5-results")


# --- recognition and commendation decisions -----------------------------------------------------------

DRAFT_MODELS = [  # the two 2026 models the demo's draft city decision lists (danvan.awards.demo)
    "Dân vận khéo trong vận động hiến đất mở rộng đường liên thôn",
    "Dân vận khéo trong phát triển cây sâm Ngọc Linh gắn với giảm nghèo",
]
BOARD_AWARD = "Bằng khen của Ban Thường vụ Thành ủy Đà Nẵng"


def _fill_signature(page, number: str, authority: str, position: str, name: str) -> None:
    page.fill("#id_number", number)
    page.fill("#id_signer_authority", authority)
    page.fill("#id_signer_position", position)
    page.fill("#id_signer_name", name)


def test_decision_recognizes_two_models_marks_one_typical_and_a_commendation_follows(journey):
    from datetime import date

    # 1. the city's standing agency opens the draft 2026 recognition decision of the demo
    agency = journey.new_page(username="canbo.danang")
    agency.goto("/awards/?kind=recognition&status=draft&year=2026")
    with agency.expect_navigation():
        agency.get_by_test_id("decision-link").first.click()
    decision_path = path_of(agency)
    assert re.fullmatch(r"/awards/\d+/", decision_path)
    expect(agency.get_by_test_id("decision-status")).to_have_attribute("data-status", "draft")
    entries = agency.get_by_test_id("entry")
    expect(entries).to_have_count(2)
    for name in DRAFT_MODELS:
        expect(entries.filter(has_text=name)).to_have_count(1)
    journey.shot(agency, "1-draft")

    # 2. it numbers and signs the draft, and marks the first model typical, proposed for commendation
    with agency.expect_navigation():
        agency.get_by_test_id("edit-link").click()
    _fill_signature(agency, "27", "K/T TRƯỞNG BAN", "Phó Trưởng Ban", "Bùi Thị Lan")
    journey.shot(agency, "2-header")
    submit_and_wait(agency, "[data-testid=save-decision]")
    assert path_of(agency) == decision_path
    expect(agency.get_by_test_id("decision-title")).to_contain_text("27-QĐ/BTGDV")
    typical = entries.filter(has_text=DRAFT_MODELS[0])
    typical.locator("input[name=typical]").check()
    typical.locator("input[name=proposed]").check()
    with agency.expect_navigation():
        typical.locator("button[type=submit][data-testid^=mark-save]").click()
    expect(entries.filter(has_text=DRAFT_MODELS[0]).locator("input[name=typical]")).to_be_checked()
    expect(entries.filter(has_text=DRAFT_MODELS[1]).locator("input[name=typical]")).not_to_be_checked()

    # 3. it issues the decision: both models are recognized at the city's level, each with a certificate
    _act(agency, "issue", "Ban hành sau hội nghị thẩm định")
    expect(agency.get_by_test_id("decision-status")).to_have_attribute("data-status", "issued")
    expect(agency.locator("[data-testid^=certificate-]")).to_have_count(2)
    document = agency.request.get(agency.get_by_test_id("docx-link").get_attribute("href"))
    assert document.status == 200 and document.body()[:2] == b"PK"
    certificate = agency.request.get(
        agency.locator("[data-testid^=certificate-]").first.get_attribute("href")
    )
    assert certificate.status == 200 and certificate.headers["content-type"] == "application/pdf"
    journey.shot(agency, "3-issued")
    with agency.expect_navigation():
        named_link(entries.filter(has_text=DRAFT_MODELS[1]), "/initiatives/", DRAFT_MODELS[1]).click()
    expect(agency.get_by_test_id("status").first).to_have_class(re.compile(r"status-recognized"))
    expect(agency.get_by_test_id("years")).to_contain_text("27-QĐ/BTGDV")
    agency.goto("/awards/?year=2026")
    expect(agency.get_by_test_id("funnel-typical")).not_to_have_text("0")
    expect(agency.get_by_test_id("funnel-proposed")).not_to_have_text("0")

    # 4. the typical model's unit is proposed for the city Party board's bằng khen
    agency.goto(decision_path)
    with agency.expect_navigation():
        entries.filter(has_text=DRAFT_MODELS[0]).locator('a[href*="/awards/proposals/new/"]').click()
    form = agency.get_by_test_id("proposal-form")
    form.locator("#id_award_form").select_option(label=BOARD_AWARD)
    form.locator("#id_occasion").fill("Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” năm 2026")
    form.locator("#id_achievements").fill("Vận động 64 hộ hiến 3.200 m² đất mở rộng 1,8 km đường liên thôn.")
    journey.shot(agency, "4-proposal")
    submit_and_wait(agency, "[data-testid=submit-proposal]")
    proposal_path = path_of(agency)
    assert re.fullmatch(r"/awards/proposals/\d+/", proposal_path)
    expect(agency.get_by_test_id("proposal-status")).to_have_attribute("data-status", "submitted")
    proposal_id = proposal_path.strip("/").split("/")[-1]

    # 5. the city's commendation decision grants it, issued by the Party committee itself
    agency.goto("/awards/new/?kind=commendation")
    agency.locator("#id_level").select_option(label=CITY)
    agency.locator("#id_award_form").select_option(label=BOARD_AWARD)
    agency.fill("#id_date", date.today().strftime("%d/%m/%Y"))
    submit_and_wait(agency, "[data-testid=create-decision]")
    assert re.fullmatch(r"/awards/\d+/edit/", path_of(agency))
    _fill_signature(agency, "312", "T/M BAN THƯỜNG VỤ", "Phó Bí thư Thường trực", "Trần Minh Quang")
    agency.fill("#id_citation", "trong phong trào thi đua “Dân vận khéo” năm 2026")
    submit_and_wait(agency, "[data-testid=save-decision]")
    agency.get_by_test_id(f"candidate-{proposal_id}").check()
    submit_and_wait(agency, "[data-testid=add-entries]")
    expect(agency.get_by_test_id("entry")).to_have_count(1)
    _act(agency, "issue")
    expect(agency.get_by_test_id("decision-status")).to_have_attribute("data-status", "issued")
    expect(agency.get_by_test_id("decision-title")).to_contain_text("312-QĐ/TU")
    journey.shot(agency, "5-commendation")
    agency.goto(proposal_path)
    expect(agency.get_by_test_id("proposal-status")).to_have_attribute("data-status", "granted")

    # 6. the ward that owns neither model sees neither decision; on a phone the list still fits
    stranger = journey.new_page(username="canbo.haichau", viewport={"width": 390, "height": 844})
    response = stranger.goto(decision_path)
    assert response.status == 404
    stranger.goto("/awards/")
    assert_fits_width(stranger)
    journey.shot(stranger, "6-phone-list")


# --- dashboards --------------------------------------------------------------------------------------


def _figure(page, code: str):
    return page.locator(f'[data-testid=figure][data-metric="{code}"]')


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text) or 0)


def test_dashboard_of_the_city_a_ward_and_a_village_drills_down_to_the_lists(journey):
    # 1. the city: key figures, warnings, charts drawn on the server, the map, the wards below
    page = journey.new_page(username="canbo.danang")
    page.goto("/")
    with page.expect_navigation():
        page.get_by_test_id("nav-dashboard").click()
    expect(page.get_by_test_id("dashboard-unit")).to_have_text(CITY)
    registered = _figure(page, "initiatives.registered")
    expect(registered).to_be_visible()
    count = _number(registered.get_by_test_id("figure-value").inner_text())
    assert count > 0
    expect(page.locator("figure.dv-chart svg").first).to_be_visible()
    expect(page.get_by_test_id("map").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("warnings")).to_be_visible()
    journey.shot(page, "1-city")
    # the figures behind the map, a table under it (for screen readers, and to copy them)
    figures = page.get_by_test_id("map").locator("details.dv-chart-data")
    figures.locator("summary").click()
    places = figures.locator("tbody th[scope=row]")
    expect(places.first).to_be_visible()
    assert places.count() == figures.locator("tbody td.text-end").count() >= 1
    figures.scroll_into_view_if_needed()
    journey.shot(page, "1-city-map-figures")

    # the 2021–2025 targets, judged now that their period is over; a missed one drills down
    # to the units that fall short of it
    page.goto("/dashboard/?year=2025")
    missed = page.locator('[data-testid=targets] [data-testid=target-row][data-status="missed"]')
    expect(missed.first).to_be_visible()
    expect(page.get_by_test_id("warning-targets").locator("a")).to_have_count(missed.count())
    journey.shot(page, "1-city-2025-targets")
    with page.expect_navigation():
        missed.first.get_by_test_id("target-link").click()
    expect(page.get_by_test_id("target-title")).to_be_visible()
    short = page.locator("[data-testid=units-short] li, [data-testid=child-row][data-short]")
    assert short.count() >= 1
    journey.shot(page, "1-missed-target-units-short")
    page.goto("/dashboard/")

    # 2. the figure opens exactly the models it counts
    with page.expect_navigation():
        registered.get_by_test_id("figure-value").locator("a").click()
    assert path_of(page) == "/initiatives/"
    assert query_of(page)["metric"] == ["initiatives.registered"]
    expect(page.get_by_test_id("metric-filter")).to_be_visible()
    rows = page.locator("table tbody tr")
    if count <= 25:
        expect(rows).to_have_count(count)
    journey.shot(page, "2-list-behind-the-figure")

    # 3. a ward, from the table of the units below the city (the most models first)
    page.go_back()
    with page.expect_navigation():
        page.get_by_test_id("children").locator(f'a:text-is("{TAMKY_PARTY}")').click()
    expect(page.get_by_test_id("dashboard-unit")).to_have_text(TAMKY_PARTY)
    expect(page.get_by_test_id("dashboard-ancestors")).to_contain_text(CITY)
    ward_count = _number(_figure(page, "initiatives.registered").get_by_test_id("figure-value").inner_text())
    assert ward_count <= count
    journey.shot(page, "3-ward")

    # 4. down to a village: its Front committee under the ward's Front
    with page.expect_navigation():
        page.get_by_test_id("children").locator(f'a:text-is("{TAMKY_FRONT}")').click()
    with page.expect_navigation():
        page.get_by_test_id("children").locator(f'a:text-is("{VILLAGE_FRONT}")').click()
    expect(page.get_by_test_id("dashboard-unit")).to_have_text(VILLAGE_FRONT)
    journey.shot(page, "4-village")

    # 5. the ward's officer sees the ward on a phone, and not the city
    phone = journey.new_page(username="canbo.tamky", viewport={"width": 390, "height": 844})
    phone.goto("/dashboard/")
    expect(phone.get_by_test_id("dashboard-unit")).to_have_text(TAMKY_PARTY)
    assert_fits_width(phone)
    journey.shot(phone, "5-ward-on-a-phone")


def test_the_whole_country_for_the_system_administrator(journey):
    """The system administrator climbs from the city to the country: every province, their sum."""
    page = journey.new_page(username="admin")
    page.goto("/dashboard/")
    expect(page.get_by_test_id("dashboard-unit")).to_have_text(CITY)
    city = _number(_figure(page, "initiatives.registered").get_by_test_id("figure-value").inner_text())
    with page.expect_navigation():
        page.get_by_test_id("country-link").click()
    expect(page.get_by_test_id("dashboard-unit")).to_have_text("Cả nước")
    country = _number(_figure(page, "initiatives.registered").get_by_test_id("figure-value").inner_text())
    assert country >= city > 0
    expect(page.get_by_test_id("map").locator("svg")).to_be_visible()
    expect(page.locator("figure.dv-chart svg").first).to_be_visible()
    journey.shot(page, "country")
    with page.expect_navigation():
        page.get_by_test_id("children").locator(f'a:text-is("{CITY}")').click()
    expect(page.get_by_test_id("dashboard-unit")).to_have_text(CITY)
    # an officer of the city does not see the country
    officer = journey.new_page(username="canbo.danang")
    officer.goto("/dashboard/")
    expect(officer.get_by_test_id("country-link")).to_have_count(0)
    assert officer.goto("/dashboard/country/").status == 404
