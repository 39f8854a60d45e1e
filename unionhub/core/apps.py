from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "unionhub.core"
    label = "core"
    verbose_name = "UnionHub"

    def ready(self):
        from .changes import install_change_log
        from .truncate import install_truncate_guards

        def install(sender=None, using="default", **kwargs):
            install_truncate_guards(using)
            install_change_log(using)

        # After every migrate, once, when every table exists. The signal is sent for apps with
        # models only (core has none), so it listens for the people app's.
        people = self.apps.get_app_config("people")
        post_migrate.connect(install, sender=people, dispatch_uid="unionhub_truncate_guards", weak=False)
