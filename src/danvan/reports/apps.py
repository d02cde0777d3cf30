from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self):
        from danvan.reports import tick  # noqa: F401  (registers the scanner jobs)
