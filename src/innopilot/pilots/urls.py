from django.urls import path

from innopilot.pilots import views_confirmation

urlpatterns: list = [
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
]
