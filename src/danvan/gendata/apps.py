from django.apps import AppConfig


class GenDataConfig(AppConfig):
    name = "danvan.gendata"
    label = "gendata"
    verbose_name = "Benchmark data generator"
