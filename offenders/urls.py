from django.urls import path

from offenders import restriction, views

urlpatterns = [
    path("", views.search_page, name="people-search"),
    path("new/", views.create_page, name="people-create"),
    path("<int:pk>/", views.person_page, name="person"),
    path("<int:pk>/edit/", views.edit_page, name="person-edit"),
    path("<int:pk>/restriction/", restriction.restriction_page, name="person-restriction"),
    path("<int:pk>/markers/new/", views.add_marker_page, name="person-add-marker"),
    path(
        "<int:pk>/markers/<int:marker_pk>/remove/",
        views.remove_marker_page,
        name="person-remove-marker",
    ),
    path("<int:pk>/offences/new/", views.add_offence_page, name="person-add-offence"),
    path("<int:pk>/aliases/new/", views.add_alias_page, name="person-add-alias"),
    path("<int:pk>/addresses/new/", views.add_address_page, name="person-add-address"),
    path("<int:pk>/access-log/", views.access_log_page, name="person-access-log"),
    path("<int:pk>/subject-access/", views.subject_access_page, name="person-subject-access"),
    path("<int:pk>/merge/<int:duplicate_pk>/", views.merge_page, name="person-merge"),
]
