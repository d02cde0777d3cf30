from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "danvan.metrics"
    label = "metrics"
    verbose_name = "Chỉ số"

    def ready(self) -> None:
        # every app declares its counters in its own metrics.py; importing them registers them
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("metrics")
        # the writes that stale the stored figures (rollups): the metrics' models and what they read
        from danvan.metrics import rollups

        rollups.connect()
        from danvan.metrics import tick  # noqa: F401  (its scanner job)
