"""people.services.person_resolve, the one find-or-create of a person (issue 16; issue 15, item 6):
its rules and vocabulary, and two clerks creating the same new person at the same moment, on
two real database connections: both end on one row, neither gets a server error."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from members.models import Member
from relief.models import HardshipFile
from relief.services import file_create
from tests.factories import PersonFactory, make_id_number
from tests.pages import NOT_HERE
from unionhub.people import services
from unionhub.people.models import Person
from unionhub.people.services import person_resolve


def test_a_new_person_is_created_with_birth_date_and_sex_from_the_number(db):
    number = make_id_number(seq=301)
    person = person_resolve(id_number=number.lower(), name="张三", phone="13900000001")
    assert (person.id_number, person.name, person.phone) == (number, "张三", "13900000001")
    assert person.birth_date.year == 1985 and person.sex


def test_a_known_person_is_found_and_their_phone_updated(db):
    known = PersonFactory(name="李四", phone="")
    found = person_resolve(id_number=known.id_number, name="李四", phone="13900000002")
    assert found.pk == known.pk and Person.objects.get().phone == "13900000002"


def test_refusals_name_the_callers_fields(db, tree, cz_user):
    with pytest.raises(ValidationError) as exc:
        bad = make_id_number(seq=300)
        bad = bad[:-1] + ("1" if bad[-1] != "1" else "2")  # a wrong check character
        person_resolve(id_number=bad, name="张三", id_field="applicant_id_number")
    assert list(exc.value.message_dict) == ["applicant_id_number"]
    known = PersonFactory(name="李四")
    with pytest.raises(ValidationError) as exc:
        person_resolve(id_number=known.id_number, name="李五", name_field="applicant_name")
    assert exc.value.message_dict == {"applicant_name": ["姓名与身份证号不一致"]}
    # A person nobody in 城中区 has a role for: their name is not confirmed, only "not here".
    with pytest.raises(ValidationError) as exc:
        person_resolve(id_number=known.id_number, name="李五", by=cz_user)
    assert exc.value.message_dict == {"id_number": [NOT_HERE]}
    with pytest.raises(ValidationError) as exc:
        person_resolve(id_number=make_id_number(seq=302), name="王五", by=cz_user, create=False)
    assert exc.value.message_dict == {"id_number": [NOT_HERE]}


def _wait_until_another_connection_waits_on_a_lock(limit=20.0):
    """Orchestration, not an assertion: hold our transaction open until the other clerk's
    insert is queued behind ours on the unique index."""
    deadline = time.monotonic() + limit
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)


def _two_clerks(first_call, second_call, monkeypatch):
    """`first_call` creates inside a transaction kept open until `second_call` is blocked behind
    it; then it commits. Returns both outcomes and what each insert said (None: the row was
    someone else's)."""
    inserts = []
    real_insert = services._insert

    def spy(*args, **kwargs):
        result = real_insert(*args, **kwargs)
        inserts.append(result)
        return result

    monkeypatch.setattr(services, "_insert", spy)
    inside = threading.Event()
    outcomes = {}

    def first():
        try:
            with transaction.atomic():
                outcomes["first"] = first_call()
                inside.set()
                _wait_until_another_connection_waits_on_a_lock()
        except Exception as exc:  # noqa: BLE001 (reported by the assertions)
            outcomes["first"] = exc
        finally:
            inside.set()
            connection.close()

    def second():
        try:
            inside.wait(20)
            outcomes["second"] = second_call()
        except Exception as exc:  # noqa: BLE001
            outcomes["second"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes, inserts


@pytest.mark.django_db(transaction=True)
def test_two_clerks_creating_the_same_new_person_at_once_both_succeed_on_one_row(monkeypatch):
    number = make_id_number(seq=303)
    call = lambda: person_resolve(id_number=number, name="张三", phone="13900000003")  # noqa: E731
    outcomes, inserts = _two_clerks(call, call, monkeypatch)
    assert isinstance(outcomes["first"], Person) and isinstance(outcomes["second"], Person), outcomes
    assert outcomes["first"].pk == outcomes["second"].pk
    assert Person.objects.filter(id_number=number).count() == 1
    # The second insert really met the first one's row (the race happened, and was handled).
    assert inserts[0] is not None and inserts[1] is None


@pytest.mark.django_db(transaction=True)
def test_two_districts_filing_the_same_new_person_at_once_get_a_file_and_a_plain_refusal(
    tree, cz_user, yf_user, monkeypatch
):
    number = make_id_number(seq=304)

    def filing(org, user):
        blank = HardshipFile(
            category="在职", cause="因病", household_size=2, income_per_head=500, organization=org,
            filed_on=datetime.date(2018, 3, 1),
        )  # fmt: skip
        return lambda: file_create(file=blank, id_number=number, name="赵新", by=user)

    outcomes, inserts = _two_clerks(filing(tree.cz, cz_user), filing(tree.yf, yf_user), monkeypatch)
    assert isinstance(outcomes["first"], HardshipFile), outcomes
    refusal = outcomes["second"]
    assert isinstance(refusal, ValidationError), refusal  # not an IntegrityError: no server error
    assert refusal.message_dict == {"id_number": [NOT_HERE]}
    assert Person.objects.filter(id_number=number).count() == 1
    assert HardshipFile.objects.filter(person__id_number=number).count() == 1
    assert inserts[1] is None


@pytest.mark.django_db(transaction=True)
def test_two_clerks_entering_the_same_new_member_at_once_never_see_a_server_error(tree, make_user):
    from django.test import Client

    from tests.members.conftest import new_id

    number = new_id()
    data = {
        "id_number": number, "name": "张三", "phone": "13800001111", "organization": tree.cz.pk,
        "employer_code": "", "key_group": "货车司机", "join_date": "2018-04-15", "status": "在会",
    }  # fmt: skip
    clerks = [make_user(tree.cz), make_user(tree.cz)]
    barrier = threading.Barrier(2)
    statuses = []

    def enter(user):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(user)
            barrier.wait()
            statuses.append(client.post(reverse("members:create"), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=enter, args=(u,)) for u in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [302, 302]  # one entered them, the other was shown that member
    assert Member.objects.filter(person__id_number=number).count() == 1
    assert Person.objects.filter(id_number=number).count() == 1
