from django.urls import path

from innopilot.annual.catalogue import views

urlpatterns = [
    path("", views.catalogue_list, name="annual_catalogue_list"),
    path("<int:pk>/", views.catalogue_detail, name="annual_catalogue_detail"),
]
