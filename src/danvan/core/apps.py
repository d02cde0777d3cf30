from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from danvan.core import memory

        memory.connect()
