"""Django's flush, which empties every table with TRUNCATE, allowed past the TRUNCATE guards
(unionhub/core/truncate.py) only where settings.ALLOW_FLUSH is on: development and the test
runner. In production money, files, cases and history are never emptied."""

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as FlushCommand

from unionhub.core.truncate import truncation_allowed


class Command(FlushCommand):
    def handle(self, **options):
        if not settings.ALLOW_FLUSH:
            raise CommandError(
                "flush is refused here (ALLOW_FLUSH is off): money, files, cases and their history are never deleted"
            )
        with truncation_allowed(options["database"]):
            return super().handle(**options)
