"""Keep full ID numbers out of every log: a logging filter that masks any 18-character ID
number pattern in a record's message, its arguments, its traceback and its stack.

It sits on every handler of settings.LOGGING (the root's, and Django's loggers are sent to the
root), and on the handlers a Celery worker sets up for itself (`install_on_celery`), so records
of the project and of every library pass through it. The digits kept are the ones
`mask_id_number` shows: region and the last four; the birth date never reaches a log file.
"""

import logging
import re

from unionhub.people.idnumbers import mask_id_number

# 17 digits and a check character, not part of a longer run of letters or digits (a card number
# of 19 digits is not an ID number). ASCII digits only: \d would take other scripts' digits too.
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def mask_ids(text: str) -> str:
    return ID_PATTERN.sub(lambda m: mask_id_number(m.group(0).upper()), text)


class MaskIdNumbers(logging.Filter):
    """Rewrites the record in place (so every later handler sees the masked text) and never
    drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave the record to logging's own error report
            return True
        record.msg, record.args = mask_ids(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_ids(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_ids(record.stack_info)
        return True


def install(handler: logging.Handler):
    if not any(isinstance(f, MaskIdNumbers) for f in handler.filters):
        handler.addFilter(MaskIdNumbers())


def install_on_celery(logger=None, **kwargs):
    """Celery's after_setup_logger / after_setup_task_logger: the worker replaces the root's
    handlers with its own; filter those too."""
    for handler in (logger or logging.getLogger()).handlers:
        install(handler)
