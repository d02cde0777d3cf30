"""The HTTP API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

from danvan import __version__
from danvan.accounts.api import router as accounts_router
from danvan.appraisal.api import router as appraisal_router
from danvan.awards.api import router as awards_router
from danvan.core.api import SessionAuth, TokenAuth, install_error_handlers
from danvan.funding.api import router as funding_router
from danvan.geo.api import router as geo_router
from danvan.initiatives.api import router as initiatives_router
from danvan.metrics.api import router as metrics_router
from danvan.notifications.api import router as notifications_router
from danvan.orgs.api import router as orgs_router
from danvan.petitions.api import router as petitions_router
from danvan.petitions.hotspot_api import router as hotspots_router
from danvan.petitions.public_api import router as public_petitions_router
from danvan.reception.api import router as reception_router
from danvan.reports.api import router as reports_router
from danvan.targets.api import router as targets_router
from danvan.training.api import router as training_router

api = NinjaAPI(
    title="danvan API",
    version=__version__,
    description=(
        'API của hệ thống thông tin công tác dân vận và phong trào thi đua "Dân vận khéo". '
        "Xác thực: phiên đăng nhập của giao diện web, hoặc `Authorization: Bearer <token>` "
        "(tạo bằng `danvan issue_token USERNAME` hoặc tại trang Mã truy cập API). "
        'Danh sách trả về `{"count": N, "items": [...]}` với `limit`, `offset`; '
        "`q` tìm không phân biệt dấu; `within` là một đơn vị và toàn bộ cây con của nó."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/areas", geo_router)
api.add_router("/units", orgs_router)
api.add_router("/initiatives", initiatives_router)
api.add_router("/appraisal", appraisal_router)
api.add_router("/awards", awards_router)
api.add_router("/funding", funding_router)
api.add_router("/metrics", metrics_router)
api.add_router("/training", training_router)
api.add_router("/targets", targets_router)
api.add_router("/notifications", notifications_router)
api.add_router("/reports", reports_router)
api.add_router("/public/petitions", public_petitions_router)
api.add_router("/reception", reception_router)
api.add_router("/petitions/hot-spots", hotspots_router)  # before /petitions: not a petition id
api.add_router("/petitions", petitions_router)
