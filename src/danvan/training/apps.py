from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "danvan.training"
    label = "training"
    verbose_name = "Tập huấn, bồi dưỡng cán bộ làm công tác dân vận"
