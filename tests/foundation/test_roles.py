from django.contrib.auth.models import Group

from unionhub.orgs.roles import ADMIN, OFFICIAL, STAFF


def test_staff_can_change_records_of_every_work_area(db):
    perms = set(Group.objects.get(name=STAFF).permissions.values_list("content_type__app_label", "codename"))
    for app in ("members", "relief", "skills", "legal", "perks"):
        assert any(label == app and code.startswith("change_") for label, code in perms), app


def test_officials_read_and_make_reports_but_do_not_edit(db):
    perms = set(
        Group.objects.get(name=OFFICIAL).permissions.values_list("content_type__app_label", "codename")
    )
    assert ("reports", "request_report") in perms
    assert ("members", "view_member") in perms
    assert not any(code.startswith(("add_", "change_")) for _, code in perms)


def test_only_admins_import(db):
    assert Group.objects.get(name=ADMIN).permissions.filter(codename="run_import").exists()
    assert not Group.objects.get(name=STAFF).permissions.filter(codename="run_import").exists()


def test_the_full_id_permission_is_in_no_role(db):
    assert not Group.objects.filter(permissions__codename="view_full_id").exists()
