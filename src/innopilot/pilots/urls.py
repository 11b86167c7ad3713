from django.urls import path

urlpatterns: list = []

# coverage (pc)
from innopilot.pilots import views_coverage  # noqa: E402

urlpatterns += [
    path("coverage/", views_coverage.coverage, name="pilot_coverage"),
    path("coverage/export/", views_coverage.coverage_export, name="pilot_coverage_export"),
    path("coverage/planner/", views_coverage.coverage_planner, name="pilot_coverage_planner"),
    path(
        "coverage/planner/export/",
        views_coverage.coverage_planner_export,
        name="pilot_coverage_planner_export",
    ),
]
