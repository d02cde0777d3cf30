"""Demo petitions: what phường Tam Kỳ's citizen-reception officer (tiepdan.tamky) finds on a
working day — a recommendation answered and confirmed by the citizen, feedback just received, a
land complaint past its resolution deadline, a resolved complaint in its appeal window, a
confidential denunciation, a mass petition on compensation, one forwarded elsewhere — and one
petition of phường Hải Châu. Everything goes through the services, dated relative to today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.orgs.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionEvent

TAMKY = "Ủy ban nhân dân phường Tam Kỳ"
HAICHAU = "Ủy ban nhân dân phường Hải Châu"


def demo_present() -> bool:
    return Petition.objects.filter(unit__name=TAMKY).exists()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _dated(petition: Petition, day: date) -> None:
    """Date the last event of the petition on `day` (services log "now")."""
    event = petition.events.order_by("-pk").first()
    PetitionEvent.objects.filter(pk=event.pk).update(at=_at(day))


def seed_petitions_demo(today: date | None = None) -> int:
    if demo_present():
        return 0
    today = today or timezone.localdate()
    User = get_user_model()
    handler = User.objects.get(username="tiepdan.tamky")
    admin = User.objects.get(username="admin")
    tamky = Unit.objects.get(name=TAMKY)
    haichau = Unit.objects.filter(name=HAICHAU).first()

    def record(days_ago, kind, subject, content, people, topic="other", actor=handler, unit=tamky, **extra):
        received = today - timedelta(days=days_ago)
        petition = services.record_petition(
            {
                "kind": kind,
                "topic": topic,
                "subject": subject,
                "content": content,
                "area": unit.area,
                "channel": extra.pop("channel", "direct"),
                "received_on": received,
                "unit": unit,
                "petitioners": people,
                **extra,
            },
            actor=actor,
            today=received,
            confirm_duplicate=True,
        )
        _dated(petition, received)
        return petition

    def act(petition, days_ago, action, actor=handler, **kwargs):
        day = today - timedelta(days=days_ago)
        petition = services.transition(petition, action, actor=actor, today=day, **kwargs)
        _dated(petition, day)
        return petition

    with transaction.atomic():
        made = []
        p = record(
            24,
            "recommendation",
            "Đề nghị lắp đèn chiếu sáng kiệt 42 Phan Châu Trinh",
            "Kiệt 42 dài khoảng 200 m, không có đèn chiếu sáng, người dân đi lại buổi tối rất khó khăn.",
            [
                {
                    "name": "Nguyễn Văn Hòa",
                    "phone": "0905111222",
                    "address": "Kiệt 42 Phan Châu Trinh, khối phố 4",
                }
            ],
            topic="construction",
            channel="reception",
        )
        p = act(p, 17, "answer", reply="UBND phường đã lắp 6 bóng đèn LED dọc kiệt 42 ngày 12 vừa qua.")
        p = services.citizen_action(
            p, "confirm", explanation="Đèn đã sáng, cảm ơn phường.", today=today - timedelta(days=15)
        )
        _dated(p, today - timedelta(days=15))
        made.append(p)

        made.append(
            record(
                3,
                "feedback",
                "Rác thải tồn đọng ở bờ kênh khối phố 7",
                "Rác thải sinh hoạt đổ dọc bờ kênh khối phố 7 nhiều ngày chưa được thu gom, bốc mùi hôi.",
                [{"name": "Trần Thị Thu", "phone": "0935777888", "address": "Khối phố 7, phường Tam Kỳ"}],
                topic="environment",
            )
        )

        p = record(
            60,
            "complaint",
            "Khiếu nại việc xác định diện tích đất bị thu hồi",
            "Ông khiếu nại Quyết định thu hồi đất vì diện tích thu hồi ghi 120 m², thực tế 145 m².",
            [
                {
                    "name": "Lê Văn Sang",
                    "phone": "0914222333",
                    "id_number": "049080001122",
                    "address": "Khối phố 2",
                }
            ],
            topic="land",
            is_backlog=True,
        )
        p = act(p, 52, "accept", reply="UBND phường đã thụ lý đơn khiếu nại của ông.")
        p = act(
            p,
            40,
            "note",
            comment="Đã đo đạc lại hiện trạng cùng Văn phòng đăng ký đất đai; chờ kết quả trích đo.",
        )
        made.append(p)  # resolution due 30 days after acceptance: overdue

        p = record(
            45,
            "complaint",
            "Khiếu nại việc không được hỗ trợ học nghề khi thu hồi đất",
            "Bà đề nghị được hưởng chính sách hỗ trợ chuyển đổi nghề khi bị thu hồi đất nông nghiệp.",
            [{"name": "Phạm Thị Hạnh", "phone": "0989444555", "address": "Khối phố 9"}],
            topic="compensation",
        )
        p = act(p, 40, "accept", reply="UBND phường đã thụ lý đơn khiếu nại của bà.")
        p = act(
            p,
            12,
            "resolve",
            reply="Bà thuộc đối tượng được hỗ trợ; UBND phường chi trả 18.000.000 đồng trong tháng này.",
            data={"resolution_number": "215/QĐ-UBND", "resolution_date": today - timedelta(days=12)},
        )
        made.append(p)

        made.append(
            record(
                5,
                "denunciation",
                "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục",
                "Người tố cáo trình bày cán bộ địa chính phường yêu cầu nộp thêm tiền "
                "ngoài phí, lệ phí quy định.",
                [
                    {
                        "name": "Võ Minh Tuấn",
                        "phone": "0977666555",
                        "id_number": "049085003344",
                        "address": "Khối phố 1",
                    }
                ],
                topic="officials",
            )
        )

        people = [
            {"name": name, "address": "Khu dân cư Trường Xuân, phường Tam Kỳ"}
            for name in (
                "Đỗ Văn Lâm",
                "Đỗ Thị Liên",
                "Huỳnh Văn Bảy",
                "Ngô Thị Tám",
                "Trương Văn Sơn",
                "Lý Thị Hoa",
                "Phan Văn Đức",
            )
        ]
        p = record(
            20,
            "complaint",
            "Khiếu nại đơn giá bồi thường dự án khu dân cư Trường Xuân",
            "Các hộ dân khiếu nại đơn giá bồi thường đất ở thấp hơn giá thị trường, đề nghị xem xét lại.",
            people,
            topic="compensation",
            channel="reception",
            is_complex=True,
        )
        p = act(p, 16, "accept", reply="UBND phường đã thụ lý đơn khiếu nại của các hộ dân.")
        made.append(p)

        p = record(
            9,
            "recommendation",
            "Đề nghị sửa chữa Quốc lộ 1 đoạn qua phường",
            "Mặt đường Quốc lộ 1 đoạn qua phường xuống cấp, nhiều ổ gà gây nguy hiểm.",
            [{"name": "Bùi Văn Tâm", "phone": "0905999000"}],
            topic="construction",
            channel="post",
        )
        p = act(
            p,
            7,
            "forward",
            comment="Quốc lộ do Bộ Xây dựng quản lý",
            reply="Nội dung thuộc thẩm quyền của Khu Quản lý đường bộ; "
            "UBND phường đã chuyển đơn và báo cho ông.",
            data={"forwarded_to": "Khu Quản lý đường bộ III"},
        )
        made.append(p)

        if haichau is not None:
            made.append(
                record(
                    4,
                    "feedback",
                    "Lấn chiếm vỉa hè đường Bạch Đằng",
                    "Nhiều quán cà phê bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
                    [{"name": "Đinh Thị Ngọc", "phone": "0905123987"}],
                    topic="construction",
                    actor=admin,
                    unit=haichau,
                )
            )
        # the ward's earlier hot spot: the Trường Xuân compensation dispute of 2025, cleared after
        # a dialogue (the 2026 target "no hot spot" is met so far)
        leader = User.objects.get(username="lanhdao.danang")
        spot = services.declare_hot_spot(
            tamky.area,
            tamky.parent_unit(),
            reason="Hơn 30 hộ dân khu dân cư Trường Xuân tập trung đông người tại trụ sở phường, "
            "phản đối đơn giá bồi thường; có nguy cơ khiếu kiện vượt cấp.",
            actor=leader,
            today=date(2025, 9, 15),
        )
        services.clear_hot_spot(
            spot,
            reason="Tổ chức đối thoại ngày 10/12/2025, điều chỉnh đơn giá bồi thường; các hộ dân đồng thuận.",
            actor=leader,
            today=date(2025, 12, 20),
        )
    return len(made)
