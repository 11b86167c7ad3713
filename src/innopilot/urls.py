from django.contrib import admin
from django.urls import include, path

from innopilot.api.api import api
from innopilot.common import views as common_views

urlpatterns = [
    path("", include("innopilot.insights.urls")),
    path("", include("innopilot.accounts.urls")),
    path("", include("innopilot.directory.urls")),
    path("standards/", include("innopilot.standards.urls")),
    path("assessments/", include("innopilot.assessments.urls")),
    path("pilots/", include("innopilot.pilots.urls")),
    path("annual/", include("innopilot.annual.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", common_views.healthz, name="healthz"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "innopilot.common.views.permission_denied"
handler404 = "innopilot.common.views.page_not_found"
