from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "danvan.funding"
    label = "funding"
    verbose_name = "Kinh phí phong trào"
