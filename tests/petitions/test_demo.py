"""The demo petitions: created through the services, each in the state the demo promises."""

from datetime import date

from danvan.petitions.demo import seed_petitions_demo
from danvan.petitions.models import HotSpot, Petition


def test_the_demo_petitions_show_each_state(db):
    today = date(2026, 12, 7)
    assert seed_petitions_demo(today) == 8
    assert seed_petitions_demo(today) == 0  # idempotent
    by_subject = {p.subject: p for p in Petition.objects.filter(unit__name__contains="Tam Kỳ")}
    assert by_subject["Đề nghị lắp đèn chiếu sáng kiệt 42 Phan Châu Trinh"].status == "closed"
    land = by_subject["Khiếu nại việc xác định diện tích đất bị thu hồi"]
    assert land.status == "accepted" and land.is_overdue(today)
    assert by_subject["Khiếu nại đơn giá bồi thường dự án khu dân cư Trường Xuân"].is_mass
    assert (
        by_subject["Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục"].petitioners[0]["name"]
        == "Võ Minh Tuấn"
    )
    assert by_subject["Đề nghị sửa chữa Quốc lộ 1 đoạn qua phường"].status == "forwarded"
    spot = HotSpot.objects.get(area__name="Phường Tam Kỳ")
    assert spot.status == "cleared"
    assert (spot.declared_on, spot.cleared_on) == (date(2025, 9, 15), date(2025, 12, 20))
