"""Reads for the import pages, scoped to the user's subtree."""

from unionhub.jobs.models import Job
from unionhub.orgs.scoping import get_visible_or_404

from .models import ImportBatch


def batches_for(*, user):
    return ImportBatch.objects.visible_to(user).select_related("created_by", "organization", "rolled_back_by")


def batch_get_for_user(*, user, pk) -> ImportBatch:
    return get_visible_or_404(batches_for(user=user), user, pk=pk)


def export_job_get_for_user(*, user, pk) -> Job:
    """An export the user started (a job of their subtree); anyone else's is a 404."""
    return get_visible_or_404(Job.objects.filter(kind="export_data", created_by=user), user, pk=pk)
