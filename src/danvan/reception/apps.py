from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "danvan.reception"
    label = "reception"
    verbose_name = "Tiếp công dân, đối thoại"

    def ready(self):
        from danvan.reception import tick  # noqa: F401  (registers the scanner jobs)
