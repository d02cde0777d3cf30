"""Demo training sessions (R10) for the demo units of `orgs.demo`, 2021–2026.

* the former Thành phố Tam Kỳ (Quảng Nam), 2021 to June 2025: the yearly session on the method of
  building "Dân vận khéo" models of its Ban Dân vận, and sessions of its former wards and
  communes, recorded afterwards by the system administrator; one cancelled by a storm;
* Thành phố Đà Nẵng from the second half of 2025: sessions of the city's Ban Tuyên giáo và Dân
  vận, of the wards Tam Kỳ and Hải Châu and of the commune Hòa Vang; some held, one cancelled,
  one whose day has passed without being marked, and some planned for the end of 2026.

Every write goes through `danvan.training.services` with the demo users as actors, so the log and
the history are real. Names of people are invented. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.initiatives.demo import banner, document
from danvan.orgs.demo import demo_present
from danvan.orgs.models import Campaign, Person, Unit
from danvan.training import services
from danvan.training.models import TrainingFormat, TrainingSession, TrainingTopic

T = TrainingTopic
ONLINE, COMBINED = TrainingFormat.ONLINE, TrainingFormat.COMBINED
OLD_DEPT = "Ban Dân vận Thành ủy Tam Kỳ"
DEPT = "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng"
MARKER = "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” giai đoạn 2021–2025"


@dataclass(frozen=True)
class Demo:
    title: str
    organizer: str
    topic: str
    on: date
    counts: dict[str, int]
    place: str = ""
    trainers: str = ""
    format: str = TrainingFormat.IN_PERSON
    until: date | None = None
    content: str = ""
    campaign: bool = False  # the campaign of the organizer's era (2021–2025 or 2026–2030)
    outcome: str = "held"  # held, planned or cancelled
    reason: str = ""  # of a cancellation, or a comment on holding it
    people: tuple[str, ...] = ()  # demo people listed by name
    named: tuple[tuple[str, str, str, str], ...] = ()  # (name, position, unit, group) not in the system
    files: tuple[str, ...] = field(default=())  # "pdf:Title" or "photo:Title"


def ward(where: str) -> str:
    return f"Đảng ủy {where}"


DEMOS = [
    # --- the former Thành phố Tam Kỳ, 2021 – June 2025 -----------------------------------------
    Demo(
        MARKER,
        OLD_DEPT,
        T.MODEL_METHOD,
        date(2021, 4, 15),
        {"party": 45, "government": 30, "front_mass_orgs": 60, "village": 40},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Đ/c Lê Thị Kim Oanh, Trưởng Ban Dân vận Thành ủy",
        content="Quán triệt Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025; "
        "hướng dẫn cách chọn vấn đề, đăng ký, xây dựng và đánh giá mô hình; trao đổi kinh nghiệm "
        "của các mô hình tiêu biểu giai đoạn 2016–2020.",
        campaign=True,
        files=("pdf:Đề cương bài giảng phương pháp xây dựng mô hình", "photo:Quang cảnh hội nghị"),
    ),
    Demo(
        "Tập huấn nghiệp vụ công tác dân vận cho cán bộ khối dân vận phường, xã năm 2021",
        OLD_DEPT,
        T.SKILLS,
        date(2021, 9, 22),
        {"party": 26, "front_mass_orgs": 52, "village": 13},
        place="Trực tuyến đến điểm cầu 13 phường, xã",
        trainers="Đ/c Lê Thị Kim Oanh, Trưởng Ban Dân vận Thành ủy",
        format=ONLINE,
        content="Tổ chức trực tuyến do dịch COVID-19; kỹ năng nắm tình hình Nhân dân, tuyên truyền, vận "
        "động trong phòng, chống dịch.",
    ),
    Demo(
        "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2022",
        OLD_DEPT,
        T.MODEL_METHOD,
        date(2022, 5, 10),
        {"party": 39, "government": 26, "front_mass_orgs": 65, "village": 52},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Báo cáo viên Ban Dân vận Tỉnh ủy Quảng Nam",
        campaign=True,
    ),
    Demo(
        "Tập huấn triển khai thực hiện dân chủ ở cơ sở cho cán bộ thôn",
        ward("xã Tam Thanh"),
        T.GRASSROOTS_DEMOCRACY,
        date(2022, 8, 18),
        {"front_mass_orgs": 12, "village": 35},
        place="Nhà văn hóa xã Tam Thanh",
        trainers="Đ/c Chủ tịch Ủy ban MTTQ Việt Nam xã",
    ),
    Demo(
        "Bồi dưỡng kỹ năng tiếp công dân, đối thoại và xử lý đơn thư cho cán bộ phường",
        "Ủy ban nhân dân phường An Mỹ",
        T.CITIZEN_RECEPTION,
        date(2023, 3, 28),
        {"party": 6, "government": 18},
        place="Phòng họp Ủy ban nhân dân phường An Mỹ",
        trainers="Thanh tra thành phố Tam Kỳ",
    ),
    Demo(
        "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2023",
        OLD_DEPT,
        T.MODEL_METHOD,
        date(2023, 6, 14),
        {"party": 41, "government": 26, "front_mass_orgs": 66, "village": 48},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Đ/c Lê Thị Kim Oanh, Trưởng Ban Dân vận Thành ủy",
        campaign=True,
    ),
    Demo(
        "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở năm 2022",
        "Thành ủy Tam Kỳ",
        T.GRASSROOTS_DEMOCRACY,
        date(2023, 10, 5),
        {"party": 78, "government": 52, "front_mass_orgs": 91},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Báo cáo viên Sở Tư pháp tỉnh Quảng Nam",
        format=COMBINED,
    ),
    Demo(
        "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2024",
        OLD_DEPT,
        T.MODEL_METHOD,
        date(2024, 4, 9),
        {"party": 40, "government": 26, "front_mass_orgs": 65, "village": 50},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Đ/c Lê Thị Kim Oanh, Trưởng Ban Dân vận Thành ủy",
        campaign=True,
        named=(
            (
                "Nguyễn Thị Thu Sương",
                "Chủ tịch Ủy ban MTTQ Việt Nam phường",
                "phường An Mỹ",
                "front_mass_orgs",
            ),
            ("Trần Văn Lực", "Bí thư Chi bộ khối phố", "phường An Xuân", "village"),
            ("Phạm Thị Mỹ Lệ", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "xã Tam Thanh", "front_mass_orgs"),
        ),
        files=("pdf:Tài liệu hướng dẫn xây dựng mô hình “Dân vận khéo” năm 2024",),
    ),
    Demo(
        "Tập huấn kỹ năng vận động Nhân dân tham gia chuyển đổi số cho tổ công nghệ số cộng đồng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường An Xuân",
        T.DIGITAL,
        date(2024, 7, 23),
        {"front_mass_orgs": 10, "village": 42},
        place="Hội trường khối phố Mỹ Thạch Bắc",
        trainers="Trung tâm Chuyển đổi số thành phố Tam Kỳ",
    ),
    Demo(
        "Tập huấn kỹ năng vận động Nhân dân tham gia giải phóng mặt bằng tuyến ĐT129",
        ward("xã Tam Phú"),
        T.SKILLS,
        date(2024, 10, 28),
        {"party": 12, "government": 10, "village": 20},
        place="Hội trường Ủy ban nhân dân xã Tam Phú",
        outcome="cancelled",
        reason="Hoãn do ảnh hưởng của bão số 6 (Trà Mi); nội dung lồng ghép vào hội nghị giao ban tháng 12.",
    ),
    Demo(
        "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2025",
        OLD_DEPT,
        T.MODEL_METHOD,
        date(2025, 4, 17),
        {"party": 38, "government": 26, "front_mass_orgs": 62, "village": 47},
        place="Hội trường Thành ủy Tam Kỳ",
        trainers="Đ/c Lê Thị Kim Oanh, Trưởng Ban Dân vận Thành ủy",
        campaign=True,
    ),
    # --- Thành phố Đà Nẵng, from 1 July 2025 ----------------------------------------------------
    Demo(
        "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ cấp xã sau sắp xếp",
        DEPT,
        T.SKILLS,
        date(2025, 9, 25),
        {"party": 186, "government": 93, "front_mass_orgs": 279},
        place="Hội trường Thành ủy Đà Nẵng và 93 điểm cầu xã, phường",
        trainers="Đ/c Lê Thị Thu Hà, Trưởng Ban Tuyên giáo và Dân vận Thành ủy",
        format=COMBINED,
        content="Chức năng, nhiệm vụ của khối Dân vận – Mặt trận cấp xã sau khi kết thúc hoạt động cấp "
        "huyện; công tác dân vận chính quyền; phối hợp giữa cấp ủy, chính quyền và Mặt trận.",
    ),
    Demo(
        "Tập huấn kỹ năng tiếp công dân, đối thoại với Nhân dân cho cán bộ phường Tam Kỳ",
        "Ủy ban nhân dân phường Tam Kỳ",
        T.CITIZEN_RECEPTION,
        date(2025, 11, 20),
        {"party": 8, "government": 22},
        place="Phòng họp Ủy ban nhân dân phường Tam Kỳ",
        trainers="Đ/c Đoàn Minh Khoa, Phó Chủ tịch Ủy ban nhân dân phường",
        people=("Huỳnh Văn Tài", "Lê Văn Bình"),
    ),
    Demo(
        "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2026",
        DEPT,
        T.MODEL_METHOD,
        date(2026, 3, 24),
        {"party": 93, "government": 93, "front_mass_orgs": 186},
        until=date(2026, 3, 25),
        place="Hội trường Thành ủy Đà Nẵng",
        trainers="Đ/c Lê Thị Thu Hà, Trưởng Ban; Đ/c Bùi Thị Lan, Phó Trưởng Ban Tuyên giáo và Dân vận "
        "Thành ủy",
        content="Triển khai phong trào thi đua “Dân vận khéo” giai đoạn 2026–2030; cách đăng ký, xây "
        "dựng, đánh giá, công nhận và nhân rộng mô hình, điển hình; thực hành lập phiếu đăng ký mô hình.",
        campaign=True,
        people=("Lê Văn Bình", "Trương Thị Hạnh", "Phan Thị Hồng", "Cao Văn Dũng"),
        files=(
            "pdf:Hướng dẫn xây dựng mô hình “Dân vận khéo” giai đoạn 2026–2030",
            "photo:Đại biểu dự hội nghị",
        ),
    ),
    Demo(
        "Tập huấn phương pháp xây dựng mô hình “Dân vận khéo” cho Ban công tác Mặt trận các khối phố",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
        T.MODEL_METHOD,
        date(2026, 4, 16),
        {"front_mass_orgs": 9, "village": 28},
        place="Hội trường Ủy ban MTTQ Việt Nam phường Tam Kỳ",
        trainers="Đ/c Trương Thị Hạnh, Chủ tịch Ủy ban MTTQ Việt Nam phường",
        campaign=True,
    ),
    Demo(
        "Tập huấn nghiệp vụ công tác dân vận cho cán bộ khối Dân vận – Mặt trận phường Hải Châu",
        ward("phường Hải Châu"),
        T.SKILLS,
        date(2026, 5, 12),
        {"party": 15, "front_mass_orgs": 34, "village": 18},
        place="Hội trường Đảng ủy phường Hải Châu",
        trainers="Báo cáo viên Ban Tuyên giáo và Dân vận Thành ủy",
        people=("Phan Thị Hồng", "Cao Văn Dũng"),
    ),
    Demo(
        "Bồi dưỡng kiến thức thực hiện dân chủ ở cơ sở cho cán bộ thôn",
        ward("xã Hòa Vang"),
        T.GRASSROOTS_DEMOCRACY,
        date(2026, 6, 18),
        {"government": 12, "village": 45},
        place="Nhà văn hóa thôn Phú Túc",
        trainers="Ủy ban MTTQ Việt Nam xã Hòa Vang",
    ),
    Demo(
        "Tập huấn chuyển đổi số trong công tác dân vận, vận động Nhân dân sử dụng dịch vụ công trực tuyến",
        DEPT,
        T.DIGITAL,
        date(2026, 8, 20),
        {"party": 93, "government": 93},
        place="Trực tuyến đến các điểm cầu xã, phường",
        trainers="Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        format=ONLINE,
    ),
    Demo(
        "Tập huấn kỹ năng dân vận cho cán bộ, chiến sĩ Công an phường Tam Kỳ",
        "Công an phường Tam Kỳ",
        T.SKILLS,
        date(2026, 9, 10),
        {"other": 35},
        place="Hội trường Công an phường Tam Kỳ",
        trainers="Đ/c Ngô Văn Sơn, Bí thư Đảng ủy phường",
    ),
    Demo(
        "Hội nghị tập huấn công tác dân vận chính quyền phường Hải Châu",
        ward("phường Hải Châu"),
        T.SKILLS,
        date(2026, 10, 27),
        {"party": 10, "government": 25},
        place="Hội trường Ủy ban nhân dân phường Hải Châu",
        outcome="cancelled",
        reason="Hoãn do mưa lớn, ngập úng trên địa bàn; nội dung chuyển vào kế hoạch năm 2027.",
    ),
    Demo(
        "Tập huấn kỹ năng vận động Nhân dân hiến đất mở rộng đường kiệt, hẻm",
        ward("phường Quảng Phú"),
        T.SKILLS,
        date(2026, 12, 3),
        {"party": 9, "village": 21},
        place="Hội trường Đảng ủy phường Quảng Phú",
        outcome="planned",  # its day has passed: the ward has still to say it was held
    ),
    Demo(
        "Hội nghị tập huấn nghiệp vụ công tác dân vận năm 2026 cho cán bộ làm công tác dân vận các xã, "
        "phường",
        DEPT,
        T.SKILLS,
        date(2026, 12, 17),
        {"party": 93, "front_mass_orgs": 93},
        place="Hội trường Thành ủy Đà Nẵng",
        trainers="Đ/c Lê Thị Thu Hà, Trưởng Ban Tuyên giáo và Dân vận Thành ủy",
        outcome="planned",
    ),
    Demo(
        "Tập huấn phương pháp xây dựng mô hình “Dân vận khéo” cho chi bộ khu dân cư",
        ward("phường Tam Kỳ"),
        T.MODEL_METHOD,
        date(2026, 12, 22),
        {"party": 24, "village": 16},
        place="Hội trường Đảng ủy phường Tam Kỳ",
        trainers="Đ/c Ngô Văn Sơn, Bí thư Đảng ủy phường",
        campaign=True,
        outcome="planned",
    ),
]


class _Seeder:
    def __init__(self):
        names = {demo.organizer for demo in DEMOS}
        self.units = {
            u.name: u for u in Unit.objects.filter(name__in=names).select_related("unit_type", "area")
        }
        users = get_user_model().objects.filter(
            username__in=["admin", "canbo.danang", "canbo.tamky", "canbo.haichau"]
        )
        self.users = {u.username: u for u in users}  # one object each: grants are read once
        self.tamky = Unit.objects.get(name=ward("phường Tam Kỳ"))
        self.haichau = Unit.objects.get(name=ward("phường Hải Châu"))
        self.campaigns = list(Campaign.objects.select_related("issuing_unit"))
        self.people = {p.full_name: p for p in Person.objects.select_related("unit__unit_type")}
        self.today = timezone.localdate()

    def actor(self, unit: Unit):
        """The officers of the unit, the city's standing agency, or (for the former units, whose
        sessions are recorded afterwards) the system administrator."""
        if not unit.active:
            return self.users["admin"]
        if unit.path.startswith(self.tamky.path):
            return self.users["canbo.tamky"]
        if unit.path.startswith(self.haichau.path):
            return self.users["canbo.haichau"]
        return self.users["canbo.danang"]

    def campaign(self, unit: Unit, on: date):
        return next(
            (
                c
                for c in self.campaigns
                if unit.path.startswith(c.issuing_unit.path) and c.start_date <= on <= c.end_date
            ),
            None,
        )

    def create(self, demo: Demo) -> TrainingSession:
        unit = self.units[demo.organizer]
        actor = self.actor(unit)
        data = {
            "title": demo.title,
            "topic": demo.topic,
            "held_on": demo.on,
            "ends_on": demo.until,
            "place": demo.place,
            "trainers": demo.trainers,
            "format": demo.format,
            "content": demo.content,
            "campaign": self.campaign(unit, demo.on) if demo.campaign else None,
        }
        session = services.create_session(unit, data, actor=actor, counts=demo.counts)
        for name in demo.people:
            services.add_attendee(session, {"person": self.people[name]}, actor=actor)
        for name, position, where, group in demo.named:
            services.add_attendee(
                session,
                {"full_name": name, "position": position, "unit_name": where, "group": group},
                actor=actor,
            )
        for spec in demo.files:
            kind, title = spec.split(":", 1)
            if kind == "photo":
                content, name = banner(title, "#8a1c1c", demo.place or unit.name), "anh-hoi-nghi.jpg"
            else:
                body = f"{demo.title}\n{unit.name}\nNgày {demo.on:%d/%m/%Y}"
                content, name = document(title, body), "tai-lieu-tap-huan.pdf"
            upload = SimpleUploadedFile(name, content)
            services.add_material(session, upload, actor=actor, title=title)
        if demo.outcome == "cancelled":
            session = services.transition(session, "cancel", actor=actor, comment=demo.reason)
        elif demo.outcome == "held" and demo.on <= self.today:
            session = services.transition(session, "hold", actor=actor, comment=demo.reason)
        return session


def demo_training_present() -> bool:
    return TrainingSession.objects.filter(title=MARKER).exists()


@transaction.atomic
def seed_training_demo() -> int:
    """Create the demo training sessions; the number created (0 if they were already there).
    Needs the organizations of `danvan.orgs.demo.seed_demo` first."""
    if demo_training_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    seeder = _Seeder()
    for demo in DEMOS:
        seeder.create(demo)
    return len(DEMOS)
