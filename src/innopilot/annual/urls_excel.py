from django.urls import path

from innopilot.annual.excel import views

# The Excel round-trip: an enterprise's template and upload; the officials' export.
urlpatterns = [
    path("<int:pk>/template.xlsx", views.annual_template, name="annual_template"),
    path("<int:pk>/upload/", views.annual_upload, name="annual_upload"),
    path("<int:pk>/upload/confirm/", views.annual_upload_confirm, name="annual_upload_confirm"),
    path("<int:pk>/upload/report.xlsx", views.annual_upload_report, name="annual_upload_report"),
    path("export/", views.annual_export_form, name="annual_export_form"),
    path("export.xlsx", views.annual_export, name="annual_export"),
]
