"""Review before verification (domain.md): a home visit, a second person's review, a public
notice that ends in 已认定 (or an objection that sends the file back), the certification date
corrected with a reason, every step in the file's database-trigger history."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from relief.models import FileState, HardshipFile, HomeVisit, ProgramKind
from relief.selectors import history, pending_work, relief_figures
from relief.services import (
    file_correct_verified_on,
    file_create,
    file_object,
    file_update,
    file_verify,
    notices_settle,
    payment_make,
    visit_record,
)
from relief.tasks import settle_notices
from tests.factories import PersonFactory
from tests.relief.conftest import make_program

D = datetime.date
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def filer(tree, make_user):
    return make_user(tree.cz, username="filer")


@pytest.fixture
def reviewer(tree, make_user):
    return make_user(tree.cz, username="reviewer")


@pytest.fixture
def new_file(tree, filer):
    """A file filed through the service by `filer` ten days ago, 待认定, not yet visited."""
    person = PersonFactory.build()
    return file_create(
        file=HardshipFile(
            category="在职",
            cause="因病",
            household_size=3,
            income_per_head=Decimal("700"),
            organization=tree.cz,
            filed_on=TODAY() - 10 * DAY,
        ),
        id_number=person.id_number,
        name="核查户",
        by=filer,
    )


def visit(file, by, day=None, **kw):
    return visit_record(
        file=file,
        visited_on=day or TODAY() - 8 * DAY,
        visitors=kw.pop("visitors", "张三、李四"),
        finding=kw.pop("finding", "家中有长期病人,收入属实"),
        by=by,
        **kw,
    )


def actions(file):
    return [(e["action"], e.get("reason") or "") for e in history(file, ("state",))]


# -- the home visit ----------------------------------------------------------------------------


def test_a_visit_is_recorded_with_its_attachment_among_the_files(new_file, filer):
    pdf = SimpleUploadedFile("核查记录.pdf", b"%PDF-1.7 visit", content_type="application/pdf")
    v = visit(new_file, filer, uploaded=pdf)
    assert v.recorded_by == filer and v.visitors == "张三、李四"
    assert v.attachment.file_id == new_file.pk
    assert list(new_file.attachments.all()) == [v.attachment]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"day": "future"}, "visited_on", "核查日期不能晚于今天"),
        ({"day": "before_filing"}, "visited_on", "核查日期不能早于建档日期"),
        ({"visitors": " "}, "visitors", ""),
        ({"finding": ""}, "finding", ""),
    ],
)
def test_a_bad_visit_is_refused_beside_its_field_and_nothing_is_written(
    new_file, filer, kwargs, field, message
):
    day = kwargs.pop("day", None)
    if day == "future":
        kwargs["day"] = TODAY() + DAY
    elif day == "before_filing":
        kwargs["day"] = new_file.filed_on - DAY
    with pytest.raises(ValidationError) as exc:
        visit(new_file, filer, **kwargs)
    assert field in exc.value.message_dict
    assert message in exc.value.message_dict[field][0]
    assert not HomeVisit.objects.exists()


def test_a_bad_attachment_refuses_the_whole_visit(new_file, filer):
    exe = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        visit(new_file, filer, uploaded=exe)
    assert "attachment" in exc.value.message_dict
    assert not HomeVisit.objects.exists() and not new_file.attachments.exists()


def test_visits_are_never_deleted(new_file, filer):
    v = visit(new_file, filer)
    with pytest.raises(Exception, match="homevisit_never_deleted|Cannot delete"), transaction.atomic():
        v.delete()
    assert HomeVisit.objects.filter(pk=v.pk).exists()


# -- the second person's review ------------------------------------------------------------


def test_without_a_visit_the_review_is_refused_in_chinese(new_file, reviewer):
    with pytest.raises(ValidationError, match="尚未登记入户核查"):
        file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    new_file.refresh_from_db()
    assert new_file.state == FileState.PENDING and new_file.reviewed_by is None


def test_the_filer_may_not_review_their_own_file(new_file, filer):
    visit(new_file, filer)
    with pytest.raises(ValidationError, match="您是该档案的建档人,须由另一名工作人员复核认定"):
        file_verify(file=new_file, reviewed_on=TODAY(), by=filer)
    new_file.refresh_from_db()
    assert new_file.state == FileState.PENDING


def test_who_changed_the_household_facts_last_may_not_review(new_file, filer, reviewer, make_user, tree):
    visit(new_file, filer)
    new_file.household_size = 4
    file_update(file=new_file, by=reviewer)
    new_file.refresh_from_db()
    assert new_file.facts_changed_by == reviewer
    with pytest.raises(ValidationError, match="您最后修改了该档案的家庭情况"):
        file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    third = make_user(tree.cz, username="third")
    assert file_verify(file=new_file, reviewed_on=TODAY(), by=third).state == FileState.NOTICE


def test_an_edit_that_keeps_the_facts_does_not_make_the_editor_the_facts_changer(new_file, reviewer, filer):
    new_file.filed_on = new_file.filed_on - DAY  # not a household fact
    file_update(file=new_file, by=reviewer)
    new_file.refresh_from_db()
    assert new_file.facts_changed_by is None


def test_a_review_dated_before_the_visit_or_in_the_future_is_refused(new_file, filer, reviewer):
    visit(new_file, filer, day=TODAY() - 5 * DAY)
    with pytest.raises(ValidationError, match="早于入户核查日期"):
        file_verify(file=new_file, reviewed_on=TODAY() - 6 * DAY, by=reviewer)
    with pytest.raises(ValidationError) as exc:
        file_verify(file=new_file, reviewed_on=TODAY() + DAY, by=reviewer)
    assert "复核日期不能晚于今天" in exc.value.message_dict["reviewed_on"][0]


def test_the_database_refuses_a_review_by_the_filer_or_without_a_visit(new_file, filer, reviewer):
    with pytest.raises(IntegrityError, match="hardshipfile_review_needs_visit"), transaction.atomic():
        HardshipFile.objects.filter(pk=new_file.pk).update(
            state=FileState.NOTICE, reviewed_by=reviewer, reviewed_on=TODAY(), notice_until=TODAY()
        )
    visit(new_file, filer)
    with pytest.raises(IntegrityError, match="hardshipfile_second_person_reviews"), transaction.atomic():
        HardshipFile.objects.filter(pk=new_file.pk).update(
            state=FileState.NOTICE, reviewed_by=filer, reviewed_on=TODAY(), notice_until=TODAY()
        )


# -- the notice ----------------------------------------------------------------------------


def test_a_review_puts_the_file_on_notice_for_the_configured_days(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 5
    visit(new_file, filer)
    file = file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    assert file.state == FileState.NOTICE
    assert (file.reviewed_by, file.reviewed_on, file.notice_until) == (reviewer, TODAY(), TODAY() + 4 * DAY)
    assert file.verified_on is None


def test_a_file_on_notice_cannot_be_paid(new_file, filer, reviewer, tree):
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    program = make_program(ProgramKind.OTHER, year=TODAY().year, org=tree.city)
    with pytest.raises(ValidationError, match=re.escape("尚未认定(公示中)")):
        payment_make(
            program=program, number="GS1", person=new_file.person, cash=Decimal("100"), paid_on=TODAY()
        )


def test_the_notice_ends_without_objection_in_verified_on_its_last_day(
    new_file, filer, reviewer, settings, tree
):
    settings.RELIEF_NOTICE_DAYS = 5
    visit(new_file, filer)
    reviewed = TODAY() - 6 * DAY  # the notice ran to TODAY() - 2 days
    file = file_verify(file=new_file, reviewed_on=reviewed, by=reviewer)
    # Dated back past its notice, the review is settled at once.
    assert file.state == FileState.VERIFIED and file.verified_on == reviewed + 4 * DAY
    assert actions(file)[-2:] == [("复核通过,进入公示", ""), ("公示期满认定", "公示期满无异议")]
    program = make_program(ProgramKind.OTHER, year=TODAY().year, org=tree.city)
    if file.verified_on.year == TODAY().year:
        payment = payment_make(
            program=program, number="GS2", person=file.person, cash=Decimal("100"), paid_on=file.verified_on
        )
        assert payment.file_id == file.pk


def test_notices_settle_lazily_and_by_the_beat_task(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 3
    visit(new_file, filer)
    file = file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    assert file.state == FileState.NOTICE
    assert notices_settle() == 0  # the notice runs through TODAY() + 2 days
    assert notices_settle(on=TODAY() + 3 * DAY) == 1
    file.refresh_from_db()
    assert file.state == FileState.VERIFIED and file.verified_on == TODAY() + 2 * DAY
    # The beat task is the same settle (nothing left to do).
    assert settle_notices() == 0


def test_the_beat_schedule_holds_the_areas_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["relief-settle-notices"]
    assert entry["task"] == "relief.tasks.settle_notices"


def test_an_ended_but_unsettled_notice_counts_as_verified_in_the_report(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 2
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY() - 3 * DAY, by=reviewer)  # settled at once
    HardshipFile.objects.filter(pk=new_file.pk).update(
        state=FileState.NOTICE, verified_on=None
    )  # as if not yet
    figures = relief_figures(org=new_file.organization, year=TODAY().year, as_of=TODAY())
    notices_settle()
    assert relief_figures(org=new_file.organization, year=TODAY().year, as_of=TODAY()) == figures
    new_file.refresh_from_db()
    assert new_file.state == FileState.VERIFIED


def test_without_notice_the_file_is_verified_on_the_review_day(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 0
    visit(new_file, filer)
    file = file_verify(file=new_file, reviewed_on=TODAY() - DAY, by=reviewer)
    assert file.state == FileState.VERIFIED and file.verified_on == TODAY() - DAY
    assert file.notice_until is None


def test_an_objection_sends_the_file_back_with_the_reason_in_its_history(new_file, filer, reviewer):
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    with pytest.raises(ValidationError) as exc:
        file_object(file=new_file, reason="  ", by=filer)
    assert "请填写异议内容" in exc.value.message_dict["reason"][0]
    file = file_object(file=new_file, reason="邻居反映其有经营收入", by=filer)
    assert file.state == FileState.PENDING and file.reviewed_by is None and file.notice_until is None
    events = history(file, ("state",))
    assert events[-1]["action"] == "公示异议" and events[-1]["reason"] == "邻居反映其有经营收入"
    assert events[-1]["user"] == filer


def test_an_objection_after_the_notice_ended_is_refused(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 1
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY() - DAY, by=reviewer)
    with pytest.raises(ValidationError, match="只有公示中的档案可以登记异议"):
        file_object(file=new_file, reason="迟到的异议", by=filer)


def test_facts_cannot_change_during_the_notice(new_file, filer, reviewer):
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    new_file.refresh_from_db()
    new_file.income_per_head = Decimal("100")
    with pytest.raises(ValidationError, match="公示中"):
        file_update(file=new_file, by=filer)


# -- the certification date ---------------------------------------------------------------


def test_a_reviewer_corrects_the_certification_date_with_a_reason(new_file, filer, reviewer, settings):
    settings.RELIEF_NOTICE_DAYS = 0
    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY() - 2 * DAY, by=reviewer)
    with pytest.raises(ValidationError, match="建档人或最后修改家庭情况的人不能更正认定日期"):
        file_correct_verified_on(file=new_file, verified_on=TODAY() - 3 * DAY, reason="笔误", by=filer)
    with pytest.raises(ValidationError) as exc:
        file_correct_verified_on(file=new_file, verified_on=TODAY() - 3 * DAY, reason="", by=reviewer)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        file_correct_verified_on(file=new_file, verified_on=TODAY() + DAY, reason="笔误", by=reviewer)
    assert "认定日期不能晚于今天" in exc.value.message_dict["verified_on"][0]
    file = file_correct_verified_on(
        file=new_file, verified_on=TODAY() - 3 * DAY, reason="纸质档案为前一日", by=reviewer
    )
    assert file.verified_on == TODAY() - 3 * DAY
    event = history(file, ("verified_on",))[-1]
    assert event["action"] == "更正认定日期" and event["reason"] == "纸质档案为前一日"


def test_a_correction_may_not_leave_a_payment_outside_the_verified_period(relief, reviewer):
    relief.pay("GS3")
    with pytest.raises(ValidationError) as exc:
        file_correct_verified_on(file=relief.cz_file, verified_on=D(2018, 2, 2), reason="更正", by=reviewer)
    assert "GS3" in exc.value.message_dict["verified_on"][0]


# -- imports keep the earlier system's review -----------------------------------------------


def test_imported_verified_files_keep_their_dates(relief):
    # tests/relief/conftest.make_file writes a 已认定 file as an import does: no visit, no review.
    assert relief.cz_file.state == FileState.VERIFIED and relief.cz_file.verified_on == D(2018, 1, 10)
    assert notices_settle() == 0
    relief.cz_file.refresh_from_db()
    assert relief.cz_file.verified_on == D(2018, 1, 10)


# -- pages ---------------------------------------------------------------------------------


def test_the_journey_through_the_pages(new_file, filer, reviewer, client_for, settings):
    settings.RELIEF_NOTICE_DAYS = 5
    page = reverse("relief:file", args=[new_file.pk])
    as_filer, as_reviewer = client_for(filer), client_for(reviewer)
    # No visit: the review says why, beside nothing to click.
    assert "尚未登记入户核查" in as_reviewer.get(page).content.decode()
    bad = as_filer.post(
        reverse("relief:file_visit", args=[new_file.pk]),
        {"visited_on": "", "visitors": "张三", "finding": "属实"},
    )
    assert bad.status_code == 400 and "visited_on" in bad.context["visit_form"].errors
    ok = as_filer.post(
        reverse("relief:file_visit", args=[new_file.pk]),
        {"visited_on": (TODAY() - DAY).isoformat(), "visitors": "张三", "finding": "属实"},
    )
    assert ok.status_code == 302
    # The filer is told to ask a second person.
    assert "须由另一名工作人员复核认定" in as_filer.get(page).content.decode()
    refused = as_filer.post(
        reverse("relief:file_verify", args=[new_file.pk]), {"reviewed_on": TODAY().isoformat()}
    )
    assert refused.status_code == 400
    assert "您是该档案的建档人" in str(refused.context["verify_form"].non_field_errors())
    done = as_reviewer.post(
        reverse("relief:file_verify", args=[new_file.pk]), {"reviewed_on": TODAY().isoformat()}
    )
    assert done.status_code == 302
    body = as_filer.get(page).content.decode()
    assert "公示中" in body and (TODAY() + 4 * DAY).isoformat() in body
    objected = as_filer.post(reverse("relief:file_object", args=[new_file.pk]), {"reason": ""})
    assert objected.status_code == 400 and "reason" in objected.context["objection_form"].errors


def test_the_pending_work_lists_follow_the_file(new_file, filer, reviewer, yf_user, client_for):
    def titles(user):
        return {g.title: g.count for g in pending_work(user)}

    assert titles(filer)["待核查"] == 1 and titles(filer)["待复核"] == 0
    assert titles(yf_user) == {"待核查": 0, "待复核": 0, "公示中": 0}  # another district's file
    visit(new_file, filer)
    assert titles(filer)["待核查"] == 0
    assert titles(filer)["待复核"] == 0  # their own file: a second person reviews it
    assert titles(reviewer)["待复核"] == 1
    file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    assert titles(reviewer)["公示中"] == 1 and titles(reviewer)["待复核"] == 0
    home = client_for(reviewer).get(reverse("home")).content.decode()
    assert "公示中" in home and reverse("relief:file", args=[new_file.pk]) in home
    assert new_file.person.id_number not in home
    assert (
        reverse("relief:file", args=[new_file.pk])
        not in client_for(yf_user).get(reverse("home")).content.decode()
    )


# -- imports of files under review, and other subtrees --------------------------------------


def _file_row(file, state="待认定", household="3"):
    p = file.person
    return [
        p.name,
        p.id_number,
        "",
        "在职",
        "因病",
        household,
        "700",
        "LZ-CZ",
        file.filed_on.isoformat(),
        state,
        "",
        "",
    ]


def test_an_import_may_not_move_a_file_on_notice_nor_change_its_facts(
    new_file, filer, reviewer, tree, tmp_path
):
    from tests.relief.test_imports import FILE_HEADER, do_import, problems, write_csv

    visit(new_file, filer)
    file_verify(file=new_file, reviewed_on=TODAY(), by=reviewer)
    same = do_import(
        "relief_files", write_csv(tmp_path / "same.csv", [FILE_HEADER, _file_row(new_file)]), tree.cz
    )
    assert not problems(same)  # exported as 待认定, read back unchanged: still on notice
    moved = do_import(
        "relief_files",
        write_csv(tmp_path / "moved.csv", [FILE_HEADER, _file_row(new_file, state="不予认定")]),
        tree.cz,
    )
    assert any("认定状态" in p and "公示中" in p for p in problems(moved))
    facts = do_import(
        "relief_files",
        write_csv(tmp_path / "facts.csv", [FILE_HEADER, _file_row(new_file, household="5")]),
        tree.cz,
    )
    assert any("公示中" in p for p in problems(facts))
    new_file.refresh_from_db()
    assert new_file.state == FileState.NOTICE and new_file.household_size == 3


def test_another_district_and_an_official_cannot_visit_review_object_or_correct(
    new_file, filer, yf_user, tree, make_user, client_for
):
    from unionhub.orgs.roles import OFFICIAL

    official = client_for(make_user(tree.cz, OFFICIAL))
    sibling = client_for(yf_user)
    data = {
        "visited_on": TODAY().isoformat(),
        "visitors": "外区",
        "finding": "伪造",
        "reviewed_on": TODAY().isoformat(),
    }
    for name in (
        "relief:file_visit",
        "relief:file_verify",
        "relief:file_object",
        "relief:file_correct_verified_on",
    ):
        url = reverse(name, args=[new_file.pk])
        assert sibling.post(url, {**data, "reason": "x"}).status_code == 404, name
        assert official.post(url, {**data, "reason": "x"}).status_code == 403, name
    assert not HomeVisit.objects.exists()
    new_file.refresh_from_db()
    assert new_file.state == FileState.PENDING
