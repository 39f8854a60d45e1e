"""The database going away: the user gets a plain error page in Chinese (no stack trace, no
personal data), what was saved before stays saved, and a save cut off half-way writes nothing."""

import psycopg
import pytest
from django.db import OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import reverse

from legal.models import Case
from relief.models import Payment, ProgramKind, ReliefProgram
from tests.security.world import LEAK


def terminate_own_backend():
    """Kill this connection's server process from another connection, as a crashed or
    restarted PostgreSQL (or a network cut) would."""
    pid = connection.connection.info.backend_pid
    s = connection.settings_dict
    with psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"],
        password=s["PASSWORD"] or None,
        host=s["HOST"],
        port=s["PORT"] or None,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def assert_plain_error_page(response, *secrets):
    text = response.content.decode()
    assert response.status_code == 500
    assert "系统出错" in text and "已保存的数据不受影响" in text
    for leak in ("Traceback", "OperationalError", "psycopg", "terminat", "SELECT", LEAK, *secrets):
        assert leak not in text, leak


@pytest.mark.django_db(transaction=True)
def test_the_database_going_away_mid_request_gives_the_error_page_and_loses_nothing_saved(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["cz_staff"])
    saved = client.post(
        reverse("legal:intake"),
        {
            "number": "WQ2018-0099",
            "received_on": "2018-05-02",
            "channel": "来访",
            "persons": "1",
            "migrants": "0",
            "applicant_name": "张保存",
            "cause": "拖欠工资",
            "handling": "法律咨询",
            "status": "受理",
            "organization": world.cz.pk,
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]

    def kill_on_the_case_list(execute, sql, params, many, context):
        if 'FROM "legal_case"' in sql:
            terminate_own_backend()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kill_on_the_case_list):
        response = client.get(reverse("legal:cases"))
    assert_plain_error_page(response, world.person.id_number, "张保存")

    close_old_connections()  # as the next request would: the dead connection is replaced
    connection.close()
    assert Case.objects.filter(number="WQ2018-0099", applicant_name="张保存").exists()
    assert client.get(reverse("legal:cases")).status_code == 200


def test_a_save_cut_off_half_way_writes_nothing(world):
    """The payment row is written (and the database's trigger adds it to the program's total),
    then the connection fails: the whole save is undone, the error page is shown, the budget is
    as it was."""
    program = ReliefProgram.objects.create(kind=ProgramKind.SCHOOL, year=2018, organization=world.cz)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["cz_staff"])

    def fail_on_the_total(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('INSERT INTO "relief_payment"'):
            raise OperationalError("server closed the connection unexpectedly")
        return result

    form = {
        "program": program.pk,
        "number": "FF2018-0500",
        "person": world.person.id_number,
        "cash": "800",
        "paid_on": "2018-09-01",
    }
    with connection.execute_wrapper(fail_on_the_total):
        response = client.post(reverse("relief:payment_create"), form)
    assert_plain_error_page(response, world.person.id_number)
    assert not Payment.objects.filter(number="FF2018-0500").exists()
    program.refresh_from_db()
    assert program.spent == 0
    # And with the database back the same form goes through.
    response = client.post(reverse("relief:payment_create"), form)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.spent == 800


def test_the_error_pages_are_in_chinese_and_hold_nothing_of_the_request(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["yf_sibling"])
    r = client.get(reverse("legal:case", args=[world.case.pk]))
    assert r.status_code == 404
    text = r.content.decode()
    assert "页面不存在" in text and LEAK not in text and world.case.number not in text
    client.force_login(world.users["cz_official"])
    r = client.get(reverse("legal:case_edit", args=[world.case.pk]))
    assert r.status_code == 403
    assert "没有权限" in r.content.decode()
