from django.urls import include, path

from innopilot.directory import views

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("mechanisms/", include("innopilot.directory.mechanisms.urls")),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/import/", include("innopilot.directory.imports.urls")),
    path("enterprises/<str:uscc>/", views.enterprise_detail, name="enterprise_detail"),
]
