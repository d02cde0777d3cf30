from danvan.reception import views

app_name = "reception"
urlpatterns = views.urlpatterns
