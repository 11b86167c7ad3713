from django.urls import path

from innopilot.assessments import views, views_results

urlpatterns: list = [
    # The workflow (hb): an enterprise answers, submits and resubmits; its district returns.
    path("mine/", views.assessment_list, name="assessment_list"),
    path("start/", views.assessment_start, name="assessment_start"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/questions/<str:code>/", views.answer_save, name="assessment_answer"),
    path("<int:pk>/questions/<str:code>/evidence/", views.evidence_upload, name="assessment_evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="assessment_evidence"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/delete/",
        views.evidence_delete,
        name="assessment_evidence_delete",
    ),
    path("<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("<int:pk>/return/", views.assessment_return, name="assessment_return"),
    path("<int:pk>/history/", views.assessment_history, name="assessment_history"),
    path("<int:pk>/compare/", views.assessment_compare, name="assessment_compare"),
    # Results, reports and the officials' overview (hc).
    path("overview/", views_results.assessment_overview, name="assessment_overview"),
    path("overview/export/", views_results.assessment_overview_export, name="assessment_overview_export"),
    path("<int:pk>/results/", views_results.assessment_results_page, name="assessment_results"),
    path("<int:pk>/report.pdf", views_results.assessment_report, name="assessment_report"),
    path("<int:pk>/answers.xlsx", views_results.assessment_answers_export, name="assessment_answers_export"),
]
