import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")

app = Celery("unionhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _mask_id_numbers(logger=None, **kwargs):
    # A worker sets up its own handlers (it hijacks the root logger): they mask ID numbers too.
    from unionhub.core.logmask import install_on_celery

    install_on_celery(logger)
