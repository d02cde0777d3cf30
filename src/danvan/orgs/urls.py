from django.urls import path

from danvan.orgs import views

app_name = "orgs"
urlpatterns = [
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/history/", views.unit_history, name="unit_history"),
    path("units/<int:unit_id>/units/", views.unit_add_child, name="add_unit"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="edit_unit"),
    path("units/<int:unit_id>/end/", views.unit_close, name="close_unit"),
    path("units/<int:unit_id>/people/", views.unit_add_person, name="add_person"),
    path("units/<int:unit_id>/steering-committees/", views.committee_add, name="add_committee"),
    path("steering-committees/<int:committee_id>/members/", views.committee_add_member, name="add_member"),
    path("committee-members/<int:member_id>/remove/", views.committee_remove_member, name="remove_member"),
    path("units/<int:unit_id>/pilots/", views.pilot_add, name="add_pilot"),
    path("pilots/<int:pilot_id>/remove/", views.pilot_remove, name="remove_pilot"),
    path("units/<int:unit_id>/users/", views.users, name="users"),
    path("units/<int:unit_id>/users/new/", views.user_create, name="create_user"),
    path("units/<int:unit_id>/grants/", views.grant_add, name="add_grant"),
    path("grants/<int:grant_id>/revoke/", views.grant_revoke, name="revoke_grant"),
]
