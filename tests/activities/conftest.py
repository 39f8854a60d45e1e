"""Activities fixtures: activities and honours made in one line, speakers who are people of 城中区."""

import datetime

import pytest

from activities.models import Activity, ActivitySpeaker, Honour
from tests.factories import PersonFactory
from tests.sheets import do_import, export_csv, problems_text, read_csv, write_csv  # noqa: F401 (used by the tests)

D = datetime.date


@pytest.fixture(scope="session", autouse=True)
def _roles_hold_every_permission(django_db_setup, django_db_blocker):
    """Roles are synced after migrate; sync them once more so staff hold this app's permissions."""
    from unionhub.orgs.roles import sync_roles

    with django_db_blocker.unblock():
        sync_roles()


@pytest.fixture
def make_activity(db):
    counter = iter(range(1, 10_000))

    def make(org, speakers=(), **values):
        defaults = {
            "number": f"HD2018{next(counter):05d}",
            "kind": "宣讲",
            "name": "劳模宣讲报告会",
            "start": D(2018, 5, 1),
            "end": D(2018, 5, 1),
            "sessions": 1,
            "participants": 100,
            "organization": org,
        }
        defaults.update(values)
        activity = Activity.objects.create(**defaults)
        ActivitySpeaker.objects.bulk_create([ActivitySpeaker(activity=activity, person=p) for p in speakers])
        return activity

    return make


@pytest.fixture
def make_honour(db):
    def make(org, **values):
        defaults = {
            "name": "全国模范职工之家",
            "kind": "集体荣誉",
            "awarded_by": "全国总工会",
            "level": "国家级",
            "date": D(2018, 4, 28),
            "organization": org,
        }
        defaults.update(values)
        return Honour.objects.create(**defaults)

    return make


@pytest.fixture
def speakers(tree):
    """Three model workers of 城中区: people its users may name as speakers."""
    from skills.models import ModelWorker, ModelWorkerTitle

    people = [PersonFactory(name="覃劳模"), PersonFactory(name="韦工匠"), PersonFactory(name="莫技师")]
    for person in people:
        ModelWorker.objects.create(
            person=person, title=ModelWorkerTitle.CITY_MODEL, year=2015, organization=tree.cz
        )
    return people
