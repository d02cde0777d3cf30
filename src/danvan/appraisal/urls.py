from danvan.appraisal import views

app_name = "appraisal"
urlpatterns = views.urlpatterns
