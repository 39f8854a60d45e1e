"""Celery tasks of the relief area."""

from celery import shared_task


@shared_task(name="relief.tasks.settle_notices")
def settle_notices() -> int:
    """Files whose public notice (公示) ended without objection become 已认定 (beat, hourly; the
    pages and payments also settle them when they read files: docs/decisions.md)."""
    from .services import notices_settle

    return notices_settle()
