"""Reads for the import pages, scoped to the user's subtree."""

from .models import ImportBatch


def batches_for(*, user):
    return ImportBatch.objects.visible_to(user).select_related("created_by", "organization", "rolled_back_by")
