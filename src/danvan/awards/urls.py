from danvan.awards import views

app_name = "awards"
urlpatterns = views.urlpatterns
