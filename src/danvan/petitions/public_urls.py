"""The public pages of petitions, mounted at /public/petitions/ (namespace `public_petitions`)."""

from django.urls import path

from danvan.petitions import public_views as views

app_name = "public_petitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.submit, name="submit"),
    path("new/communes/", views.communes, name="communes"),
    path("sent/", views.sent, name="sent"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.status, name="status"),
    path("track/<str:code>/feedback/", views.feedback, name="feedback"),
]
