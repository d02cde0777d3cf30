from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư, tiếp công dân"

    def ready(self):
        from danvan.petitions import metrics, tick  # noqa: F401  (registers metrics and scanner jobs)
