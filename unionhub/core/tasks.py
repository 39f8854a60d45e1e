from celery import shared_task

from .changes import compact


@shared_task(ignore_result=True)
def compact_change_log() -> int:
    """Celery beat, hourly (settings.CELERY_BEAT_SCHEDULE): the change log's rows folded into one
    a table, so a version stays one short index scan (unionhub/core/changes.py)."""
    return compact()
