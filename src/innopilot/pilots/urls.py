from django.urls import path

from innopilot.pilots import views, views_confirmation, views_coverage

# Campaigns and nomination lists (pa); confirmation and coverage routes follow below.
urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:year>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:year>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:year>/extensions/", views.extension_grant, name="extension_grant"),
    path("campaigns/<int:year>/summary.xlsx", views.campaign_summary_export, name="campaign_summary_export"),
    path("campaigns/<int:year>/summary.pdf", views.campaign_summary_pdf, name="campaign_summary_pdf"),
    path("campaigns/<int:year>/lists/<str:code>/", views.nomination_list, name="nomination_list"),
    path("campaigns/<int:year>/lists/<str:code>/add/", views.nomination_add, name="nomination_add"),
    path(
        "campaigns/<int:year>/lists/<str:code>/submit/",
        views.nomination_list_submit,
        name="nomination_list_submit",
    ),
    path(
        "campaigns/<int:year>/lists/<str:code>/list.xlsx",
        views.nomination_list_export,
        name="nomination_list_export",
    ),
    path(
        "campaigns/<int:year>/lists/<str:code>/list.pdf",
        views.nomination_list_pdf,
        name="nomination_list_pdf",
    ),
    path(
        "campaigns/<int:year>/lists/<str:code>/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"
    ),
    path(
        "campaigns/<int:year>/lists/<str:code>/<int:pk>/remove/",
        views.nomination_remove,
        name="nomination_remove",
    ),
    path(
        "campaigns/<int:year>/lists/<str:code>/<int:pk>/replace/",
        views.nomination_replace,
        name="nomination_replace",
    ),
    # confirmation (pb)
    path(
        "campaigns/<int:year>/confirmation/", views_confirmation.confirmation_list, name="confirmation_list"
    ),
    path(
        "campaigns/<int:year>/confirmation/approve/",
        views_confirmation.decisions_approve_all,
        name="decisions_approve_all",
    ),
    path("nominations/<int:pk>/decision/", views_confirmation.decision_record, name="decision_record"),
    path("campaigns/<int:year>/pilots/", views_confirmation.pilot_list, name="pilot_list"),
    path("pilot-enterprises/<int:pk>/invite/", views_confirmation.invitation_send, name="invitation_send"),
    path("campaigns/<int:year>/invitations/", views_confirmation.invitation_list, name="invitation_list"),
    path("notifications/", views_confirmation.notification_list, name="notification_list"),
    path("notifications/<int:pk>/read/", views_confirmation.notification_read, name="notification_read"),
    path("notifications/read-all/", views_confirmation.notification_read_all, name="notification_read_all"),
    # coverage (pc)
    path("coverage/", views_coverage.coverage, name="pilot_coverage"),
    path("coverage/export/", views_coverage.coverage_export, name="pilot_coverage_export"),
    path("coverage/planner/", views_coverage.coverage_planner, name="pilot_coverage_planner"),
    path(
        "coverage/planner/export/",
        views_coverage.coverage_planner_export,
        name="pilot_coverage_planner_export",
    ),
]
