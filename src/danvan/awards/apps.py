from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "danvan.awards"
    label = "awards"
    verbose_name = "Quyết định công nhận, khen thưởng"
