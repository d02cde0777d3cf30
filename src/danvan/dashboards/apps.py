from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "danvan.dashboards"
    label = "dashboards"
    verbose_name = "Bảng điều hành"
