from django.urls import include, path

# One module per area, so each can grow on its own.
urlpatterns = [
    path("", include("innopilot.annual.urls_reports")),  # the report form and its workflow
    path("catalogues/", include("innopilot.annual.urls_catalogue")),  # indicator catalogues
    path("", include("innopilot.annual.urls_excel")),  # template, upload, officials' export
    path("", include("innopilot.annual.urls_readiness")),  # readiness checks and lists
    path("", include("innopilot.annual.urls_overview")),  # officials' overview, reporting years
]
