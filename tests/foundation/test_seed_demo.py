"""seed_demo: the Liuzhou tree and the demo logins, safe to run again."""

import io
import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from unionhub.orgs.models import Organization, User

DISTRICT_CODES = {"LZ-CZ", "LZ-YF", "LZ-LN", "LZ-LB", "LZ-LJ", "LZ-LC", "LZ-LZH", "LZ-RA", "LZ-RS", "LZ-SJ"}


@pytest.fixture
def var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def logins(var):
    return json.loads((var / "demo-login.json").read_text())


def test_it_creates_the_city_and_its_ten_districts(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    city = Organization.objects.get(code="LZ")
    assert city.name == "柳州市总工会" and city.kind == Organization.Kind.CITY and city.parent is None
    districts = Organization.objects.filter(parent=city)
    assert set(districts.values_list("code", flat=True)) == DISTRICT_CODES
    assert {d.kind for d in districts} == {Organization.Kind.DISTRICT}
    assert districts.get(code="LZ-RS").name == "融水苗族自治县总工会"


def test_codes_match_the_sample_data(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    assert Organization.objects.get(code="LZ-LZH").name == "鹿寨县总工会"


def test_demo_admin_is_a_city_admin_but_not_a_superuser(db, var, capsys):
    call_command("seed_demo")
    admin = User.objects.get(username="admin")
    assert admin.organization.code == "LZ"
    assert not admin.is_superuser and not admin.is_staff
    assert set(admin.groups.values_list("name", flat=True)) == {"工作人员", "领导", "管理员"}
    assert admin.has_perm("people.view_full_id")
    password = logins(var)["admin"]
    assert authenticate(username="admin", password=password) == admin
    assert f"admin / {password}" in capsys.readouterr().out


def test_district_demo_user_works_in_chengzhong(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    user = User.objects.get(username="chengzhong")
    assert user.organization.code == "LZ-CZ"
    assert not user.has_perm("people.view_full_id")
    assert authenticate(username="chengzhong", password=logins(var)["chengzhong"]) == user


def test_running_it_again_changes_nothing(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    first = logins(var)
    call_command("seed_demo", stdout=io.StringIO())
    assert Organization.objects.count() == 11
    assert User.objects.count() == 3
    assert logins(var) == first
    assert authenticate(username="admin", password=first["admin"]) is not None


def test_reset_password_makes_a_new_one(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    old = logins(var)["admin"]
    call_command("seed_demo", "--reset-password", stdout=io.StringIO())
    new = logins(var)["admin"]
    assert new != old
    assert authenticate(username="admin", password=new) is not None


def test_existing_organizations_are_left_alone(db, var):
    Organization.objects.create(code="LZ", name="柳州市总工会(已改名)", kind=Organization.Kind.CITY)
    call_command("seed_demo", stdout=io.StringIO())
    assert Organization.objects.get(code="LZ").name == "柳州市总工会(已改名)"
    assert Organization.objects.count() == 11


def test_login_file_is_private(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    assert (var / "demo-login.json").stat().st_mode & 0o077 == 0


def test_members_option_seeds_records_of_every_work_area_once(db, var):
    from legal.models import Case
    from members.models import Member
    from perks.models import MemberCard
    from relief.models import HardshipFile, Payment
    from skills.models import Entry

    call_command("seed_demo", "--members", "1000", stdout=io.StringIO())
    counts = [m.objects.count() for m in (Member, HardshipFile, Payment, Entry, Case, MemberCard)]
    assert counts[0] == 1000 and all(counts), counts
    assert User.objects.filter(username__startswith="bench_").count() == 0
    call_command("seed_demo", "--members", "1000", stdout=io.StringIO())
    assert Member.objects.count() == 1000


def test_the_official_demo_login_is_a_district_official(db, var):
    call_command("seed_demo", stdout=io.StringIO())
    official = User.objects.get(username="yufeng")
    assert official.organization.code == "LZ-YF"
    assert set(official.groups.values_list("name", flat=True)) == {"领导"}
