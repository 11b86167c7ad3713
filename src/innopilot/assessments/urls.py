from django.urls import path

from innopilot.assessments import views_results

urlpatterns: list = [
    # Results, reports and the officials' overview (hc).
    path("overview/", views_results.assessment_overview, name="assessment_overview"),
    path("overview/export/", views_results.assessment_overview_export, name="assessment_overview_export"),
    path("<int:pk>/results/", views_results.assessment_results_page, name="assessment_results"),
    path("<int:pk>/report.pdf", views_results.assessment_report, name="assessment_report"),
    path("<int:pk>/answers.xlsx", views_results.assessment_answers_export, name="assessment_answers_export"),
]
