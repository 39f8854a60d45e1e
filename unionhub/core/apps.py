from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "unionhub.core"
    label = "core"
    verbose_name = "UnionHub"
