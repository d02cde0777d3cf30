from danvan.funding import views

app_name = "funding"
urlpatterns = views.urlpatterns
