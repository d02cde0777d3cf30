from danvan.initiatives import views, views_excel

app_name = "initiatives"
urlpatterns = views.urlpatterns + views_excel.urlpatterns
