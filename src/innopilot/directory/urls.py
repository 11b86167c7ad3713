from django.urls import include, path

from innopilot.directory import views

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("mechanisms/", include("innopilot.directory.mechanisms.urls")),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/export/", views.enterprise_export, name="enterprise_export"),
    path("enterprises/import/", include("innopilot.directory.imports.urls")),
    path("enterprises/<str:uscc>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<str:uscc>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("enterprises/<str:uscc>/profile/", views.enterprise_profile_edit, name="enterprise_profile_edit"),
    path("enterprises/<str:uscc>/contacts/", views.enterprise_contacts, name="enterprise_contacts"),
    path(
        "enterprises/<str:uscc>/qualifications/new/", views.qualification_create, name="qualification_create"
    ),
    path(
        "enterprises/<str:uscc>/qualifications/<int:pk>/", views.qualification_edit, name="qualification_edit"
    ),
    path(
        "enterprises/<str:uscc>/qualifications/<int:pk>/delete/",
        views.qualification_delete,
        name="qualification_delete",
    ),
]
