"""Job kinds: `@job_handler("kind")` registers `fn(job, progress)`; `progress(pct, message)`
writes the job's progress. A handler raises JobError (or ValidationError) for an expected failure
whose message the user reads; anything else is logged in full and shown as unexpected.

`on_failure(job)` runs whenever the job ends failed, however it failed (an error, too many
interrupted runs, an expired lease), so the record it works on (an import batch) never stays
"in progress"; `on_retry(job)` runs before a failed or stuck job is sent again and may refuse
(ValidationError)."""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}
_on_failure: dict[str, Callable] = {}
_on_retry: dict[str, Callable] = {}


class JobError(Exception):
    """An expected failure with a message for the user, in Chinese."""


def job_handler(kind: str, *, on_failure: Callable | None = None, on_retry: Callable | None = None):
    def register(fn):
        _handlers[kind] = fn
        if on_failure is not None:
            _on_failure[kind] = on_failure
        if on_retry is not None:
            _on_retry[kind] = on_retry
        return fn

    return register


def failure_hook(kind: str) -> Callable | None:
    return _on_failure.get(kind)


def retry_hook(kind: str) -> Callable | None:
    return _on_retry.get(kind)


def get_handler(kind: str) -> Callable:
    return _handlers[kind]
