from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "danvan.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu và bảng điểm thi đua"
