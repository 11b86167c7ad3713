from django.urls import path

from innopilot.annual import views_overview

# Reporting years (the city's) and the officials' overview.
urlpatterns = [
    path("years/", views_overview.annual_year_list, name="annual_year_list"),
    path("years/new/", views_overview.annual_year_create, name="annual_year_create"),
    path("years/<int:year>/edit/", views_overview.annual_year_edit, name="annual_year_edit"),
    path("overview/", views_overview.annual_overview, name="annual_overview"),
    path("overview/export.xlsx", views_overview.annual_overview_export, name="annual_overview_export"),
]
