from django.urls import path

from innopilot.annual.readiness import views

urlpatterns = [
    path("<int:pk>/readiness/", views.annual_readiness, name="annual_readiness"),
    path("readiness/", views.annual_readiness_list, name="annual_readiness_list"),
    path("readiness/export.xlsx", views.annual_readiness_export, name="annual_readiness_export"),
]
