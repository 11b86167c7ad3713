from django.urls import path

from innopilot.standards import views

urlpatterns = [
    path("", views.library_list, name="library_list"),
    path("<int:pk>/", views.library_detail, name="library_detail"),
]
