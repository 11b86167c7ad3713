from django.contrib.auth import views as auth_views
from django.urls import path

from innopilot.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.my_account, name="my_account"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("access/<uidb64>/<token>/", views.AccessLinkView.as_view(), name="access_link"),
    path("access/done/", views.AccessLinkDoneView.as_view(), name="access_link_done"),
    path("password/forgot/", views.ForgotPasswordView.as_view(), name="forgot_password"),
    path("password/forgot/sent/", views.ForgotPasswordDoneView.as_view(), name="forgot_password_done"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/send-link/", views.user_send_link, name="user_send_link"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("audit/", views.audit_trail, name="audit_trail"),
]
