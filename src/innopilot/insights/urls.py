from django.urls import path

from innopilot.insights import views

urlpatterns = [path("", views.home, name="home")]
