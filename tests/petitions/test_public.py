"""The public side of petitions, through the pages (no account): sending a petition, the
confirmation with its tracking code, tracking it, the officer's answer, the citizen confirming or
reopening; and abuse resistance — CSRF, the honeypot, the quota per address, the rate of
look-ups, size limits, escaping, and a denunciation's tracking page that names nobody.

The officer who answers is tiepdan.tamky (petition handler at Ủy ban nhân dân phường Tam Kỳ)."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from danvan.geo.models import Area, AreaLevel, Era
from danvan.orgs.models import Unit
from danvan.petitions import public_forms, services
from danvan.petitions.models import Petition, PetitionAttachment, PetitionEvent
from danvan.petitions.public_views import SENT_KEY, public_view
from danvan.petitions.workflow import PetitionStatus

pytestmark = pytest.mark.django_db

S = PetitionStatus
SUBMIT = "/public/petitions/new/"
NAME, PHONE, EMAIL = "Phan Thị Hồng Nhung", "0935777888", "nhung.phan@example.vn"
ID_NUMBER = "049198012345"
REPLY = "Phường đã giao Tổ công tác thu gom rác dọc kênh trong tuần này và sẽ lắp thêm thùng rác."


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the look-up counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def handler(db):
    return get_user_model().objects.get(username="tiepdan.tamky")


@pytest.fixture
def ward(db):
    """Phường Tam Kỳ (Đà Nẵng) in force, and its province."""
    area = Area.objects.get(name="Phường Tam Kỳ", level=AreaLevel.COMMUNE, era=Era.CURRENT)
    return area


@pytest.fixture
def province(ward):
    return ward.parent_area()


def form_data(province, ward, **changes) -> dict:
    data = {
        "kind": "recommendation",
        "topic": "environment",
        "subject": "Rác thải tồn đọng dọc kênh Tam Kỳ",
        "content": "Rác thải tồn đọng nhiều ngày dọc kênh, gây mùi hôi. Đề nghị phường thu gom.",
        "province": str(province.pk),
        "area": str(ward.pk),
        "location": "Khối phố An Thổ",
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "20",
        "person-0-name": NAME,
        "person-0-phone": PHONE,
        "person-0-email": EMAIL,
        "person-0-address": "Khối phố An Thổ, phường Tam Kỳ",
        "person-0-id_number": ID_NUMBER,
        "website": "",
    }
    data.update(changes)
    return data


def send(client, province, ward, **changes):
    return client.post(SUBMIT, form_data(province, ward, **changes))


def sent_code(client) -> str:
    return client.session[SENT_KEY]


# --- the whole flow ------------------------------------------------------------------------------


def test_a_citizen_sends_tracks_and_confirms_a_recommendation(province, ward, handler):
    citizen = Client()
    assert citizen.get(SUBMIT).status_code == 200
    response = send(citizen, province, ward)
    assert response.status_code == 302 and response["Location"] == "/public/petitions/sent/"
    petition = Petition.objects.get(code=sent_code(citizen))

    # routed to the competent unit of the ward, received today, online, processing step started
    assert petition.unit == Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
    assert petition.channel == "online" and petition.received_on == timezone.localdate()
    assert petition.status == S.RECEIVED and petition.due_on is not None
    assert petition.petitioners[0]["name"] == NAME and petition.source

    page = citizen.get("/public/petitions/sent/").content.decode()
    assert petition.code in page
    assert petition.due_on.strftime("%d/%m/%Y") in page
    assert reverse("public_petitions:status", args=[petition.code]) in page

    # tracking: received, the due date, the reply of the reception
    status_url = f"/public/petitions/track/{petition.code}/"
    response = citizen.get("/public/petitions/track/", {"code": petition.code.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == status_url
    page = citizen.get(status_url).content.decode()
    assert 'data-status="received"' in page
    assert petition.due_on.strftime("%d/%m/%Y") in page
    assert 'data-testid="feedback"' not in page  # nothing to confirm yet

    # the officer answers
    services.transition(
        petition, "answer", actor=handler, reply=REPLY, comment="Đã kiểm tra thực địa ngày 3/3."
    )
    page = citizen.get(status_url).content.decode()
    assert 'data-status="resolved"' in page and REPLY in page
    assert "Đã kiểm tra thực địa" not in page  # the internal comment is not shown
    assert 'data-testid="feedback"' in page

    # the citizen confirms: closed
    response = citizen.post(f"{status_url}feedback/", {"answer": "confirm"})
    assert response.status_code == 302 and response["Location"] == status_url
    petition.refresh_from_db()
    assert petition.status == S.CLOSED and petition.satisfied is True
    page = citizen.get(status_url).content.decode()
    assert 'data-testid="public-status" data-status="closed"' in page
    assert 'data-testid="feedback"' not in page


def test_the_citizen_reopens_with_an_explanation(province, ward, handler):
    citizen = Client()
    send(citizen, province, ward)
    petition = Petition.objects.get(code=sent_code(citizen))
    services.transition(petition, "answer", actor=handler, reply=REPLY)
    url = f"/public/petitions/track/{petition.code}/feedback/"

    # without an explanation: a clear message, nothing changed
    response = citizen.post(url, {"answer": "reopen", "explanation": "  "})
    assert response.status_code == 400
    assert vi("Explain what is still not resolved.") in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == S.RESOLVED and petition.reopened == 0

    response = citizen.post(url, {"answer": "reopen", "explanation": "Rác vẫn còn ở đoạn cuối kênh."})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == S.RECEIVED and petition.reopened == 1 and petition.satisfied is False
    assert petition.due_on is not None
    event = petition.events.get(action="reopen")
    assert event.by_citizen and event.comment == "Rác vẫn còn ở đoạn cuối kênh."
    page = citizen.get(f"/public/petitions/track/{petition.code}/").content.decode()
    assert 'data-testid="public-status" data-status="received"' in page
    assert vi("You said that the problem was not resolved; the petition was reopened.") in page


def test_feedback_on_a_petition_not_resolved_is_refused_and_changes_nothing(province, ward):
    citizen = Client()
    send(citizen, province, ward)
    petition = Petition.objects.get(code=sent_code(citizen))
    events = PetitionEvent.objects.count()
    for answer in ("confirm", "reopen"):
        response = citizen.post(
            f"/public/petitions/track/{petition.code}/feedback/",
            {"answer": answer, "explanation": "Chưa xong"},
        )
        assert response.status_code == 400
        assert vi("This petition is not waiting for your answer.") in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == S.RECEIVED and petition.satisfied is None
    assert PetitionEvent.objects.count() == events
    # an unknown answer is refused too
    response = citizen.post(f"/public/petitions/track/{petition.code}/feedback/", {"answer": "close"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == S.RECEIVED


def test_the_pages_are_public_and_calm(province, ward):
    anonymous = Client()
    for url in ("/public/petitions/", SUBMIT, "/public/petitions/track/"):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        # no officer navigation for an anonymous visitor
        assert 'data-testid="nav-reports"' not in page and "account-menu" not in page
        assert 'href="/public/petitions/"' in page  # the brand leads back to the public side
    # the login page links here
    assert 'href="/public/petitions/"' in anonymous.get("/accounts/login/").content.decode()
    # the kinds are explained
    page = anonymous.get(SUBMIT).content.decode()
    with translation.override("vi"):
        explanations = [str(text) for text in public_forms.KIND_HELP.values()]
    for text in explanations:
        assert text in page


def test_a_logged_in_officer_sees_the_same_public_pages(province, ward, owner):
    officer = Client()
    officer.force_login(owner)
    assert officer.get(SUBMIT).status_code == 200


def test_the_communes_of_a_province(province, ward):
    response = Client().get("/public/petitions/new/communes/", {"province": province.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{ward.pk}">Phường Tam Kỳ</option>' in page
    expected = Area.objects.active().filter(level=AreaLevel.COMMUNE, path__startswith=province.path).count()
    assert page.count("<option value=") == expected + 1
    # legacy areas and bad input give no commune
    legacy = Area.objects.filter(era=Era.LEGACY, level=AreaLevel.PROVINCE).first()
    for bad in (legacy.pk, ward.pk, "abc", "99999999999999999999", ""):
        page = Client().get("/public/petitions/new/communes/", {"province": bad}).content.decode()
        assert page.count("<option") == 1, bad


def test_provinces_are_the_34_in_force():
    assert public_forms.provinces().count() == 34


def test_without_javascript_the_province_button_shows_its_communes(province, ward):
    data = form_data(province, ward, pick_province="1")
    del data["area"]
    before = Petition.objects.count()
    response = Client().post(SUBMIT, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{ward.pk}">Phường Tam Kỳ</option>' in page
    assert "Rác thải tồn đọng dọc kênh Tam Kỳ" in page  # what was typed is kept
    assert 'data-testid="form-invalid"' not in page  # and not judged yet
    assert Petition.objects.count() == before


def test_a_joint_petition(province, ward):
    citizen = Client()
    response = citizen.post(SUBMIT, form_data(province, ward, add_person="1"))
    page = response.content.decode()
    assert page.count('data-testid="person-row"') == 2
    assert 'name="person-TOTAL_FORMS" value="2"' in page
    assert NAME in page
    data = form_data(province, ward, **{"person-TOTAL_FORMS": "3", "person-1-name": "Trần Văn Quý"})
    assert citizen.post(SUBMIT, data).status_code == 302
    petition = Petition.objects.get(code=sent_code(citizen))
    assert [p["name"] for p in petition.petitioners] == [NAME, "Trần Văn Quý"]  # the empty row is ignored
    assert petition.petitioner_count == 2


def test_attachments_are_kept(province, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    citizen = Client()
    data = form_data(province, ward)
    data["files"] = [
        SimpleUploadedFile("anh.png", _png(), content_type="image/png"),
        SimpleUploadedFile("don.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf"),
    ]
    assert citizen.post(SUBMIT, data).status_code == 302
    petition = Petition.objects.get(code=sent_code(citizen))
    assert sorted(a.original_name for a in petition.attachments.all()) == ["anh.png", "don.pdf"]
    # and never shown on the tracking page
    page = citizen.get(f"/public/petitions/track/{petition.code}/").content.decode()
    assert "anh.png" not in page and "don.pdf" not in page


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


# --- bad input stores nothing ----------------------------------------------------------------------


def _refused(client, data, files=None, *, status=200) -> str:
    before = (Petition.objects.count(), PetitionAttachment.objects.count(), PetitionEvent.objects.count())
    response = client.post(SUBMIT, {**data, **(files or {})})
    assert response.status_code == status, response.content[:300]
    after = (Petition.objects.count(), PetitionAttachment.objects.count(), PetitionEvent.objects.count())
    assert after == before
    return response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"subject": ""}, "This field is required."),
        ({"subject": "x" * 256}, None),
        ({"content": "x" * 20001}, None),
        ({"location": "x" * 256}, None),
        ({"kind": "petition"}, None),
        ({"kind": ""}, "This field is required."),
        ({"topic": "weather"}, None),
        ({"area": ""}, "This field is required."),
        ({"area": "999999999"}, None),
        ({"person-0-name": ""}, "This field is required."),
        ({"person-0-email": "not-an-email"}, None),
        ({"person-0-phone": "09x-abc"}, "The phone number may only contain digits."),
        ({"person-0-id_number": "04919-80"}, "The ID number may only contain letters and digits."),
        (
            {"person-0-phone": "", "person-0-email": "", "person-0-address": ""},
            "Give your address, phone number or e-mail address, so that the answer can reach you.",
        ),
        ({"person-TOTAL_FORMS": "25"}, None),
        ({"person-TOTAL_FORMS": "x"}, None),
    ],
)
def test_bad_input_gets_a_message_and_stores_nothing(province, ward, changes, message):
    page = _refused(Client(), form_data(province, ward, **changes))
    assert 'data-testid="form-invalid"' in page or 'data-testid="form-error"' in page
    if message:
        assert vi(message) in page


def test_a_commune_of_another_province_is_refused(province, ward):
    other = Area.objects.get(name="Thành phố Hà Nội", era=Era.CURRENT)
    data = form_data(province, ward)
    data["province"] = str(other.pk)
    page = _refused(Client(), data)
    assert 'data-testid="form-invalid"' in page


def test_more_than_20_petitioners_are_refused(province, ward):
    data = form_data(province, ward, **{"person-TOTAL_FORMS": "21"})
    for i in range(21):
        data[f"person-{i}-name"] = f"Người thứ {i}"
        data[f"person-{i}-address"] = "Tam Kỳ"
    page = _refused(Client(), data)
    assert vi("At most %(n)s petitioners can be listed on this form.", n=20) in page


def test_too_many_or_bad_files_are_refused(province, ward, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    six = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n", content_type="application/pdf") for i in range(6)]
    page = _refused(Client(), form_data(province, ward), {"files": six})
    assert vi("At most %(n)s files can be attached.", n=5) in page
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    page = _refused(Client(), form_data(province, ward), {"files": [big]})
    assert vi("“%(name)s” is larger than 10 MB.", name="big.pdf") in page
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    page = _refused(Client(), form_data(province, ward), {"files": [fake]})
    assert 'data-testid="form-error"' in page
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_honeypot_stores_nothing(province, ward):
    page = _refused(Client(), form_data(province, ward, website="http://spam.example"), status=400)
    assert vi("The petition could not be sent.") in page


def test_the_form_needs_the_csrf_token(province, ward):
    client = Client(enforce_csrf_checks=True)
    before = Petition.objects.count()
    assert client.post(SUBMIT, form_data(province, ward)).status_code == 403
    assert Petition.objects.count() == before
    # with the token from the form, it goes through
    page = client.get(SUBMIT).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(SUBMIT, {**form_data(province, ward), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Petition.objects.count() == before + 1


def test_the_feedback_form_needs_the_csrf_token(province, ward, handler):
    citizen = Client()
    send(citizen, province, ward)
    petition = Petition.objects.get(code=sent_code(citizen))
    services.transition(petition, "answer", actor=handler, reply=REPLY)
    attacker = Client(enforce_csrf_checks=True)
    response = attacker.post(f"/public/petitions/track/{petition.code}/feedback/", {"answer": "confirm"})
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.status == S.RESOLVED


# --- limits ----------------------------------------------------------------------------------------


def test_the_quota_per_address(province, ward, settings):
    settings.DANVAN_PUBLIC_PETITIONS_PER_HOUR = 2
    here = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(2):
        assert send(here, province, ward, subject=f"Đơn số {i}").status_code == 302
    page = _refused(here, form_data(province, ward, subject="Đơn thứ ba"), status=429)
    assert 'data-testid="form-error"' in page
    # another address is not affected
    assert send(Client(REMOTE_ADDR="203.0.113.8"), province, ward).status_code == 302
    # the address is stored hashed, not in clear
    assert not Petition.objects.filter(source__contains="203.0.113").exists()


def test_look_ups_are_rate_limited_per_address(province, ward, settings):
    settings.DANVAN_PUBLIC_LOOKUPS_PER_MINUTE = 3
    citizen = Client(REMOTE_ADDR="198.51.100.4")
    send(citizen, province, ward)
    url = f"/public/petitions/track/{sent_code(citizen)}/"
    guesses = ["AAAA-BBBB-CC", "AAAA-BBBB-CD"]
    assert citizen.get(url).status_code == 200
    assert [citizen.get(f"/public/petitions/track/{g}/").status_code for g in guesses] == [404, 404]
    response = citizen.get(url)
    assert response.status_code == 429
    assert 'data-testid="rate-limited"' in response.content.decode()
    # the feedback form counts too
    assert citizen.post(f"{url}feedback/", {"answer": "confirm"}).status_code == 429
    # another address still may look
    assert Client(REMOTE_ADDR="198.51.100.5").get(url).status_code == 200


def test_the_look_up_counter_starts_again_each_minute(settings):
    settings.DANVAN_PUBLIC_LOOKUPS_PER_MINUTE = 2
    assert [public_forms.lookup_allowed("s", now=600.0) for _ in range(3)] == [True, True, False]
    assert public_forms.lookup_allowed("s", now=660.0)
    assert public_forms.lookup_allowed("other", now=600.0)


# --- tracking codes ---------------------------------------------------------------------------------


def test_an_unknown_code_is_a_404_with_a_message():
    response = Client().get("/public/petitions/track/AAAA-BBBB-CC/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="not-found"' in page
    assert (
        vi(
            "No petition has this tracking code. Check the code (10 letters and digits, e.g. K7QM-3XPA-92) "
            "and try again."
        )
        in page
    )


@pytest.mark.parametrize("code", ["", "ABC", "AAAA-BBBB-C0", "AAAA-BBBB-CCC", "<script>", "ĐĐĐĐ-BBBB-CC"])
def test_a_malformed_code_gets_a_message(code):
    response = Client().get("/public/petitions/track/", {"code": code})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<script>" not in page
    assert 'data-testid="track-form"' in page and "invalid-feedback" in page


def test_a_malformed_code_in_the_address_is_a_404():
    for code in ("abc", "AAAA-BBBB-C0", "%3Cscript%3E"):
        response = Client().get(f"/public/petitions/track/{code}/")
        assert response.status_code == 404
        assert "<script>" not in response.content.decode()


def test_the_code_in_any_spelling_leads_to_its_page(province, ward):
    citizen = Client()
    send(citizen, province, ward)
    code = sent_code(citizen)
    response = citizen.get(f"/public/petitions/track/{code.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/public/petitions/track/{code}/"


def test_the_confirmation_page_needs_a_petition_just_sent():
    response = Client().get("/public/petitions/sent/")
    assert response.status_code == 302 and response["Location"] == SUBMIT


# --- what the public side never shows ----------------------------------------------------------------


def test_a_denunciation_s_tracking_page_names_nobody(province, ward, handler):
    citizen = Client()
    response = send(citizen, province, ward, kind="denunciation", subject="Cán bộ địa chính nhận tiền")
    assert response.status_code == 302
    petition = Petition.objects.get(code=sent_code(citizen))
    assert petition.kind == "denunciation"
    services.transition(petition, "assign", actor=_leader(), data={"handler": handler.pk})
    services.transition(petition, "accept", actor=handler, reply="Đơn tố cáo đã được thụ lý.")
    for url in ("/public/petitions/sent/", f"/public/petitions/track/{petition.code}/"):
        page = citizen.get(url).content.decode()
        for secret in (NAME, PHONE, EMAIL, ID_NUMBER, "Phan Thị", "An Thổ, phường"):
            assert secret not in page, (url, secret)
        # nor the officer handling it
        assert handler.get_full_name() not in page and handler.username not in page
    assert "Đơn tố cáo đã được thụ lý." in page


def _leader():
    return get_user_model().objects.get(username="lanhdao.danang")


def test_the_public_view_carries_no_personal_data(province, ward, handler):
    citizen = Client()
    send(citizen, province, ward)
    petition = Petition.objects.get(code=sent_code(citizen))
    services.transition(petition, "note", actor=handler, comment="Ghi chú nội bộ: gọi điện cho bà Nhung.")
    view = public_view(petition)
    text = repr(view)
    for secret in (NAME, PHONE, EMAIL, ID_NUMBER, "Ghi chú nội bộ", handler.username):
        assert secret not in text
    assert set(view) == {
        "code",
        "kind",
        "kind_label",
        "topic",
        "topic_label",
        "subject",
        "status",
        "status_label",
        "received_on",
        "due_on",
        "deadline",
        "unit",
        "resolved_on",
        "awaiting_feedback",
        "satisfied",
        "events",
    }


def test_html_in_the_subject_is_shown_escaped(province, ward, handler):
    citizen = Client()
    evil = '<script>alert("x")</script><b>Rác</b>'
    send(citizen, province, ward, subject=evil, content=f"{evil} nội dung")
    petition = Petition.objects.get(code=sent_code(citizen))
    assert petition.subject == evil  # stored as typed, escaped when shown
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Rác&lt;/b&gt;"
    for page in (
        citizen.get("/public/petitions/sent/").content.decode(),
        citizen.get(f"/public/petitions/track/{petition.code}/").content.decode(),
    ):
        assert escaped in page and "<script>alert" not in page
    officer = Client()
    officer.force_login(handler)
    response = officer.get(f"/petitions/{petition.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert escaped in page and "<script>alert" not in page


def test_pages_send_the_strict_content_security_policy():
    response = Client().get(SUBMIT)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = response.content.decode()
    # no inline script or style in the public pages
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page


def test_the_status_page_is_the_same_for_every_persona(province, ward, personas):
    """A public page: an officer's session shows no more (no petitioner, no officer action)."""
    citizen = Client()
    send(citizen, province, ward)
    url = f"/public/petitions/track/{sent_code(citizen)}/"
    pages = {}
    for name, client in personas.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = response.content.decode()
        main = page[page.index('<main id="main"') : page.index("</main>")]
        assert NAME not in main and PHONE not in main and "petitions:act" not in main
        pages[name] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    assert len(set(pages.values())) == 1


def test_the_status_page_runs_a_constant_number_of_queries(
    province, ward, handler, django_assert_max_num_queries
):
    citizen = Client()
    send(citizen, province, ward)
    petition = Petition.objects.get(code=sent_code(citizen))
    url = f"/public/petitions/track/{petition.code}/"
    citizen.get(url)  # warm the deadline rules and the calendar

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert citizen.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(10):  # internal notes and public events, replies and the citizen's answers
        services.transition(petition, "note", actor=handler, comment=f"Ghi chú {i}")
        services.transition(petition, "answer", actor=handler, reply=f"Trả lời lần {i}")
        services.citizen_action(petition, "reopen", explanation=f"Chưa xong lần {i}")
    assert len(services.public_events(petition)) == 21
    with django_assert_max_num_queries(few):
        assert citizen.get(url).status_code == 200
