from django.urls import path

from innopilot.directory.mechanisms import views

urlpatterns = [
    path("", views.mechanism_overview, name="mechanism_overview"),
    path("export/", views.mechanism_export, name="mechanism_export"),
    path("<str:code>/", views.mechanism_detail, name="mechanism_detail"),
    path("<str:code>/edit/", views.mechanism_edit, name="mechanism_edit"),
    path("<str:code>/plan/", views.mechanism_plan, name="mechanism_plan"),
]
