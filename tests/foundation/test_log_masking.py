"""No full ID number reaches a log (issue 15, item 6): the filter of settings.LOGGING masks any
18-character ID pattern in the message, its arguments and its traceback, for the project's
loggers, Django's and every library's. Run in a fresh interpreter, so the test sees the logging
that settings.LOGGING really sets up (pytest's own capture is not in the way)."""

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.factories import make_id_number
from unionhub.core.logmask import MaskIdNumbers, mask_ids

NUMBER = make_id_number(seq=42)
MASKED = NUMBER[:6] + "*" * 8 + NUMBER[14:]
ROOT = Path(__file__).resolve().parents[2]


def run_logging(code: str) -> str:
    script = "import django, logging\ndjango.setup()\n" + textwrap.dedent(code)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "unionhub.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_a_message_its_arguments_and_a_traceback_are_masked_in_every_logger():
    out = run_logging(f"""
        logging.getLogger("relief.services").warning("person %s", "{NUMBER}")
        logging.getLogger("django.db.backends").error("duplicate key (id_number)=({NUMBER})")
        logging.getLogger("some.library").info("{NUMBER.lower()[:17]}x")
        try:
            raise ValueError("Key (id_number)=({NUMBER}) already exists.")
        except ValueError:
            logging.getLogger("django.request").exception("Internal Server Error: /relief/")
    """)
    assert NUMBER not in out and NUMBER[:17] not in out
    assert out.count(MASKED) == 3 and out.count(MASKED[:14] + NUMBER[14:17] + "X") == 1
    assert "Traceback (most recent call last)" in out and "ValueError: Key (id_number)" in out


def test_a_server_error_with_an_id_number_in_it_is_logged_masked():
    out = run_logging(f"""
        from django.test import Client, override_settings
        from django.urls import path

        def boom(request):
            raise RuntimeError("duplicate key value violates unique constraint: {NUMBER}")

        urlpatterns = [path("boom/", boom)]
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], DEBUG=False):
            import sys
            sys.modules[__name__].urlpatterns = urlpatterns
            Client(raise_request_exception=False).get("/boom/?q={NUMBER}")
    """)
    assert "RuntimeError" in out and "/boom/" in out
    assert NUMBER not in out
    assert MASKED in out


def test_numbers_that_are_not_id_numbers_are_left_alone():
    assert mask_ids("card 6201000012345678901 phone 13900000001") == (
        "card 6201000012345678901 phone 13900000001"
    )
    assert mask_ids(f"a{NUMBER}") == f"a{NUMBER}"  # inside a longer code
    assert mask_ids(f"身份证号{NUMBER}已存在") == f"身份证号{MASKED}已存在"


def test_the_filter_rewrites_the_record_for_every_later_handler():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "id=%s", (NUMBER,), None)
    assert MaskIdNumbers().filter(record) is True
    assert record.getMessage() == f"id={MASKED}"


def test_a_celery_worker_s_own_handlers_get_the_filter():
    from unionhub.celery import _mask_id_numbers

    logger = logging.getLogger("test.celery.worker")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        _mask_id_numbers(logger=logger)
        _mask_id_numbers(logger=logger)
        assert [type(f) for f in handler.filters] == [MaskIdNumbers]
    finally:
        logger.removeHandler(handler)
