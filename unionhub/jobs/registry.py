"""Job kinds: `@job_handler("kind")` registers `fn(job, progress)`; `progress(pct, message)`
writes the job's progress. A handler raises JobError (or ValidationError) for an expected failure
whose message the user reads; anything else is logged in full and shown as unexpected."""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


class JobError(Exception):
    """An expected failure with a message for the user, in Chinese."""


def job_handler(kind: str):
    def register(fn):
        _handlers[kind] = fn
        return fn

    return register


def get_handler(kind: str) -> Callable:
    return _handlers[kind]
