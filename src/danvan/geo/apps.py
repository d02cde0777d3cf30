from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "danvan.geo"
    label = "geo"
    verbose_name = "Địa bàn hành chính"
