from django.urls import path

from innopilot.directory.imports import views

urlpatterns = [
    path("", views.enterprise_import, name="enterprise_import"),
    path("template/", views.enterprise_import_template, name="enterprise_import_template"),
    path("<int:pk>/", views.enterprise_import_detail, name="enterprise_import_detail"),
    path("<int:pk>/progress/", views.enterprise_import_progress, name="enterprise_import_progress"),
    path("<int:pk>/confirm/", views.enterprise_import_confirm, name="enterprise_import_confirm"),
    path("<int:pk>/report/", views.enterprise_import_report, name="enterprise_import_report"),
]
