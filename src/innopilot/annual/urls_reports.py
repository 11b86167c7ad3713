from django.urls import path

from innopilot.annual import views_reports as views

# The report form and its workflow: an enterprise fills in, submits, corrects; its district reviews.
urlpatterns: list = [
    path("mine/", views.annual_report_list, name="annual_report_list"),
    path("start/", views.annual_report_start, name="annual_report_start"),
    path("review/", views.annual_review_list, name="annual_review_list"),
    path("<int:pk>/", views.annual_report_detail, name="annual_report_detail"),
    path("<int:pk>/values/<str:code>/", views.annual_value_save, name="annual_value_save"),
    path("<int:pk>/warnings/<int:warning_pk>/", views.annual_warning_answer, name="annual_warning_answer"),
    path("<int:pk>/submit/", views.annual_report_submit, name="annual_report_submit"),
    path("<int:pk>/return/", views.annual_report_return, name="annual_report_return"),
    path("<int:pk>/accept/", views.annual_report_accept, name="annual_report_accept"),
    path("<int:pk>/correction/", views.annual_correction_request, name="annual_correction_request"),
    path("<int:pk>/correction/reject/", views.annual_correction_reject, name="annual_correction_reject"),
    path("<int:pk>/history/", views.annual_report_history, name="annual_report_history"),
]
