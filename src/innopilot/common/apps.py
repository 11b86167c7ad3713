from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "innopilot.common"
