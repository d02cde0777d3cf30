from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "danvan.appraisal"
    label = "appraisal"
    verbose_name = "Thẩm định mô hình, điển hình"
